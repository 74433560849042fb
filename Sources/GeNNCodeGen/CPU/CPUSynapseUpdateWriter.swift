import GeNNModel
import GeNNTranspiler

/// The presynaptic update of one synapse population: for each neuron that spiked
/// `1 + axonalDelaySteps` steps ago, in ascending id, each of its synapses in ascending
/// postsynaptic id runs `pre_spike_syn_code`, whose `addToPost(x)` adds to the target's
/// `inSyn` (GeNN 5.4's order). The synapse phase's chunks split the work by ranges of
/// target neurons (`postBegin..<postEnd`), so no two chunks write one target and every
/// target sums in GeNN's order.
extension WeightUpdateModel {
  /// Whether synapses run code for presynaptic spike-like events.
  var deliversPreEvents: Bool { hasPreEvents && !preEventSynCode.isBlank }
  /// Whether synapses run code for postsynaptic spike-like events.
  var deliversPostEvents: Bool { hasPostEvents && !postEventSynCode.isBlank }
}

extension CPUModuleWriter {
  mutating func writeSynapseGroup(_ group: MergedSynapseGroup) {
    let outer = enter(synapseUpdateOrigin(group))
    defer { leave(outer) }
    let index = group.archetype
    let synapses = model.synapsePopulations[index]
    let weightUpdate = synapses.weightUpdate
    let storage = synapses.matrixType.connectivityStorage
    let sparse = storage == .sparse
    let structName = synapseStructName(group)
    let preEvents = weightUpdate.deliversPreEvents
    let postEvents = weightUpdate.deliversPostEvents
    let postSpikes = !weightUpdate.postSpikeSynCode.isBlank
    declareSynapseGroup(group, dendriticDelayPointer: true)
    line()

    let hooks: [(name: String, code: String, enabled: Bool)] = [
      ("synapse dynamics code", weightUpdate.synapseDynamicsCode, true),
      ("pre event syn code", weightUpdate.preEventSynCode, preEvents),
      ("pre spike syn code", weightUpdate.preSpikeSynCode, true),
      ("post event syn code", weightUpdate.postEventSynCode, postEvents),
      ("post spike syn code", weightUpdate.postSpikeSynCode, postSpikes),
    ]
    let checked = hooks.map { hook -> CheckedStatements? in
      guard hook.enabled, !hook.code.isBlank else { return nil }
      return checkStatements(hook.code, in: synapseEnvironment(index, hook: hook.name))
    }

    // By value, as for neuron updates: parameters stay in registers across stores.
    let splits = splitsRows(group)
    let splitParameters =
      splits
      ? "const \(rowSplitType(group)) *rowSplits, uint32_t firstRange, uint32_t endRange, " : ""
    line(
      "void updateSynapseGroup\(group.index)(const \(structName) group, \(splitParameters)uint32_t postBegin, uint32_t postEnd,"
    )
    line("\(timeName) t, uint64_t timestep) {")
    line("(void)t;")
    writeSlotOffsets()
    if let code = checked[0] {
      line("// \(hooks[0].name): every synapse with its target in range")
      line("for (uint32_t id_pre = 0; id_pre < group.numSrcNeurons; id_pre++) {")
      writeRowLoop(synapses, code: code, source: hooks[0].code)
      line("}")
    }
    for (position, list) in [(1, "srcSpkEvent"), (2, "srcSpike")] {
      guard let code = checked[position] else { continue }
      let count = list == "srcSpike" ? "srcSpikeCount" : "srcSpkCntEvent"
      line("// \(hooks[position].name)")
      line("{")
      line("const uint32_t *spikes = group.\(list) + preOffset;")
      line("const uint32_t count = group.\(count)[preSlot];")
      if storage == .toeplitz {
        writeToeplitzDiagonals(index, code: code)
      } else {
        writeFirstRowsPrefetch(synapses, code: hooks[position].code, splits: splits)
        line("for (uint32_t s = 0; s < count; s++) {")
        line("const uint32_t id_pre = spikes[s];")
        if splits {
          writeSplitRowPrefetch(synapses, code: hooks[position].code)
          writeSplitRowLoop(synapses, code: code)
        } else if storage == .procedural {
          writeProceduralRow(index, code: code)
        } else {
          writeRowPrefetch(synapses, code: hooks[position].code)
          writeRowLoop(synapses, code: code, source: hooks[position].code)
        }
        line("}")
      }
      line("}")
    }
    for (position, list) in [(3, "trgSpkEvent"), (4, "trgSpike")] {
      guard let code = checked[position] else { continue }
      let count = list == "trgSpike" ? "trgSpikeCount" : "trgSpkCntEvent"
      line("// \(hooks[position].name)")
      line("{")
      line("const uint32_t *spikes = group.\(list) + postOffset;")
      line("const uint32_t count = group.\(count)[postSlot];")
      line("for (uint32_t s = 0; s < count; s++) {")
      line("const uint32_t id_post = spikes[s];")
      line("if (id_post < postBegin || id_post >= postEnd) { continue; }")
      if sparse {
        line(
          "for (uint32_t k = group.colStart[id_post]; k < group.colStart[id_post + 1u]; k++) {"
        )
        writeColumnPrefetch(synapses, code: hooks[position].code)
        line("const uint32_t syn = group.remap[k];")
        line("const uint32_t id_pre = syn / group.rowStride;")
      } else {
        line("for (uint32_t id_pre = 0; id_pre < group.numSrcNeurons; id_pre++) {")
        line("const uint32_t syn = id_pre * group.numTrgNeurons + id_post;")
      }
      line("(void)syn;")
      if let prelude = proceduralVariableCode(synapses, level: 0) { block(prelude) }
      self.code(code)
      line("}")
      line("}")
      line("}")
    }
    line("}")
    line()
  }

