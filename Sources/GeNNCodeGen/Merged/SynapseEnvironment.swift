import GeNNModel
import GeNNTranspiler

/// A read-only array a synapse group's code reads: presynaptic and postsynaptic
/// variables, referenced neuron and postsynaptic-model variables, spike and event times.
struct SynapseReadField {
  /// The field's name in the group struct.
  var name: String
  /// The element type's C name.
  var type: String
  /// The array bound to it.
  var role: ArrayLayout.Role
  /// The name code uses, with its type, how it is indexed and the side of the synapse it
  /// belongs to (`nil` for times, which are added with their delay).
  var symbol: (name: String, type: GeNNType, index: String, role: String, side: SynapseSide)?
}

/// The read-only arrays of a synapse population's code, for every backend.
extension ModelCodeWriting {
  /// The read-only arrays of synapse population `synapses`' code.
  func synapseReadFields(_ synapses: SynapsePopulation) -> [SynapseReadField] {
    let model = synapses.weightUpdate
    let code = model.synapseCode.map(\.code)
    let source = self.model.neuronPopulation(named: synapses.source)!
    let target = self.model.neuronPopulation(named: synapses.target)!
    var fields: [SynapseReadField] = []
    func numeric(_ base: TypeName.Base) -> GeNNType { .numeric(base.resolved(in: types)) }
    let sides: [(vars: [Variable], prefix: String, index: String, role: String)] = [
      (
        model.preVars, "pre_", synapses.axonalDelaySteps > 0 ? "preOffset + id_pre" : "id_pre",
        "presynaptic variable"
      ),
      (
        model.postVars, "post_",
        synapses.queuesPostVars ? "postOffset + id_post" : "id_post",
        "postsynaptic variable"
      ),
    ]
    for side in sides {
      for variable in side.vars {
        let role: ArrayLayout.Role =
          side.prefix == "pre_"
          ? .weightUpdatePreVariable(synapses: synapses.name, variable: variable.name)
          : .weightUpdatePostVariable(synapses: synapses.name, variable: variable.name)
        fields.append(
          SynapseReadField(
            name: side.prefix + variable.name, type: cType(variable.valueType!), role: role,
            symbol: (
              variable.name, numeric(variable.valueType!).addingConst, side.index, side.role,
              side.prefix == "pre_" ? .presynaptic : .postsynaptic
            )))
      }
    }
    for (references, population, prefix, side) in [
      (model.preNeuronVarRefs, source, "preRef_", "pre"),
      (model.postNeuronVarRefs, target, "postRef_", "post"),
    ] {
      let queued = usage.queuedVariables[population.name] ?? []
      for reference in references {
        let name =
          prefix == "preRef_"
          ? synapses.preVariable(of: reference) : synapses.postVariable(of: reference)
        // A queued variable is read at the slot of the step the spike left.
        let index = queued.contains(name) ? "\(side)Offset + id_\(side)" : "id_\(side)"
        guard let variable = population.model.vars.first(where: { $0.name == name }) else {
          continue
        }
        fields.append(
          SynapseReadField(
            name: "\(prefix)\(reference.name)", type: cType(variable.valueType!),
            role: .neuronVariable(population: population.name, variable: name),
            symbol: (
              reference.name, numeric(variable.valueType!).addingConst, index,
              "reference to neuron variable '\(name)' of '\(population.name)'",
              prefix == "preRef_" ? .presynaptic : .postsynaptic
            )))
      }
    }
    for reference in model.psmVarRefs {
      let name = synapses.psmVariable(of: reference)
      guard let variable = synapses.postsynaptic.vars.first(where: { $0.name == name }) else {
        continue
      }
      fields.append(
        SynapseReadField(
          name: "psmRef_\(reference.name)", type: cType(variable.valueType!),
          role: .postsynapticVariable(
            synapses: usage.fusion.target(of: synapses.name), variable: name),
          symbol: (
            reference.name, numeric(variable.valueType!).addingConst,
            synapses.queuesPostsynapticVars ? "postOffset + id_post" : "id_post",
            "reference to postsynaptic model variable '\(name)'", .postsynaptic
          )))
    }
    let time = timeName
    let times: [(String, String, ArrayLayout.Role?)] = [
      ("st_pre", "srcSt", .spikeTimes(population: source.name)),
      ("prev_st_pre", "srcPrevSt", .previousSpikeTimes(population: source.name)),
      ("st_post", "trgSt", .spikeTimes(population: target.name)),
      ("prev_st_post", "trgPrevSt", .previousSpikeTimes(population: target.name)),
      (
        "set_pre", "srcSeT",
        model.hasPreEvents ? .spikeEventTimes(synapses: synapses.name, side: .presynaptic) : nil
      ),
      (
        "prev_set_pre", "srcPrevSeT",
        model.hasPreEvents
          ? .previousSpikeEventTimes(synapses: synapses.name, side: .presynaptic) : nil
      ),
      (
        "set_post", "trgSeT",
        model.hasPostEvents ? .spikeEventTimes(synapses: synapses.name, side: .postsynaptic) : nil
      ),
      (
        "prev_set_post", "trgPrevSeT",
        model.hasPostEvents
          ? .previousSpikeEventTimes(synapses: synapses.name, side: .postsynaptic) : nil
      ),
    ]
    for (name, field, role) in times {
      guard let role, CodeUsage.uses(name, in: code) else { continue }
      fields.append(SynapseReadField(name: field, type: time, role: role, symbol: nil))
    }
    return fields
  }

