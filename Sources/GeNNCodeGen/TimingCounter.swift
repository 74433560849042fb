import GeNNModel

/// The timing counters generated code keeps when a model asks for them (GeNN's
/// `timing_enabled`), in seconds, in this order: neuron update, presynaptic update,
/// postsynaptic update, synapse dynamics, initialisation, sparse initialisation, then the
/// ``CustomUpdateTimer``s of each custom update group (groups by name).
public enum TimingCounter {
  /// The phase counters before the custom update groups'.
  public static let phaseCount = 6

  /// The number of counters of `model`.
  public static func count(of model: ModelSpec) -> Int {
    phaseCount + CustomUpdateTimer.allCases.count * model.customUpdateGroups.count
  }
}

/// The counters of one custom update group, as GeNN times an update group.
public enum CustomUpdateTimer: Int, CaseIterable, Sendable {
  /// The custom updates other than transposes, and the custom connectivity updates' rows
  /// (`get_custom_update_time`).
  case update
  /// The transposes (`get_custom_update_transpose_time`).
  case transpose
  /// The column index rebuilt after custom connectivity updates changed rows
  /// (`get_custom_update_remap_time`).
  case remap
  /// The custom connectivity updates' host code (`get_custom_update_host_time`).
  case host

  /// The position of this counter of the `group`th custom update group (by name).
  public func position(inGroup group: Int) -> Int {
    TimingCounter.phaseCount + Self.allCases.count * group + rawValue
  }
}
