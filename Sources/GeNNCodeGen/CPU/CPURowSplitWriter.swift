import GeNNModel

/// The split tables of the presynaptic update (``RowSplitSource``): built once the rows
/// are, on every thread, and read by the chunks of the synapse phase so that each reads
/// only its part of a row.
extension CPUModuleWriter {
  /// Whether the presynaptic update of `group` reads its rows through a split table:
  /// SPARSE rows that stay sorted (no custom connectivity update changes them), delivered
  /// by spike or spike-like event code that any chunk of targets may run (no `addToPre`).
  func splitsRows(_ group: MergedSynapseGroup) -> Bool {
    let synapses = model.synapsePopulations[group.archetype]
    let weightUpdate = synapses.weightUpdate
    return synapses.matrixType.connectivityStorage == .sparse
      && !model.rowsChange(of: synapses.name)
      && !usage.presynapticOutput.contains(synapses.name)
      && (!weightUpdate.preSpikeSynCode.isBlank || weightUpdate.deliversPreEvents)
  }

  /// The C++ type of `group`'s split table entries: 16 bits where every member's rows
  /// are short enough.
  func rowSplitType(_ group: MergedSynapseGroup) -> String {
    let longest =
      group.populations.map {
        CUDAModuleWriter.rowStride(of: model.synapsePopulations[$0], model)
      }.max() ?? 0
    return longest <= Int(UInt16.max) ? "uint16_t" : "uint32_t"
  }

  /// The fields of `Model` that hold the split tables.
  mutating func writeRowSplitFields() {
    for group in synapseGroups where splitsRows(group) {
      line("// Where each row of each population ends each split range (genn::kRowSplits a row).")
      line(
        "std::vector<\(rowSplitType(group))> synapseGroup\(group.index)RowSplits[\(group.populations.count)];"
      )
    }
  }

  /// `splitRowsThread`: thread `thread`'s share of every split table's rows.
  mutating func writeRowSplitting() {
    guard synapseGroups.contains(where: splitsRows) else { return }
    line("void splitRowsThread(void *context, unsigned thread, unsigned numThreads) {")
    line("Model &m = *static_cast<Model *>(context);")
    for group in synapseGroups where splitsRows(group) {
      line("for (unsigned g = 0; g < \(group.populations.count); g++) {")
      line(
        "const \(synapseStructName(group)) &group = \(copy("m.synapseGroup\(group.index)", batch: "0"))[g];"
      )
      line("\(rowSplitType(group)) *splits = m.synapseGroup\(group.index)RowSplits[g].data();")
      line("const genn::Range range = genn::threadRange(group.numSrcNeurons, thread, numThreads);")
      line("for (uint32_t i = range.begin; i < range.end; i++) {")
      line(
        "genn::splitRow(group.ind + (size_t)i * group.rowStride, group.rowLength[i], group.numTrgNeurons, splits + (size_t)i * genn::kRowSplits);"
      )
      line("}")
      line("}")
    }
    line("}")
    line()
  }

  /// In `genn_initialize`, once the rows are built: sizes and fills the split tables.
  mutating func writeRowSplitBuild() {
    guard synapseGroups.contains(where: splitsRows) else { return }
    for group in synapseGroups where splitsRows(group) {
      line("for (unsigned g = 0; g < \(group.populations.count); g++) {")
      line(
        "m.synapseGroup\(group.index)RowSplits[g].assign((size_t)\(copy("m.synapseGroup\(group.index)", batch: "0"))[g].numSrcNeurons * genn::kRowSplits, 0);"
      )
      line("}")
    }
    line("m.pool.run(splitRowsThread, model);")
  }
}
