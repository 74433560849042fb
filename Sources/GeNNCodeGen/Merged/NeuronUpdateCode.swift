import GeNNModel
import GeNNTranspiler

/// One merged neuron group's update as both backends run it for each neuron: what it
/// reads and writes, and its code strings checked in the backend's dialect.
struct NeuronUpdatePlan {
  var group: MergedNeuronGroup
  /// The group's first population, whose layout every member shares.
  var archetype: NeuronPopulation
  var sources: [CurrentSource]
  var inputs: [SynapsePopulation]
  var slots: [WeightUpdateSlot]
  /// Whether the neurons keep spike times, and previous spike times.
  var spikeTimes: Bool
  var previousSpikeTimes: Bool
  /// Whether the population keeps more than one delay slot.
  var delayed: Bool
  /// The variables kept per delay slot: read from the last step's slot, written to this
  /// step's.
  var queued: Set<String>
  var sim: CheckedStatements?
  var threshold: CheckedExpression?
  /// The threshold condition tested before the sim code, for a model that needs GeNN's
  /// auto-refractory logic (``NeuronModel/autoRefractoryRequired``).
  var oldSpike: CheckedExpression?
  var reset: CheckedStatements?
  var injections: [CheckedStatements?]
  var postsynaptic: [CheckedStatements?]
  /// Per slot: dynamics code, spike code and (where the slot has events) the condition.
  var dynamics: [CheckedStatements?]
  var spikeCode: [CheckedStatements?]
  var conditions: [CheckedExpression?]
  /// Whether any of the group's code draws random numbers.
  var usesRandom: Bool
  /// Whether code run for every neuron in every step (sim code, current sources,
  /// postsynaptic models) draws random numbers: then each neuron's stream is drawn from
  /// nearly always, and its first block is worth working out for many at once.
  var drawsEveryStep: Bool

  var neuron: NeuronModel { archetype.model }
  /// The slots with spike-like events, in list order.
  var eventSlots: [WeightUpdateSlot] { slots.filter { $0.eventList != nil } }
}

/// What a backend does differently in the neuron update: how the ring of a dendritic
/// delay is addressed.
protocol NeuronUpdateWriting: ModelCodeWriting {
  /// The fields a neuron group struct needs, after `<prefix>denDelay`, to find the slot of
  /// the dendritic delay ring of its postsynaptic model slot `prefix` arriving now.
  func dendriticDelayFields(prefix: String) -> [String]
  /// The index of the ring's slot arriving now, from those fields.
  func dendriticDelayFront(prefix: String) -> String
  /// Binds those fields for synapse population `index`.
  mutating func bindDendriticDelay(field: String, prefix: String, synapses index: Int)
}

