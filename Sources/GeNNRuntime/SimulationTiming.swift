import GeNNCodeGen
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
  /// Each custom update group's rebuilding of the column index after its custom
  /// connectivity updates changed rows (`get_custom_update_remap_time`).
  public var customUpdateRemaps: [String: Double] = [:]
  /// Each custom update group's custom connectivity host code
  /// (`get_custom_update_host_time`).
  public var customUpdateHosts: [String: Double] = [:]

  /// The number of counters the generated code keeps for `model`.
  static func counterCount(of model: ModelSpec) -> Int { TimingCounter.count(of: model) }

  /// Zero counters for every custom update group of `model`.
  init(model: ModelSpec) {
    for group in model.customUpdateGroups {
      customUpdates[group] = 0
      customUpdateTransposes[group] = 0
      customUpdateRemaps[group] = 0
      customUpdateHosts[group] = 0
    }
  }

  /// The counter `counter` of custom update group `group`.
  public subscript(counter: CustomUpdateTimer, group: String) -> Double {
    get {
      switch counter {
      case .update: customUpdates[group] ?? 0
      case .transpose: customUpdateTransposes[group] ?? 0
      case .remap: customUpdateRemaps[group] ?? 0
      case .host: customUpdateHosts[group] ?? 0
      }
    }
    set {
      switch counter {
      case .update: customUpdates[group] = newValue
      case .transpose: customUpdateTransposes[group] = newValue
      case .remap: customUpdateRemaps[group] = newValue
      case .host: customUpdateHosts[group] = newValue
      }
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
      for counter in CustomUpdateTimer.allCases {
        self[counter, group] = counters[counter.position(inGroup: position)]
      }
    }
  }
}
