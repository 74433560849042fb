import Foundation

/// A spike raster: time in ms across, neuron index up, one horizontal band per
/// population (its own index range, colour and label), a mark per spike.
///
/// When more than `maxMarks` spikes fall inside the plot, every band is drawn instead
/// as a density image: the band is cut into one bin per pixel column and per pixel row
/// (or per neuron, when the band has fewer neurons than pixel rows), and each bin is
/// shaded from the band's background to the population's colour by
/// `0.15 + 0.85 * log(1 + n) / log(1 + nMax)` for its `n` spikes (`nMax` the band's
/// fullest bin; empty bins stay background). In SVG each band is then one embedded PNG,
/// so the file's size depends on the picture's size, not on the number of spikes.
public struct SpikeRaster: Hashable, Sendable {
  /// One population's spikes.
  public struct Population: Hashable, Sendable {
    public var name: String
    /// The number of neurons; spikes of ids outside `0..<size` are not drawn.
    public var size: Int
    /// The time of each spike, in ms.
    public var times: [Double]
    /// The neuron that fired each spike (the same count as `times`).
    public var ids: [Int]

    public init(name: String, size: Int, times: [Double] = [], ids: [Int] = []) {
      self.name = name
      self.size = size
      self.times = times
      self.ids = ids
    }
  }

  /// The populations, drawn top to bottom in this order.
  public var populations: [Population]
  /// The run's length in ms: the x axis goes from 0 to here. Spikes outside are not
  /// drawn.
  public var duration: Double
  public var title: String
  /// The picture's size in pixels.
  public var width: Int
  public var height: Int
  /// The most spikes drawn one mark each; above it, bands become density images.
  public var maxMarks: Int

  /// The default `maxMarks`.
  public static let defaultMaxMarks = 50_000

  public init(
    populations: [Population], duration: Double, title: String = "Spikes", width: Int = 1200,
    height: Int = 720, maxMarks: Int = defaultMaxMarks
  ) {
    self.populations = populations
    self.duration = duration
    self.title = title
    self.width = width
    self.height = height
    self.maxMarks = maxMarks
  }

  /// The raster as an SVG document.
  public func svg() -> String { drawing().svg() }

  /// The raster as a PNG file.
  public func png() throws(PlotError) -> [UInt8] { try drawing().png() }

  /// The spikes inside the plot (time within `0...duration`, id within `0..<size`), per
  /// population.
  public var drawnSpikeCounts: [Int] {
    populations.map { population in
      zip(population.times, population.ids).count { isDrawn($0.0, $0.1, in: population) }
    }
  }

  /// Whether the bands are drawn as density images (more than `maxMarks` spikes drawn).
  public var usesDensity: Bool { drawnSpikeCounts.reduce(0, +) > maxMarks }

  /// The end of the time axis: `duration` when it is positive, else 1 ms.
  var xUpper: Double { duration > 0 && duration.isFinite ? duration : 1 }

  /// Whether a spike of `id` at `time` falls inside the plot.
  func isDrawn(_ time: Double, _ id: Int, in population: Population) -> Bool {
    time >= 0 && time <= xUpper && id >= 0 && id < population.size
  }