/// The per-neuron update both backends share: GeNN 5.4's order (DESIGN.md decision 1).
extension NeuronUpdateWriting {
  /// Gathers and checks the code of merged group `group`.
  mutating func neuronUpdatePlan(_ group: MergedNeuronGroup) -> NeuronUpdatePlan {
    let archetype = model.neuronPopulations[group.populations[0]]
    let neuron = archetype.model
    let sources = group.currentSources[0].map { model.currentSources[$0] }
    let inputs = group.postsynaptic[0].map { model.synapsePopulations[$0] }
    let slots = weightUpdateSlots(of: group)
    let context = describe(populations: group.populations)

    var simEnvironment = baseEnvironment(context: "\(context), sim code")
    simEnvironment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    simEnvironment.defineNeuronSizes("group.numNeurons", update: true, batches: batches)
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
      to: &simEnvironment, prefix: "", params: neuron.params, paramTypes: neuron.paramTypes,
      derived: neuron.derivedParams, vars: neuron.vars, egps: neuron.extraGlobalParams)
    let sim = checkStatements(neuron.simCode, in: simEnvironment)
    var oldSpike: CheckedExpression?
    if neuron.autoRefractoryRequired && !neuron.thresholdConditionCode.isBlank {
      simEnvironment.context = "\(context), threshold condition code"
      oldSpike = checkCondition(neuron.thresholdConditionCode, in: simEnvironment)
    }
    var afterSim = simEnvironment
    afterSim.add(sim?.localSymbols ?? [])
    afterSim.context = "\(context), threshold condition code"
    let threshold =
      neuron.thresholdConditionCode.isBlank
      ? nil : checkCondition(neuron.thresholdConditionCode, in: afterSim)
    afterSim.context = "\(context), reset code"
    let reset = checkStatements(neuron.resetCode, in: afterSim)
    let injections = sources.enumerated().map { slot, source in
      checkInjection(source, slot: slot, neuron: neuron)
    }
    let postsynaptic = inputs.enumerated().map { slot, input in
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
    let code =
      [neuron.simCode, neuron.thresholdConditionCode, neuron.resetCode]
      + sources.map(\.model.injectionCode) + inputs.map(\.postsynaptic.simCode)
      + slots.flatMap { [$0.spikeCode, $0.dynamicsCode, $0.eventList == nil ? "" : $0.condition] }
    return NeuronUpdatePlan(
      group: group, archetype: archetype, sources: sources, inputs: inputs, slots: slots,
      spikeTimes: usage.spikeTimes.contains(archetype.name),
      previousSpikeTimes: usage.previousSpikeTimes.contains(archetype.name),
      delayed: model.maximumDelaySteps(of: archetype.name) > 0,
      queued: usage.queuedVariables[archetype.name] ?? [], sim: sim, threshold: threshold,
      oldSpike: oldSpike, reset: reset, injections: injections, postsynaptic: postsynaptic,
      dynamics: dynamics,
      spikeCode: spikeCode, conditions: conditions,
      usesRandom: code.contains { $0.contains("gennrand") },
      drawsEveryStep: ([neuron.simCode] + sources.map(\.model.injectionCode)
        + inputs.map(\.postsynaptic.simCode)).contains { $0.contains("gennrand") })
  }

  /// Prints the group's struct (without its closing brace's instances).
  mutating func declareNeuronGroup(_ plan: NeuronUpdatePlan) {
    let neuron = plan.neuron
    line(
      "// Neuron update group \(plan.group.index): model '\(neuron.name.commentText)' for "
        + "\(describe(populations: plan.group.populations)).")
    line("struct NeuronUpdateGroup\(plan.group.index) {")
    line("uint32_t numNeurons;")
    line("uint32_t numDelaySlots;")
    line("uint32_t stream;")
    line("uint64_t seed;")
    if batches > 1 { line("uint32_t batch;") }
    declareParameters(
      prefix: "", params: neuron.params, derived: neuron.derivedParams,
      paramTypes: neuron.paramTypes)
    for variable in neuron.vars { line("\(cType(variable.valueType!)) *v_\(variable.name);") }
    for egp in neuron.extraGlobalParams { declareExtraGlobalParameter(egp, prefix: "") }
    declareOutOfRangeRecord()
    line("uint32_t *spike;")
    line("uint32_t *spikeCount;")
    line("uint32_t *recordSpike;")
    if plan.spikeTimes { line("\(timeName) *st;") }
    if plan.previousSpikeTimes { line("\(timeName) *prevSt;") }
    for (slot, source) in plan.sources.enumerated() {
      let prefix = "cs\(slot)_"
      declareParameters(
        prefix: prefix, params: source.model.params, derived: source.model.derivedParams,
        paramTypes: source.model.paramTypes)
      for variable in source.model.vars {
        line("\(cType(variable.valueType!)) *\(prefix)v_\(variable.name);")
      }
      for egp in source.model.extraGlobalParams { declareExtraGlobalParameter(egp, prefix: prefix) }
    }
    for (slot, input) in plan.inputs.enumerated() {
      let prefix = "psm\(slot)_"
      line("\(scalarName) *\(prefix)inSyn;")
      if input.maxDendriticDelaySteps != nil {
        line("\(scalarName) *\(prefix)denDelay;")
        for field in dendriticDelayFields(prefix: prefix) { line("\(field)") }
      }
      declareParameters(
        prefix: prefix, params: input.postsynaptic.params,
        derived: input.postsynaptic.derivedParams, paramTypes: input.postsynaptic.paramTypes
      )
      for variable in input.postsynaptic.vars {
        line("\(cType(variable.valueType!)) *\(prefix)v_\(variable.name);")
      }
      for egp in input.postsynaptic.extraGlobalParams {
        declareExtraGlobalParameter(egp, prefix: prefix)
      }
    }
    for slot in plan.slots { declareWeightUpdateSlot(slot) }
    line("};")
  }

