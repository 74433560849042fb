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

  /// One function per update group, running its custom updates and custom connectivity
  /// updates in GeNN's order: the connectivity updates' host code, the custom updates
  /// other than transposes, the connectivity updates' rows (then the column index of
  /// the populations they changed), the transposes.
  mutating func writeCustomUpdateGroups() {
    for (position, group) in model.customUpdateGroups.enumerated() {
      line("/// Update group '\(group)'.")
      line("void customUpdateGroup\(position)(Model &m, uint64_t timestep) {")
      let connectivity = model.customConnectivityUpdates(inGroup: group)
      for index in connectivity
      where !model.customConnectivityUpdates[index].model
        .hostUpdateCode.isBlank
      {
        writeTimedCustomUpdate(
          "hostUpdateCustomConnectivityUpdate\(index)(m.customConnectivityUpdate\(index), timestep);",
          group: position, timer: .host)
      }
      let updates = model.customUpdates(inGroup: group)
      let transposes = Set(
        updates.filter { model.customUpdates[$0].varRefs.values.contains(where: \.isTranspose) })
      for index in updates where !transposes.contains(index) {
        writeTimedCustomUpdate(
          "updateCustomUpdate\(index)(m.customUpdate\(index), timestep);", group: position,
          timer: .update)
      }
      for index in connectivity {
        writeTimedCustomUpdate(
          "for (uint32_t i = 0; i < m.customConnectivityUpdate\(index).numPre; i++) { "
            + "updateRowCustomConnectivityUpdate\(index)(m.customConnectivityUpdate\(index), i, timestep); }",
          group: position, timer: .update)
      }
      for (merged, member) in remappedSynapseGroups(inGroup: group) {
        writeTimedCustomUpdate(
          "buildColumnsSynapseGroup\(merged)(m.synapseGroup\(merged)[\(member)]);",
          group: position, timer: .remap)
      }
      for index in updates where transposes.contains(index) {
        writeTimedCustomUpdate(
          "updateCustomUpdate\(index)(m.customUpdate\(index), timestep);", group: position,
          timer: .transpose)
      }
      line("}")
      line()
    }
  }

  /// `void genn_custom_update(void *state, uint32_t group, uint64_t timestep)`: runs
  /// update group `group` (an index into the sorted group names) at `timestep`.
  mutating func writeCustomUpdateExport() {
    guard !model.customUpdateGroups.isEmpty else { return }
    line()
    line(
      "GENN_EXPORT void \(CModuleInterface.customUpdate)(void *model, uint32_t group, uint64_t timestep) {"
    )
    line("const genn::FloatMode mode;")
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
