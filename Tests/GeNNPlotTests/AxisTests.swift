import Testing

@testable import GeNNPlot

/// Nice tick steps and labels.
@Suite struct AxisTests {
  @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
    #expect(Axis.niceStep(lower: 0, upper: 1000, count: 10) == 100)
    #expect(Axis.niceStep(lower: 0, upper: 1000, count: 4) == 500)
    #expect(Axis.niceStep(lower: 0, upper: 1000, count: 6) == 200)
    #expect(Axis.niceStep(lower: -65, upper: -50, count: 4) == 5)
    #expect(Axis.niceStep(lower: 0, upper: 0.3, count: 5) == 0.1)
    #expect(Axis.niceStep(lower: 0, upper: 99_999, count: 5) == 20_000)
    #expect(Axis.niceStep(lower: 3, upper: 3, count: 5) == 1)
  }

  @Test func ticksCoverTheRange() {
    #expect(
      Axis.niceTicks(lower: 0, upper: 1000, count: 10)
        == stride(from: 0.0, through: 1000, by: 100).map { $0 })
    #expect(Axis.niceTicks(lower: -66.2, upper: -49.1, count: 4) == [-65, -60, -55, -50])
    #expect(
      Axis.niceTicks(lower: -0.66, upper: 0.66, count: 7) == [-0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6])
    #expect(Axis.niceTicks(lower: 7, upper: 7, count: 5) == [7])
    #expect(Axis.niceTicks(lower: .nan, upper: 1, count: 5).isEmpty)
  }

  @Test func ticksStayClearOfRoundingNoise() {
    let ticks = Axis.niceTicks(lower: 0, upper: 0.7, count: 7)
    #expect(ticks.count == 8)
    #expect(Axis.labels(ticks).labels == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
  }

  @Test func labelsShareTheirDecimals() {
    func labels(_ ticks: [Double]) -> [String] { Axis.labels(ticks).labels }
    #expect(labels([0, 0.5, 1, 1.5]) == ["0.0", "0.5", "1.0", "1.5"])
    #expect(labels([-70, -65, -60]) == ["-70", "-65", "-60"])
    #expect(labels([0, 0.05, 0.1]) == ["0.00", "0.05", "0.10"])
    #expect(labels([-0.0000000001, 1]) == ["0", "1"])
    #expect(labels([0, 200_000, 400_000]) == ["0", "200000", "400000"])
    #expect(labels([0.25]) == ["0.25"])
    #expect(labels([]) == [])
  }

  /// Large and tiny values count in a power of ten the axis title states, never in a
  /// mix of `1e+06` and plain numbers.
  @Test func labelsAreInOneNotation() {
    let millions = Axis.labels([0, 5e5, 1e6, 1.5e6])
    #expect(millions.labels == ["0.0", "0.5", "1.0", "1.5"] && millions.exponent == 6)
    let tiny = Axis.labels([0, 2e-5, 4e-5])
    #expect(tiny.labels == ["0", "20", "40"] && tiny.exponent == -6)
    let plain = Axis.labels([1.00001, 1.00002])
    #expect(plain.labels == ["1.00001", "1.00002"] && plain.exponent == 0)
    for ticks in [[0, 2e6, 4e6], [-3e-4, 0, 3e-4], [1e9, 2e9], [0, 250, 500, 750, 1000]] {
      let labels = Axis.labels(ticks).labels
      #expect(!labels.contains { $0.contains("e") }, "\(labels)")
      let decimals = labels.map { $0.contains(".") ? $0.split(separator: ".")[1].count : 0 }
      #expect(Set(decimals).count == 1, "\(labels)")
    }
    #expect(ChartStyle.axisTitle("g", unit: "uS", exponent: -3) == "g (1e-3 uS)")
    #expect(ChartStyle.axisTitle("V", unit: "mV", exponent: 0) == "V (mV)")
    #expect(ChartStyle.axisTitle("m", unit: "1", exponent: 0) == "m")
    #expect(ChartStyle.axisTitle("x", unit: nil, exponent: 6) == "x (1e6)")
  }

  @Test func positionsMapLinearly() {
    let axis = Axis(lower: 0, upper: 100, start: 500, end: 100)
    #expect(axis.position(0) == 500)
    #expect(axis.position(50) == 300)
    #expect(axis.position(100) == 100)
    #expect(axis.ticks(pixelsPerTick: 80) == [0, 20, 40, 60, 80, 100])
  }

  @Test func fontCoversPrintableASCII() {
    #expect(BitmapFont.glyphs.count == 95)
    #expect(
      BitmapFont.glyphs.allSatisfy { $0.count == BitmapFont.rows && $0.allSatisfy { $0 < 32 } })
    #expect(BitmapFont.glyph(" ").allSatisfy { $0 == 0 })
    #expect(BitmapFont.glyph("é") == BitmapFont.glyph("?"))
    #expect(BitmapFont.width(of: "neuron", size: 16) == 70)
  }
}