  /// Prints a neuron's update up to its threshold
  /// condition: its variables loaded (queued ones from the last step's slot), spike and
  /// event times, `Isyn` from the postsynaptic models, `addToPre` input and the current
  /// sources, the sim code, the weight update models' dynamics code, and their spike-like
  /// event conditions, each running `emitEvent(slot, list)`'s lines on an event.
  /// `firstBlock`, where given, is the batch and position of the neuron's first random
  /// block worked out ahead (`&blocks, id - chunk`; ``GeNNFirstBlocks``).
  mutating func writeNeuronBody(
    _ plan: NeuronUpdatePlan, firstBlock: String? = nil,
    emitEvent: (WeightUpdateSlot, Int) -> [String]
  ) {
    if plan.usesRandom {
      line("GeNNRng rng;")
      if let firstBlock {
        line(
          "genn_rng_init_first_block(&rng, group.seed, group.stream, id, (uint32_t)timestep, \(firstBlock));"
        )
      } else {
        line("genn_rng_init(&rng, group.seed, group.stream, id, (uint32_t)timestep);")
      }
    }
    for variable in plan.neuron.vars {
      let offset = plan.queued.contains(variable.name) ? "readOffset + " : ""
      line(
        "\(cType(variable.valueType!)) l_\(variable.name) = group.v_\(variable.name)[\(offset)id];"
      )
    }
    if plan.spikeTimes { line("const \(timeName) lsT = group.st[readOffset + id];") }
    let previousEvents = plan.slots.filter { usage.previousEventTimes.contains(eventSide($0)) }
    if plan.previousSpikeTimes || !previousEvents.isEmpty {
      line("// a spike (or event) in the last step becomes the previous one (GeNN: t - dt)")
      line("const \(timeName) tPrev = (timestep - 1u) * \(dtLiteral);")
    }
    if plan.previousSpikeTimes {
      line(
        "if (timestep > 0u && lsT == tPrev) { group.prevSt[readOffset + id] = t - \(dtLiteral); }"
      )
    }
    for slot in previousEvents {
      let prefix = slot.prefix
      line(
        "if (timestep > 0u && group.\(prefix)seT[readOffset + id] == tPrev) { group.\(prefix)prevSeT[readOffset + id] = t - \(dtLiteral); }"
      )
    }
    line("\(scalarName) Isyn = 0;")
    for input in plan.neuron.additionalInputVars {
      line(
        "\(cType(input.valueType!)) ai_\(input.name) = \(NumericLiteral.write(input.initialValue, as: input.valueType!.resolved(in: types)));"
      )
    }
    for (slot, input) in plan.inputs.enumerated() {
      line(
        "// postsynaptic model slot \(slot): model '\(input.postsynaptic.name.commentText)'"
      )
      line("{")
      if input.maxDendriticDelaySteps != nil {
        let prefix = "psm\(slot)_"
        line("// input arriving now through dendritic delays")
        line(
          "\(scalarName) *front = &group.\(prefix)denDelay[(size_t)(\(dendriticDelayFront(prefix: prefix))) * group.numNeurons + id];"
        )
        line("group.\(prefix)inSyn[id] += *front;")
        line("*front = 0;")
      }
      let queued = input.queuesPostsynapticVars
      for variable in input.postsynaptic.vars where queued {
        line(
          "\(cType(variable.valueType!)) lpsm\(slot)_\(variable.name) = group.psm\(slot)_v_\(variable.name)[readOffset + id];"
        )
      }
      code(plan.postsynaptic[slot])
      for variable in input.postsynaptic.vars where queued {
        line(
          "group.psm\(slot)_v_\(variable.name)[writeOffset + id] = lpsm\(slot)_\(variable.name);"
        )
      }
      line("}")
    }
    for slot in plan.slots where slot.side == .presynaptic {
      guard usage.presynapticOutput.contains(slot.synapses.name) else { continue }
      line("// input from synapse population '\(slot.synapses.name)' (addToPre)")
      line("\(inputSpelling(slot.synapses.preTargetVar)) += group.\(slot.prefix)outPre[id];")
      line("group.\(slot.prefix)outPre[id] = 0;")
    }
    for (slot, source) in plan.sources.enumerated() {
      line("// current source slot \(slot): model '\(source.model.name.commentText)'")
      line("{")
      for variable in source.model.vars {
        line(
          "\(cType(variable.valueType!)) lcs\(slot)_\(variable.name) = group.cs\(slot)_v_\(variable.name)[id];"
        )
      }
      code(plan.injections[slot])
      for variable in source.model.vars where variable.access.isWritable {
        line("group.cs\(slot)_v_\(variable.name)[id] = lcs\(slot)_\(variable.name);")
      }
      line("}")
    }
    line("(void)Isyn;")
    if let oldSpike = plan.oldSpike {
      line("// test whether the spike condition held before the sim code (auto-refractory)")
      line("const bool oldSpike = (\(oldSpike.code()));", holding: oldSpike)
    }
    line("// sim code")
    code(plan.sim)
    for (position, slot) in plan.slots.enumerated() {
      writeWeightUpdateNeuronCode(
        slot, plan.dynamics[position], comment: "\(slot.sideName) dynamics code")
    }
    for (position, slot) in plan.slots.enumerated() {
      guard let condition = plan.conditions[position], let list = slot.eventList else { continue }
      writeEventCondition(plan, slot, condition, emit: emitEvent(slot, list))
    }
  }