  /// The raster as drawing primitives.
  public func drawing() -> Drawing {
    var drawing = Drawing(width: width, height: height)
    let counts = drawnSpikeCounts
    let total = counts.reduce(0, +)
    let density = total > maxMarks
    let style = ChartStyle(width: width, height: height)
    var layout = TextLayout(width: width, height: height, spacing: style.gap / 2)
    let (tickCap, margin) = (ChartStyle.capHeight(style.tickSize), style.outerMargin)

    // Top: title and caption; bottom: time tick labels and the time axis title.
    let titleBaseline = margin + ChartStyle.capHeight(style.titleSize)
    let captionBaseline =
      titleBaseline + ChartStyle.descent(style.titleSize) + style.gap
      + ChartStyle.capHeight(style.noteSize)
    let plotTop = (captionBaseline + ChartStyle.descent(style.noteSize) + 2 * style.gap).rounded()
    let timeTitleBaseline = Double(height) - margin - ChartStyle.descent(style.labelSize)
    let plotBottom =
      (timeTitleBaseline - ChartStyle.capHeight(style.labelSize) - style.gap
      - ChartStyle.descent(style.tickSize) - tickCap - style.tickGap - style.tickLength - 1)
      .rounded()

    // Bands: half their height shared equally, half by neuron count.
    let gap = min(
      12 * style.scale, 0.25 * (plotBottom - plotTop) / Double(max(1, populations.count - 1)))
    let sizes = populations.map { Double(max(1, $0.size)) }
    let totalSize = sizes.reduce(0, +)
    let available = max(1, plotBottom - plotTop - gap * Double(max(0, populations.count - 1)))
    var bands: [(top: Double, bottom: Double)] = []
    var top = plotTop
    for size in sizes {
      let share = 0.5 * size / totalSize + 0.5 / Double(sizes.count)
      let height = available * share
      bands.append((top, top + height))
      top += height + gap
    }

    // Right of each band: name, size, spike count and mean rate, in a column at most
    // 30% of the picture wide; a name too long is cut short, a detail left out.
    let labels: [[Text]] = populations.enumerated().map { index, population in
      let rate = Double(counts[index]) / Double(max(1, population.size)) / (xUpper / 1000)
      return [
        Text(
          population.name, at: Point(0, 0), size: style.labelSize,
          color: Palette.color(index), bold: true),
        Text(
          ChartStyle.count(population.size, "neuron"), at: Point(0, 0), size: style.noteSize,
          color: .mutedInk),
        Text(
          ChartStyle.count(counts[index], "spike"), at: Point(0, 0), size: style.noteSize,
          color: .mutedInk),
        Text(
          "\(ChartStyle.short(rate)) Hz", at: Point(0, 0), size: style.noteSize,
          color: .mutedInk),
      ]
    }
    let labelWidth = min(0.3 * Double(width), labels.joined().map(\.bounds.width).max() ?? 0)

    // Neuron ticks per band, integers only, none crowding the band's top edge.
    let bandTicks: [(axis: Axis, ticks: [Double], labels: [String])] = zip(populations, bands)
      .map { population, band in
        let size = max(1, population.size)
        let axis = Axis(
          lower: -0.5, upper: Double(size) - 0.5, start: band.bottom, end: band.top)
        let count = max(1, Int((band.bottom - band.top) / (44 * style.scale)))
        func ticks(_ count: Int) -> [Double] {
          let ticks = Axis.niceTicks(lower: 0, upper: Double(size - 1), count: count)
            .filter { $0 == $0.rounded() }
          return ticks.count > 1 ? ticks.filter { axis.position($0) >= band.top + tickCap } : ticks
        }
        // When the top edge leaves 0 alone, a finer step, thinned so labels stay apart.
        var chosen = ticks(count)
        for extra in 1...2 where chosen.count < 2 {
          var thinned: [Double] = []
          for tick in ticks(count + extra)
          where thinned.last.map({ abs(axis.position(tick) - axis.position($0)) }) ?? .infinity
            >= 1.5 * tickCap
          {
            thinned.append(tick)
          }
          if thinned.count > 1 { chosen = thinned }
        }
        // Neuron indices are whole numbers: plain, in every band alike.
        return (axis, chosen, chosen.map { String(Int($0)) })
      }
    let tickLabelWidth =
      bandTicks.flatMap(\.labels).map { Text.width(of: $0, size: style.tickSize) }.max()
      ?? 0

    let yTitleX = margin + ChartStyle.capHeight(style.labelSize)
    let plotLeft =
      (yTitleX + ChartStyle.descent(style.labelSize) + style.gap + tickLabelWidth
      + style.tickGap + style.tickLength).rounded()
    let plotRight =
      (Double(width) - margin - (labelWidth > 0 ? labelWidth + 2 * style.gap : 0)).rounded()
    let xAxis = Axis(lower: 0, upper: xUpper, start: plotLeft, end: plotRight)
    let (xTicks, xLabels) = style.timeTicks(xAxis)

    // Title and caption: as much of the caption as fits.
    layout.place(
      Text(
        ChartStyle.fitted(title, size: style.titleSize, width: Double(width) - plotLeft - margin),
        at: Point(plotLeft, titleBaseline), size: style.titleSize, bold: true),
      in: &drawing)
    var captionParts = [
      "\(ChartStyle.count(populations.count, "population")), "
        + "\(ChartStyle.count(total, "spike")) in \(ChartStyle.short(xUpper)) ms"
    ]
    if density { captionParts.append("over \(ChartStyle.count(maxMarks)): shaded by log density") }
    layout.place(
      Text(
        ChartStyle.joined(
          captionParts, size: style.noteSize, width: Double(width) - plotLeft - margin),
        at: Point(plotLeft, captionBaseline), size: style.noteSize, color: .mutedInk),
      in: &drawing)
    layout.place(
      Text(
        ChartStyle.fitted(
          ChartStyle.axisTitle("time", unit: "ms", exponent: xLabels.exponent),
          size: style.labelSize, width: plotRight - plotLeft),
        at: Point((plotLeft + plotRight) / 2, timeTitleBaseline), size: style.labelSize,
        anchor: .middle), in: &drawing)
    layout.place(
      Text(
        ChartStyle.fitted("neuron", size: style.labelSize, width: plotBottom - plotTop),
        at: Point(yTitleX, (plotTop + plotBottom) / 2), size: style.labelSize,
        anchor: .middle, vertical: true), in: &drawing)

    // X axis, below the last band.
    let axisY = (plotBottom.rounded() + 0.5)
    for (tick, label) in zip(xTicks, xLabels.labels) {
      let x = ChartStyle.crisp(xAxis.position(tick))
      drawing.line(Point(x, axisY), Point(x, axisY + style.tickLength), style.axisStroke)
      layout.place(
        Text(
          label, at: Point(x, axisY + style.tickLength + style.tickGap + tickCap),
          size: style.tickSize, anchor: .middle), in: &drawing)
    }
    drawing.line(Point(plotLeft - 1, axisY), Point(plotRight, axisY), style.axisStroke)

    // The population labels: as many of their lines as fit the band, centred on it; a
    // band thinner than one line gets its name where that clears its neighbours'.
    let pitch = ChartStyle.lineHeight(style.labelSize) + 4 * style.scale
    for (index, band) in bands.enumerated() {
      let fitting = max(1, min(labels[index].count, Int((band.bottom - band.top) / pitch)))
      var y =
        (band.top + band.bottom) / 2 - Double(fitting - 1) * pitch / 2
        + ChartStyle.capHeight(style.labelSize) / 2
      for (line, var text) in labels[index].prefix(fitting).enumerated() {
        if line == 0 {
          text.string = ChartStyle.fitted(text.string, size: text.size, width: labelWidth)
        } else if text.bounds.width > labelWidth {
          continue
        }
        text.position = Point(plotRight + 2 * style.gap, y)
        layout.place(text, in: &drawing)
        y += pitch
      }
    }

    // Every band is as wide as the plot: one set of column weights serves them all.
    let densityColumns = max(1, Int(plotRight - plotLeft))
    let densityWeights = density ? columnWeights(densityColumns) : []
    for (index, population) in populations.enumerated() {
      let band = bands[index]
      let color = Palette.color(index)
      let tint = Color.white.mixed(with: color, 0.07)
      let rect = Rect(
        x: plotLeft, y: band.top, width: plotRight - plotLeft,
        height: band.bottom - band.top)
      drawing.add(.rect(rect, fill: tint, stroke: nil))
      for tick in xTicks {
        let x = ChartStyle.crisp(xAxis.position(tick))
        drawing.line(Point(x, band.top), Point(x, band.bottom), style.gridStroke)
      }
      let axis = bandTicks[index].axis
      if density {
        let image = densityImage(
          population, columns: densityColumns,
          rows: min(Int(rect.height), max(1, population.size)), weights: densityWeights,
          background: tint, color: color)
        drawing.add(.image(image, in: rect))
      } else {
        var points: [Point] = []
        for (time, id) in zip(population.times, population.ids)
        where isDrawn(time, id, in: population) {
          points.append(Point(xAxis.position(time), axis.position(Double(id))))
        }
        let rowHeight = rect.height / Double(max(1, population.size))
        let mark: Mark =
          rowHeight >= 3 * style.scale
          ? .tick(width: 1.5 * style.scale, height: min(14 * style.scale, rowHeight * 0.8))
          : .dot(radius: 1.2 * style.scale)
        if !points.isEmpty { drawing.add(.marks(points, mark, color: color)) }
      }
      // Y axis: a line along the band, neuron ticks.
      let axisX = plotLeft - 0.5
      drawing.line(Point(axisX, band.top), Point(axisX, band.bottom), style.axisStroke)
      for (tick, label) in zip(bandTicks[index].ticks, bandTicks[index].labels) {
        let y = ChartStyle.crisp(axis.position(tick))
        let text = Text(
          label, at: Point(axisX - style.tickLength - style.tickGap, y + tickCap / 2),
          size: style.tickSize, anchor: .end)
        if layout.place(text, in: &drawing) {
          drawing.line(Point(axisX - style.tickLength, y), Point(axisX, y), style.axisStroke)
        }
      }
    }

    if total == 0 {
      layout.place(
        Text(
          populations.isEmpty ? "no populations" : "no spikes",
          at: Point((plotLeft + plotRight) / 2, (plotTop + plotBottom) / 2),
          size: style.labelSize, color: .mutedInk, anchor: .middle), in: &drawing)
    }
    return drawing
  }
}