  /// Adds the synapse's index (`id_syn`, where synapses are stored; `id_kernel`, where
  /// generated ones use a kernel) and the weight update variables, as the matrix keeps
  /// them: per synapse, in the kernel, or computed for each use.
  func addSynapseVariables(to environment: inout Environment, _ synapses: SynapsePopulation) {
    let index32 = GeNNType.uint32.addingConst
    if synapses.storesSynapses {
      // `syn` is 64-bit in DENSE rows (CPUSynapseUpdateWriter); `id_syn` is 32-bit.
      environment.define(
        "id_syn", index32, spelling: "((uint32_t)syn)", role: "synapse index")
    } else if !synapses.kernelSize.isEmpty {
      environment.define("id_kernel", index32, spelling: "kernelInd", role: "kernel index")
    }
    for variable in synapses.weightUpdate.vars {
      let type = GeNNType.numeric(variable.valueType!.resolved(in: types))
      // Kernel and procedural variables are shared or recomputed: read-only, as in GeNN.
      switch synapses.matrixType.weightStorage {
      case .individual:
        environment.define(
          variable.name, variable.access.isWritable ? type : type.addingConst,
          spelling: "group.v_\(variable.name)[syn]", role: "synapse variable")
      case .kernel:
        environment.define(
          variable.name, type.addingConst, spelling: "group.v_\(variable.name)[kernelInd]",
          role: "kernel variable (read-only)")
      case .procedural:
        environment.define(
          variable.name, type.addingConst, spelling: "l_\(variable.name)",
          role: "procedural variable (read-only)")
      }
    }
  }
}

/// How a backend's per-synapse code adds to its targets.
struct SynapseAdditions {
  /// The spelling of `addToPost(x)`.
  var toPost: String
  /// The spelling of `addToPostDelay`'s addition of `$(0)` to the ring's element `lvalue`.
  var toPostDelay: (_ lvalue: String) -> String
  /// The spelling of `addToPre`'s addition of `$(0)` to the source's element `lvalue`.
  var toPre: (_ lvalue: String) -> String
  /// The dendritic delay ring's slot arriving now.
  var dendriticDelayFront: String
}