  /// Prints a slot's spike-like-event condition, tested on the updated state before the
  /// threshold (GeNN's order): an event runs `emit`, sets the event time; a delayed
  /// population carries the event times of a neuron without one into this step's slot.
  private mutating func writeEventCondition(
    _ plan: NeuronUpdatePlan, _ slot: WeightUpdateSlot, _ condition: CheckedExpression,
    emit: [String]
  ) {
    let prefix = slot.prefix
    let times = usage.eventTimes.contains(eventSide(slot))
    let previous = usage.previousEventTimes.contains(eventSide(slot))
    line("// \(slot.sideName) spike-like event condition: '\(slot.synapses.name)'")
    line("{")
    let read = slot.delayedVars ? "readOffset + id" : "id"
    for variable in slot.vars {
      line(
        "const \(cType(variable.valueType!)) l\(prefix)\(variable.name) = group.\(prefix)v_\(variable.name)[\(read)];"
      )
    }
    line("if (\(condition.code())) {", holding: condition)
    for statement in emit { line("" + statement) }
    if times { line("group.\(prefix)seT[writeOffset + id] = t;") }
    line("}")
    if plan.delayed && (times || previous) {
      line("else {")
      for (present, array) in [(times, "seT"), (previous, "prevSeT")] where present {
        let field = "group.\(prefix)\(array)"
        line("\(field)[writeOffset + id] = \(field)[readOffset + id];")
      }
      line("}")
    }
    line("}")
  }

  /// Prints the threshold test and what a spike does: the weight update
  /// models' spike code, `emit` (the backend's emission), the spike time and the reset
  /// code; then the carrying of a neuron without a spike (``writeNoSpikeCopies(_:)``).
  mutating func writeThresholdAndSpike(
    _ plan: NeuronUpdatePlan, _ threshold: CheckedExpression, emit: [String]
  ) {
    line("// threshold condition")
    if plan.oldSpike != nil {
      line("if ((\(threshold.code())) && !oldSpike) {", holding: threshold)
    } else {
      line("if (\(threshold.code())) {", holding: threshold)
    }
    for (position, slot) in plan.slots.enumerated() {
      writeWeightUpdateNeuronCode(
        slot, plan.spikeCode[position], comment: "\(slot.sideName) spike code")
    }
    for statement in emit { line("" + statement) }
    if plan.spikeTimes { line("group.st[writeOffset + id] = t;") }
    if let reset = plan.reset, !reset.statements.isEmpty {
      line("// reset code")
      code(reset)
    }
    line("}")
    writeNoSpikeCopies(plan)
  }

  /// Whether neurons that do not spike carry values into this step's delay slot.
  func hasNoSpikeCopies(_ plan: NeuronUpdatePlan) -> Bool {
    plan.delayed
      && (plan.spikeTimes || plan.previousSpikeTimes
        || plan.slots.contains { $0.delayedVars && $0.dynamicsCode.isBlank })
  }

