extension TracePlot {
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

  /// Where everything goes in this plot: the height (the panels' natural height when
  /// none is given), then as many neurons per series and as many series as that
  /// height shows at a readable panel height.
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
}
