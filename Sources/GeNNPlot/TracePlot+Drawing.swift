extension TracePlot {
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
      yTicks.flatMap(\.labels.labels).map { Text.width(of: $0, size: style.tickSize) }.max()
      ?? 0
    let legendWidth = min(
      0.25 * Double(width),
      layout.groups.flatMap(\.lines).map { Text.width(of: $0.label, size: style.noteSize) }
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
        0.45 * headerRoom, headerRoom - Text.width(of: header, size: style.labelSize))
      let noteText =
        Text.width(of: group.note, size: style.noteSize) <= noteRoom ? group.note : ""
      let noteWidth = Text.width(of: noteText, size: style.noteSize)
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
}