  /// The `else` of a spike: a delayed population carries the neuron's times and delayed
  /// weight update variables from the last step's slot into this step's.
  mutating func writeNoSpikeCopies(_ plan: NeuronUpdatePlan) {
    guard hasNoSpikeCopies(plan) else { return }
    line("else {")
    line("// no spike: carry times and delayed variables into this step's slot")
    var arrays: [String] = []
    if plan.spikeTimes { arrays.append("group.st") }
    if plan.previousSpikeTimes { arrays.append("group.prevSt") }
    for slot in plan.slots where slot.delayedVars && slot.dynamicsCode.isBlank {
      arrays += slot.vars.map { "group.\(slot.prefix)v_\($0.name)" }
    }
    for array in arrays {
      line("\(array)[writeOffset + id] = \(array)[readOffset + id];")
    }
    line("}")
  }

  /// Prints the stores of the neuron's variables (queued ones into this step's slot).
  mutating func writeNeuronStores(_ plan: NeuronUpdatePlan) {
    for variable in plan.neuron.vars
    where variable.access.isWritable || plan.queued.contains(variable.name) {
      let offset = plan.queued.contains(variable.name) ? "writeOffset + " : ""
      line("group.v_\(variable.name)[\(offset)id] = l_\(variable.name);")
    }
  }

  /// Checks a postsynaptic model's code as it runs for each target neuron: `inSyn`, its
  /// fields, its references to the neuron's variables (their values before the sim code),
  /// and `injectCurrent`.
  private mutating func checkPostsynaptic(
    _ synapses: SynapsePopulation, slot: Int, neuron: NeuronModel
  ) -> CheckedStatements? {
    let model = synapses.postsynaptic
    var environment = baseEnvironment(
      context: "synapse population '\(synapses.name)', postsynaptic model '\(model.name)' sim code")
    environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    environment.defineNeuronSizes("group.numNeurons", update: true, batches: batches)
    environment.define(
      "inSyn", .numeric(types.scalar), spelling: "group.psm\(slot)_inSyn[id]",
      role: "synaptic input")
    environment.add(
      Symbol(
        "injectCurrent", .function(returning: .void, [.numeric(types.scalar)]),
        spelling: "\(inputSpelling(synapses.postTargetVar)) += $(0)", role: "input function"))
    addParameters(
      to: &environment, prefix: "psm\(slot)_", params: model.params, derived: model.derivedParams,
      paramTypes: model.paramTypes)
    for variable in model.vars {
      let type = GeNNType.numeric(variable.valueType!.resolved(in: types))
      // Queued variables are loaded from the read slot and stored to the write slot.
      environment.define(
        variable.name, variable.access.isWritable ? type : type.addingConst,
        spelling: synapses.queuesPostsynapticVars
          ? "lpsm\(slot)_\(variable.name)" : "group.psm\(slot)_v_\(variable.name)[id]",
        role: "postsynaptic variable")
    }
    addExtraGlobalParameters(to: &environment, model.extraGlobalParams, prefix: "psm\(slot)_")
    addNeuronReferences(
      to: &environment, model.neuronVarRefs, neuron: neuron, target: synapses.targetVariable)
    return checkStatements(model.simCode, in: environment)
  }

  /// The local a neuron's input `name` (`Isyn` or an additional input variable) is
  /// summed in.
  func inputSpelling(_ name: String) -> String { name == "Isyn" ? "Isyn" : "ai_\(name)" }

  /// Checks a current source's injection code as it runs for each target neuron: its
  /// fields, `injectCurrent` into its target input, and its references to the neuron's
  /// variables (their values before the sim code).
  private mutating func checkInjection(
    _ source: CurrentSource, slot: Int, neuron: NeuronModel
  ) -> CheckedStatements? {
    var environment = baseEnvironment(context: "current source '\(source.name)', injection code")
    environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    environment.defineNeuronSizes("group.numNeurons", update: true, batches: batches)
    environment.add(
      Symbol(
        "injectCurrent", .function(returning: .void, [.numeric(types.scalar)]),
        spelling: "\(inputSpelling(source.targetVar)) += $(0)", role: "input function"))
    let model = source.model
    addFields(
      to: &environment, prefix: "cs\(slot)_", params: model.params,
      paramTypes: model.paramTypes, derived: model.derivedParams, vars: model.vars,
      egps: model.extraGlobalParams)
    addNeuronReferences(
      to: &environment, model.neuronVarRefs, neuron: neuron, target: source.targetVariable)
    return checkStatements(model.injectionCode, in: environment)
  }

