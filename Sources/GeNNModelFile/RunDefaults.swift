import GeNNModel

/// How long to run a model: a duration in milliseconds or a number of steps.
public enum RunLength: Hashable, Sendable {
  /// Milliseconds of model time.
  case milliseconds(Double)
  /// Time steps.
  case steps(Int)

  /// The number of steps at time step `dt`: a duration rounded to the nearest step.
  ///
  /// - Throws: ``StepCountError`` when a duration is more steps than a run can take.
  public func steps(dt: Double) throws(StepCountError) -> Int {
    switch self {
    case .steps(let steps): steps
    case .milliseconds(let duration): try StepCount.of(duration: duration, dt: dt)
    }
  }
}

/// A custom update group run while the model runs: after every `everySteps` steps
/// (after steps `everySteps`, `2 * everySteps`, ...), before the next step.
public struct CustomUpdateSchedule: Hashable, Sendable {
  /// The update group.
  public var group: String
  /// How many steps apart its runs are.
  public var everySteps: Int

  /// Creates a schedule.
  public init(group: String, everySteps: Int) {
    self.group = group
    self.everySteps = everySteps
  }
}

/// The run settings a model file may carry; the `genn` command's options override them.
public struct RunDefaults: Hashable, Sendable {
  /// How long to run, if the file says (`run: {duration: ...}` or `run: {steps: ...}`).
  public var length: RunLength?
  /// The seed, if the file gives one (it is also the model's seed).
  public var seed: UInt64?
  /// The custom update groups to run, and when (`run: {custom_updates: [...]}`), in the
  /// order a step at which several are due runs them.
  public var customUpdates: [CustomUpdateSchedule]

  /// Creates run settings.
  public init(
    length: RunLength? = nil, seed: UInt64? = nil, customUpdates: [CustomUpdateSchedule] = []
  ) {
    self.length = length
    self.seed = seed
    self.customUpdates = customUpdates
  }
}
