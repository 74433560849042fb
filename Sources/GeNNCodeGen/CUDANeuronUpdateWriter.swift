import GeNNModel
import GeNNTranspiler

/// The neuron update in CUDA, after GeNN 5.4's SIMT backend: one thread per neuron runs
/// `Isyn = 0`, the incoming postsynaptic models (each takes the input its dendritic delay
/// ring delivers now, then injects and decays its `inSyn`, in the CPU backend's order),
/// the current sources, the sim code, the weight update models' presynaptic and
/// postsynaptic dynamics code, their spike-like event conditions (each event sets the
/// thread's bit in its list's shared mask) and, on the threshold condition, their spike
/// code, the spike and the reset (DESIGN.md decision 1); each spike sets
/// its thread's bit in a shared mask, the block reserves room in the population's spike
/// (and event) lists with one `atomicAdd` each, and each thread writes its id at its
/// rank among the block's spikes (so a block's spikes are in ascending order, as the CPU
/// backend's); the masks' words are also the block's rows of the recording buffers (32
/// neurons per word).
extension CUDAModuleWriter {
  /// Device helper of the neuron kernel: a thread's rank among the set bits of a block's
  /// mask (one bit per thread, 32 per word), and how many are set.
  static let neuronSupportSource = """
    // The number of set bits of `bits` (one per thread of the block) before this thread's,
    // and in `count` how many are set.
    __device__ __forceinline__ uint32_t genn_block_rank(const uint32_t *bits, uint32_t &count)
    {
        const uint32_t word = threadIdx.x / 32u;
        uint32_t rank = 0;
        count = 0;
        for (uint32_t w = 0; w < kNeuronBlockSize / 32u; w++) {
            const uint32_t set = (uint32_t)__popc(bits[w]);
            if (w < word) { rank += set; }
            count += set;
        }
        return rank + (uint32_t)__popc(bits[word] & ((1u << (threadIdx.x % 32u)) - 1u));
    }

    """

