import Foundation

/// Sizes and number formats the charts share.
enum ChartStyle {
  static let titleSize = 24.0
  static let labelSize = 16.0
  static let tickSize = 14.0
  static let noteSize = 14.0
  /// Length of a tick mark outside the plot area.
  static let tickLength = 5.0
  /// Gap between a tick mark and its label.
  static let tickGap = 4.0
  static let outerMargin = 16.0
  static let axisStroke = Stroke(.ink, width: 1)
  static let gridStroke = Stroke(.grid, width: 1)

  /// Pixel-centre coordinate nearest `value`, where a 1-pixel line is sharp.
  static func crisp(_ value: Double) -> Double { value.rounded(.down) + 0.5 }

  /// Height of text of `size` above its baseline, in pixels (as `BitmapFont` draws it).
  static func capHeight(_ size: Double) -> Double {
    Double(BitmapFont.capHeight * BitmapFont.scale(for: size))
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

  /// The x (time) axis: ticks far enough apart that their labels do not touch.
  static func timeTicks(_ axis: Axis) -> (ticks: [Double], labels: [String]) {
    var spacing = 90.0
    while true {
      let ticks = axis.ticks(pixelsPerTick: spacing)
      let labels = Axis.labels(ticks)
      let widest = labels.map { BitmapFont.width(of: $0, size: tickSize) }.max() ?? 0
      if widest + 20 <= spacing || spacing > abs(axis.end - axis.start) {
        return (ticks, labels)
      }
      spacing = widest + 20
    }
  }
}
