import GeNNModel
import GeNNTranspiler

/// What a weight update model runs in the neurons of one side of its synapse population,
/// as one slot of a merged neuron group: presynaptic or postsynaptic variables, spike and
/// dynamics code, a spike-like-event condition, and (presynaptic side) `addToPre` input.
struct WeightUpdateSlot {
  /// The synapse population's index in the model (of the group's archetype).
  var synapseIndex: Int
  var synapses: SynapsePopulation
  var side: SynapseSide
  /// The prefix of the slot's fields in the neuron group struct.
  var prefix: String
  /// The position of the slot's event list among the group's lists (0 is spikes).
  var eventList: Int?

  var model: WeightUpdateModel { synapses.weightUpdate }
  var vars: [Variable] { side == .presynaptic ? model.preVars : model.postVars }
  var references: [NeuronVarReference] {
    side == .presynaptic ? model.preNeuronVarRefs : model.postNeuronVarRefs
  }
  var spikeCode: String { side == .presynaptic ? model.preSpikeCode : model.postSpikeCode }
  var dynamicsCode: String {
    side == .presynaptic ? model.preDynamicsCode : model.postDynamicsCode
  }
  var condition: String {
    side == .presynaptic
      ? model.preEventThresholdConditionCode : model.postEventThresholdConditionCode
  }
  /// Whether the slot's variables keep one copy per delay slot.
  var delayedVars: Bool {
    side == .presynaptic
      ? !vars.isEmpty && synapses.axonalDelaySteps > 0 : synapses.queuesPostVars
  }
  var sideName: String { side == .presynaptic ? "presynaptic" : "postsynaptic" }
  var timeName: String { side == .presynaptic ? "st_pre" : "st_post" }

  /// The neuron variable a reference names.
  func variable(of reference: NeuronVarReference) -> String {
    side == .presynaptic
      ? synapses.preVariable(of: reference) : synapses.postVariable(of: reference)
  }

  /// The array holding one of the slot's variables.
  func role(ofVariable name: String) -> ArrayLayout.Role {
    side == .presynaptic
      ? .weightUpdatePreVariable(synapses: synapses.name, variable: name)
      : .weightUpdatePostVariable(synapses: synapses.name, variable: name)
  }
}

/// The slots' fields, checked code and printed blocks in the neuron update.
extension ModelCodeWriting {
  /// The weight update slots of a member of a merged neuron group, outgoing then
  /// incoming (the same layout for every member).
  func weightUpdateSlots(of group: MergedNeuronGroup, member: Int = 0) -> [WeightUpdateSlot] {
    var slots: [WeightUpdateSlot] = []
    var lists = 1
    for (side, indices) in [
      (SynapseSide.presynaptic, group.outgoing[member]), (.postsynaptic, group.incoming[member]),
    ] {
      for (position, index) in indices.enumerated() {
        let synapses = model.synapsePopulations[index]
        let hasEvents =
          side == .presynaptic
          ? synapses.weightUpdate.hasPreEvents : synapses.weightUpdate.hasPostEvents
        slots.append(
          WeightUpdateSlot(
            synapseIndex: index, synapses: synapses, side: side,
            prefix: side == .presynaptic ? "wpre\(position)_" : "wpost\(position)_",
            eventList: hasEvents ? lists : nil))
        if hasEvents { lists += 1 }
      }
    }
    return slots
  }

  func eventSide(_ slot: WeightUpdateSlot) -> CodeUsage.Side {
    CodeUsage.Side(synapses: slot.synapses.name, side: slot.side)
  }

  mutating func declareWeightUpdateSlot(_ slot: WeightUpdateSlot) {
    let prefix = slot.prefix
    declareParameters(
      prefix: prefix, params: slot.model.params, derived: slot.model.derivedParams,
      paramTypes: slot.model.paramTypes)
    for egp in slot.model.extraGlobalParams { declareExtraGlobalParameter(egp, prefix: prefix) }
    for variable in slot.vars {
      line("\(cType(variable.valueType!)) *\(prefix)v_\(variable.name);")
    }
    if slot.side == .presynaptic && usage.presynapticOutput.contains(slot.synapses.name) {
      line("\(scalarName) *\(prefix)outPre;")
    }
    if slot.eventList != nil {
      line("uint32_t *\(prefix)spkEvent;")
      line("uint32_t *\(prefix)spkCntEvent;")
      line("uint32_t *\(prefix)recordSpkEvent;")
      if usage.eventTimes.contains(eventSide(slot)) { line("\(timeName) *\(prefix)seT;") }
      if usage.previousEventTimes.contains(eventSide(slot)) {
        line("\(timeName) *\(prefix)prevSeT;")
      }
    }
  }

