import GeNNModel
import GeNNTranspiler

/// The CPU backend's custom updates, run on the calling thread as GeNN's CPU backend runs
/// them: one function per update group, called through `genn_custom_update`.
extension CPUModuleWriter {
  /// Custom update `index`'s struct and function, looping over its elements.
  mutating func writeCustomUpdate(_ index: Int) {
    writeCustomUpdate(index, iteration: .loops)
  }

  /// Fills `m.customUpdateINDEX`.
  mutating func writeCustomUpdateBinding(_ index: Int) {
    writeCustomUpdateBinding(index, field: "m.customUpdate\(index)")
  }

  /// One function per update group, running its custom updates in GeNN's order.
  mutating func writeCustomUpdateGroups() {
    for (position, group) in model.customUpdateGroups.enumerated() {
      line("/// Update group '\(group)'.")
      line("void customUpdateGroup\(position)(Model &m, uint64_t timestep) {")
      for index in model.customUpdates(inGroup: group) {
        writeTimedCustomUpdate(
          "updateCustomUpdate\(index)(m.customUpdate\(index), timestep);", group: position,
          transpose: model.customUpdates[index].varRefs.values.contains(where: \.isTranspose))
      }
      line("}")
      line()
    }
  }

  /// `void genn_custom_update(void *state, uint32_t group, uint64_t timestep)`: runs
  /// update group `group` (an index into the sorted group names) at `timestep`.
  mutating func writeCustomUpdateExport() {
    guard !model.customUpdates.isEmpty else { return }
    line()
    line(
      "GENN_EXPORT void \(CModuleInterface.customUpdate)(void *model, uint32_t group, uint64_t timestep) {"
    )
    line("Model &m = *static_cast<Model *>(model);")
    line("switch (group) {")
    for (position, _) in model.customUpdateGroups.enumerated() {
      line("case \(position)u: customUpdateGroup\(position)(m, timestep); break;")
    }
    line("default: break;")
    line("}")
    line("}")
  }
}
