import GeNNModel
import GeNNTranspiler

/// The neuron update of one merged group: per neuron, `Isyn = 0`, current sources
/// inject, the sim code runs, and if the threshold condition holds the spike is emitted
/// and recorded and the reset code runs (GeNN 5.4's order; see DESIGN.md decision 1).
extension ModuleWriter {
  mutating func writeNeuronGroup(_ group: MergedNeuronGroup) {
    let archetype = model.neuronPopulations[group.populations[0]]
    let neuron = archetype.model
    let sources = group.currentSources[0].map { model.currentSources[$0] }
    let inputs = group.postsynaptic[0].map { model.synapsePopulations[$0] }
    let slots = weightUpdateSlots(of: group)
    let context = describe(populations: group.populations)
    let structName = "NeuronUpdateGroup\(group.index)"
    let spikeTimes = usage.spikeTimes.contains(archetype.name)
    let previousSpikeTimes = usage.previousSpikeTimes.contains(archetype.name)
    let delayed = model.maximumDelaySteps(of: archetype.name) > 0
    // Queued variables are read from the last step's slot and written to this step's.
    let queued = usage.queuedVariables[archetype.name] ?? []

    // The struct each member population fills.
    line("// Neuron update group \(group.index): model '\(neuron.name)' for \(context).")
    line("struct \(structName) {")
    line("    uint32_t numNeurons;")
    line("    uint32_t numDelaySlots;")
    line("    uint32_t stream;")
    declareParameters(prefix: "", params: neuron.params, derived: neuron.derivedParams)
    for variable in neuron.vars { line("    \(cType(variable.valueType!)) *v_\(variable.name);") }
    for egp in neuron.extraGlobalParams { line("    \(cType(egp.elementType!)) *egp_\(egp.name);") }
    line("    uint32_t *spike;")
    line("    uint32_t *spikeCount;")
    line("    uint32_t *recordSpike;")
    if spikeTimes { line("    \(timeName) *st;") }
    if previousSpikeTimes { line("    \(timeName) *prevSt;") }
    for (slot, source) in sources.enumerated() {
      let prefix = "cs\(slot)_"
      declareParameters(
        prefix: prefix, params: source.model.params, derived: source.model.derivedParams)
      for variable in source.model.vars {
        line("    \(cType(variable.valueType!)) *\(prefix)v_\(variable.name);")
      }
      for egp in source.model.extraGlobalParams {
        line("    \(cType(egp.elementType!)) *\(prefix)egp_\(egp.name);")
      }
    }
    for (slot, input) in inputs.enumerated() {
      let prefix = "psm\(slot)_"
      line("    \(scalarName) *\(prefix)inSyn;")
      if input.maxDendriticDelaySteps != nil {
        line("    \(scalarName) *\(prefix)denDelay;")
        line("    const uint32_t *\(prefix)denDelayPtr;")
      }
      declareParameters(
        prefix: prefix, params: input.postsynaptic.params, derived: input.postsynaptic.derivedParams
      )
      for variable in input.postsynaptic.vars {
        line("    \(cType(variable.valueType!)) *\(prefix)v_\(variable.name);")
      }
    }
    for slot in slots { declareWeightUpdateSlot(slot) }
    line("};")
    line()

    // Environments and checked code.
    var simEnvironment = baseEnvironment(context: "\(context), sim code")
    simEnvironment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    simEnvironment.define(
      "Isyn", GeNNType.numeric(types.scalar).addingConst, spelling: "Isyn", role: "synaptic input")
    simEnvironment.define(
      "st", GeNNType.numeric(types.timepoint).addingConst, spelling: "lsT", role: "spike time")
    for input in neuron.additionalInputVars {
      simEnvironment.define(
        input.name, GeNNType.numeric(input.valueType!.resolved(in: types)).addingConst,
        spelling: "ai_\(input.name)", role: "additional input")
    }
    addFields(
      to: &simEnvironment, prefix: "", params: neuron.params, derived: neuron.derivedParams,
      vars: neuron.vars, egps: neuron.extraGlobalParams)
    let sim = checkStatements(neuron.simCode, in: simEnvironment)
    var afterSim = simEnvironment
    afterSim.add(sim?.localSymbols ?? [])
    afterSim.context = "\(context), threshold condition code"
    let threshold =
      neuron.thresholdConditionCode.isBlank
      ? nil : checkCondition(neuron.thresholdConditionCode, in: afterSim)
    afterSim.context = "\(context), reset code"
    let reset = checkStatements(neuron.resetCode, in: afterSim)
    let injections = sources.enumerated().map { slot, source in
      checkInjection(source, slot: slot)
    }
    let postsynapticCode = inputs.enumerated().map { slot, input in
      checkPostsynaptic(input, slot: slot, neuron: neuron)
    }
    let dynamics = slots.map { slot in
      checkStatements(
        slot.dynamicsCode,
        in: weightUpdateNeuronEnvironment(
          slot, neuron: neuron, hook: "\(slot.sideName) dynamics code"))
    }
    let spikeCode = slots.map { slot in
      checkStatements(
        slot.spikeCode,
        in: weightUpdateNeuronEnvironment(slot, neuron: neuron, hook: "\(slot.sideName) spike code")
      )
    }
    let conditions = slots.map { slot -> CheckedExpression? in
      guard slot.eventList != nil else { return nil }
      var environment = weightUpdateNeuronEnvironment(
        slot, neuron: neuron, hook: "\(slot.sideName) event threshold condition code",
        readOnlyVars: true)
      let time = GeNNType.numeric(types.timepoint).addingConst
      environment.define(
        "set", time, spelling: "group.\(slot.prefix)seT[readOffset + id]", role: "event time")
      environment.define(
        "prev_set", time, spelling: "group.\(slot.prefix)prevSeT[readOffset + id]",
        role: "previous event time")
      return checkCondition(slot.condition, in: environment, construct: "event threshold condition")
    }
    let eventLists = slots.compactMap(\.eventList).count

    // The update function. It takes its group by value: a copy the compiler knows no
    // array store can change, so parameters stay in registers.
    let usesRandom =
      ([neuron.simCode, neuron.thresholdConditionCode, neuron.resetCode]
      + sources.map(\.model.injectionCode) + slots.flatMap { [$0.spikeCode, $0.dynamicsCode] })
      .contains { $0.contains("gennrand") }
    line(
      "void updateNeuronGroup\(group.index)(const \(structName) group, uint32_t begin, uint32_t end,"
    )
    line(
      "                       \(timeName) t, uint64_t timestep, uint32_t recordingRow, uint32_t *counts) {"
    )
    line("    (void)t;")
    line("    const uint32_t writeSlot = (uint32_t)(timestep % group.numDelaySlots);")
    line(
      "    const uint32_t readSlot = (uint32_t)((timestep + group.numDelaySlots - 1u) % group.numDelaySlots);"
    )
    line("    const size_t writeOffset = (size_t)writeSlot * group.numNeurons;")
    line("    const size_t readOffset = (size_t)readSlot * group.numNeurons;")
    line(
      "    const size_t recordingOffset = (size_t)recordingRow * ((group.numNeurons + 31u) / 32u);")
    line("    (void)writeOffset; (void)readOffset;")
    if previousSpikeTimes
      || slots.contains(where: { usage.previousEventTimes.contains(eventSide($0)) })
    {
      line("    // The time of the last step, as spike times store it.")
      line("    const \(timeName) tPrev = (timestep - 1u) * \(dtLiteral);")
    }
    line("    uint32_t *spikes = group.spike + writeOffset;")
    line("    uint32_t spikeCount = 0;")
    line(
      "    uint32_t *recordRow = group.recordSpike ? group.recordSpike + recordingOffset : nullptr;"
    )
    for slot in slots {
      guard let list = slot.eventList else { continue }
      line("    uint32_t *events\(list) = group.\(slot.prefix)spkEvent + writeOffset;")
      line("    uint32_t eventCount\(list) = 0;")
      line(
        "    uint32_t *recordEvents\(list) = group.\(slot.prefix)recordSpkEvent ? group.\(slot.prefix)recordSpkEvent + recordingOffset : nullptr;"
      )
    }
    // Without weight update spike code (which must run before the reset), spikes are
    // emitted in a second pass over each chunk, so that the first pass, one neuron's
    // arithmetic with no appends, can be vectorised; the results are the same.
    let deferred = threshold != nil && slots.allSatisfy { $0.spikeCode.isBlank }
    if deferred {
      line("    for (uint32_t chunk = begin; chunk < end; chunk += kNeuronChunk) {")
      line("        const uint32_t chunkEnd = std::min(end, chunk + kNeuronChunk);")
      line("        uint8_t fired[kNeuronChunk];")
      // Iterations touch only their own neuron's elements (event bit masks aside).
      if eventLists == 0 { line("        GENN_IVDEP") }
      line("        for (uint32_t id = chunk; id < chunkEnd; id++) {")
    }
    let bodyStart = lines.count
    if !deferred { line("    for (uint32_t id = begin; id < end; id++) {") }
    if usesRandom {
      line("        GeNNRng rng;")
      line("        genn_rng_init(&rng, kSeed, group.stream, id, (uint32_t)timestep);")
    }
    for variable in neuron.vars {
      let offset = queued.contains(variable.name) ? "readOffset + " : ""
      line(
        "        \(cType(variable.valueType!)) l_\(variable.name) = group.v_\(variable.name)[\(offset)id];"
      )
    }
    if spikeTimes { line("        const \(timeName) lsT = group.st[readOffset + id];") }
    if previousSpikeTimes {
      line("        // a spike in the last step becomes the previous spike (GeNN: t - dt)")
      line(
        "        if (timestep > 0u && lsT == tPrev) { group.prevSt[readOffset + id] = t - \(dtLiteral); }"
      )
    }
    for slot in slots where usage.previousEventTimes.contains(eventSide(slot)) {
      let prefix = slot.prefix
      line(
        "        if (timestep > 0u && group.\(prefix)seT[readOffset + id] == tPrev) { group.\(prefix)prevSeT[readOffset + id] = t - \(dtLiteral); }"
      )
    }
    line("        \(scalarName) Isyn = 0;")
    for input in neuron.additionalInputVars {
      line(
        "        \(cType(input.valueType!)) ai_\(input.name) = \(NumericLiteral.write(input.initialValue, as: input.valueType!.resolved(in: types)));"
      )
    }
    for (slot, input) in inputs.enumerated() {
      line("        // postsynaptic model slot \(slot): model '\(input.postsynaptic.name)'")
      line("        {")
      if input.maxDendriticDelaySteps != nil {
        line("            // input arriving now through dendritic delays")
        line(
          "            \(scalarName) *front = &group.psm\(slot)_denDelay[(size_t)(*group.psm\(slot)_denDelayPtr) * group.numNeurons + id];"
        )
        line("            group.psm\(slot)_inSyn[id] += *front;")
        line("            *front = 0;")
      }
      block(postsynapticCode[slot]?.code(level: 3).dropLastNewline ?? "")
      line("        }")
    }
    for slot in slots where slot.side == .presynaptic {
      guard usage.presynapticOutput.contains(slot.synapses.name) else { continue }
      line("        // input from synapse population '\(slot.synapses.name)' (addToPre)")
      line("        Isyn += group.\(slot.prefix)outPre[id];")
      line("        group.\(slot.prefix)outPre[id] = 0;")
    }
    for (slot, source) in sources.enumerated() {
      line("        // current source slot \(slot): model '\(source.model.name)'")
      line("        {")
      for variable in source.model.vars {
        line(
          "            \(cType(variable.valueType!)) lcs\(slot)_\(variable.name) = group.cs\(slot)_v_\(variable.name)[id];"
        )
      }
      block(injections[slot]?.code(level: 3).dropLastNewline ?? "")
      for variable in source.model.vars where variable.access.isWritable {
        line("            group.cs\(slot)_v_\(variable.name)[id] = lcs\(slot)_\(variable.name);")
      }
      line("        }")
    }
    line("        (void)Isyn;")
    line("        // sim code")
    block(sim?.code(level: 2).dropLastNewline ?? "")
    for (position, slot) in slots.enumerated() {
      writeWeightUpdateNeuronCode(
        slot, dynamics[position], comment: "\(slot.sideName) dynamics code", level: 2)
    }
    for (position, slot) in slots.enumerated() {
      writeEventCondition(slot, conditions[position], delayed: delayed)
    }
    if let threshold, deferred {
      line("        // threshold condition; the spike is emitted below")
      line("        const bool spiked = \(threshold.code());")
      line("        fired[id - chunk] = (uint8_t)spiked;")
      if let reset, !reset.statements.isEmpty {
        line("        if (spiked) {")
        line("            // reset code")
        block(reset.code(level: 3).dropLastNewline)
        line("        }")
      }
    } else if let threshold {
      line("        // threshold condition")
      line("        if (\(threshold.code())) {")
      for (position, slot) in slots.enumerated() {
        writeWeightUpdateNeuronCode(
          slot, spikeCode[position], comment: "\(slot.sideName) spike code", level: 3)
      }
      line("            spikes[begin + spikeCount++] = id;")
      line("            if (recordRow) { recordRow[id / 32u] |= (1u << (id % 32u)); }")
      if spikeTimes { line("            group.st[writeOffset + id] = t;") }
      if let reset, !reset.statements.isEmpty {
        line("            // reset code")
        block(reset.code(level: 3).dropLastNewline)
      }
      line("        }")
      writeNoSpikeCopies(
        slots, spikeTimes: spikeTimes, previousSpikeTimes: previousSpikeTimes, delayed: delayed,
        level: 2)
    }
    for variable in neuron.vars where variable.access.isWritable || queued.contains(variable.name) {
      let offset = queued.contains(variable.name) ? "writeOffset + " : ""
      line("        group.v_\(variable.name)[\(offset)id] = l_\(variable.name);")
    }
    line("    }")
    if deferred {
      indentLines(from: bodyStart)
      line("        // emit the chunk's spikes in ascending order")
      let emit = [
        "spikes[begin + spikeCount++] = id;",
        "if (recordRow) { recordRow[id / 32u] |= (1u << (id % 32u)); }",
      ]
      if hasNoSpikeCopies(
        slots, spikeTimes: spikeTimes, previousSpikeTimes: previousSpikeTimes, delayed: delayed)
      {
        line("        for (uint32_t id = chunk; id < chunkEnd; id++) {")
        line("            if (fired[id - chunk]) {")
        for statement in emit { line("                " + statement) }
        if spikeTimes { line("                group.st[writeOffset + id] = t;") }
        line("            }")
        writeNoSpikeCopies(
          slots, spikeTimes: spikeTimes, previousSpikeTimes: previousSpikeTimes, delayed: delayed,
          level: 3)
        line("        }")
      } else {
        // Eight flags at a time: spikes are rare, and most words are zero.
        line(
          "        std::memset(fired + (chunkEnd - chunk), 0, kNeuronChunk - (chunkEnd - chunk));")
        line("        for (uint32_t w = 0; w < kNeuronChunk; w += 8u) {")
        line("            uint64_t word;")
        line("            std::memcpy(&word, fired + w, sizeof word);")
        line("            for (; word != 0u; word &= word - 1u) {")
        line(
          "                const uint32_t id = chunk + w + (uint32_t)(__builtin_ctzll(word) / 8);")
        for statement in emit { line("                " + statement) }
        if spikeTimes { line("                group.st[writeOffset + id] = t;") }
        line("            }")
        line("        }")
      }
      line("    }")
    }
    line("    counts[0] = spikeCount;")
    for list in 0..<eventLists { line("    counts[\(list + 1)] = eventCount\(list + 1);") }
    line("}")
    line()
  }

