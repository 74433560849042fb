import GeNNModel

/// The phases of a CPU time step, shared out in chunks (``ThreadPoolSource``): first the
/// synapse phase, whose chunks are ranges of each delivery set's postsynaptic neurons
/// (a set: the synapse populations summing into one postsynaptic input, one population
/// unless fused, ``GeNNModel/PostsynapticFusion``), each one or more of its
/// `genn::kRowSplits` split ranges (``RowSplitSource``; so no two chunks write one
/// target, and every target sums its inputs in GeNN's order, set member by member,
/// whatever the chunks), then the neuron phase, whose chunks are ranges of each
/// population's neurons of a size set by the population alone. The calling thread then
/// gathers each population's spikes chunk by chunk, in ascending neuron order.
extension CPUModuleWriter {
  /// The most event lists (spikes, then spike-like events) a neuron population emits:
  /// the numbers each neuron chunk writes.
  private var chunkCountStride: Int {
    1 + (neuronGroups.map { weightUpdateSlots(of: $0).compactMap(\.eventList).count }.max() ?? 0)
  }

  /// Whether a synapse population of `group` runs as one chunk: its `addToPre` writes
  /// presynaptic neurons' input, which only a chunk of all its targets may do.
  private func runsAsOneChunk(_ group: MergedSynapseGroup) -> Bool {
    usage.presynapticOutput.contains(model.synapsePopulations[group.archetype].name)
  }

  /// The synapse phase's delivery sets, in model order of the populations owning their
  /// postsynaptic model: each set's members as (merged group, member) pairs in the order
  /// their inputs sum, whether the set runs as one chunk, and its target's size.
  private var deliverySets: [(members: [(group: Int, member: Int)], oneChunk: Bool, targets: Int)] {
    var position: [String: (group: Int, member: Int)] = [:]
    var oneChunk: Set<String> = []
    for group in synapseGroups {
      for (member, index) in group.populations.enumerated() {
        let name = model.synapsePopulations[index].name
        position[name] = (group.index, member)
        if runsAsOneChunk(group) { oneChunk.insert(name) }
      }
    }
    return model.synapsePopulations.filter { usage.fusion.ownsPostsynapticModel($0.name) }.map {
      synapses in
      let names = usage.fusion.sources(of: synapses.name)
      return (
        names.map { position[$0]! }, names.contains { oneChunk.contains($0) },
        model.neuronPopulation(named: synapses.target)!.size
      )
    }
  }

  /// The fields of `Model` that hold the neuron phase's chunks.
  mutating func writeChunkFields() {
    line("// The neuron phase's chunks, each population's consecutive, and their spike counts.")
    line("std::vector<genn::NeuronChunk> neuronChunks;")
    line("std::vector<uint32_t> neuronChunkCounts;")
    line("// Each phase's chunks, grouped by the thread that owns them (genn::layOutOwners),")
    line("// for `ownersThreads` threads.")
    line("std::vector<uint32_t> neuronOrder, neuronBounds, synapseOrder, synapseBounds;")
    line("unsigned ownersThreads = 0;")
    for group in neuronGroups {
      line(
        "// Each population's first chunk and number of chunks\(batches > 1 ? ", per batch" : "").")
      line(
        "uint32_t neuronUpdateGroup\(group.index)Chunks\(batchExtent)[\(group.populations.count)][2];"
      )
    }
  }

  /// `planChunks(Model &)`: splits every neuron population into chunks, once the group
  /// fields are bound.
  mutating func writeChunkPlan() {
    line("GENN_RUNS_ONCE void planChunks(Model &m) {")
    line("size_t chunks = 0;")
    for group in neuronGroups {
      line(
        "for (const NeuronUpdateGroup\(group.index) &group : \(copy("m.neuronUpdateGroup\(group.index)", batch: "0"))) {"
      )
      line("const uint32_t size = genn::neuronChunkSize(group.numNeurons);")
      line("chunks += (group.numNeurons + size - 1u) / size;")
      line("}")
    }
    line("m.neuronChunkCounts.assign(chunks * \(batches)u * \(chunkCountStride)u, 0u);")
    line("m.neuronChunks.clear();")
    // Batch by batch, so that each batch's chunks of a population are consecutive.
    let batch = batches > 1 ? "batch" : "0u"
    openBatchLoop()
    for group in neuronGroups {
      let chunks = copy("m.neuronUpdateGroup\(group.index)Chunks")
      line("for (uint32_t g = 0; g < \(group.populations.count)u; g++) {")
      line("const uint32_t n = \(copy("m.neuronUpdateGroup\(group.index)"))[g].numNeurons;")
      line("const uint32_t size = genn::neuronChunkSize(n);")
      line("\(chunks)[g][0] = (uint32_t)m.neuronChunks.size();")
      line("\(chunks)[g][1] = (n + size - 1u) / size;")
      line("for (uint32_t begin = 0; begin < n; begin += size) {")
      line(
        "uint32_t *counts = m.neuronChunkCounts.data() + m.neuronChunks.size() * \(chunkCountStride)u;"
      )
      line(
        "m.neuronChunks.push_back({\(group.index)u, g, begin, std::min(n, begin + size), counts, \(batch)});"
      )
      line("}")
      line("}")
    }
    closeBatchLoop()
    line("}")
    line()
  }

