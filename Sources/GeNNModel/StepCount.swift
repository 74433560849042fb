/// A duration that is not a number of time steps a run can count: negative, not a
/// number, or more steps than an `Int` holds.
public struct StepCountError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The duration in ms.
  public var duration: Double
  /// The time step in ms.
  public var dt: Double

  /// Creates an error.
  public init(duration: Double, dt: Double) {
    self.duration = duration
    self.dt = dt
  }

  public var description: String {
    "a duration of \(duration) ms at dt = \(dt) ms is \((duration / dt).rounded()) time "
      + "steps; a run takes 0 to \(Int.max) steps, so give a shorter duration or a larger dt"
  }
}

/// Durations turned into whole time steps.
public enum StepCount {
  /// The number of time steps of `dt` ms in `duration` ms, rounded to the nearest step.
  ///
  /// - Throws: ``StepCountError`` when that is negative, not a number, or beyond
  ///   `Int.max`.
  public static func of(duration: Double, dt: Double) throws(StepCountError) -> Int {
    let steps = (duration / dt).rounded()
    // `Double(Int.max)` is 2^63, one more than `Int.max`.
    guard steps >= 0 && steps < Double(Int.max) else {
      throw StepCountError(duration: duration, dt: dt)
    }
    return Int(steps)
  }
}