  /// Whether neurons that do not spike carry values into this step's delay slot.
  private func hasNoSpikeCopies(
    _ slots: [WeightUpdateSlot], spikeTimes: Bool, previousSpikeTimes: Bool, delayed: Bool
  ) -> Bool {
    delayed
      && (spikeTimes || previousSpikeTimes
        || slots.contains { $0.delayedVars && $0.dynamicsCode.isBlank })
  }

  /// The `else` of a spike: a delayed population carries the neuron's times and delayed
  /// weight update variables from the last step's slot into this step's.
  private mutating func writeNoSpikeCopies(
    _ slots: [WeightUpdateSlot], spikeTimes: Bool, previousSpikeTimes: Bool, delayed: Bool,
    level: Int
  ) {
    guard
      hasNoSpikeCopies(
        slots, spikeTimes: spikeTimes, previousSpikeTimes: previousSpikeTimes, delayed: delayed)
    else { return }
    let copies = slots.filter { $0.delayedVars && $0.dynamicsCode.isBlank }
    let indent = String(repeating: "    ", count: level)
    line("\(indent)else {")
    line("\(indent)    // no spike: carry times and delayed variables into this step's slot")
    var arrays: [String] = []
    if spikeTimes { arrays.append("group.st") }
    if previousSpikeTimes { arrays.append("group.prevSt") }
    for slot in copies {
      arrays += slot.vars.map { "group.\(slot.prefix)v_\($0.name)" }
    }
    for array in arrays {
      line("\(indent)    \(array)[writeOffset + id] = \(array)[readOffset + id];")
    }
    line("\(indent)}")
  }