  /// The names a slot's neuron-side code sees: the model's parameters and extra global
  /// parameters, its variables as local copies, its references to the neuron's
  /// variables (their current local values), the spike time and `id`.
  func weightUpdateNeuronEnvironment(
    _ slot: WeightUpdateSlot, neuron: NeuronModel, hook: String, readOnlyVars: Bool = false
  ) -> Environment {
    var environment = baseEnvironment(
      context:
        "synapse population '\(slot.synapses.name)', weight update model '\(slot.model.name)' \(hook)"
    )
    environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    environment.defineNeuronSizes("group.numNeurons", update: true, batches: batches)
    addParameters(
      to: &environment, prefix: slot.prefix, params: slot.model.params,
      derived: slot.model.derivedParams, paramTypes: slot.model.paramTypes)
    addExtraGlobalParameters(to: &environment, slot.model.extraGlobalParams, prefix: slot.prefix)
    for variable in slot.vars {
      let type = GeNNType.numeric(variable.valueType!.resolved(in: types))
      environment.define(
        variable.name, variable.access.isWritable && !readOnlyVars ? type : type.addingConst,
        spelling: "l\(slot.prefix)\(variable.name)", role: "\(slot.sideName) variable")
    }
    addNeuronReferences(
      to: &environment, slot.references, neuron: neuron, target: slot.variable(of:))
    environment.define(
      slot.timeName, GeNNType.numeric(types.timepoint).addingConst, spelling: "lsT",
      role: "spike time")
    return environment
  }

  /// Prints a slot's spike or dynamics code with its variables loaded from the read
  /// slot and stored to the write slot (GeNN's local variable cache).
  mutating func writeWeightUpdateNeuronCode(
    _ slot: WeightUpdateSlot, _ code: CheckedStatements?, comment: String
  ) {
    guard let code, !code.statements.isEmpty else { return }
    line("// \(comment): synapse population '\(slot.synapses.name)'")
    line("{")
    let (read, write) = slot.delayedVars ? ("readOffset + id", "writeOffset + id") : ("id", "id")
    for variable in slot.vars {
      line(
        "\(cType(variable.valueType!)) l\(slot.prefix)\(variable.name) = group.\(slot.prefix)v_\(variable.name)[\(read)];"
      )
    }
    self.code(code)
    for variable in slot.vars where variable.access.isWritable {
      line(
        "group.\(slot.prefix)v_\(variable.name)[\(write)] = l\(slot.prefix)\(variable.name);"
      )
    }
    line("}")
  }

  /// Binds a slot's fields for one member population.
  mutating func writeWeightUpdateSlotBinding(field: String, slot: WeightUpdateSlot) {
    let synapses = slot.synapses
    let prefix = slot.prefix
    line("// weight update model of synapse population '\(synapses.name)' in slot \(prefix)")
    writeParameterBindings(
      field: field, prefix: prefix, params: synapses.weightUpdateParams,
      names: synapses.weightUpdate.params, derived: synapses.weightUpdate.derivedParams,
      paramTypes: synapses.weightUpdate.paramTypes, dynamic: (synapses.name, .weightUpdate))
    for egp in synapses.weightUpdate.extraGlobalParams {
      bindExtraGlobalParameter(
        field, egp, prefix: prefix,
        to: .weightUpdateExtraGlobalParameter(synapses: synapses.name, parameter: egp.name))
    }
    for variable in slot.vars {
      bindArray(field, "\(prefix)v_\(variable.name)", to: slot.role(ofVariable: variable.name))
    }
    if slot.side == .presynaptic && usage.presynapticOutput.contains(synapses.name) {
      bindArray(field, "\(prefix)outPre", to: .presynapticOutput(synapses: synapses.name))
    }
    if slot.eventList != nil {
      let side = slot.side
      bindArray(field, "\(prefix)spkEvent", to: .spikeEvents(synapses: synapses.name, side: side))
      bindArray(
        field, "\(prefix)spkCntEvent", to: .spikeEventCount(synapses: synapses.name, side: side))
      let population = side == .presynaptic ? synapses.source : synapses.target
      if model.neuronPopulation(named: population)!.recordSpikeEvents {
        bindArray(
          field, "\(prefix)recordSpkEvent",
          to: .spikeEventRecording(synapses: synapses.name, side: side))
      } else {
        line("\(field).\(prefix)recordSpkEvent = nullptr;")
      }
      if usage.eventTimes.contains(eventSide(slot)) {
        bindArray(
          field, "\(prefix)seT", to: .spikeEventTimes(synapses: synapses.name, side: side))
      }
      if usage.previousEventTimes.contains(eventSide(slot)) {
        bindArray(
          field, "\(prefix)prevSeT",
          to: .previousSpikeEventTimes(synapses: synapses.name, side: side))
      }
    }
  }
}
