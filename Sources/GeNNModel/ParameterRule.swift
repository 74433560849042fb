import Foundation

/// A rule several parameters of a snippet must follow together, checked by validation
/// (a rule about one parameter alone is a ``ValueDomain``).
public enum ParameterRule: Hashable, Sendable {
  /// A normal distribution of mean `mean` and standard deviation `sd`, redrawn until a
  /// draw falls in [`min`, `max`] (GeNN's `NormalClipped`): the interval must hold at
  /// least ``minimumClippedMass`` of the distribution, or the redrawing would run for
  /// ever (or for hours).
  case clippedNormal(mean: String, sd: String, min: String, max: String)
  /// Bounds of an interval (GeNN's `Uniform`): `low` must not be above `high` (GeNN
  /// would draw from the interval between them backwards).
  case ordered(low: String, high: String)

  /// The smallest share of a clipped distribution its interval may hold: at most 10,000
  /// draws per value on average.
  public static let minimumClippedMass = 1e-4

  /// Why `values` break the rule, or `nil` when they follow it (or a parameter is
  /// missing, which validation reports on its own).
  public func violation(_ values: [String: Double]) -> String? {
    switch self {
    case .clippedNormal(let meanName, let sdName, let minName, let maxName):
      guard let mean = values[meanName], let sd = values[sdName], let low = values[minName],
        let high = values[maxName]
      else { return nil }
      guard low < high else {
        return "'\(minName)' (\(low)) must be below '\(maxName)' (\(high))"
      }
      let mass = Self.normalMass(mean: mean, sd: abs(sd), from: low, to: high)
      guard mass < Self.minimumClippedMass else { return nil }
      return "[\(minName), \(maxName)] = [\(low), \(high)] holds "
        + (mass == 0 ? "none" : "a share of \(mass)")
        + " of the normal distribution of mean \(mean) and sd \(abs(sd)), so drawing until "
        + "a value falls in it would not end; it must hold at least "
        + "\(Self.minimumClippedMass) (put '\(meanName)' nearer the interval or widen it)"
    case .ordered(let lowName, let highName):
      guard let low = values[lowName], let high = values[highName], low > high else {
        return nil
      }
      return "'\(lowName)' (\(low)) must not be above '\(highName)' (\(high))"
    }
  }

  /// The probability that a normal variable of `mean` and `sd` falls in [`low`, `high`],
  /// accurate in the tails.
  static func normalMass(mean: Double, sd: Double, from low: Double, to high: Double) -> Double {
    guard sd > 0 else { return low <= mean && mean <= high ? 1 : 0 }
    let a = (low - mean) / sd
    let b = (high - mean) / sd
    // Upper tail probabilities where both bounds are above the mean, lower ones where
    // both are below, so that no difference of two numbers near 1 loses the result.
    if a > 0 { return 0.5 * (erfc(a / 2.0.squareRoot()) - erfc(b / 2.0.squareRoot())) }
    if b < 0 { return 0.5 * (erfc(-b / 2.0.squareRoot()) - erfc(-a / 2.0.squareRoot())) }
    return 1 - 0.5 * erfc(-a / 2.0.squareRoot()) - 0.5 * erfc(b / 2.0.squareRoot())
  }
}