  /// Checks a postsynaptic model's code as it runs for each target neuron: `inSyn`, its
  /// fields, its references to the neuron's variables (their values before the sim code),
  /// and `injectCurrent`.
  private mutating func checkPostsynaptic(
    _ synapses: SynapsePopulation, slot: Int, neuron: NeuronModel
  )
    -> CheckedStatements?
  {
    let model = synapses.postsynaptic
    var environment = baseEnvironment(
      context: "synapse population '\(synapses.name)', postsynaptic model '\(model.name)' sim code")
    environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    environment.define(
      "inSyn", .numeric(types.scalar), spelling: "group.psm\(slot)_inSyn[id]",
      role: "synaptic input")
    environment.add(
      Symbol(
        "injectCurrent", .function(returning: .void, [.numeric(types.scalar)]),
        spelling: "Isyn += $(0)", role: "input function"))
    addParameters(
      to: &environment, prefix: "psm\(slot)_", params: model.params, derived: model.derivedParams)
    for variable in model.vars {
      let type = GeNNType.numeric(variable.valueType!.resolved(in: types))
      environment.define(
        variable.name, variable.access.isWritable ? type : type.addingConst,
        spelling: "group.psm\(slot)_v_\(variable.name)[id]", role: "postsynaptic variable")
    }
    addNeuronReferences(
      to: &environment, model.neuronVarRefs, neuron: neuron, target: synapses.targetVariable)
    return checkStatements(model.simCode, in: environment)
  }