  /// The weight update variables kept per synapse in memory that `code` uses.
  private func storedVariables(of synapses: SynapsePopulation, usedBy code: String) -> [Variable] {
    guard synapses.matrixType.weightStorage == .individual else { return [] }
    return synapses.weightUpdate.vars.filter { CodeUsage.uses($0.name, in: [code]) }
  }

  /// Prints the request to the cache for the variables that `code` uses of the synapse
  /// `genn::kRowPrefetchDistance` further down a SPARSE column: a column's synapses lie
  /// one in each row, anywhere in memory, so without it postsynaptic learning waits on
  /// memory for every synapse.
  private mutating func writeColumnPrefetch(_ synapses: SynapsePopulation, code: String) {
    let used = storedVariables(of: synapses, usedBy: code)
    guard !used.isEmpty else { return }
    line(
      "if (k + genn::kRowPrefetchDistance < group.colStart[id_post + 1u]) {")
    line("const uint32_t ahead = group.remap[k + genn::kRowPrefetchDistance];")
    for variable in used {
      line("__builtin_prefetch(group.v_\(variable.name) + ahead);")
    }
    line("}")
  }

  /// Prints the requests to the cache for the rows of the first spikes, before the loop
  /// over spikes asks for each row `genn::kRowPrefetchDistance` spikes ahead: the first
  /// `2 * genn::kRowPrefetchDistance` spikes' split table entries (SPARSE rows split by
  /// target), then the first `genn::kRowPrefetchDistance` spikes' rows, so that these
  /// rows come from memory together rather than one by one as the loop reaches them (at
  /// 16,000 COBA neurons a population has some 30 spikes a step, and this makes the
  /// presynaptic update a sixth faster).
  private mutating func writeFirstRowsPrefetch(
    _ synapses: SynapsePopulation, code: String, splits: Bool
  ) {
    let requests = rowRequests(synapses, code: code, splits: splits)
    guard !requests.isEmpty else { return }
    if splits {
      line("for (uint32_t s = 0; s < count && s < 2u * genn::kRowPrefetchDistance; s++) {")
      line("__builtin_prefetch(rowSplits + (size_t)spikes[s] * genn::kRowSplits);")
      line("}")
    }
    line("for (uint32_t s = 0; s < count && s < genn::kRowPrefetchDistance; s++) {")
    line("const uint32_t ahead = spikes[s];")
    for request in requests { line(request) }
    line("}")
  }

