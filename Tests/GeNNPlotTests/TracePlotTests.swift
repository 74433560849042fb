import Testing

@testable import GeNNPlot

/// How traces become lines.
@Suite struct TracePlotTests {
  static let xAxis = Axis(lower: 0, upper: 10, start: 0, end: 100)
  static let yAxis = Axis(lower: 0, upper: 1, start: 100, end: 0)

  @Test func nonFiniteValuesBreakTheLine() {
    let runs = TracePlot.runs(
      [0, 1, 2, 3, 4, 5, 6], [0, 0.5, .nan, 1, .infinity, 0.25, 0.5], xAxis: Self.xAxis,
      yAxis: Self.yAxis)
    #expect(runs.map(\.count) == [2, 1, 2])
    #expect(runs[0][1] == Point(10, 50))
  }

  @Test func samplesOutsideTheTimeAxisAreLeftOut() {
    let runs = TracePlot.runs([-1, 0, 10, 11], [0, 0, 1, 1], xAxis: Self.xAxis, yAxis: Self.yAxis)
    #expect(runs.map(\.count) == [2])
  }

  @Test func denseRunsKeepTheirExtremes() {
    let points: [Point] = (0..<10_000).map { (index: Int) -> Point in
      let y: Double = index % 7 == 0 ? 90 : 10 + Double(index % 5)
      return Point(Double(index) / 100, y)
    }
    let thinned = TracePlot.thinned(points)
    #expect(thinned.count <= 4 * 100)
    #expect(thinned.first == points.first && thinned.last == points.last)
    let ys = thinned.map { $0.y }
    #expect(ys.max() == 90 && ys.min() == 10)
    #expect(zip(thinned, thinned.dropFirst()).allSatisfy { $0.x <= $1.x })
    let sparse = [Point(0, 0), Point(50, 1)]
    #expect(TracePlot.thinned(sparse) == sparse)
  }

  @Test func manyNeuronsDrawTheFirstFewAndTheMean() {
    let plot = TracePlot(series: [Samples.voltages(25, steps: 10)], maxLines: 6)
    let lines = plot.lines(plot.series[0])
    #expect(lines.lines.map(\.label) == (0..<4).map { "neuron \($0)" } + ["mean of 25"])
    #expect(lines.note == "first 4 of 25 neurons, and their mean")
    let row = plot.series[0].values[3]
    #expect(abs(lines.lines[4].values[3] - row.reduce(0, +) / 25) < 1e-9)
    let few = TracePlot(series: [Samples.voltages(6, steps: 10)], maxLines: 6)
    #expect(few.lines(few.series[0]).lines.count == 6)
    #expect(few.lines(few.series[0]).note == "6 neurons")
  }

  @Test func rangesHandleConstantAndMissingValues() {
    func range(_ values: [Double]) -> (Double, Double) {
      TracePlot.valueRange(.init(lines: [("a", .black, 1, values)], note: ""))
    }
    #expect(range([5, 5, 5]) == (4.5, 5.5))
    #expect(range([0, 0]) == (-1, 1))
    #expect(range([.nan, .infinity]) == (0, 1))
    #expect(range([0, .nan, 10]) == (-0.5, 10.5))
  }

  @Test func heightGrowsWithPanels() {
    let one = TracePlot(series: [Samples.voltages(2, steps: 5)], panelHeight: 200)
    var two = one
    two.series.append(one.series[0])
    #expect(two.height - one.height == 200 + Int(TracePlot.headerHeight + TracePlot.panelGap))
    _ = try? two.png()
  }

  /// However many variables are recorded, the picture stays within the renderer's limit,
  /// drawing the first panels that fit and saying so.
  @Test func manyVariablesStayWithinTheLimit() throws {
    let series = (0..<200).map {
      TracePlot.Series(population: "P", variable: "v\($0)", times: [0, 1], values: [[0], [1]])
    }
    let plot = TracePlot(series: series, duration: 1)
    #expect(plot.height <= PlotError.maxDimension)
    #expect(plot.series.count == TracePlot.maximumPanels(panelHeight: 220))
    #expect(plot.series.count >= 60 && plot.series.count < 200)
    #expect(plot.title.contains("the first \(plot.series.count) of 200"))
    let few = TracePlot(series: Array(series.prefix(3)), duration: 1)
    #expect(few.series.count == 3 && !few.title.contains("the first"))
  }
}