  private mutating func checkInjection(_ source: CurrentSource, slot: Int) -> CheckedStatements? {
    var environment = baseEnvironment(context: "current source '\(source.name)', injection code")
    environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    environment.add(
      Symbol(
        "injectCurrent", .function(returning: .void, [.numeric(types.scalar)]),
        spelling: "Isyn += $(0)",
        role: "input function"))
    let model = source.model
    addFields(
      to: &environment, prefix: "cs\(slot)_", params: model.params, derived: model.derivedParams,
      vars: model.vars, egps: model.extraGlobalParams)
    return checkStatements(model.injectionCode, in: environment)
  }

  mutating func writeNeuronGroupBinding(_ group: MergedNeuronGroup) {
    for (member, populationIndex) in group.populations.enumerated() {
      let population = model.neuronPopulations[populationIndex]
      let field = "m.neuronUpdateGroup\(group.index)[\(member)]"
      line("    // neuron population '\(population.name)'")
      line("    \(field).numNeurons = \(population.size)u;")
      line("    \(field).numDelaySlots = \(model.maximumDelaySteps(of: population.name) + 1)u;")
      line("    \(field).stream = \(populationIndex)u;")
      writeParameterBindings(
        field: field, prefix: "", params: population.params, names: population.model.params,
        derived: population.model.derivedParams)
      let name = population.name
      for variable in population.model.vars {
        bindArray(
          field, "v_\(variable.name)",
          to: .neuronVariable(population: name, variable: variable.name))
      }
      for egp in population.model.extraGlobalParams {
        bindArray(
          field, "egp_\(egp.name)",
          to: .neuronExtraGlobalParameter(population: name, parameter: egp.name))
      }
      bindArray(field, "spike", to: .spikes(population: name))
      bindArray(field, "spikeCount", to: .spikeCount(population: name))
      if population.recordSpikes {
        bindArray(field, "recordSpike", to: .spikeRecording(population: name))
      } else {
        line("    \(field).recordSpike = nullptr;")
      }
      if usage.spikeTimes.contains(name) {
        bindArray(field, "st", to: .spikeTimes(population: name))
      }
      if usage.previousSpikeTimes.contains(name) {
        bindArray(field, "prevSt", to: .previousSpikeTimes(population: name))
      }
      for slot in weightUpdateSlots(of: group, member: member) {
        writeWeightUpdateSlotBinding(field: field, slot: slot)
      }
      for (slot, synapseIndex) in group.postsynaptic[member].enumerated() {
        let synapses = model.synapsePopulations[synapseIndex]
        let prefix = "psm\(slot)_"
        line("    // postsynaptic model of synapse population '\(synapses.name)' in slot \(slot)")
        bindArray(field, "\(prefix)inSyn", to: .postsynapticInput(synapses: synapses.name))
        if synapses.maxDendriticDelaySteps != nil {
          bindArray(field, "\(prefix)denDelay", to: .dendriticDelayBuffer(synapses: synapses.name))
          line("    \(field).\(prefix)denDelayPtr = &m.denDelayPtr[\(synapseIndex)];")
        }
        writeParameterBindings(
          field: field, prefix: prefix, params: synapses.postsynapticParams,
          names: synapses.postsynaptic.params, derived: synapses.postsynaptic.derivedParams)
        for variable in synapses.postsynaptic.vars {
          bindArray(
            field, "\(prefix)v_\(variable.name)",
            to: .postsynapticVariable(synapses: synapses.name, variable: variable.name))
        }
      }
      for (slot, sourceIndex) in group.currentSources[member].enumerated() {
        let source = model.currentSources[sourceIndex]
        line("    // current source '\(source.name)' in slot \(slot)")
        writeParameterBindings(
          field: field, prefix: "cs\(slot)_", params: source.params, names: source.model.params,
          derived: source.model.derivedParams)
        for variable in source.model.vars {
          bindArray(
            field, "cs\(slot)_v_\(variable.name)",
            to: .currentSourceVariable(source: source.name, variable: variable.name))
        }
        for egp in source.model.extraGlobalParams {
          bindArray(
            field, "cs\(slot)_egp_\(egp.name)",
            to: .currentSourceExtraGlobalParameter(source: source.name, parameter: egp.name))
        }
      }
    }
  }

}

extension String {
  /// The string without its final newline, for embedding printed code line by line.
  var dropLastNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
