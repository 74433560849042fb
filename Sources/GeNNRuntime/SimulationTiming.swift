import GeNNModel

/// The time in seconds a simulation spent in each phase since it was loaded, measured
/// where the work runs when the model asks for it (``GeNNModel/ModelSpec/timingEnabled``,
/// GeNN's `timing_enabled`); all zero otherwise. Named as PyGeNN's counters.
public struct SimulationTiming: Hashable, Sendable {
  /// The neuron update (`neuron_update_time`).
  public var neuronUpdate = 0.0
  /// The presynaptic update (`presynaptic_update_time`); on the CPU backend the whole
  /// synapse phase, which runs dynamics and postsynaptic updates in the same pass.
  public var presynapticUpdate = 0.0
  /// The postsynaptic update (`postsynaptic_update_time`).
  public var postsynapticUpdate = 0.0
  /// The synapse dynamics (`synapse_dynamics_time`).
  public var synapseDynamics = 0.0
  /// The initialisation (`init_time`).
  public var initialisation = 0.0
  /// The initialisation that follows sparse connectivity (`init_sparse_time`).
  public var sparseInitialisation = 0.0
  /// Each custom update group's updates (`get_custom_update_time`).
  public var customUpdates: [String: Double] = [:]
  /// Each custom update group's transposes (`get_custom_update_transpose_time`).
  public var customUpdateTransposes: [String: Double] = [:]

  /// The number of counters the generated code keeps for `model`: six, then an update
  /// and a transpose counter per custom update group.
  static func counterCount(of model: ModelSpec) -> Int { 6 + 2 * model.customUpdateGroups.count }

  /// Zero counters for every custom update group of `model`.
  init(model: ModelSpec) {
    for group in model.customUpdateGroups {
      customUpdates[group] = 0
      customUpdateTransposes[group] = 0
    }
  }

  /// The counters in the order of ``GeNNCodeGen/CModuleInterface/timing``.
  init(model: ModelSpec, counters: [Double]) {
    self.init(model: model)
    neuronUpdate = counters[0]
    presynapticUpdate = counters[1]
    postsynapticUpdate = counters[2]
    synapseDynamics = counters[3]
    initialisation = counters[4]
    sparseInitialisation = counters[5]
    for (position, group) in model.customUpdateGroups.enumerated() {
      customUpdates[group] = counters[6 + 2 * position]
      customUpdateTransposes[group] = counters[7 + 2 * position]
    }
  }
}