  /// `planOwners(Model &, unsigned threads, uint32_t synapseChunks)`: which of `threads`
  /// threads owns each chunk of each phase. A neuron chunk belongs to the thread whose
  /// equal share of its population holds it, and a synapse chunk to the thread whose
  /// share of the population's targets holds it, so that a thread updates the neurons
  /// whose inputs it summed (one-chunk synapse populations are dealt out in turn).
  mutating func writeOwnerPlan() {
    line("void planOwners(Model &m, unsigned threads, uint32_t synapseChunks) {")
    line("std::vector<std::vector<uint32_t>> owned(threads);")
    openBatchLoop()
    for group in neuronGroups {
      let name = copy("m.neuronUpdateGroup\(group.index)")
      let chunks = copy("m.neuronUpdateGroup\(group.index)Chunks")
      line("for (uint32_t g = 0; g < \(group.populations.count)u; g++) {")
      line("const uint32_t n = \(name)[g].numNeurons;")
      line("const uint32_t first = \(chunks)[g][0];")
      line("for (uint32_t c = first; c < first + \(chunks)[g][1]; c++) {")
      line("const genn::NeuronChunk &chunk = m.neuronChunks[c];")
      line("owned[genn::chunkOwner(chunk.begin, chunk.end, n, threads)].push_back(c);")
      line("}")
      line("}")
    }
    closeBatchLoop()
    line("genn::layOutOwners(owned, m.neuronOrder, m.neuronBounds);")
    line("for (std::vector<uint32_t> &chunks : owned) { chunks.clear(); }")
    line("uint32_t chunk = 0;")
    line("unsigned dealt = 0;")
    line("(void)synapseChunks; (void)dealt;")
    // Each batch's chunks follow the previous batch's.
    openBatchLoop()
    line("for (const SynapseSet &set : kSynapseSets) {")
    line("if (set.oneChunk) { owned[dealt++ % threads].push_back(chunk++); continue; }")
    line("for (uint32_t split = 0; split < synapseChunks; split++, chunk++) {")
    line(
      "const genn::SplitRanges ranges = genn::splitRanges(set.numTrgNeurons, split, synapseChunks);"
    )
    line(
      "owned[genn::chunkOwner(ranges.postBegin, ranges.postEnd, set.numTrgNeurons, threads)].push_back(chunk);"
    )
    line("}")
    line("}")
    closeBatchLoop()
    line("genn::layOutOwners(owned, m.synapseOrder, m.synapseBounds);")
    line("m.ownersThreads = threads;")
    line("}")
    line()
  }

  /// The step's context, the phases' chunk functions and the gathering of spikes.
  mutating func writeStep() {
    line("/// The step being run, for the chunks of each phase: `synapseChunks` is the number")
    line("/// of chunks each synapse population's targets are split into.")
    line(
      "struct StepContext { Model *model; uint64_t timestep; uint32_t recordingRow; uint32_t synapseChunks; };"
    )
    line()
    writeSynapseSets()
    writeOwnerPlan()
    writeSynapseChunk()
    writeNeuronChunk()
    writeGatherSpikes()
  }

  /// The synapse phase's chunks, for `synapseChunks` chunks per delivery set: an
  /// expression in `perSet`.
  func synapseChunkCount(perSet: String) -> String {
    let sets = deliverySets
    let single = sets.filter(\.oneChunk).count
    let perBatch = "(\(single)u + \(sets.count - single)u * \(perSet))"
    return batches > 1 ? "(\(batches)u * \(perBatch))" : perBatch
  }

