import GeNNModel
import GeNNTranspiler

/// The presynaptic update of one synapse population: for each neuron that spiked
/// `1 + axonalDelaySteps` steps ago, in ascending id, each of its synapses in ascending
/// postsynaptic id runs `pre_spike_syn_code`, whose `addToPost(x)` adds to the target's
/// `inSyn` (GeNN 5.4's order). Threads split the work by ranges of target neurons, so no
/// two threads write one target and every target sums in GeNN's order.
extension ModuleWriter {
  mutating func writeSynapseGroup(_ index: Int) {
    let synapses = model.synapsePopulations[index]
    let weightUpdate = synapses.weightUpdate
    let sparse = synapses.matrixType == .sparse
    let structName = "SynapseGroup\(index)"
    let context = "synapse population '\(synapses.name)'"

    line(
      "// Synapse update group \(index): \(context) (\(synapses.matrixType.rawValue), "
        + "'\(weightUpdate.name)', '\(synapses.source)' -> '\(synapses.target)').")
    line("struct \(structName) {")
    line("    uint32_t numSrcNeurons;")
    line("    uint32_t numTrgNeurons;")
    line("    uint32_t rowStride;")
    line("    uint32_t srcDelaySlots;")
    line("    const uint32_t *srcSpike;")
    line("    const uint32_t *srcSpikeCount;")
    if sparse {
      line("    uint32_t *rowLength;")
      line("    uint32_t *ind;")
    }
    if synapses.matrixType == .bitmask { line("    uint32_t *bitmask;") }
    line("    \(scalarName) *inSyn;")
    if synapses.maxDendriticDelaySteps != nil {
      line("    \(scalarName) *denDelay;")
      line("    uint32_t maxDendriticDelay;")
      line("    const uint32_t *denDelayPtr;")
    }
    declareParameters(prefix: "", params: weightUpdate.params, derived: weightUpdate.derivedParams)
    if case .snippet(let snippet, _) = synapses.connectivity {
      declareParameters(prefix: "conn_", params: snippet.params, derived: snippet.derivedParams)
    }
    for variable in weightUpdate.vars {
      line("    \(cType(variable.valueType!)) *v_\(variable.name);")
    }
    line("};")
    line()

    var environment = baseEnvironment(
      context: "\(context), weight update model '\(weightUpdate.name)' pre spike syn code",
      random: false)
    environment.define(
      "id_pre", GeNNType.uint32.addingConst, spelling: "id_pre", role: "presynaptic index")
    environment.define(
      "id_post", GeNNType.uint32.addingConst, spelling: "id_post", role: "postsynaptic index")
    environment.define(
      "id_syn", GeNNType.uint32.addingConst, spelling: "syn", role: "synapse index")
    environment.add(
      Symbol(
        "addToPost", .function(returning: .void, [.numeric(types.scalar)]),
        spelling: "group.inSyn[id_post] += $(0)", role: "input function"))
    if synapses.maxDendriticDelaySteps != nil {
      environment.add(
        Symbol(
          "addToPostDelay", .function(returning: .void, [.numeric(types.scalar), .uint32]),
          spelling:
            "group.denDelay[(size_t)((*group.denDelayPtr + $(1)) % group.maxDendriticDelay) * group.numTrgNeurons + id_post] += $(0)",
          role: "delayed input function"))
    }
    let scalar = GeNNType.numeric(types.scalar)
    addParameters(
      to: &environment, prefix: "", params: weightUpdate.params, derived: weightUpdate.derivedParams
    )
    for variable in weightUpdate.vars {
      let type = GeNNType.numeric(variable.valueType!.resolved(in: types))
      environment.define(
        variable.name, variable.access.isWritable ? type : type.addingConst,
        spelling: "group.v_\(variable.name)[syn]", role: "synapse variable")
    }
    let code = checkStatements(weightUpdate.preSpikeSynCode, in: environment)

    // By value, as for neuron updates: parameters stay in registers across stores.
    line(
      "void updateSynapseGroup\(index)(const \(structName) group, uint32_t postBegin, uint32_t postEnd,"
    )
    line("                             \(timeName) t, uint64_t timestep) {")
    line("    (void)t;")
    line("    // Spikes emitted \(synapses.axonalDelaySteps + 1) step(s) ago.")
    line(
      "    const uint32_t slot = (uint32_t)((timestep + group.srcDelaySlots - 1u - \(synapses.axonalDelaySteps)u) % group.srcDelaySlots);"
    )
    line("    const uint32_t *spikes = group.srcSpike + (size_t)slot * group.numSrcNeurons;")
    line("    const uint32_t count = group.srcSpikeCount[slot];")
    line("    for (uint32_t s = 0; s < count; s++) {")
    line("        const uint32_t id_pre = spikes[s];")
    if sparse {
      line("        const uint32_t *row = group.ind + (size_t)id_pre * group.rowStride;")
      line("        const uint32_t length = group.rowLength[id_pre];")
      line(
        "        const uint32_t first = (uint32_t)(std::lower_bound(row, row + length, postBegin) - row);"
      )
      line("        for (uint32_t j = first; j < length; j++) {")
      line("            const uint32_t id_post = row[j];")
      line("            if (id_post >= postEnd) { break; }")
      line("            const uint32_t syn = id_pre * group.rowStride + j;")
    } else {
      line("        for (uint32_t id_post = postBegin; id_post < postEnd; id_post++) {")
      line("            const uint32_t syn = id_pre * group.numTrgNeurons + id_post;")
      if synapses.matrixType == .bitmask {
        line("            if (!(group.bitmask[syn / 32u] & (1u << (syn % 32u)))) { continue; }")
      }
    }
    line("            (void)syn;")
    block(code?.code(level: 3).dropLastNewline ?? "")
    line("        }")
    line("    }")
    line("}")
    line()
  }

