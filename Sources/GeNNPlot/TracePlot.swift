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

  /// The end of the time axis: `duration`, else the last sample time.
  var xUpper: Double {
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