/// The names weight update code sees for each synapse, as GeNN 5.4's
/// `applySynapseSubstitutions` defines them.
extension ModelCodeWriting {
  /// The environment of one of synapse population `index`'s per-synapse code strings
  /// (`hook`), whose additions are spelled by `additions`.
  func synapseEnvironment(_ index: Int, hook: String, additions: SynapseAdditions) -> Environment {
    let synapses = model.synapsePopulations[index]
    let weightUpdate = synapses.weightUpdate
    var environment = baseEnvironment(
      context:
        "\(describeGroup(of: synapses)), weight update model '\(weightUpdate.name)' \(hook)",
      random: false)
    let index32 = GeNNType.uint32.addingConst
    environment.define("id_pre", index32, spelling: "id_pre", role: "presynaptic index")
    environment.define("id_post", index32, spelling: "id_post", role: "postsynaptic index")
    addSynapseVariables(to: &environment, synapses)
    environment.defineSynapseSizes(update: true, batches: batches)
    environment.add(
      Symbol(
        "addToPost", .function(returning: .void, [.numeric(types.scalar)]),
        spelling: additions.toPost, role: "input function"))
    if usage.presynapticOutput.contains(synapses.name) {
      environment.add(
        Symbol(
          "addToPre", .function(returning: .void, [.numeric(types.scalar)]),
          spelling: additions.toPre("group.outPre[id_pre]"), role: "presynaptic input function"))
    }
    if synapses.maxDendriticDelaySteps != nil {
      let slot =
        "group.denDelay[(size_t)((\(additions.dendriticDelayFront) + $(1)) % group.maxDendriticDelay) * group.numTrgNeurons + id_post]"
      environment.add(
        Symbol(
          "addToPostDelay", .function(returning: .void, [.numeric(types.scalar), .uint32]),
          spelling: additions.toPostDelay(slot), role: "delayed input function"))
    }
    addParameters(
      to: &environment, prefix: "", params: weightUpdate.params,
      derived: weightUpdate.derivedParams, paramTypes: weightUpdate.paramTypes)
    addExtraGlobalParameters(to: &environment, weightUpdate.extraGlobalParams, prefix: "")
    let code = weightUpdate.synapseCode.first { $0.hook == hook }?.code ?? ""
    for field in synapseReadFields(synapses) {
      guard let symbol = field.symbol else { continue }
      // GeNN reads a postsynaptic variable `x` written `x[d]` in this code through a
      // heterogeneous delay of `d` steps.
      guard symbol.side == .postsynaptic, code.indexesIdentifier(symbol.name) else {
        environment.define(
          symbol.name, symbol.type, spelling: "group.\(field.name)[\(symbol.index)]",
          role: symbol.role)
        continue
      }
      for overload in heterogeneouslyDelayed(
        symbol.name, type: symbol.type, field: field.name, role: symbol.role)
      {
        environment.add(overload)
      }
    }
    // Spike and event times, plus the delay they took to arrive (GeNN adds it too).
    let time = GeNNType.numeric(types.timepoint).addingConst
    let axonal = "group.preSpikeTimeDelay"
    let backPropagation = "group.postSpikeTimeDelay"
    for (name, field, delay, offset) in [
      ("st_pre", "srcSt", axonal, "preOffset + id_pre"),
      ("prev_st_pre", "srcPrevSt", axonal, "prevPreOffset + id_pre"),
      ("set_pre", "srcSeT", axonal, "preOffset + id_pre"),
      ("prev_set_pre", "srcPrevSeT", axonal, "prevPreOffset + id_pre"),
      ("st_post", "trgSt", backPropagation, "postOffset + id_post"),
      ("prev_st_post", "trgPrevSt", backPropagation, "prevPostOffset + id_post"),
      ("set_post", "trgSeT", backPropagation, "postOffset + id_post"),
      ("prev_set_post", "trgPrevSeT", backPropagation, "prevPostOffset + id_post"),
    ] {
      if name.hasSuffix("set_pre") && !weightUpdate.hasPreEvents { continue }
      if name.hasSuffix("set_post") && !weightUpdate.hasPostEvents { continue }
      environment.define(
        name, time, spelling: "(\(delay) + group.\(field)[\(offset)])", role: "spike time")
    }
    return environment
  }

  /// The subscript-only symbols of postsynaptic array `field` read as `name[d]`, one per
  /// integer type of `d`: the target neuron's element in the delay slot written `d` steps
  /// before the latest, as GeNN's `getPostVarHetDelayIndex`. `d` is taken modulo the
  /// target's delay slots (at least `maxDendriticDelaySteps + 1`), so the read never
  /// leaves the array; GeNN reads the same slot wherever its read stays in the array.
  func heterogeneouslyDelayed(_ name: String, type: GeNNType, field: String, role: String)
    -> [Symbol]
  {
    let slots = "group.trgDelaySlots"
    return NumericType.allCases.filter(\.isIntegral).map { index in
      let steps =
        index.isSigned
        ? "(uint32_t)(((int64_t)($(0)) % (int64_t)\(slots) + (int64_t)\(slots)) % (int64_t)\(slots))"
        : "(uint32_t)((uint64_t)($(0)) % (uint64_t)\(slots))"
      let slot = "(timestep + 2u * \(slots) - \(steps)) % \(slots)"
      return Symbol(
        name,
        .function(FunctionType(result: type, parameters: [.numeric(index)], isSubscriptOnly: true)),
        spelling: "group.\(field)[(size_t)(\(slot)) * group.numTrgNeurons + id_post]",
        role: "\(role), read with a heterogeneous delay")
    }
  }

  /// Declares the weight update model's extra global parameters in a synapse group
  /// struct, and the out-of-range record.
  mutating func declareSynapseExtraGlobalParameters(_ synapses: SynapsePopulation) {
    for egp in synapses.weightUpdate.extraGlobalParams {
      declareExtraGlobalParameter(egp, prefix: "")
    }
    declareOutOfRangeRecord()
  }

  /// Binds the weight update model's extra global parameters of a synapse group struct,
  /// and the out-of-range record.
  mutating func bindSynapseExtraGlobalParameters(field: String, _ synapses: SynapsePopulation) {
    for egp in synapses.weightUpdate.extraGlobalParams {
      bindExtraGlobalParameter(
        field, egp, prefix: "",
        to: .weightUpdateExtraGlobalParameter(synapses: synapses.name, parameter: egp.name))
    }
    bindOutOfRangeRecord(field)
  }
}
