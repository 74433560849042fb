/// The variables a simulation samples, how often, and what it sampled: the state of
/// ``NetworkSimulation/record(_:of:every:)`` and
/// ``NetworkSimulation/recording(of:in:)``, alike on every backend.
struct VariableSamples {
  /// A variable of an element.
  struct Key: Hashable {
    var element: String
    var variable: String
  }

  /// How often a variable is sampled, and from which array of the model's state.
  struct Sampling {
    /// Steps between samples.
    var interval: Int
    /// The array's position in the state.
    var array: Int
  }

  private var recordings: [Key: VariableRecording] = [:]
  private var samplings: [Key: Sampling] = [:]

  /// Starts sampling `variable` of `element` (`width` values, in state array `array`)
  /// after every `every`-th step: after the steps `k` with `(k + 1) % every == 0`. A
  /// variable recorded before keeps its samples and takes the new interval.
  mutating func start(_ variable: String, of element: String, width: Int, array: Int, every: Int) {
    let key = Key(element: element, variable: variable)
    samplings[key] = Sampling(interval: max(1, every), array: array)
    if recordings[key] == nil {
      recordings[key] = VariableRecording(
        element: element, variable: variable, width: width, steps: [], values: [])
    }
  }

  /// What has been sampled of `variable` of `element`.
  ///
  /// - Throws: ``RuntimeError/notRecorded(population:)`` when it is not recorded.
  func recording(of variable: String, in element: String) throws(RuntimeError)
    -> VariableRecording
  {
    guard let recording = recordings[Key(element: element, variable: variable)] else {
      throw .notRecorded(population: "\(element).\(variable)")
    }
    return recording
  }

  /// The steps from `timestep` up to the next sample, at most `limit`.
  func steps(toNextSampleFrom timestep: UInt64, atMost limit: Int) -> Int {
    samplings.values.reduce(limit) { steps, sampling in
      min(steps, sampling.interval - Int(timestep % UInt64(sampling.interval)))
    }
  }

  /// The variables due to be sampled after the step that ends at `timestep` steps.
  func due(after timestep: UInt64) -> [(key: Key, array: Int)] {
    samplings.compactMap { key, sampling in
      timestep % UInt64(sampling.interval) == 0 ? (key, sampling.array) : nil
    }
  }

  /// Appends `values`, sampled after the step that ends at `timestep` steps, to the
  /// recording of `key`.
  mutating func append(_ values: [Double], to key: Key, after timestep: UInt64) {
    recordings[key]!.steps.append(Int64(timestep) - 1)
    recordings[key]!.values.append(contentsOf: values)
  }

  /// Reserves room for the samples of `steps` more steps of every recorded variable.
  mutating func reserve(steps: Int) {
    for (key, sampling) in samplings {
      let samples = steps / sampling.interval + 1
      let width = recordings[key]!.width
      recordings[key]!.steps.reserveCapacity(recordings[key]!.steps.count + samples)
      recordings[key]!.values.reserveCapacity(recordings[key]!.values.count + samples * width)
    }
  }

  /// Forgets every sample, keeping each variable recorded.
  mutating func removeSamples() {
    for key in recordings.keys {
      recordings[key]!.steps.removeAll()
      recordings[key]!.values.removeAll()
    }
  }
}
