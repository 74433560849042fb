import GeNNModel

/// The struct of a merged synapse group, as every backend declares and binds it: sizes,
/// delays, spike lists, connectivity, the target's input, parameters, variables and what
/// initialisation reads. Each member has its own struct, filled by ``writeSynapseGroupBindings(_:field:dendriticDelayPointer:)``.
extension ModelCodeWriting {
  /// The name of merged synapse group `group`'s struct type.
  func synapseStructName(_ group: MergedSynapseGroup) -> String { "SynapseGroup\(group.index)" }

  /// A description of merged group `group`'s populations for messages and comments:
  /// `synapse population 'a'`, or `synapse populations 'a', 'b'`.
  func describe(synapses group: MergedSynapseGroup) -> String {
    let names = group.populations.map { "'\(model.synapsePopulations[$0].name)'" }
    return names.count == 1
      ? "synapse population \(names[0])" : "synapse populations \(names.joined(separator: ", "))"
  }

  /// The description, for messages, of the merged group that `synapses` belongs to.
  func describeGroup(of synapses: SynapsePopulation) -> String {
    guard
      let group = synapseGroups.first(where: { group in
        group.populations.contains { model.synapsePopulations[$0].name == synapses.name }
      })
    else { return "synapse population '\(synapses.name)'" }
    return describe(synapses: group)
  }

  /// Declares merged group `group`'s struct; `dendriticDelayPointer` adds the pointer to
  /// the dendritic delay ring's front that the CPU backend advances each step (the CUDA
  /// backend computes it from the time step).
  mutating func declareSynapseGroup(_ group: MergedSynapseGroup, dendriticDelayPointer: Bool) {
    let synapses = model.synapsePopulations[group.archetype]
    let weightUpdate = synapses.weightUpdate
    let storage = synapses.matrixType.connectivityStorage
    line(
      "// Synapse group \(group.index): \(describe(synapses: group)) "
        + "(\(synapses.matrixType.rawValue), '\(weightUpdate.name.commentText)').")
    line("struct \(synapseStructName(group)) {")
    line("uint32_t numSrcNeurons;")
    line("uint32_t numTrgNeurons;")
    line("uint32_t rowStride;")
    line("// the rows' length for the random streams of per-synapse variables: the")
    line("// connectivity's bound, whatever length rows are laid out with")
    line("uint32_t streamStride;")
    line("uint32_t srcDelaySlots;")
    line("uint32_t trgDelaySlots;")
    line("uint32_t axonalDelaySteps;")
    line("uint32_t backPropDelaySteps;")
    let readFields = synapseReadFields(synapses)
    if readFields.contains(where: { $0.symbol == nil }) {
      line("\(timeName) preSpikeTimeDelay;")
      line("\(timeName) postSpikeTimeDelay;")
    }
    line("const uint32_t *srcSpike;")
    line("const uint32_t *srcSpikeCount;")
    if !weightUpdate.postSpikeSynCode.isBlank {
      line("const uint32_t *trgSpike;")
      line("const uint32_t *trgSpikeCount;")
    }
    if weightUpdate.deliversPreEvents {
      line("const uint32_t *srcSpkEvent;")
      line("const uint32_t *srcSpkCntEvent;")
    }
    if weightUpdate.deliversPostEvents {
      line("const uint32_t *trgSpkEvent;")
      line("const uint32_t *trgSpkCntEvent;")
    }
    if storage == .sparse {
      line("uint32_t *rowLength;")
      line("\(model.sparseIndexType(of: synapses).cName) *ind;")
    }
    if storage == .sparse && weightUpdate.hasPostsynapticUpdate {
      line("uint32_t *colStart;")
      line("uint32_t *remap;")
    }
    if storage == .bitmask { line("uint32_t *bitmask;") }
    line("\(scalarName) *inSyn;")
    if usage.presynapticOutput.contains(synapses.name) { line("\(scalarName) *outPre;") }
    if synapses.maxDendriticDelaySteps != nil {
      line("\(scalarName) *denDelay;")
      line("uint32_t maxDendriticDelay;")
      if dendriticDelayPointer { line("const uint32_t *denDelayPtr;") }
    }
    declareParameters(
      prefix: "", params: weightUpdate.params, derived: weightUpdate.derivedParams,
      paramTypes: weightUpdate.paramTypes)
    if let parameters = synapses.connectivityParameters {
      declareParameters(
        prefix: "conn_", params: parameters.names, derived: parameters.derived,
        paramTypes: parameters.types)
    }
    for (egp, _) in synapses.connectivity.extraGlobalParams {
      declareExtraGlobalParameter(egp, prefix: "conn_")
    }
    if synapses.matrixType.weightStorage != .procedural {
      for variable in weightUpdate.vars {
        line("\(cType(variable.valueType!)) *v_\(variable.name);")
      }
    }
    declareKernelAndProceduralFields(synapses)
    for field in readFields { line("const \(field.type) *\(field.name);") }
    declareSynapseExtraGlobalParameters(synapses)
    declareSynapseInitFields(synapses)
    line("};")
  }

