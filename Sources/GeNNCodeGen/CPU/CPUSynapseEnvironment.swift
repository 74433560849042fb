import GeNNModel
import GeNNTranspiler

extension CPUModuleWriter {
  /// The environment of one of synapse population `index`'s per-synapse code strings:
  /// one thread adds to each target.
  func synapseEnvironment(_ index: Int, hook: String) -> Environment {
    synapseEnvironment(
      index, hook: hook,
      additions: SynapseAdditions(
        toPost: "group.inSyn[id_post] += $(0)", toPostDelay: { "\($0) += $(0)" },
        toPre: { "\($0) += $(0)" },
        dendriticDelayFront: "*group.denDelayPtr"))
  }
}