  mutating func writeNeuronGroup(_ group: MergedNeuronGroup) {
    let archetype = model.neuronPopulations[group.populations[0]]
    let neuron = archetype.model
    let sources = group.currentSources[0].map { model.currentSources[$0] }
    let inputs = group.postsynaptic[0].map { model.synapsePopulations[$0] }
    let context = describe(populations: group.populations)
    let structName = "NeuronUpdateGroup\(group.index)"
    let spikeTimes = usage.spikeTimes.contains(archetype.name)
    let previousSpikeTimes = usage.previousSpikeTimes.contains(archetype.name)
    let recording = archetype.recordSpikes
    // A delayed population reads its spike times from the last step's slot and carries
    // them into this step's, as the CPU backend does.
    let delayed = model.maximumDelaySteps(of: archetype.name) > 0
    let slots = weightUpdateSlots(of: group)
    let eventSlots = slots.filter { $0.eventList != nil }

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
        line("    uint32_t \(prefix)maxDendriticDelay;")
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
    line("__device__ \(structName) d_neuronUpdateGroup\(group.index)[\(group.populations.count)];")
    line()

    // Environments and checked code, as the CPU backend's, in the CUDA dialect.
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
    let conditions = eventSlots.map { slot in
      checkCondition(
        slot.condition,
        in: weightUpdateNeuronEnvironment(
          slot, neuron: neuron, hook: "\(slot.sideName) event threshold condition code",
          readOnlyVars: true),
        construct: "event threshold condition")
    }
    let usesRandom =
      ([neuron.simCode, neuron.thresholdConditionCode, neuron.resetCode]
      + sources.map(\.model.injectionCode) + inputs.map(\.postsynaptic.simCode)
      + eventSlots.map(\.condition) + slots.flatMap { [$0.spikeCode, $0.dynamicsCode] })
      .contains { $0.contains("gennrand") }

    // The update of one block of one population; the kernel's dispatch calls it with
    // the population's struct and the block's first neuron.
    line("__device__ __forceinline__ void updateNeuronGroup\(group.index)(")
    line("    const \(structName) &group, uint32_t blockStart, \(timeName) t, uint64_t timestep,")
    line(
      "    uint32_t recordingRow, uint32_t &shSpkPos, uint32_t *shSpkBits"
        + (maximumEventLists > 0 ? ", uint32_t *shEvtBits, uint32_t *shEvtPos)" : ")"))
    line("{")
    line("    (void)t; (void)recordingRow;")
    line("    const uint32_t id = blockStart + threadIdx.x;")
    line("    const uint32_t writeSlot = (uint32_t)(timestep % group.numDelaySlots);")
    line("    const size_t writeOffset = (size_t)writeSlot * group.numNeurons;")
    line(
      "    const size_t readOffset = (size_t)((timestep + group.numDelaySlots - 1u) % group.numDelaySlots) * group.numNeurons;"
    )
    line("    (void)writeOffset; (void)readOffset;")
    line("    if (threadIdx.x < kNeuronBlockSize / 32u) { shSpkBits[threadIdx.x] = 0; }")
    for slot in eventSlots {
      let list = slot.eventList!
      line("    // spike-like events of '\(slot.synapses.name)': their own mask")
      line(
        "    uint32_t *shEvtBits\(list) = shEvtBits + \(list - 1)u * (kNeuronBlockSize / 32u);")
      line("    if (threadIdx.x < kNeuronBlockSize / 32u) { shEvtBits\(list)[threadIdx.x] = 0; }")
      line("    bool event\(list) = false;")
    }
    line("    __syncthreads();")
    line("    bool spiked = false;")
    line("    if (id < group.numNeurons) {")
    if usesRandom {
      line("        GeNNRng rng;")
      line("        genn_rng_init(&rng, kSeed, group.stream, id, (uint32_t)timestep);")
    }
    for variable in neuron.vars {
      line(
        "        \(cType(variable.valueType!)) l_\(variable.name) = group.v_\(variable.name)[id];")
    }
    if spikeTimes {
      line(
        "        const \(timeName) lsT = group.st[\(delayed ? "readOffset" : "writeOffset") + id];")
    }
    if previousSpikeTimes {
      line("        // a spike in the last step becomes the previous spike (GeNN: t - dt)")
      line("        const \(timeName) tPrev = (timestep - 1u) * \(dtLiteral);")
      line(
        "        if (timestep > 0u && lsT == tPrev) { group.prevSt[readOffset + id] = t - \(dtLiteral); }"
      )
    }
    line("        \(scalarName) Isyn = 0;")
    for input in neuron.additionalInputVars {
      let type = input.valueType!.resolved(in: types)
      line(
        "        \(cType(input.valueType!)) ai_\(input.name) = \(NumericLiteral.write(input.initialValue, as: type));"
      )
    }
    for (slot, input) in inputs.enumerated() {
      line("        // postsynaptic model slot \(slot): model '\(input.postsynaptic.name)'")
      line("        {")
      if input.maxDendriticDelaySteps != nil {
        let ring = "group.psm\(slot)_denDelay"
        let slotIndex = Self.dendriticDelaySlot(maxDelay: "group.psm\(slot)_maxDendriticDelay")
        line("            // input arriving now through dendritic delays")
        line(
          "            \(scalarName) *front = &\(ring)[(size_t)\(slotIndex) * group.numNeurons + id];"
        )
        line("            group.psm\(slot)_inSyn[id] += *front;")
        line("            *front = 0;")
      }
      block(postsynapticCode[slot]?.code(level: 3).dropLastNewline ?? "")
      line("        }")
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
    for (slot, condition) in zip(eventSlots, conditions) {
      writeEventCondition(slot, condition)
    }
    if let threshold {
      line("        // threshold condition")
      line("        if (\(threshold.code())) {")
      for (position, slot) in slots.enumerated() {
        writeWeightUpdateNeuronCode(
          slot, spikeCode[position], comment: "\(slot.sideName) spike code", level: 3)
      }
      line("            // the spike: this thread's bit in the block's mask")
      line("            spiked = true;")
      line("            atomicOr(&shSpkBits[threadIdx.x / 32u], 1u << (threadIdx.x % 32u));")
      if spikeTimes { line("            group.st[writeOffset + id] = t;") }
      if let reset, !reset.statements.isEmpty {
        line("            // reset code")
        block(reset.code(level: 3).dropLastNewline)
      }
      line("        }")
      if spikeTimes && delayed {
        line("        else {")
        line("            // no spike: carry the spike times into this step's slot")
        line("            group.st[writeOffset + id] = group.st[readOffset + id];")
        if previousSpikeTimes {
          line("            group.prevSt[writeOffset + id] = group.prevSt[readOffset + id];")
        }
        line("        }")
      }
    }
    for variable in neuron.vars where variable.access.isWritable {
      line("        group.v_\(variable.name)[id] = l_\(variable.name);")
    }
    line("    }")
    line("    (void)spiked;")
    line("    __syncthreads();")
    line("    // one atomicAdd per block reserves the block's room in the spike list, where")
    line("    // each spike goes at its rank: the block's spikes in ascending order")
    line("    uint32_t numSpikes;")
    line("    const uint32_t rank = genn_block_rank(shSpkBits, numSpikes);")
    line("    if (threadIdx.x == 0 && numSpikes > 0u) {")
    line("        shSpkPos = atomicAdd(&group.spikeCount[writeSlot], numSpikes);")
    line("    }")
    for slot in eventSlots {
      let list = slot.eventList!
      line("    uint32_t numEvents\(list);")
      line("    const uint32_t rank\(list) = genn_block_rank(shEvtBits\(list), numEvents\(list));")
      line("    if (threadIdx.x == 0 && numEvents\(list) > 0u) {")
      line(
        "        shEvtPos[\(list - 1)] = atomicAdd(&group.\(slot.prefix)spkCntEvent[writeSlot], numEvents\(list));"
      )
      line("    }")
    }
    line("    __syncthreads();")
    line("    if (spiked) { group.spike[writeOffset + shSpkPos + rank] = id; }")
    for slot in eventSlots {
      let list = slot.eventList!
      line(
        "    if (event\(list)) { group.\(slot.prefix)spkEvent[writeOffset + shEvtPos[\(list - 1)] + rank\(list)] = id; }"
      )
    }
    if recording {
      line("    // the block's recording words: 32 neurons per word, one row per step")
      line("    if (threadIdx.x < kNeuronBlockSize / 32u) {")
      line("        const uint32_t numRecordingWords = (group.numNeurons + 31u) / 32u;")
      line("        const uint32_t word = (blockStart / 32u) + threadIdx.x;")
      line("        if (word < numRecordingWords) {")
      line(
        "            group.recordSpike[(size_t)recordingRow * numRecordingWords + word] = shSpkBits[threadIdx.x];"
      )
      line("        }")
      line("    }")
    }
    for slot in eventSlots {
      let list = slot.eventList!
      let buffer = "group.\(slot.prefix)recordSpkEvent"
      line("    // the block's recording words of the spike-like events of '\(slot.synapses.name)'")
      line("    if (\(buffer) && threadIdx.x < kNeuronBlockSize / 32u) {")
      line("        const uint32_t numRecordingWords = (group.numNeurons + 31u) / 32u;")
      line("        const uint32_t word = (blockStart / 32u) + threadIdx.x;")
      line("        if (word < numRecordingWords) {")
      line(
        "            \(buffer)[(size_t)recordingRow * numRecordingWords + word] = shEvtBits\(list)[threadIdx.x];"
      )
      line("        }")
      line("    }")
    }
    line("}")
    line()
  }

  /// The most spike-like event lists a neuron group emits (0: the kernel has none).
  var maximumEventLists: Int {
    neuronGroups.map { weightUpdateSlots(of: $0).compactMap(\.eventList).count }.max() ?? 0
  }

  /// Prints a slot's spike-like-event condition, tested on the updated state before the
  /// threshold (as the CPU backend): an event sets the thread's bit in the list's mask.
  private mutating func writeEventCondition(
    _ slot: WeightUpdateSlot, _ condition: CheckedExpression?
  ) {
    guard let condition, let list = slot.eventList else { return }
    let prefix = slot.prefix
    line("        // \(slot.sideName) spike-like event condition: '\(slot.synapses.name)'")
    line("        {")
    for variable in slot.vars {
      line(
        "            const \(cType(variable.valueType!)) l\(prefix)\(variable.name) = group.\(prefix)v_\(variable.name)[id];"
      )
    }
    line("            if (\(condition.code())) {")
    line("                event\(list) = true;")
    line(
      "                atomicOr(&shEvtBits\(list)[threadIdx.x / 32u], 1u << (threadIdx.x % 32u));")
    line("            }")
    line("        }")
  }

  /// Checks a postsynaptic model's code as the CPU backend does: `inSyn`, its fields,
  /// its references to the neuron's variables (their values before the sim code), and
  /// `injectCurrent`.
  private mutating func checkPostsynaptic(
    _ synapses: SynapsePopulation, slot: Int, neuron: NeuronModel
  ) -> CheckedStatements? {
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
    for reference in model.neuronVarRefs {
      let name = synapses.targetVariable(of: reference)
      guard let variable = neuron.vars.first(where: { $0.name == name }) else { continue }
      let type = GeNNType.numeric(variable.valueType!.resolved(in: types))
      environment.define(
        reference.name,
        reference.isReadOnly || !variable.access.isWritable ? type.addingConst : type,
        spelling: "l_\(name)", role: "reference to neuron variable '\(name)'")
    }
    return checkStatements(model.simCode, in: environment)
  }

  private mutating func checkInjection(_ source: CurrentSource, slot: Int) -> CheckedStatements? {
    var environment = baseEnvironment(context: "current source '\(source.name)', injection code")
    environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    environment.add(
      Symbol(
        "injectCurrent", .function(returning: .void, [.numeric(types.scalar)]),
        spelling: "Isyn += $(0)", role: "input function"))
    let model = source.model
    addFields(
      to: &environment, prefix: "cs\(slot)_", params: model.params, derived: model.derivedParams,
      vars: model.vars, egps: model.extraGlobalParams)
    return checkStatements(model.injectionCode, in: environment)
  }

  mutating func writeNeuronGroupBinding(_ group: MergedNeuronGroup) {
    for (member, populationIndex) in group.populations.enumerated() {
      let population = model.neuronPopulations[populationIndex]
      let field = "d_neuronUpdateGroup\(group.index)[\(member)]"
      let name = population.name
      line("    // neuron population '\(name)'")
      line("    \(field).numNeurons = \(population.size)u;")
      line("    \(field).numDelaySlots = \(model.maximumDelaySteps(of: name) + 1)u;")
      line("    \(field).stream = \(populationIndex)u;")
      writeParameterBindings(
        field: field, prefix: "", params: population.params, names: population.model.params,
        derived: population.model.derivedParams)
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
        if let steps = synapses.maxDendriticDelaySteps {
          bindArray(field, "\(prefix)denDelay", to: .dendriticDelayBuffer(synapses: synapses.name))
          line("    \(field).\(prefix)maxDendriticDelay = \(steps)u;")
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

  /// `resetSpikeCounts`: empties this step's slot of every population's spike list and
  /// spike-like event lists before `updateNeurons` appends to them (GeNN's spike-queue
  /// update).
  mutating func writeResetKernel() {
    guard !neuronGroups.isEmpty else { return }
    line("// Empties this step's slot of each population's spike list.")
    line("extern \"C\" __global__ void \(Self.resetKernel)(uint64_t timestep)")
    line("{")
    line("    if (blockIdx.x != 0 || threadIdx.x != 0) { return; }")
    for group in neuronGroups {
      line("    for (uint32_t g = 0; g < \(group.populations.count)u; g++) {")
      line(
        "        const NeuronUpdateGroup\(group.index) &group = d_neuronUpdateGroup\(group.index)[g];"
      )
      line("        group.spikeCount[timestep % group.numDelaySlots] = 0;")
      for slot in weightUpdateSlots(of: group) where slot.eventList != nil {
        line("        group.\(slot.prefix)spkCntEvent[timestep % group.numDelaySlots] = 0;")
      }
      line("    }")
    }
    line("}")
    line()
  }

  /// `updateNeurons`: every population's neurons, each population padded to whole blocks
  /// of `kNeuronBlockSize` threads, in merged-group order.
  mutating func writeNeuronKernel() {
    guard !neuronGroups.isEmpty else { return }
    let ranges = blockRanges(sizes: neuronSizes, blockSize: neuronBlockSize)
    line("// One thread per neuron; block ranges select the population.")
    line(
      "extern \"C\" __global__ void \(Self.neuronKernel)(uint64_t timestep, uint32_t recordingRow)"
    )
    line("{")
    line("    __shared__ uint32_t shSpkPos;")
    line("    __shared__ uint32_t shSpkBits[kNeuronBlockSize / 32u];")
    let events = maximumEventLists
    if events > 0 {
      line("    // the masks and list positions of the spike-like events")
      line("    __shared__ uint32_t shEvtBits[\(events)u * (kNeuronBlockSize / 32u)];")
      line("    __shared__ uint32_t shEvtPos[\(events)];")
    }
    line("    const \(timeName) t = timestep * \(dtLiteral);")
    writeDispatch(ranges) { group, member, start in
      "updateNeuronGroup\(group)(d_neuronUpdateGroup\(group)[\(member)], "
        + "(blockIdx.x - \(start)u) * kNeuronBlockSize, t, timestep, recordingRow, shSpkPos, "
        + "shSpkBits\(events > 0 ? ", shEvtBits, shEvtPos" : ""));"
    }
    line("}")
    line()
  }
}
