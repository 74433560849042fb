import Foundation

/// Recorded variables over time: one panel per (population, variable) series, stacked
/// on a shared time axis, one line per recorded neuron.
///
/// A panel draws up to `maxLines` neurons, each in its own colour with a legend entry.
/// A series with more neurons draws its first `maxLines - 2` and, in black, the mean
/// over all of them at each time, and says so above the panel. NaN and infinite values
/// break a line rather than being drawn. A line with more points than three per pixel
/// column is thinned to the first, lowest, highest and last point of each column, which
/// draws the same picture.
public struct TracePlot: Hashable, Sendable {
  /// One variable of one population, sampled at the same times for every neuron.
  public struct Series: Hashable, Sendable {
    public var population: String
    public var variable: String
    /// The sample times, in ms, increasing.
    public var times: [Double]
    /// The samples: `values[step][neuron]`, one row per time.
    public var values: [[Double]]
    /// The id of each column's neuron, for the legend; `nil` for 0, 1, 2, ...
    public var neurons: [Int]?
    /// What a column is, for the legend and header: `neuron` by default, `synapse` for
    /// a synapse population's variable.
    public var unit: String

    public init(
      population: String, variable: String, times: [Double], values: [[Double]],
      neurons: [Int]? = nil, unit: String = "neuron"
    ) {
      self.population = population
      self.variable = variable
      self.times = times
      self.values = values
      self.neurons = neurons
      self.unit = unit
    }

    /// The number of neurons (columns).
    public var neuronCount: Int { values.map(\.count).max() ?? 0 }
  }

  public var series: [Series]
  /// The end of the time axis in ms; `nil` for the last sample time.
  public var duration: Double?
  public var title: String
  /// The picture's width in pixels; its height follows from the panels.
  public var width: Int
  /// The height of each panel's plot area, in pixels.
  public var panelHeight: Int
  /// The most lines a panel draws one per neuron.
  public var maxLines: Int

  /// Creates a plot of one panel per series. Where that many panels would make the
  /// picture taller than ``PlotError/maxDimension``, it draws the first series that fit
  /// and its title says how many are left out.
  public init(
    series: [Series], duration: Double? = nil, title: String = "Recorded variables",
    width: Int = 1200, panelHeight: Int = 220, maxLines: Int = 10
  ) {
    let fitting = Self.maximumPanels(panelHeight: panelHeight)
    self.series = Array(series.prefix(fitting))
    self.duration = duration
    self.title =
      series.count > fitting
      ? title + " (the first \(fitting) of \(series.count); the picture holds no more)" : title
    self.width = width
    self.panelHeight = panelHeight
    self.maxLines = maxLines
  }

  /// The plot as an SVG document.
  public func svg() -> String { drawing().svg() }

  /// The plot as a PNG file.
  public func png() throws(PlotError) -> [UInt8] { try drawing().png() }

  static let top = 88.0
  static let headerHeight = 34.0
  static let panelGap = 14.0
  static let bottom = 64.0
  static let legendLine = 20.0

  /// The most panels of `panelHeight` pixels a picture within ``PlotError/maxDimension``
  /// holds (at least 1).
  public static func maximumPanels(panelHeight: Int) -> Int {
    let room = Double(PlotError.maxDimension) - top - bottom + panelGap
    return max(1, Int(room / (headerHeight + Double(panelHeight) + panelGap)))
  }

  /// The picture's height in pixels.
  public var height: Int {
    let panels = Double(max(1, series.count))
    return Int(
      Self.top + panels * (Self.headerHeight + Double(panelHeight)) + (panels - 1) * Self.panelGap
        + Self.bottom)
  }

  private var xUpper: Double {
    if let duration, duration > 0, duration.isFinite { return duration }
    let last = series.flatMap(\.times).filter(\.isFinite).max() ?? 0
    return last > 0 ? last : 1
  }

  /// What one panel draws: lines with their legend labels, and the note above it.
  struct Lines {
    var lines: [(label: String, color: Color, width: Double, values: [Double])] = []
    var note: String
  }