  /// Fills the struct of each member of `group`, `field(member)` naming it.
  mutating func writeNeuronGroupBinding(
    _ group: MergedNeuronGroup, field: (Int) -> String
  ) {
    for (member, populationIndex) in group.populations.enumerated() {
      let population = model.neuronPopulations[populationIndex]
      let field = field(member)
      let name = population.name
      line("// neuron population '\(name)'")
      line("\(field).numNeurons = \(population.size)u;")
      line("\(field).numDelaySlots = \(model.maximumDelaySteps(of: name) + 1)u;")
      line("\(field).stream = \(populationIndex)u;")
      line("\(field).seed = \(batchSeed);")
      if batches > 1 { line("\(field).batch = batch;") }
      writeParameterBindings(
        field: field, prefix: "", params: population.params, names: population.model.params,
        derived: population.model.derivedParams, paramTypes: population.model.paramTypes,
        dynamic: (name, .neuron))
      for variable in population.model.vars {
        bindArray(
          field, "v_\(variable.name)",
          to: .neuronVariable(population: name, variable: variable.name))
      }
      for egp in population.model.extraGlobalParams {
        bindExtraGlobalParameter(
          field, egp, prefix: "",
          to: .neuronExtraGlobalParameter(population: name, parameter: egp.name))
      }
      bindOutOfRangeRecord(field)
      bindArray(field, "spike", to: .spikes(population: name))
      bindArray(field, "spikeCount", to: .spikeCount(population: name))
      if population.recordSpikes {
        bindArray(field, "recordSpike", to: .spikeRecording(population: name))
      } else {
        line("\(field).recordSpike = nullptr;")
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
        line("// postsynaptic model of synapse population '\(synapses.name)' in slot \(slot)")
        bindArray(field, "\(prefix)inSyn", to: .postsynapticInput(synapses: synapses.name))
        if synapses.maxDendriticDelaySteps != nil {
          bindArray(field, "\(prefix)denDelay", to: .dendriticDelayBuffer(synapses: synapses.name))
          bindDendriticDelay(field: field, prefix: prefix, synapses: synapseIndex)
        }
        writeParameterBindings(
          field: field, prefix: prefix, params: synapses.postsynapticParams,
          names: synapses.postsynaptic.params, derived: synapses.postsynaptic.derivedParams,
          paramTypes: synapses.postsynaptic.paramTypes, dynamic: (synapses.name, .postsynaptic))
        for variable in synapses.postsynaptic.vars {
          bindArray(
            field, "\(prefix)v_\(variable.name)",
            to: .postsynapticVariable(synapses: synapses.name, variable: variable.name))
        }
        for egp in synapses.postsynaptic.extraGlobalParams {
          bindExtraGlobalParameter(
            field, egp, prefix: prefix,
            to: .postsynapticExtraGlobalParameter(synapses: synapses.name, parameter: egp.name))
        }
      }
      for (slot, sourceIndex) in group.currentSources[member].enumerated() {
        let source = model.currentSources[sourceIndex]
        line("// current source '\(source.name)' in slot \(slot)")
        writeParameterBindings(
          field: field, prefix: "cs\(slot)_", params: source.params, names: source.model.params,
          derived: source.model.derivedParams, paramTypes: source.model.paramTypes,
          dynamic: (source.name, .currentSource))
        for variable in source.model.vars {
          bindArray(
            field, "cs\(slot)_v_\(variable.name)",
            to: .currentSourceVariable(source: source.name, variable: variable.name))
        }
        for egp in source.model.extraGlobalParams {
          bindExtraGlobalParameter(
            field, egp, prefix: "cs\(slot)_",
            to: .currentSourceExtraGlobalParameter(source: source.name, parameter: egp.name))
        }
      }
    }
  }
}
