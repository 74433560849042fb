/// The row lengths that snippets drawing them (``GeNNModel/ConnectivitySnippet/RowLengthDraw``)
/// need before their rows are built, drawn on every thread: each population draws from its
/// own stream, so any thread may draw any population's lengths and the lengths never
/// depend on the number of threads. The populations are dealt out to the threads in turn.
extension CPUModuleWriter {
  /// The merged synapse groups whose populations draw their row lengths.
  var rowLengthDrawGroups: [MergedSynapseGroup] {
    synapseGroups.filter { model.synapsePopulations[$0.archetype].rowLengthDraw != nil }
  }

  /// Prints `drawRowLengthsThread`, the pool task that draws the row lengths of every
  /// population that needs them, population `k` (counted over the merged groups in
  /// order) on thread `k % numThreads`; nothing when no population draws them.
  mutating func writeRowLengthDrawThread() {
    let groups = rowLengthDrawGroups
    guard !groups.isEmpty else { return }
    line("void drawRowLengthsThread(void *context, unsigned thread, unsigned numThreads) {")
    line("Model &m = *static_cast<Model *>(context);")
    line("unsigned k = 0;")
    for group in groups {
      line(
        "for (const \(synapseStructName(group)) &group : \(copy("m.synapseGroup\(group.index)", batch: "0"))) {"
      )
      line("if (k++ % numThreads == thread) { drawRowLengthsSynapseGroup\(group.index)(group); }")
      line("}")
    }
    line("}")
    line()
  }
}

extension CPUModuleWriter {
  /// Prints, for every population whose rows follow their drawn lengths
  /// (``SparseConnectivity/rowsFollowDrawnLengths(of:in:)``), the setting of its stride to
  /// the longest row drawn (at least 1), once the lengths are drawn and before any row is
  /// built; nothing for the others, whose stride is the snippet's bound.
  mutating func writeDrawnRowStrides() {
    for group in rowLengthDrawGroups {
      for (member, index) in group.populations.enumerated()
      where SparseConnectivity.rowsFollowDrawnLengths(
        of: model.synapsePopulations[index], in: model)
      {
        let groups = "m.synapseGroup\(group.index)"
        let field = "\(copy(groups, batch: "0"))[\(member)]"
        line(
          "// '\(model.synapsePopulations[index].name.commentText)': rows as long as the longest drawn"
        )
        line("{")
        line("uint32_t longest = 1u;")
        line(
          "for (uint32_t i = 0; i < \(field).numSrcNeurons; i++) { longest = std::max(longest, \(field).preCalcRowLength[i]); }"
        )
        openBatchLoop()
        line("\(copy(groups))[\(member)].rowStride = longest;")
        closeBatchLoop()
        line("}")
      }
    }
  }
}