  /// Fills the struct of each member of merged group `group`, `field(k)` naming member
  /// `k`'s; `dendriticDelayPointer` as for ``declareSynapseGroup(_:dendriticDelayPointer:)``
  /// (the CPU backend's pointers are `m.denDelayPtr`'s elements).
  mutating func writeSynapseGroupBindings(
    _ group: MergedSynapseGroup, field: (Int) -> String, dendriticDelayPointer: Bool
  ) {
    for (member, index) in group.populations.enumerated() {
      writeSynapseGroupBinding(
        index, field: field(member), dendriticDelayPointer: dendriticDelayPointer)
    }
  }

  private mutating func writeSynapseGroupBinding(
    _ index: Int, field: String, dendriticDelayPointer: Bool
  ) {
    let synapses = model.synapsePopulations[index]
    let weightUpdate = synapses.weightUpdate
    let storage = synapses.matrixType.connectivityStorage
    let source = model.neuronPopulation(named: synapses.source)!
    let target = model.neuronPopulation(named: synapses.target)!
    line("// synapse population '\(synapses.name)'")
    line("\(field).numSrcNeurons = \(source.size)u;")
    line("\(field).numTrgNeurons = \(target.size)u;")
    let stride =
      [.sparse, .procedural, .toeplitz].contains(storage)
      ? SparseConnectivity.rowStride(of: synapses, sourceSize: source.size, targetSize: target.size)
      : target.size
    line("\(field).rowStride = \(stride)u;")
    line("\(field).streamStride = \(stride)u;")
    line("\(field).srcDelaySlots = \(model.maximumDelaySteps(of: source.name) + 1)u;")
    line("\(field).trgDelaySlots = \(model.maximumDelaySteps(of: target.name) + 1)u;")
    line("\(field).axonalDelaySteps = \(synapses.axonalDelaySteps)u;")
    line("\(field).backPropDelaySteps = \(synapses.backPropDelaySteps)u;")
    let readFields = synapseReadFields(synapses)
    if readFields.contains(where: { $0.symbol == nil }) {
      // Spike times are read with the delay they took to arrive (GeNN adds it too).
      for (name, steps) in [
        ("preSpikeTimeDelay", synapses.axonalDelaySteps),
        ("postSpikeTimeDelay", synapses.backPropDelaySteps),
      ] {
        let delay = NumericLiteral.write(model.dt * Double(steps + 1), as: types.timepoint)
        line("\(field).\(name) = \(delay);")
      }
    }
    bindArray(field, "srcSpike", to: .spikes(population: source.name), readOnly: true)
    bindArray(field, "srcSpikeCount", to: .spikeCount(population: source.name), readOnly: true)
    if !weightUpdate.postSpikeSynCode.isBlank {
      bindArray(field, "trgSpike", to: .spikes(population: target.name), readOnly: true)
      bindArray(field, "trgSpikeCount", to: .spikeCount(population: target.name), readOnly: true)
    }
    for (side, list, enabled) in [
      (SynapseSide.presynaptic, "src", weightUpdate.deliversPreEvents),
      (.postsynaptic, "trg", weightUpdate.deliversPostEvents),
    ] where enabled {
      bindArray(
        field, "\(list)SpkEvent", to: .spikeEvents(synapses: synapses.name, side: side),
        readOnly: true)
      bindArray(
        field, "\(list)SpkCntEvent", to: .spikeEventCount(synapses: synapses.name, side: side),
        readOnly: true)
    }
    if storage == .sparse {
      bindArray(field, "rowLength", to: .synapseRowLengths(synapses: synapses.name))
      bindArray(field, "ind", to: .synapseIndices(synapses: synapses.name))
    }
    if storage == .sparse && weightUpdate.hasPostsynapticUpdate {
      bindArray(field, "colStart", to: .synapseColumnStarts(synapses: synapses.name))
      bindArray(field, "remap", to: .synapseColumnRemap(synapses: synapses.name))
    }
    if storage == .bitmask {
      bindArray(field, "bitmask", to: .synapseBitmask(synapses: synapses.name))
    }
    // A population fused into another's postsynaptic model delivers into its arrays.
    let (owner, ownerIndex) = postsynapticOwner(of: synapses)
    bindArray(field, "inSyn", to: .postsynapticInput(synapses: owner))
    if usage.presynapticOutput.contains(synapses.name) {
      bindArray(field, "outPre", to: .presynapticOutput(synapses: synapses.name))
    }
    if let steps = synapses.maxDendriticDelaySteps {
      bindArray(field, "denDelay", to: .dendriticDelayBuffer(synapses: owner))
      line("\(field).maxDendriticDelay = \(steps)u;")
      if dendriticDelayPointer { line("\(field).denDelayPtr = &m.denDelayPtr[\(ownerIndex)];") }
    }
    writeParameterBindings(
      field: field, prefix: "", params: synapses.weightUpdateParams, names: weightUpdate.params,
      derived: weightUpdate.derivedParams, paramTypes: weightUpdate.paramTypes,
      dynamic: (synapses.name, .weightUpdate))
    if let parameters = synapses.connectivityParameters {
      writeParameterBindings(
        field: field, prefix: "conn_", params: parameters.values, names: parameters.names,
        derived: parameters.derived, paramTypes: parameters.types)
    }
    for (egp, _) in synapses.connectivity.extraGlobalParams {
      bindExtraGlobalParameter(
        field, egp, prefix: "conn_",
        to: .connectivityExtraGlobalParameter(synapses: synapses.name, parameter: egp.name))
    }
    if synapses.matrixType.weightStorage != .procedural {
      for variable in weightUpdate.vars {
        bindArray(
          field, "v_\(variable.name)",
          to: .weightUpdateVariable(synapses: synapses.name, variable: variable.name))
      }
    }
    bindKernelAndProceduralFields(field: field, synapses)
    for read in readFields { bindArray(field, read.name, to: read.role, readOnly: true) }
    bindSynapseExtraGlobalParameters(field: field, synapses)
    writeSynapseInitBinding(field: field, index: index)
  }