  /// Builds the rows of a SPARSE population whose connectivity is a snippet: each
  /// presynaptic neuron's row from its own random stream, then sorted (the presynaptic
  /// update searches rows by target). Returns how many rows overflowed the storage.
  mutating func writeConnectivityBuilder(_ index: Int) {
    let synapses = model.synapsePopulations[index]
    guard case .snippet(let snippet, _) = synapses.connectivity else { return }
    var environment = baseEnvironment(
      context:
        "synapse population '\(synapses.name)', connectivity snippet '\(snippet.name)' row build code",
      time: false)
    for (name, spelling) in [
      ("id_pre", "id_pre"), ("num_pre", "group.numSrcNeurons"), ("num_post", "group.numTrgNeurons"),
      ("id_post_begin", "0u"), ("id_thread", "0u"), ("num_threads", "1u"),
    ] {
      environment.define(
        name, GeNNType.uint32.addingConst, spelling: spelling, role: "connectivity index")
    }
    let bitmask = synapses.matrixType == .bitmask
    // Rows of a bitmask may share words, so bits are set atomically.
    environment.add(
      Symbol(
        "addSynapse", .function(returning: .void, [.uint32]),
        spelling: bitmask
          ? "genn::setBit(group.bitmask, (size_t)id_pre * group.numTrgNeurons + $(0))"
          : "genn::addSynapse(row, length, group.rowStride, overflow, $(0))",
        role: "row function"))
    addParameters(
      to: &environment, prefix: "conn_", params: snippet.params, derived: snippet.derivedParams)
    let code = checkStatements(snippet.rowBuildCode, in: environment)
    line(
      "uint32_t buildSynapseGroup\(index)(const SynapseGroup\(index) &group, uint32_t preBegin, uint32_t preEnd) {"
    )
    line("    uint32_t overflows = 0;")
    line("    for (uint32_t id_pre = preBegin; id_pre < preEnd; id_pre++) {")
    line("        GeNNRng rng;")
    line("        genn_rng_init(&rng, kSeed, 0xA0000000u | \(index)u, id_pre, 0xFFFFFFFEu);")
    if !bitmask {
      line("        uint32_t *row = group.ind + (size_t)id_pre * group.rowStride;")
      line("        uint32_t length = 0;")
      line("        bool overflow = false;")
    }
    line("        {")
    block(code?.code(level: 3).dropLastNewline ?? "")
    line("        }")
    if !bitmask {
      line("        std::sort(row, row + length);")
      line("        group.rowLength[id_pre] = length;")
      line("        overflows += overflow ? 1u : 0u;")
    }
    line("    }")
    line("    return overflows;")
    line("}")
    line()
  }