  func lines(_ series: Series) -> Lines {
    let count = series.neuronCount
    func column(_ index: Int) -> [Double] {
      series.values.map { index < $0.count ? $0[index] : .nan }
    }
    func label(_ index: Int) -> String {
      "\(series.unit) \(series.neurons.flatMap { index < $0.count ? $0[index] : nil } ?? index)"
    }
    let shown = count <= maxLines ? count : max(1, maxLines - 2)
    var result = Lines(
      note: count <= maxLines
        ? ChartStyle.count(count, series.unit)
        : "first \(shown) of \(ChartStyle.count(count)) \(series.unit)s, and their mean")
    for index in 0..<shown {
      result.lines.append((label(index), Palette.color(index), 1.5, column(index)))
    }
    if count > maxLines {
      let means = series.values.map { row -> Double in
        let finite = row.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
      }
      result.lines.append(("mean of \(ChartStyle.count(count))", .ink, 2.5, means))
    }
    return result
  }

  /// The value range a panel shows: its lines' finite values, padded by 5%; a constant
  /// series gets a range around its value.
  static func valueRange(_ lines: Lines) -> (Double, Double) {
    var (low, high) = (Double.infinity, -Double.infinity)
    for line in lines.lines {
      for value in line.values where value.isFinite {
        low = min(low, value)
        high = max(high, value)
      }
    }
    guard low <= high else { return (0, 1) }
    if low == high {
      let pad = low == 0 ? 1 : abs(low) * 0.1
      return (low - pad, high + pad)
    }
    let pad = (high - low) * 0.05
    return (low - pad, high + pad)
  }