  /// Prints the delay slots and offsets of the spikes synapse code reads: presynaptic
  /// ones emitted `1 + axonalDelaySteps` steps ago, postsynaptic ones
  /// `1 + backPropDelaySteps` steps ago, and the slots before them (previous spike times).
  mutating func writeSlotOffsets() {
    line("// presynaptic spikes and events emitted 1 + axonalDelaySteps steps ago,")
    line("// postsynaptic ones 1 + backPropDelaySteps steps ago")
    line(
      "const uint32_t preSlot = (uint32_t)((timestep + group.srcDelaySlots - group.axonalDelaySteps) % group.srcDelaySlots);"
    )
    line(
      "const uint32_t postSlot = (uint32_t)((timestep + group.trgDelaySlots - group.backPropDelaySteps) % group.trgDelaySlots);"
    )
    line("const size_t preOffset = (size_t)preSlot * group.numSrcNeurons;")
    line("const size_t postOffset = (size_t)postSlot * group.numTrgNeurons;")
    line(
      "const size_t prevPreOffset = (size_t)((preSlot + group.srcDelaySlots - 1u) % group.srcDelaySlots) * group.numSrcNeurons;"
    )
    line(
      "const size_t prevPostOffset = (size_t)((postSlot + group.trgDelaySlots - 1u) % group.trgDelaySlots) * group.numTrgNeurons;"
    )
    line("(void)preOffset; (void)postOffset; (void)prevPreOffset; (void)prevPostOffset;")
  }

  /// Prints the starts of a SPARSE population's columns in `colStart` (zeroed before):
  /// each column's synapses counted from the rows, then summed.
  mutating func writeColumnStarts() {
    line("for (uint32_t i = 0; i < group.numSrcNeurons; i++) {")
    line("for (uint32_t j = 0; j < group.rowLength[i]; j++) {")
    line("group.colStart[group.ind[(size_t)i * group.rowStride + j] + 1u]++;")
    line("}")
    line("}")
    line(
      "for (uint32_t k = 0; k < group.numTrgNeurons; k++) { group.colStart[k + 1u] += group.colStart[k]; }"
    )
  }
}