  /// Prints the request to the cache for the row of the spike `genn::kRowPrefetchDistance`
  /// ahead: its targets and length (SPARSE) and the variables of its synapses that
  /// `code` uses. Rows lie anywhere in memory, so without this each spike waits for
  /// its row to come from memory (at 256,000 COBA neurons this halves the step).
  private mutating func writeRowPrefetch(_ synapses: SynapsePopulation, code: String) {
    let requests = rowRequests(synapses, code: code, splits: false)
    guard !requests.isEmpty else { return }
    line("if (s + genn::kRowPrefetchDistance < count) {")
    line("const uint32_t ahead = spikes[s + genn::kRowPrefetchDistance];")
    for request in requests { line(request) }
    line("}")
  }

  /// Prints the requests to the cache for the split table entries of the spike
  /// `2 * genn::kRowPrefetchDistance` ahead and for this chunk's part of the row (its
  /// targets and the variables of its synapses that `code` uses) of the spike
  /// `genn::kRowPrefetchDistance` ahead, whose entries have arrived by then.
  private mutating func writeSplitRowPrefetch(_ synapses: SynapsePopulation, code: String) {
    line("if (s + 2u * genn::kRowPrefetchDistance < count) {")
    line(
      "__builtin_prefetch(rowSplits + (size_t)spikes[s + 2u * genn::kRowPrefetchDistance] * genn::kRowSplits);"
    )
    line("}")
    line("if (s + genn::kRowPrefetchDistance < count) {")
    line("const uint32_t ahead = spikes[s + genn::kRowPrefetchDistance];")
    for request in rowRequests(synapses, code: code, splits: true) { line(request) }
    line("}")
  }

  /// The statements that ask the cache for the row of spike `ahead`: this chunk's part
  /// of a split SPARSE row (`splits`: its targets and the used variables, found from the
  /// split table), else a SPARSE row's length, targets and used variables, or a DENSE
  /// row's used variables from the chunk's first target; none for a PROCEDURAL row.
  private func rowRequests(_ synapses: SynapsePopulation, code: String, splits: Bool) -> [String] {
    let variables = storedVariables(of: synapses, usedBy: code).map { "group.v_\($0.name)" }
    if splits {
      return [
        "const auto *aheadSplits = rowSplits + (size_t)ahead * genn::kRowSplits;",
        "const uint32_t from = firstRange == 0u ? 0u : aheadSplits[firstRange - 1u];",
        "const uint32_t to = aheadSplits[endRange - 1u];",
      ]
        + (["group.ind"] + variables).map {
          "genn::prefetchSpan(\($0) + (size_t)ahead * group.rowStride + from, to - from);"
        }
    }
    let storage = synapses.matrixType.connectivityStorage
    guard storage != .procedural else { return [] }
    let sparse = storage == .sparse
    let (stride, offset) =
      sparse ? ("group.rowStride", "") : ("group.numTrgNeurons", " + postBegin")
    let rows = (sparse ? ["group.ind"] : []) + variables
    guard !rows.isEmpty else { return [] }
    return (sparse ? ["__builtin_prefetch(group.rowLength + ahead);"] : [])
      + rows.map { "genn::prefetchRow(\($0) + (size_t)ahead * \(stride)\(offset), \(stride));" }
  }

