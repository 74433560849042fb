import Foundation

/// A linear axis: a data interval mapped onto a pixel interval, with "nice" tick values
/// (1, 2 or 5 times a power of ten) and their labels.
public struct Axis: Hashable, Sendable {
  /// The data value at the start of the pixel interval.
  public var lower: Double
  /// The data value at its end.
  public var upper: Double
  /// The pixel coordinate of `lower`.
  public var start: Double
  /// The pixel coordinate of `upper` (less than `start` for a y axis pointing up).
  public var end: Double

  public init(lower: Double, upper: Double, start: Double, end: Double) {
    self.lower = lower
    self.upper = upper
    self.start = start
    self.end = end
  }

  /// The pixel coordinate of `value`.
  public func position(_ value: Double) -> Double {
    guard upper != lower else { return (start + end) / 2 }
    return start + (value - lower) / (upper - lower) * (end - start)
  }

  /// The tick spacing for about `count` intervals over `lower...upper`: the smallest of
  /// 1, 2, 5 times a power of ten that gives at most `count` intervals.
  public static func niceStep(lower: Double, upper: Double, count: Int) -> Double {
    let span = abs(upper - lower)
    guard span > 0, span.isFinite else { return 1 }
    let raw = span / Double(max(1, count))
    let magnitude = pow(10, floor(log10(raw)))
    for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-9) {
      return factor * magnitude
    }
    return 10 * magnitude
  }

  /// Multiples of `niceStep` inside `lower...upper`, at most about `count + 1` of them.
  public static func niceTicks(lower: Double, upper: Double, count: Int) -> [Double] {
    guard lower.isFinite, upper.isFinite else { return [] }
    let (low, high) = (min(lower, upper), max(lower, upper))
    guard high > low else { return [low] }
    let step = niceStep(lower: low, upper: high, count: count)
    let tolerance = step * 1e-9
    var ticks: [Double] = []
    var index = (low / step - 1e-9).rounded(.up)
    // Below 1, divide by the whole reciprocal: 3 / 5 is 0.6 exactly, 3 * 0.2 is not.
    let reciprocal = step < 1 ? (1 / step).rounded() : 0
    while index * step <= high + tolerance {
      let value = step < 1 ? index / reciprocal : index * step
      ticks.append(abs(value) < tolerance ? 0 : value)
      index += 1
    }
    return ticks
  }

  /// The ticks of `niceTicks(lower:upper:count:)` for this axis, with roughly
  /// `pixelsPerTick` pixels between neighbours.
  public func ticks(pixelsPerTick: Double) -> [Double] {
    let count = max(1, Int(abs(end - start) / pixelsPerTick))
    return Self.niceTicks(lower: lower, upper: upper, count: count)
  }

  /// Labels for `ticks` in one notation: plain numbers sharing the decimals their
  /// spacing needs (`0.0 0.5 1.0`, `-70 -65`). Where the largest tick is a million or
  /// more, or below 0.001, the labels are in a power of ten a multiple of 3
  /// (`TickLabels/exponent`) that the axis title states: `0 2 4` for 0, 2e6 and 4e6.
  public static func labels(_ ticks: [Double]) -> TickLabels {
    guard !ticks.isEmpty else { return TickLabels(labels: [], exponent: 0) }
    let largest = ticks.map(abs).filter(\.isFinite).max() ?? 0
    var exponent = 0
    if largest >= 1e6 || (largest > 0 && largest < 1e-3) {
      exponent = 3 * Int(floor(log10(largest) / 3))
    }
    let scaled = ticks.map { $0 / pow(10, Double(exponent)) }
    let step = scaled.count > 1 ? abs(scaled[1] - scaled[0]) : 0
    var decimals = step > 0 ? max(0, Int((-log10(step) - 1e-9).rounded(.up))) : 0
    if step == 0, let value = scaled.first, value.isFinite {
      // A lone tick: the decimals it needs, up to six.
      while decimals < 6,
        abs((Double(String(format: "%.\(decimals)f", value)) ?? value) - value)
          > 1e-9 * max(1, abs(value))
      {
        decimals += 1
      }
    }
    let labels = scaled.map { value in
      let text = String(format: "%.\(min(decimals, 12))f", value)
      return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
    return TickLabels(labels: labels, exponent: exponent)
  }
}

/// The labels of an axis's ticks, all in one notation.
public struct TickLabels: Hashable, Sendable {
  /// One label per tick.
  public var labels: [String]
  /// The power of ten the labels count in: label `2` with exponent 6 marks 2e6. The axis
  /// title says so (`rate (1e6 Hz)`); 0 for plain numbers.
  public var exponent: Int

  public init(labels: [String], exponent: Int) {
    self.labels = labels
    self.exponent = exponent
  }
}
