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
    let plot = TracePlot(series: [Samples.voltages(25, steps: 10)], maxNeurons: 6)
    let lines = plot.lines(plot.series[0], limit: 6)
    #expect(lines.lines.map(\.label) == (0..<5).map { "neuron \($0)" } + ["mean of 25"])
    #expect(lines.note == "first 5 of 25 neurons, and their mean")
    let row = plot.series[0].values[3]
    #expect(abs(lines.lines[5].values[3] - row.reduce(0, +) / 25) < 1e-9)
    let few = TracePlot(series: [Samples.voltages(6, steps: 10)], maxNeurons: 6)
    #expect(few.lines(few.series[0], limit: 6).lines.count == 6)
    #expect(few.lines(few.series[0], limit: 6).note == "6 neurons")
    let meanOnly = plot.lines(plot.series[0], limit: 1)
    #expect(meanOnly.lines.map(\.label) == ["mean of 25"])
    #expect(meanOnly.note == "mean of 25 neurons")
  }

  @Test func rangesHandleConstantAndMissingValues() {
    func range(_ values: [Double]) -> (Double, Double) {
      TracePlot.valueRange(
        .init(lines: [.init(label: "a", color: .black, width: 1, values: values)], note: ""))
    }
    #expect(range([5, 5, 5]) == (4.5, 5.5))
    #expect(range([0, 0]) == (-1, 1))
    #expect(range([.nan, .infinity]) == (0, 1))
    #expect(range([0, .nan, 10]) == (-0.5, 10.5))
  }

  /// Without a height, the picture is as tall as its panels need: one panel per neuron.
  @Test func heightGrowsWithPanels() throws {
    let one = TracePlot(series: [Samples.voltages(2, steps: 5)])
    var two = one
    two.series.append(one.series[0])
    let (first, second) = (one.layout(), two.layout())
    #expect(first.groups.map(\.lines.count) == [2])
    #expect(first.panelHeight == first.preferredPanel)
    #expect(
      Double(second.height - first.height)
        == first.headerHeight + first.groupGap + first.panelGap + 2 * first.preferredPanel)
    #expect(try two.png().starts(with: PNGEncoder.signature))
  }

  /// However many variables are recorded, the picture stays within the renderer's limit,
  /// drawing the first panels that fit and saying so.
  @Test func manyVariablesStayWithinTheLimit() throws {
    let series = (0..<400).map {
      TracePlot.Series(population: "P", variable: "v\($0)", times: [0, 1], values: [[0], [1]])
    }
    let plot = TracePlot(series: series, duration: 1)
    let layout = plot.layout()
    #expect(layout.height == PlotError.maxDimension)
    #expect(layout.groups.count >= 150 && layout.groups.count < 400)
    #expect(layout.panelHeight >= layout.minimumPanel)
    let caption = plot.drawing().texts[1].string
    #expect(caption.contains("\(400 - layout.groups.count) not shown"), "\(caption)")
    let few = TracePlot(series: Array(series.prefix(3)), duration: 1)
    #expect(few.layout().groups.count == 3)
  }

  /// A fixed height shows fewer neurons per series before it leaves series out.
  @Test func aSmallPictureShowsFewerNeuronsFirst() {
    let plot = TracePlot(
      series: [Samples.voltages(6, steps: 20), Samples.voltages(40, steps: 20)], width: 800,
      height: 480)
    let layout = plot.layout()
    #expect(layout.groups.count == 2)
    #expect(layout.groups.map(\.lines.count).allSatisfy { $0 < 6 })
    #expect(layout.groups[1].lines.last?.label == "mean of 40")
    #expect(layout.panelHeight >= layout.minimumPanel)
  }
}
