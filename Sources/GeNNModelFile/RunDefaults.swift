/// How long to run a model: a duration in milliseconds or a number of steps.
public enum RunLength: Hashable, Sendable {
  /// Milliseconds of model time.
  case milliseconds(Double)
  /// Time steps.
  case steps(Int)

  /// The number of steps at time step `dt`: a duration rounded to the nearest step.
  public func steps(dt: Double) -> Int {
    switch self {
    case .steps(let steps): steps
    case .milliseconds(let duration):
      dt > 0 && (duration / dt).isFinite ? Int((duration / dt).rounded()) : 0
    }
  }
}

/// The run settings a model file may carry; the `genn` command's options override them.
public struct RunDefaults: Hashable, Sendable {
  /// How long to run, if the file says (`run: {duration: ...}` or `run: {steps: ...}`).
  public var length: RunLength?
  /// The seed, if the file gives one (it is also the model's seed).
  public var seed: UInt64?

  /// Creates run settings.
  public init(length: RunLength? = nil, seed: UInt64? = nil) {
    self.length = length
    self.seed = seed
  }
}