  /// The plot as drawing primitives.
  public func drawing() -> Drawing {
    let style = ChartStyle.self
    var drawing = Drawing(width: width, height: height)
    let panels = series.map { lines($0) }
    let ranges = panels.map { Self.valueRange($0) }
    let tickCap = style.capHeight(style.tickSize)

    var yAxes: [(axis: Axis, ticks: [Double], labels: [String])] = []
    var top = Self.top
    for range in ranges {
      let plotTop = top + Self.headerHeight
      let plotBottom = plotTop + Double(panelHeight)
      let axis = Axis(lower: range.0, upper: range.1, start: plotBottom, end: plotTop)
      let ticks = axis.ticks(pixelsPerTick: 44)
      yAxes.append((axis, ticks, Axis.labels(ticks)))
      top = plotBottom + Self.panelGap
    }
    let tickLabelWidth =
      yAxes.flatMap(\.labels).map { BitmapFont.width(of: $0, size: style.tickSize) }.max() ?? 0
    let legendWidth =
      panels.flatMap(\.lines).map { BitmapFont.width(of: $0.label, size: style.noteSize) }.max()
      ?? 0
    let yTitleX = style.outerMargin + style.capHeight(style.labelSize)
    let plotLeft = (yTitleX + 14 + tickLabelWidth + style.tickGap + style.tickLength).rounded()
    let plotRight =
      (Double(width) - style.outerMargin - (legendWidth > 0 ? legendWidth + 44 : 0)).rounded()
    let xAxis = Axis(lower: 0, upper: xUpper, start: plotLeft, end: plotRight)
    let (xTicks, xLabels) = style.timeTicks(xAxis)

    drawing.text(
      Text(
        title, at: Point(plotLeft, style.outerMargin + style.capHeight(style.titleSize)),
        size: style.titleSize, bold: true))
    drawing.text(
      Text(
        "\(style.count(series.count, "recorded variable")) over \(style.short(xUpper)) ms",
        at: Point(plotLeft, 70), size: style.noteSize, color: .mutedInk))

    var plotBottom = Self.top + Self.headerHeight + Double(panelHeight)
    for (index, series) in self.series.enumerated() {
      let plotTop = plotBottom - Double(panelHeight)
      let (axis, ticks, labels) = yAxes[index]
      let panel = panels[index]
      drawing.text(
        Text(
          "\(series.population): \(series.variable)",
          at: Point(plotLeft, plotTop - 12), size: style.labelSize, bold: true))
      drawing.text(
        Text(
          panel.note, at: Point(plotRight, plotTop - 12), size: style.noteSize,
          color: .mutedInk, anchor: .end))
      // Grid, then lines, then axes over them.
      for tick in xTicks {
        let x = style.crisp(xAxis.position(tick))
        drawing.line(Point(x, plotTop), Point(x, plotBottom), style.gridStroke)
      }
      for tick in ticks {
        let y = style.crisp(axis.position(tick))
        drawing.line(Point(plotLeft, y), Point(plotRight, y), style.gridStroke)
      }
      let hasFinite = panel.lines.contains { $0.values.contains(where: \.isFinite) }
      for line in panel.lines {
        for run in Self.runs(series.times, line.values, xAxis: xAxis, yAxis: axis) {
          if run.count == 1 {
            drawing.add(.circle(center: run[0], radius: line.width + 0.5, fill: line.color))
          } else {
            drawing.add(.polyline(run, stroke: Stroke(line.color, width: line.width)))
          }
        }
      }
      if !hasFinite {
        drawing.text(
          Text(
            series.times.isEmpty ? "no samples" : "no finite values",
            at: Point((plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2),
            size: style.labelSize, color: .mutedInk, anchor: .middle))
      }
      let axisX = plotLeft - 0.5
      let axisY = plotBottom.rounded() + 0.5
      drawing.line(Point(axisX, plotTop), Point(axisX, axisY), style.axisStroke)
      drawing.line(Point(axisX, axisY), Point(plotRight, axisY), style.axisStroke)
      for (tick, label) in zip(ticks, labels) {
        let y = style.crisp(axis.position(tick))
        drawing.line(Point(axisX - style.tickLength, y), Point(axisX, y), style.axisStroke)
        drawing.text(
          Text(
            label, at: Point(axisX - style.tickLength - style.tickGap, y + tickCap / 2),
            size: style.tickSize, anchor: .end))
      }
      for tick in xTicks {
        let x = style.crisp(xAxis.position(tick))
        drawing.line(Point(x, axisY), Point(x, axisY + style.tickLength), style.axisStroke)
      }
      drawing.text(
        Text(
          series.variable, at: Point(yTitleX, (plotTop + plotBottom) / 2),
          size: style.labelSize, anchor: .middle, vertical: true))
      // Legend, as many entries as fit beside the panel.
      let fitting = min(panel.lines.count, Int(Double(panelHeight) / Self.legendLine))
      for (entry, line) in panel.lines.prefix(fitting).enumerated() {
        let y = plotTop + 8 + Double(entry) * Self.legendLine
        drawing.line(
          Point(plotRight + 14, y), Point(plotRight + 34, y),
          Stroke(line.color, width: line.width + 1))
        drawing.text(
          Text(
            line.label, at: Point(plotRight + 40, y + style.capHeight(style.noteSize) / 2),
            size: style.noteSize))
      }
      if index == self.series.count - 1 {
        for (tick, label) in zip(xTicks, xLabels) {
          drawing.text(
            Text(
              label,
              at: Point(
                style.crisp(xAxis.position(tick)),
                axisY + style.tickLength + style.tickGap + tickCap),
              size: style.tickSize, anchor: .middle))
        }
      }
      plotBottom += Self.panelGap + Self.headerHeight + Double(panelHeight)
    }
    if series.isEmpty {
      drawing.text(
        Text(
          "no recorded variables",
          at: Point(
            (plotLeft + plotRight) / 2, Self.top + Self.headerHeight + Double(panelHeight) / 2),
          size: style.labelSize, color: .mutedInk, anchor: .middle))
    }
    drawing.text(
      Text(
        "time (ms)", at: Point((plotLeft + plotRight) / 2, Double(height) - style.outerMargin),
        size: style.labelSize, anchor: .middle))
    return drawing
  }

  /// The line through the finite samples within the time axis, as unbroken runs of
  /// points, each thinned to at most four points per pixel column.
  static func runs(_ times: [Double], _ values: [Double], xAxis: Axis, yAxis: Axis) -> [[Point]] {
    var runs: [[Point]] = []
    var current: [Point] = []
    for (time, value) in zip(times, values) {
      if time.isFinite, value.isFinite, time >= xAxis.lower, time <= xAxis.upper {
        current.append(Point(xAxis.position(time), yAxis.position(value)))
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs.map(thinned)
  }

  /// The first, lowest, highest and last point of each pixel column, in order, when the
  /// run has more than three points per column on average.
  static func thinned(_ points: [Point]) -> [Point] {
    guard let first = points.first, let last = points.last,
      Double(points.count) > 3 * max(1, last.x - first.x)
    else { return points }
    var result: [Point] = []
    var start = 0
    while start < points.count {
      let column = points[start].x.rounded(.down)
      var end = start
      var (low, high) = (start, start)
      while end < points.count && points[end].x.rounded(.down) == column {
        if points[end].y < points[low].y { low = end }
        if points[end].y > points[high].y { high = end }
        end += 1
      }
      for index in Set([start, low, high, end - 1]).sorted() { result.append(points[index]) }
      start = end
    }
    return result
  }
}
