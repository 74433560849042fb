/// The spikes a population emitted while recording: one entry per spike, sorted by
/// step, then by neuron id (GeNN's recording system).
public struct SpikeRecording: Hashable, Sendable {
  /// The 0-based index of the time step in which each spike's threshold fired.
  public var steps: [Int64]
  /// The neuron that fired.
  public var ids: [Int32]
  /// The time of each spike in ms, `step * dt` (GeNN's `t` during that step).
  public var times: [Double]

  /// Creates an empty recording.
  public init(steps: [Int64] = [], ids: [Int32] = [], times: [Double] = []) {
    self.steps = steps
    self.ids = ids
    self.times = times
  }

  /// The number of spikes.
  public var count: Int { ids.count }
}

/// Values of one variable sampled after chosen time steps.
public struct VariableRecording: Hashable, Sendable {
  /// The population or current source.
  public var element: String
  /// The variable.
  public var variable: String
  /// The number of values per sample (the element's size).
  public var width: Int
  /// The time step after which each sample was taken (0-based: sample after step k
  /// holds the state after the (k+1)-th step).
  public var steps: [Int64]
  /// The samples, row-major `[sample][element]`.
  public var values: [Double]

  /// The sample taken after the step at `row`.
  public func row(_ row: Int) -> ArraySlice<Double> {
    values[(row * width)..<((row + 1) * width)]
  }
}