  /// The synapse phase's chunks of one batch, for `synapseChunks` chunks per delivery set.
  private func batchSynapseChunkCount(perSet: String) -> String {
    let sets = deliverySets
    let single = sets.filter(\.oneChunk).count
    return "(\(single)u + \(sets.count - single)u * \(perSet))"
  }

  /// `kSynapseSets` and `kSynapseSetMembers`: the delivery sets and their members.
  private mutating func writeSynapseSets() {
    let sets = deliverySets
    line("/// A delivery set of the synapse phase: its members are kSynapseSetMembers[first]")
    line("/// onwards, {merged group, member}, in the order their inputs sum.")
    line("struct SynapseSet { uint32_t first, count; bool oneChunk; uint32_t numTrgNeurons; };")
    var first = 0
    var entries: [String] = []
    for set in sets {
      entries.append("{\(first)u, \(set.members.count)u, \(set.oneChunk), \(set.targets)u}")
      first += set.members.count
    }
    line(
      "const std::array<SynapseSet, \(sets.count)> kSynapseSets{{\(entries.joined(separator: ", "))}};"
    )
    let members = sets.flatMap(\.members).map { "{{\($0.group)u, \($0.member)u}}" }
    line(
      "const std::array<std::array<uint32_t, 2>, \(members.count)> kSynapseSetMembers{{\(members.joined(separator: ", "))}};"
    )
    line()
  }

  /// `synapseChunk`: chunk `chunk` of the synapse phase, delivery set by set, each
  /// member of a set in turn over the same targets.
  private mutating func writeSynapseChunk() {
    line(
      "void synapseMember(Model &m, const std::array<uint32_t, 2> &member, uint32_t chunk, uint32_t chunks,"
    )
    line("\(timeName) t, uint64_t timestep, uint32_t batch) {")
    line("(void)m; (void)chunk; (void)chunks; (void)t; (void)timestep; (void)batch;")
    line("switch (member[0]) {")
    for group in synapseGroups {
      line("case \(group.index)u: {")
      line(
        "const \(synapseStructName(group)) &group = \(copy("m.synapseGroup\(group.index)"))[member[1]];"
      )
      line(
        "const genn::SplitRanges ranges = genn::splitRanges(group.numTrgNeurons, chunk, chunks);"
      )
      let splits =
        splitsRows(group)
        ? "m.synapseGroup\(group.index)RowSplits[member[1]].data(), ranges.firstRange, ranges.endRange, "
        : ""
      line(
        "updateSynapseGroup\(group.index)(group, \(splits)ranges.postBegin, ranges.postEnd, t, timestep);"
      )
      line("break;")
      line("}")
    }
    line("default: break;")
    line("}")
    line("}")
    line()
    line("void synapseChunk(void *context, uint32_t chunk) {")
    line("const StepContext &step = *static_cast<const StepContext *>(context);")
    line("Model &m = *step.model;")
    line("const \(timeName) t = step.timestep * \(dtLiteral);")
    if batches > 1 {
      line("// each batch's chunks follow the previous batch's")
      line(
        "const uint32_t perBatch = \(batchSynapseChunkCount(perSet: "step.synapseChunks"));")
      line("const uint32_t batch = chunk / perBatch;")
      line("chunk %= perBatch;")
    } else {
      line("const uint32_t batch = 0u;")
    }
    line("for (const SynapseSet &set : kSynapseSets) {")
    line("const uint32_t chunks = set.oneChunk ? 1u : step.synapseChunks;")
    line("if (chunk >= chunks) { chunk -= chunks; continue; }")
    line("for (uint32_t k = set.first; k < set.first + set.count; k++) {")
    line("synapseMember(m, kSynapseSetMembers[k], chunk, chunks, t, step.timestep, batch);")
    line("}")
    line("return;")
    line("}")
    line("(void)m; (void)t; (void)batch;")
    line("}")
    line()
  }

  /// `neuronChunk`: chunk `chunk` of the neuron phase.
  private mutating func writeNeuronChunk() {
    line("void neuronChunk(void *context, uint32_t chunk) {")
    line("const StepContext &step = *static_cast<const StepContext *>(context);")
    line("Model &m = *step.model;")
    line("const genn::NeuronChunk &c = m.neuronChunks[chunk];")
    line("const \(timeName) t = step.timestep * \(dtLiteral);")
    line("switch (c.group) {")
    for group in neuronGroups {
      line(
        "case \(group.index)u: updateNeuronGroup\(group.index)(\(copy("m.neuronUpdateGroup\(group.index)", batch: "c.batch"))[c.population], c.begin, c.end, t, step.timestep, step.recordingRow, c.counts); break;"
      )
    }
    line("default: (void)t; break;")
    line("}")
    line("}")
    line()
  }

