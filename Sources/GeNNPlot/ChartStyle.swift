import Foundation

/// Sizes and number formats the charts share, scaled with the picture: text and gaps are
/// `scale` times their size in a 1200x720 picture, so that a 3840x2160 picture (scale 3)
/// reads on a projector as the default one does on a screen, and a 480x320 one (scale
/// 0.5) still has room for its plot.
struct ChartStyle {
  /// How much larger than at 1200x720 text and gaps are (at least 0.5).
  var scale: Double

  /// The style for a `width` by `height` picture: scaled by the smaller of its width over
  /// 1200 and its height over 720, never below 0.5.
  init(width: Int, height: Int) {
    scale = max(0.5, min(Double(width) / 1200, Double(height) / 720))
  }

  var titleSize: Double { 24 * scale }
  var labelSize: Double { 16 * scale }
  var tickSize: Double { 14 * scale }
  var noteSize: Double { 14 * scale }
  /// Length of a tick mark outside the plot area.
  var tickLength: Double { 5 * scale }
  /// Gap between a tick mark and its label.
  var tickGap: Double { 4 * scale }
  var outerMargin: Double { 16 * scale }
  /// The space kept between two texts, and between a text and what it labels.
  var gap: Double { 6 * scale }
  var axisStroke: Stroke { Stroke(.ink, width: max(1, scale.rounded(.down))) }
  var gridStroke: Stroke { Stroke(.grid, width: max(1, scale.rounded(.down))) }

  /// Pixel-centre coordinate nearest `value`, where a 1-pixel line is sharp.
  static func crisp(_ value: Double) -> Double { value.rounded(.down) + 0.5 }

  /// Height of text of `size` above its baseline, in pixels (as `BitmapFont` draws it).
  static func capHeight(_ size: Double) -> Double {
    Double(BitmapFont.capHeight * BitmapFont.scale(for: size))
  }

  /// Height of text of `size` below its baseline when it has descenders.
  static func descent(_ size: Double) -> Double {
    Double((BitmapFont.rows - BitmapFont.capHeight) * BitmapFont.scale(for: size))
  }

  /// Height of a line of text of `size`, descenders included.
  static func lineHeight(_ size: Double) -> Double { capHeight(size) + descent(size) }

  /// `string`, cut short with `...` where it is wider than `width` at `size`; empty when
  /// not even `...` fits.
  static func fitted(_ string: String, size: Double, width: Double) -> String {
    guard Text.width(of: string, size: size) > width else { return string }
    var kept = String(string.dropLast())
    while !kept.isEmpty, Text.width(of: kept + "...", size: size) > width {
      kept.removeLast()
    }
    let result = kept.trimmingCharacters(in: .whitespaces) + "..."
    return Text.width(of: result, size: size) <= width ? result : ""
  }

  /// `name` followed by `suffix`, the name cut short rather than the suffix where they
  /// are wider than `width` together: `layer_2_3_ex...: V (mV)`.
  static func fitted(population name: String, then suffix: String, size: Double, width: Double)
    -> String
  {
    let room = width - Text.width(of: "x" + suffix, size: size)
    let kept = fitted(name, size: size, width: room)
    return kept.isEmpty ? fitted(name + suffix, size: size, width: width) : kept + suffix
  }

  /// `parts` joined by `; `, as many of them as fit `width` at `size`; the first cut
  /// short when it alone does not.
  static func joined(_ parts: [String], size: Double, width: Double) -> String {
    var result = fitted(parts.first ?? "", size: size, width: width)
    for part in parts.dropFirst() {
      guard Text.width(of: result + "; " + part, size: size) <= width else { break }
      result += "; " + part
    }
    return result
  }

  /// `count` with thousands separated by commas: `100,000`.
  static func count(_ count: Int) -> String {
    let digits = String(abs(count))
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
      result.append(digit)
    }
    return (count < 0 ? "-" : "") + result
  }

  /// `count` followed by `noun`, plural unless the count is 1: `1 spike`, `2,000 spikes`.
  static func count(_ count: Int, _ noun: String) -> String {
    "\(Self.count(count)) \(noun)\(count == 1 ? "" : "s")"
  }

  /// A value with three significant digits at most, no exponent below a million:
  /// `1000`, `12.5`, `0.25`.
  static func short(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    if value == value.rounded() && abs(value) < 1e6 { return String(Int(value)) }
    let decimals = max(0, min(6, 2 - Int(floor(log10(abs(value))))))
    var text = String(format: "%.\(decimals)f", value)
    while text.contains("."), text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }

  /// An axis title: the quantity, then in parentheses the power of ten its tick labels
  /// are in and its unit: `V (mV)`, `g (1e-3 uS)`, `count (1e6)`, `x`. A unit of `1` or
  /// an empty one is no unit.
  static func axisTitle(_ quantity: String, unit: String?, exponent: Int) -> String {
    var parts: [String] = []
    if exponent != 0 { parts.append("1e\(exponent)") }
    if let unit, !unit.isEmpty, unit != "1" { parts.append(unit) }
    return parts.isEmpty ? quantity : "\(quantity) (\(parts.joined(separator: " ")))"
  }

  /// The x (time) axis: ticks far enough apart that their labels do not touch.
  func timeTicks(_ axis: Axis) -> (ticks: [Double], labels: TickLabels) {
    var spacing = 90.0 * scale
    while true {
      let ticks = axis.ticks(pixelsPerTick: spacing)
      let labels = Axis.labels(ticks)
      let widest = labels.labels.map { Text.width(of: $0, size: tickSize) }.max() ?? 0
      if widest + 3 * gap <= spacing || spacing > abs(axis.end - axis.start) {
        return (ticks, labels)
      }
      spacing = widest + 3 * gap
    }
  }
}
