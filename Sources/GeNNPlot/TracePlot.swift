import Foundation

/// Recorded variables over time, on a shared time axis: one group of panels per
/// (population, variable) series, headed by the population and the variable with its
/// unit, and in the group one small panel per recorded neuron, all on the same value
/// axis, each labelled with its neuron.
///
/// A series of more than `maxNeurons` neurons shows its first `maxNeurons - 1` and the
/// mean over all of them, and its header says so. Where the picture's height does not
/// hold every panel at a readable size, series show fewer neurons (down to their mean
/// alone), then the last series are left out, and the caption says how many. NaN and
/// infinite values break a line rather than being drawn. A line with more points than
/// three per pixel column is thinned to the first, lowest, highest and last point of each
/// column, which draws the same picture.
public struct TracePlot: Hashable, Sendable {
  /// One variable of one population, sampled at the same times for every neuron.
  public struct Series: Hashable, Sendable {
    public var population: String
    public var variable: String
    /// The sample times, in ms, increasing.
    public var times: [Double]
    /// The samples: `values[step][neuron]`, one row per time.
    public var values: [[Double]]
    /// The id of each column's neuron, for the labels; `nil` for 0, 1, 2, ...
    public var neurons: [Int]?
    /// What a column is, for the labels and header: `neuron` by default, `synapse` for
    /// a synapse population's variable.
    public var column: String
    /// The values' unit (`mV`, `nA`, `uS`), shown in the axis title; `nil` or `1` for
    /// none.
    public var unit: String?

    public init(
      population: String, variable: String, times: [Double], values: [[Double]],
      neurons: [Int]? = nil, column: String = "neuron", unit: String? = nil
    ) {
      self.population = population
      self.variable = variable
      self.times = times
      self.values = values
      self.neurons = neurons
      self.column = column
      self.unit = unit
    }

    /// The number of neurons (columns).
    public var neuronCount: Int { values.map(\.count).max() ?? 0 }
  }

  public var series: [Series]
  /// The end of the time axis in ms; `nil` for the last sample time.
  public var duration: Double?
  public var title: String
  /// The picture's width in pixels.
  public var width: Int
  /// The picture's height in pixels; `nil` for as tall as the panels need at their
  /// preferred height (at most ``PlotError/maxDimension``).
  public var height: Int?
  /// The most neurons a series shows, each in its own panel.
  public var maxNeurons: Int

  /// The default `maxNeurons`.
  public static let defaultMaxNeurons = 6

  public init(
    series: [Series], duration: Double? = nil, title: String = "Recorded variables",
    width: Int = 1200, height: Int? = nil, maxNeurons: Int = defaultMaxNeurons
  ) {
    self.series = series
    self.duration = duration
    self.title = title
    self.width = width
    self.height = height
    self.maxNeurons = max(1, maxNeurons)
  }

  /// The plot as an SVG document.
  public func svg() -> String { drawing().svg() }

  /// The plot as a PNG file.
  public func png() throws(PlotError) -> [UInt8] { try drawing().png() }

  private var xUpper: Double {
    if let duration, duration > 0, duration.isFinite { return duration }
    let last = series.flatMap(\.times).filter(\.isFinite).max() ?? 0
    return last > 0 ? last : 1
  }

  /// One panel's line: its label, colour, width and values.
  struct Line {
    var label: String
    var color: Color
    var width: Double
    var values: [Double]
  }

  /// What one series draws with at most `limit` panels: a line per panel, and the note
  /// in its header.
  struct Lines {
    var lines: [Line] = []
    var note: String
  }

  /// The panels of `series` when it may have `limit` of them: every neuron when they
  /// fit, else the first `limit - 1` and the mean over all (the mean alone for 1).
  func lines(_ series: Series, limit: Int) -> Lines {
    let count = series.neuronCount
    func column(_ index: Int) -> [Double] {
      series.values.map { index < $0.count ? $0[index] : .nan }
    }
    func label(_ index: Int) -> String {
      "\(series.column) \(series.neurons.flatMap { index < $0.count ? $0[index] : nil } ?? index)"
    }
    let fitsAll = count <= limit
    let shown = fitsAll ? count : limit - 1
    var result = Lines(
      note: fitsAll
        ? ChartStyle.count(count, series.column)
        : shown == 0
          ? "mean of \(ChartStyle.count(count, series.column))"
          : "first \(shown) of \(ChartStyle.count(count)) \(series.column)s, and their mean")
    for index in 0..<shown {
      result.lines.append(
        Line(label: label(index), color: Palette.color(index), width: 1.5, values: column(index)))
    }
    if !fitsAll {
      let means = series.values.map { row -> Double in
        let finite = row.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
      }
      result.lines.append(
        Line(label: "mean of \(ChartStyle.count(count))", color: .ink, width: 2, values: means))
    }
    return result
  }