  /// `gatherSpikes`: each population's spikes (and events), which each chunk wrote at
  /// the start of its range, into one list in ascending neuron order.
  private mutating func writeGatherSpikes() {
    line("void gatherSpikes(Model &m, uint64_t timestep) {")
    if neuronGroups.isEmpty { line("(void)m; (void)timestep;") }
    openBatchLoop()
    for group in neuronGroups {
      let name = copy("m.neuronUpdateGroup\(group.index)")
      let chunks = copy("m.neuronUpdateGroup\(group.index)Chunks")
      line("for (unsigned g = 0; g < \(group.populations.count); g++) {")
      line("const NeuronUpdateGroup\(group.index) &group = \(name)[g];")
      line("const genn::NeuronChunk *chunks = m.neuronChunks.data() + \(chunks)[g][0];")
      line("const uint32_t numChunks = \(chunks)[g][1];")
      line("const uint32_t slot = (uint32_t)((timestep + 1u) % group.numDelaySlots);")
      line("const size_t offset = (size_t)slot * group.numNeurons;")
      line(
        "group.spikeCount[slot] = genn::gather(group.spike + offset, chunks, numChunks, 0);")
      for slot in weightUpdateSlots(of: group) {
        guard let list = slot.eventList else { continue }
        let prefix = slot.prefix
        line(
          "group.\(prefix)spkCntEvent[slot] = genn::gather(group.\(prefix)spkEvent + offset, chunks, numChunks, \(list));"
        )
      }
      line("}")
    }
    closeBatchLoop()
    line("}")
    line()
  }

  /// The steps of `genn_run`: when `parallel`, each step's phases are shared out or run
  /// on the calling thread as `m.pacing` chooses; else run chunk by chunk on the calling
  /// thread, each synapse population as one chunk (splitting its targets would only cost).
  mutating func writeStepLoop() {
    line(
      "const uint32_t synapseChunks = parallel ? std::min(m.pool.size(), genn::kRowSplits) : 1u;")
    line(
      "const uint32_t numSynapseChunks = \(synapseChunkCount(perSet: "synapseChunks"));")
    line("const uint32_t numNeuronChunks = (uint32_t)m.neuronChunks.size();")
    line("// Alone, a step runs each delivery set's synapses as one chunk.")
    line("const uint32_t numAloneChunks = \(synapseChunkCount(perSet: "1u"));")
    line("(void)numSynapseChunks; (void)numAloneChunks;")
    line(
      "if (parallel && m.ownersThreads != m.pool.size()) { planOwners(m, m.pool.size(), synapseChunks); }"
    )
    line("genn::StepPacing::Clock::time_point mark;")
    line("if (parallel) { mark = genn::StepPacing::Clock::now(); }")
    line("for (uint64_t k = 0; k < steps; k++) {")
    line("const bool shared = parallel && m.pacing.beforeStep(mark);")
    line(
      "StepContext step{&m, firstTimestep + k, firstRecordingRow + (uint32_t)k, shared ? synapseChunks : 1u};"
    )
    for (index, synapses) in model.synapsePopulations.enumerated()
    where usage.fusion.ownsPostsynapticModel(synapses.name) {
      guard let steps = synapses.maxDendriticDelaySteps else { continue }
      line("m.denDelayPtr[\(index)] = (m.denDelayPtr[\(index)] + 1u) % \(steps)u;")
    }
    writeStepStart()
    if !synapseGroups.isEmpty {
      line(
        "if (shared) { m.pool.share(synapseChunk, &step, numSynapseChunks, m.synapseOrder.data(), m.synapseBounds.data()); }"
      )
      line("else { for (uint32_t c = 0; c < numAloneChunks; c++) { synapseChunk(&step, c); } }")
      writeSynapsePhaseEnd()
    }
    line(
      "if (shared) { m.pool.share(neuronChunk, &step, numNeuronChunks, m.neuronOrder.data(), m.neuronBounds.data()); }"
    )
    line("else { for (uint32_t c = 0; c < numNeuronChunks; c++) { neuronChunk(&step, c); } }")
    line("gatherSpikes(m, step.timestep);")
    writeStepEnd()
    line("}")
    line("if (parallel) { m.pacing.afterRun(mark); }")
  }
}
