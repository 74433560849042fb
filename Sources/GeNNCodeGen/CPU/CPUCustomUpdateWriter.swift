import GeNNModel
import GeNNTranspiler

/// The CPU backend's custom updates, run on the calling thread as GeNN's CPU backend runs
/// them: one function per update group, called through `genn_custom_update`.
extension CPUModuleWriter {
  /// Custom update `index`'s struct and function, looping over its elements.
  mutating func writeCustomUpdate(_ index: Int) {
    writeCustomUpdate(index, iteration: .loops)
  }

  /// Fills `m.customUpdateINDEX` (batch `batch`'s copy in a batched model).
  mutating func writeCustomUpdateBinding(_ index: Int) {
    writeCustomUpdateBinding(index, field: copy("m.customUpdate\(index)"))
  }

  /// The call of custom update `index`'s function: once per batch where it has GeNN's
  /// batch dimension in a batched model, once (batch 0's fields, running every batch)
  /// where it reduces over batches, else once.
  private func customUpdateCall(_ index: Int) -> String {
    let call = { (batch: String) in
      "updateCustomUpdate\(index)(\(copy("m.customUpdate\(index)", batch: batch)), timestep);"
    }
    let update = model.customUpdates[index]
    guard batches > 1 && model.hasBatchDimension(update) && !reducesOverBatches(index) else {
      return call("0")
    }
    return "for (uint32_t batch = 0; batch < \(batches)u; batch++) { \(call("batch")) }"
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
        writeTimedCustomUpdate(customUpdateCall(index), group: position, timer: .update)
      }
      for index in connectivity {
        writeTimedCustomUpdate(
          "for (uint32_t i = 0; i < m.customConnectivityUpdate\(index).numPre; i++) { "
            + "updateRowCustomConnectivityUpdate\(index)(m.customConnectivityUpdate\(index), i, timestep); }",
          group: position, timer: .update)
      }
      for (merged, member) in remappedSynapseGroups(inGroup: group) {
        writeTimedCustomUpdate(
          "buildColumnsSynapseGroup\(merged)(\(copy("m.synapseGroup\(merged)", batch: "0"))[\(member)]);",
          group: position, timer: .remap)
      }
      for index in updates where transposes.contains(index) {
        writeTimedCustomUpdate(customUpdateCall(index), group: position, timer: .transpose)
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
