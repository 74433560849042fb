import Testing

@testable import GeNNModel

@Suite struct PrecisionTests {
  @Test func precisionNamesItsNumericType() {
    #expect(Precision.float.numericType == .float)
    #expect(Precision.double.numericType == .double)
  }
}
