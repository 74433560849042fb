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
    #expect(Axis.labels(ticks) == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
  }

  @Test func labelsShareTheirDecimals() {
    #expect(Axis.labels([0, 0.5, 1, 1.5]) == ["0.0", "0.5", "1.0", "1.5"])
    #expect(Axis.labels([-70, -65, -60]) == ["-70", "-65", "-60"])
    #expect(Axis.labels([0, 0.05, 0.1]) == ["0.00", "0.05", "0.10"])
    #expect(Axis.labels([-0.0000000001, 1]) == ["0", "1"])
    #expect(Axis.labels([0, 2e6, 4e6]) == ["0", "2e+06", "4e+06"])
    #expect(Axis.labels([]) == [])
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