  /// Prints the loop over the synapses of row `id_pre` in this chunk's split ranges, in
  /// ascending target order, running `code` for each.
  private mutating func writeSplitRowLoop(_ synapses: SynapsePopulation, code: CheckedStatements) {
    line("const auto *row = group.ind + (size_t)id_pre * group.rowStride;")
    line("const auto *splits = rowSplits + (size_t)id_pre * genn::kRowSplits;")
    line("const uint32_t last = splits[endRange - 1u];")
    line("for (uint32_t j = firstRange == 0u ? 0u : splits[firstRange - 1u]; j < last; j++) {")
    line("const uint32_t id_post = row[j];")
    line("const uint32_t syn = id_pre * group.rowStride + j;")
    line("(void)syn;")
    if let prelude = proceduralVariableCode(synapses, level: 0) { block(prelude) }
    self.code(code)
    line("}")
  }

  /// Prints the loop over the synapses of row `id_pre` whose targets are in
  /// `[postBegin, postEnd)`, in ascending target order (in row order where custom
  /// connectivity updates change the rows, which are then unsorted), running `code`
  /// (checked from `source`) for each.
  private mutating func writeRowLoop(
    _ synapses: SynapsePopulation, code: CheckedStatements, source: String
  ) {
    if synapses.matrixType.connectivityStorage == .sparse && model.rowsChange(of: synapses.name) {
      line("const auto *row = group.ind + (size_t)id_pre * group.rowStride;")
      line("const uint32_t length = group.rowLength[id_pre];")
      line("for (uint32_t j = 0; j < length; j++) {")
      line("const uint32_t id_post = row[j];")
      line("if (id_post < postBegin || id_post >= postEnd) { continue; }")
      line("const uint32_t syn = id_pre * group.rowStride + j;")
    } else if synapses.matrixType.connectivityStorage == .sparse {
      line("const auto *row = group.ind + (size_t)id_pre * group.rowStride;")
      line("const uint32_t length = group.rowLength[id_pre];")
      line(
        "const uint32_t first = (uint32_t)(std::lower_bound(row, row + length, postBegin) - row);"
      )
      line("for (uint32_t j = first; j < length; j++) {")
      line("const uint32_t id_post = row[j];")
      line("if (id_post >= postEnd) { break; }")
      line("const uint32_t syn = id_pre * group.rowStride + j;")
    } else {
      if synapses.matrixType == .dense && rowIterationsAreIndependent(synapses, source: source) {
        line("GENN_IVDEP")
      }
      line("for (uint32_t id_post = postBegin; id_post < postEnd; id_post++) {")
      // A 64-bit index: the compiler vectorises only a loop whose addresses it can follow
      // (a 32-bit sum could wrap); `id_syn` stays 32-bit.
      line("const size_t syn = (size_t)id_pre * group.numTrgNeurons + id_post;")
      if synapses.matrixType == .bitmask {
        line("if (!(group.bitmask[syn / 32u] & (1u << (syn % 32u)))) { continue; }")
      }
    }
    line("(void)syn;")
    if let prelude = proceduralVariableCode(synapses, level: 0) { block(prelude) }
    self.code(code)
    line("}")
  }

  /// Whether the synapses of a DENSE row running `source` touch only their own
  /// elements (their variables, their target's input, delay slots and variables) and read
  /// the rest, so that the compiler may run them as the lanes of a vector (`GENN_IVDEP`;
  /// each lane's arithmetic is the same, so are the results): not where the code adds to
  /// the row's one presynaptic input (`addToPre`) or uses an extra global parameter, which
  /// it may write at any index.
  private func rowIterationsAreIndependent(_ synapses: SynapsePopulation, source: String)
    -> Bool
  {
    let shared = ["addToPre"] + synapses.weightUpdate.extraGlobalParams.map(\.name)
    return !shared.contains { CodeUsage.uses($0, in: [source]) }
  }