  /// The value range a group shows: its lines' finite values, padded by 5%; a constant
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

  /// Where everything goes: the picture's size and style, the panels each series shows,
  /// and the height of a panel.
  struct Layout {
    var style: ChartStyle
    var height: Int
    /// The series drawn (the first ones), each with its panels' lines.
    var groups: [Lines]
    var panelHeight: Double
    /// Where the panels start and the time axis lies.
    var plotTop: Double
    var plotBottom: Double
    var titleBaseline: Double
    var captionBaseline: Double
    var timeTitleBaseline: Double

    var headerHeight: Double { ChartStyle.lineHeight(style.labelSize) + style.gap }
    var panelGap: Double { 6 * style.scale }
    var groupGap: Double { 14 * style.scale }
    /// The smallest panel still readable: room for a label and two ticks.
    var minimumPanel: Double { 40 * style.scale }
    /// A panel's height when the picture's height is not given.
    var preferredPanel: Double { 70 * style.scale }

    /// The height the panels of `counts` (panels per group) take besides the panels
    /// themselves.
    func fixedHeight(_ counts: [Int]) -> Double {
      Double(counts.count) * headerHeight + Double(max(0, counts.count - 1)) * groupGap
        + Double(counts.reduce(0) { $0 + max(0, $1 - 1) }) * panelGap
    }
  }

  func layout() -> Layout {
    let style = ChartStyle(width: width, height: height ?? Int.max)
    let margin = style.outerMargin
    let titleBaseline = margin + ChartStyle.capHeight(style.titleSize)
    let captionBaseline =
      titleBaseline + ChartStyle.descent(style.titleSize) + style.gap
      + ChartStyle.capHeight(style.noteSize)
    let plotTop = (captionBaseline + ChartStyle.descent(style.noteSize) + 2 * style.gap).rounded()
    // Below the panels: tick labels, the time axis title and the margin.
    let below =
      style.tickLength + style.tickGap + ChartStyle.capHeight(style.tickSize)
      + ChartStyle.descent(style.tickSize) + style.gap + ChartStyle.lineHeight(style.labelSize)
      + margin + 1
    var layout = Layout(
      style: style, height: height ?? 0, groups: [], panelHeight: 0, plotTop: plotTop,
      plotBottom: 0, titleBaseline: titleBaseline, captionBaseline: captionBaseline,
      timeTitleBaseline: 0)
    func groups(_ limit: Int, _ count: Int) -> [Lines] {
      series.prefix(count).map { lines($0, limit: limit) }
    }
    func panels(_ groups: [Lines]) -> [Int] { groups.map { max(1, $0.lines.count) } }
    var chosen = groups(maxNeurons, series.count)
    if height == nil {
      let counts = panels(chosen)
      let natural =
        plotTop + layout.fixedHeight(counts)
        + layout.preferredPanel * Double(max(1, counts.reduce(0, +))) + below
      layout.height = min(PlotError.maxDimension, Int(natural.rounded(.up)))
    }
    let available = Double(layout.height) - plotTop - below
    func panelHeight(_ groups: [Lines]) -> Double {
      let counts = panels(groups)
      return (available - layout.fixedHeight(counts)) / Double(max(1, counts.reduce(0, +)))
    }
    // Fewer neurons per series, then fewer series, until the panels are readable.
    var limit = maxNeurons
    while limit > 1, panelHeight(chosen) < layout.minimumPanel {
      limit -= 1
      chosen = groups(limit, chosen.count)
    }
    while chosen.count > 1, panelHeight(chosen) < layout.minimumPanel {
      chosen.removeLast()
    }
    layout.groups = chosen
    layout.panelHeight = max(1, panelHeight(chosen)).rounded(.down)
    let counts = panels(chosen)
    layout.plotBottom =
      plotTop + layout.fixedHeight(counts) + layout.panelHeight
      * Double(max(1, counts.reduce(0, +)))
    layout.timeTitleBaseline =
      Double(layout.height) - margin - ChartStyle.descent(style.labelSize)
    return layout
  }