  /// The synapse phase of a step: every synapse population, split by target ranges.
  mutating func writeSynapseThread() {
    line("void synapseThread(void *context, unsigned thread, unsigned numThreads) {")
    line("    const StepContext &step = *static_cast<const StepContext *>(context);")
    line("    Model &m = *step.model;")
    line("    const \(timeName) t = step.timestep * \(dtLiteral);")
    for index in synapseGroups {
      line("    {")
      line("        const SynapseGroup\(index) &group = m.synapseGroup\(index);")
      line(
        "        const genn::Range range = genn::threadRange(group.numTrgNeurons, thread, numThreads);"
      )
      line("        updateSynapseGroup\(index)(group, range.begin, range.end, t, step.timestep);")
      line("    }")
    }
    line("}")
    line()
  }

  mutating func writeSynapseGroupBinding(_ index: Int) {
    let synapses = model.synapsePopulations[index]
    let source = model.neuronPopulation(named: synapses.source)!
    let target = model.neuronPopulation(named: synapses.target)!
    let field = "m.synapseGroup\(index)"
    line("    // synapse population '\(synapses.name)'")
    line("    \(field).numSrcNeurons = \(source.size)u;")
    line("    \(field).numTrgNeurons = \(target.size)u;")
    let stride =
      synapses.matrixType == .sparse
      ? SparseConnectivity.rowStride(of: synapses, sourceSize: source.size, targetSize: target.size)
      : target.size
    line("    \(field).rowStride = \(stride)u;")
    line("    \(field).srcDelaySlots = \(model.maximumAxonalDelay(from: source.name) + 1)u;")
    bindArray(field, "srcSpike", to: .spikes(population: source.name), readOnly: true)
    bindArray(field, "srcSpikeCount", to: .spikeCount(population: source.name), readOnly: true)
    if synapses.matrixType == .bitmask {
      bindArray(field, "bitmask", to: .synapseBitmask(synapses: synapses.name))
    }
    if synapses.matrixType == .sparse {
      bindArray(field, "rowLength", to: .synapseRowLengths(synapses: synapses.name))
      bindArray(field, "ind", to: .synapseIndices(synapses: synapses.name))
    }
    bindArray(field, "inSyn", to: .postsynapticInput(synapses: synapses.name))
    if let steps = synapses.maxDendriticDelaySteps {
      bindArray(field, "denDelay", to: .dendriticDelayBuffer(synapses: synapses.name))
      line("    \(field).maxDendriticDelay = \(steps)u;")
      line("    \(field).denDelayPtr = &m.denDelayPtr[\(index)];")
    }
    if case .snippet(let snippet, let params) = synapses.connectivity {
      writeParameterBindings(
        field: field, prefix: "conn_", params: params, names: snippet.params,
        derived: snippet.derivedParams)
    }
    writeParameterBindings(
      field: field, prefix: "", params: synapses.weightUpdateParams,
      names: synapses.weightUpdate.params,
      derived: synapses.weightUpdate.derivedParams)
    for variable in synapses.weightUpdate.vars {
      bindArray(
        field, "v_\(variable.name)",
        to: .weightUpdateVariable(synapses: synapses.name, variable: variable.name))
    }
  }
}