  /// Builds the rows of a SPARSE population whose connectivity is a snippet: each
  /// presynaptic neuron's row from its own random stream, then sorted (the presynaptic
  /// update searches rows by target). Returns how many rows overflowed the storage; a
  /// synapse to a neuron beyond the target is noted in `genn_range_error`.
  mutating func writeConnectivityBuilder(_ group: MergedSynapseGroup) {
    let outer = enter(synapseInitialisationOrigin(group))
    defer { leave(outer) }
    let synapses = model.synapsePopulations[group.archetype]
    guard case .snippet(let snippet, _) = synapses.connectivity,
      synapses.buildsRowsAtInitialisation
    else { return }
    if snippet.rowBuildCode.isBlank {
      writeColumnBuildingBuilder(group, snippet: snippet)
      return
    }
    let code = checkBuildCode(
      synapses, snippet: snippet, byColumn: false, setBit: "genn::setBit",
      addToRow: "genn::addSynapse(row, length, group.rowStride, overflow, genn_target)",
      noteOutOfRange: { "genn::noteOutOfRange(genn_range_error, \($0), genn_target)" })
    line(
      "uint32_t buildSynapseGroup\(group.index)(const \(synapseStructName(group)) &group, uint32_t preBegin, uint32_t preEnd,"
    )
    line("uint64_t &genn_range_error) {")
    line("uint32_t overflows = 0;")
    line("for (uint32_t id_pre = preBegin; id_pre < preEnd; id_pre++) {")
    writeRowBuild(
      synapses, code: code, sortRow: "genn::sortRow",
      countOverflow: "overflows += overflow ? 1u : 0u;")
    line("}")
    line("return overflows;")
    line("}")
    line()
  }

  /// Builds the rows of a population whose snippet builds columns: each postsynaptic
  /// neuron, in ascending order and from its own random stream, appends itself to the
  /// rows it chooses, so rows come out sorted. Runs on one thread, before anything reads
  /// the rows; a synapse from a neuron beyond the source is noted in `genn_range_error`.
  private mutating func writeColumnBuildingBuilder(
    _ group: MergedSynapseGroup, snippet: ConnectivitySnippet
  ) {
    let synapses = model.synapsePopulations[group.archetype]
    let code = checkBuildCode(
      synapses, snippet: snippet, byColumn: true, setBit: "genn::setBit",
      addToRow:
        "genn::addSynapse(group.ind + (size_t)genn_target * group.rowStride, group.rowLength[genn_target], group.rowStride, overflow, id_post)",
      noteOutOfRange: { "genn::noteOutOfRange(genn_range_error, \($0), genn_target)" })
    line(
      "uint32_t buildSynapseGroup\(group.index)(const \(synapseStructName(group)) &group, uint64_t &genn_range_error) {"
    )
    line("bool overflow = false;")
    line("for (uint32_t id_post = 0; id_post < group.numTrgNeurons; id_post++) {")
    writeBuildStream(byColumn: true)
    line("{")
    self.code(code)
    line("}")
    line("}")
    line("return overflow ? 1u : 0u;")
    line("}")
    line()
  }

  /// Builds the column index of a SPARSE population with postsynaptic learning: for
  /// each target, the row-major positions of its synapses in ascending presynaptic order
  /// (as GeNN's remap orders them).
  mutating func writeColumnBuilder(_ group: MergedSynapseGroup) {
    let outer = enter(synapseInitialisationOrigin(group))
    defer { leave(outer) }
    let synapses = model.synapsePopulations[group.archetype]
    guard synapses.matrixType == .sparse && synapses.weightUpdate.hasPostsynapticUpdate else {
      return
    }
    line(
      "void buildColumnsSynapseGroup\(group.index)(const \(synapseStructName(group)) &group) {")
    line("std::fill(group.colStart, group.colStart + group.numTrgNeurons + 1u, 0u);")
    writeColumnStarts()
    line("std::vector<uint32_t> next(group.colStart, group.colStart + group.numTrgNeurons);")
    line("for (uint32_t i = 0; i < group.numSrcNeurons; i++) {")
    line("for (uint32_t j = 0; j < group.rowLength[i]; j++) {")
    line("const uint32_t position = i * group.rowStride + j;")
    line("group.remap[next[group.ind[position]]++] = position;")
    line("}")
    line("}")
    line("}")
    line()
  }
}
