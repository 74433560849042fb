/// What a model file asks to record: spikes and spike-like events per neuron population,
/// and variables.
public struct RecordingPlan: Hashable, Sendable {
  /// Neuron populations whose spikes are recorded, in file order.
  public var spikes: [String]
  /// Neuron populations whose spike-like events are recorded, in file order.
  public var spikeEvents: [String]
  /// Variables recorded, in file order.
  public var variables: [VariableRecording]

  /// Creates a plan.
  public init(
    spikes: [String] = [], spikeEvents: [String] = [], variables: [VariableRecording] = []
  ) {
    self.spikes = spikes
    self.spikeEvents = spikeEvents
    self.variables = variables
  }
}