  /// The plot as drawing primitives.
  public func drawing() -> Drawing {
    let layout = layout()
    let style = layout.style
    var drawing = Drawing(width: width, height: layout.height)
    var text = TextLayout(width: width, height: layout.height, spacing: style.gap / 2)
    let tickCap = ChartStyle.capHeight(style.tickSize)
    let margin = style.outerMargin

    // Each group's value axis over one panel's height, its ticks and their labels.
    var yTicks: [(range: (Double, Double), ticks: [Double], labels: TickLabels)] = []
    for group in layout.groups {
      let range = Self.valueRange(group)
      let axis = Axis(lower: range.0, upper: range.1, start: layout.panelHeight, end: 0)
      let ticks = Self.valueTicks(axis, labelHeight: tickCap, spacing: 30 * style.scale)
      yTicks.append((range, ticks, Axis.labels(ticks)))
    }
    let tickLabelWidth =
      yTicks.flatMap(\.labels.labels).map { BitmapFont.width(of: $0, size: style.tickSize) }.max()
      ?? 0
    let legendWidth = min(
      0.25 * Double(width),
      layout.groups.flatMap(\.lines).map { BitmapFont.width(of: $0.label, size: style.noteSize) }
        .max() ?? 0)
    let yTitleX = margin + ChartStyle.capHeight(style.labelSize)
    let plotLeft =
      (yTitleX + ChartStyle.descent(style.labelSize) + style.gap + tickLabelWidth
      + style.tickGap + style.tickLength).rounded()
    let plotRight =
      (Double(width) - margin - (legendWidth > 0 ? legendWidth + 2 * style.gap : 0)).rounded()
    let xAxis = Axis(lower: 0, upper: xUpper, start: plotLeft, end: plotRight)
    let (xTicks, xLabels) = style.timeTicks(xAxis)

    text.place(
      Text(
        ChartStyle.fitted(title, size: style.titleSize, width: Double(width) - plotLeft - margin),
        at: Point(plotLeft, layout.titleBaseline), size: style.titleSize, bold: true),
      in: &drawing)
    var caption = [
      "\(ChartStyle.count(series.count, "recorded variable")) over \(ChartStyle.short(xUpper)) ms"
    ]
    let left = series.count - layout.groups.count
    let trimmed = zip(layout.groups, series).contains {
      $0.lines.count < min(maxNeurons, $1.neuronCount)
    }
    if left > 0 {
      caption.append("\(left) not shown for lack of room")
    } else if trimmed {
      caption.append("fewer neurons shown for lack of room")
    }
    text.place(
      Text(
        ChartStyle.joined(caption, size: style.noteSize, width: Double(width) - plotLeft - margin),
        at: Point(plotLeft, layout.captionBaseline), size: style.noteSize, color: .mutedInk),
      in: &drawing)
    text.place(
      Text(
        ChartStyle.fitted(
          ChartStyle.axisTitle("time", unit: "ms", exponent: xLabels.exponent),
          size: style.labelSize, width: plotRight - plotLeft),
        at: Point((plotLeft + plotRight) / 2, layout.timeTitleBaseline), size: style.labelSize,
        anchor: .middle), in: &drawing)

    var top = layout.plotTop
    let axisX = plotLeft - 0.5
    for (index, group) in layout.groups.enumerated() {
      let series = self.series[index]
      let (range, ticks, labels) = yTicks[index]
      let name = ChartStyle.axisTitle(series.variable, unit: series.unit, exponent: labels.exponent)
      // Header: the population and variable on the left, what is shown on the right.
      let headerBaseline = top + ChartStyle.capHeight(style.labelSize)
      let header = "\(series.population): \(name)"
      let headerRoom = plotRight - plotLeft - 2 * style.gap
      // The note whole, or not at all: the panels' labels say the same.
      let noteRoom = max(
        0.45 * headerRoom, headerRoom - BitmapFont.width(of: header, size: style.labelSize))
      let noteText =
        BitmapFont.width(of: group.note, size: style.noteSize) <= noteRoom ? group.note : ""
      let noteWidth = BitmapFont.width(of: noteText, size: style.noteSize)
      text.place(
        Text(
          ChartStyle.fitted(
            population: series.population, then: ": \(name)", size: style.labelSize,
            width: headerRoom - noteWidth),
          at: Point(plotLeft, headerBaseline), size: style.labelSize, bold: true),
        in: &drawing)
      text.place(
        Text(
          noteText, at: Point(plotRight, headerBaseline), size: style.noteSize,
          color: .mutedInk, anchor: .end), in: &drawing)
      let panelsTop = top + layout.headerHeight
      let panelCount = max(1, group.lines.count)
      let panelsBottom =
        panelsTop + Double(panelCount) * layout.panelHeight + Double(panelCount - 1)
        * layout.panelGap
      // The value axis title, upright beside the group, when it fits there whole.
      let valueTitle = Text(
        name, at: Point(yTitleX, (panelsTop + panelsBottom) / 2), size: style.labelSize,
        anchor: .middle, vertical: true)
      if valueTitle.bounds.height <= panelsBottom - panelsTop {
        text.place(valueTitle, in: &drawing)
      }

      var panelTop = panelsTop
      for panel in 0..<panelCount {
        let panelBottom = panelTop + layout.panelHeight
        let axis = Axis(lower: range.0, upper: range.1, start: panelBottom, end: panelTop)
        // Grid, then the line, then the axes over them.
        for tick in xTicks {
          let x = ChartStyle.crisp(xAxis.position(tick))
          drawing.line(Point(x, panelTop), Point(x, panelBottom), style.gridStroke)
        }
        for tick in ticks {
          let y = ChartStyle.crisp(axis.position(tick))
          drawing.line(Point(plotLeft, y), Point(plotRight, y), style.gridStroke)
        }
        if panel < group.lines.count {
          let line = group.lines[panel]
          for run in Self.runs(series.times, line.values, xAxis: xAxis, yAxis: axis) {
            if run.count == 1 {
              drawing.add(
                .circle(center: run[0], radius: (line.width + 0.5) * style.scale, fill: line.color))
            } else {
              drawing.add(
                .polyline(run, stroke: Stroke(line.color, width: line.width * style.scale)))
            }
          }
          text.place(
            Text(
              ChartStyle.fitted(line.label, size: style.noteSize, width: legendWidth),
              at: Point(
                plotRight + 2 * style.gap,
                (panelTop + panelBottom) / 2 + ChartStyle.capHeight(style.noteSize) / 2),
              size: style.noteSize, color: line.color), in: &drawing)
        }
        let axisY = panelBottom.rounded() + 0.5
        drawing.line(Point(axisX, panelTop), Point(axisX, axisY), style.axisStroke)
        drawing.line(Point(axisX, axisY), Point(plotRight, axisY), style.axisStroke)
        for (tick, label) in zip(ticks, labels.labels) {
          let y = ChartStyle.crisp(axis.position(tick))
          let label = Text(
            label, at: Point(axisX - style.tickLength - style.tickGap, y + tickCap / 2),
            size: style.tickSize, anchor: .end)
          if text.place(label, in: &drawing) {
            drawing.line(Point(axisX - style.tickLength, y), Point(axisX, y), style.axisStroke)
          }
        }
        for tick in xTicks {
          let x = ChartStyle.crisp(xAxis.position(tick))
          drawing.line(Point(x, axisY), Point(x, axisY + style.tickLength), style.axisStroke)
        }
        if panel == 0, !group.lines.contains(where: { $0.values.contains(where: \.isFinite) }) {
          text.place(
            Text(
              series.times.isEmpty ? "no samples" : "no finite values",
              at: Point((plotLeft + plotRight) / 2, (panelTop + panelBottom) / 2 + tickCap / 2),
              size: style.noteSize, color: .mutedInk, anchor: .middle), in: &drawing)
        }
        panelTop = panelBottom + layout.panelGap
      }
      top = panelsBottom + layout.groupGap
    }
    // Time tick labels under the last panel.
    let axisY = layout.plotBottom.rounded() + 0.5
    for (tick, label) in zip(xTicks, xLabels.labels) where !layout.groups.isEmpty {
      text.place(
        Text(
          label,
          at: Point(
            ChartStyle.crisp(xAxis.position(tick)),
            axisY + style.tickLength + style.tickGap + tickCap),
          size: style.tickSize, anchor: .middle), in: &drawing)
    }
    if series.isEmpty {
      text.place(
        Text(
          "no recorded variables",
          at: Point((plotLeft + plotRight) / 2, (layout.plotTop + layout.timeTitleBaseline) / 2),
          size: style.labelSize, color: .mutedInk, anchor: .middle), in: &drawing)
    }
    return drawing
  }

  /// Ticks for a panel's value `axis` whose labels, `labelHeight` high and centred on
  /// their ticks, stay inside the panel and apart: about one every `spacing` pixels,
  /// finer where that leaves fewer than two.
  static func valueTicks(_ axis: Axis, labelHeight: Double, spacing: Double) -> [Double] {
    let (top, bottom) = (min(axis.start, axis.end), max(axis.start, axis.end))
    let height = bottom - top
    var best: [Double] = []
    for count in max(1, Int(height / spacing))...max(1, Int(height / spacing)) + 3 {
      let ticks = Axis.niceTicks(lower: axis.lower, upper: axis.upper, count: count).filter {
        let y = axis.position($0)
        return y - labelHeight / 2 >= top && y + labelHeight / 2 <= bottom
      }
      let apart = zip(ticks, ticks.dropFirst()).allSatisfy {
        abs(axis.position($0) - axis.position($1)) >= 1.5 * labelHeight
      }
      guard apart else { break }
      best = ticks
      if ticks.count >= 2 { break }
    }
    return best
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
