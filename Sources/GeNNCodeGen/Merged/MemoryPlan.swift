import GeNNModel
import GeNNTranspiler

/// Every array of model state, in the order the runtime allocates and binds them. Sizes
/// are products of user values (sizes, row lengths, delay slots) taken with
/// ``saturatingProduct(_:)-(Int...)``, so that a model too large for any machine gets
/// counts of `Int.max`, which the runtime refuses before allocating, instead of trapping.
struct MemoryPlan {
  private(set) var arrays: [ArrayLayout] = []
  private var indices: [ArrayLayout.Role: Int] = [:]
  /// The model's batch size: the copies of each array with GeNN's `BATCH` dimension.
  let batchSize: Int

  /// The arrays of `modelSpec`, with the out-of-range record where `checkIndices` asks for
  /// checked indexes and the model has arrays to check.
  init(model modelSpec: ModelSpec, types: TypeContext, usage: CodeUsage, checkIndices: Bool) {
    let model = modelSpec
    batchSize = max(1, model.batchSize)
    let time = TypeName.Base.timepoint
    for population in model.neuronPopulations {
      let queued = usage.queuedVariables[population.name] ?? []
      for variable in population.model.vars {
        let slots = queued.contains(variable.name) ? modelSlots(model: model, population.name) : 1
        add(
          .neuronVariable(population: population.name, variable: variable.name),
          variable.valueType!, types, saturatingProduct(population.size, slots),
          batched: variable.access.hasBatchDimension)
      }
      for egp in population.model.extraGlobalParams {
        add(
          .neuronExtraGlobalParameter(population: population.name, parameter: egp.name),
          egp.elementType!,
          types, population.extraGlobalParams[egp.name]?.count ?? 0)
      }
      let slots = model.maximumDelaySteps(of: population.name) + 1
      add(
        .spikes(population: population.name), .numeric(.uint32), types,
        saturatingProduct(population.size, slots), batched: true)
      add(
        .spikeCount(population: population.name), .numeric(.uint32), types, slots, batched: true)
      if usage.spikeTimes.contains(population.name) {
        add(
          .spikeTimes(population: population.name), time, types,
          saturatingProduct(population.size, slots), batched: true)
      }
      if usage.previousSpikeTimes.contains(population.name) {
        add(
          .previousSpikeTimes(population: population.name), time, types,
          saturatingProduct(population.size, slots), batched: true)
      }
      if population.recordSpikes {
        add(
          .spikeRecording(population: population.name), .numeric(.uint32), types,
          (population.size + 31) / 32, batched: true)
      }
    }
    for source in model.currentSources {
      let size = model.neuronPopulation(named: source.target)!.size
      for variable in source.model.vars {
        add(
          .currentSourceVariable(source: source.name, variable: variable.name), variable.valueType!,
          types, size, batched: variable.access.hasBatchDimension)
      }
      for egp in source.model.extraGlobalParams {
        add(
          .currentSourceExtraGlobalParameter(source: source.name, parameter: egp.name),
          egp.elementType!,
          types, source.extraGlobalParams[egp.name]?.count ?? 0)
      }
    }
    for synapses in model.synapsePopulations {
      let source = model.neuronPopulation(named: synapses.source)!.size
      let target = model.neuronPopulation(named: synapses.target)!.size
      var perSynapse = saturatingProduct(source, target)
      let storage = synapses.matrixType.connectivityStorage
      if storage == .bitmask {
        add(
          .synapseBitmask(synapses: synapses.name), .numeric(.uint32), types,
          Self.words(of: saturatingProduct(source, target)))
      }
      if storage == .sparse {
        perSynapse = saturatingProduct(
          source,
          SparseConnectivity.rowStride(of: synapses, sourceSize: source, targetSize: target))
        add(.synapseRowLengths(synapses: synapses.name), .numeric(.uint32), types, source)
        add(
          .synapseIndices(synapses: synapses.name),
          .numeric(SparseConnectivity.indexType(targetSize: target)), types, perSynapse)
      }
      if case .snippet(let snippet, _) = synapses.connectivity, snippet.rowLengthDraw != nil {
        add(.synapseRowLengthDraws(synapses: synapses.name), .numeric(.uint32), types, source)
      }
      if synapses.rangeErrorSlots > 0 {
        add(
          .synapseRangeErrors(synapses: synapses.name), .numeric(.uint64), types,
          synapses.rangeErrorSlots)
      }
      let kernelCount = saturatingProduct(synapses.kernelSize)
      switch synapses.matrixType.weightStorage {
      case .individual:
        for variable in synapses.weightUpdate.vars {
          add(
            .weightUpdateVariable(synapses: synapses.name, variable: variable.name),
            variable.valueType!, types, perSynapse, batched: variable.access.hasBatchDimension)
        }
      case .kernel:
        for variable in synapses.weightUpdate.vars {
          add(
            .weightUpdateVariable(synapses: synapses.name, variable: variable.name),
            variable.valueType!, types, kernelCount, batched: variable.access.hasBatchDimension)
        }
      case .procedural:
        break
      }
      for variable in synapses.weightUpdate.vars {
        guard case .kernel? = synapses.weightUpdateVars[variable.name] else { continue }
        add(
          .weightUpdateKernelInitialiser(synapses: synapses.name, variable: variable.name),
          variable.valueType!, types, kernelCount)
      }
      // Populations fused into another's postsynaptic model use its arrays.
      let ownsPostsynaptic = usage.fusion.ownsPostsynapticModel(synapses.name)
      if ownsPostsynaptic {
        add(.postsynapticInput(synapses: synapses.name), .scalar, types, target, batched: true)
      }
      let model = synapses.weightUpdate
      let sourceSlots =
        model.preVars.isEmpty || synapses.axonalDelaySteps == 0
        ? 1 : modelSlots(model: modelSpec, synapses.source)
      for variable in model.preVars {
        add(
          .weightUpdatePreVariable(synapses: synapses.name, variable: variable.name),
          variable.valueType!, types, saturatingProduct(source, sourceSlots),
          batched: variable.access.hasBatchDimension)
      }
      let targetSlots =
        !synapses.queuesPostVars
        ? 1 : modelSlots(model: modelSpec, synapses.target)
      for variable in model.postVars {
        add(
          .weightUpdatePostVariable(synapses: synapses.name, variable: variable.name),
          variable.valueType!, types, saturatingProduct(target, targetSlots),
          batched: variable.access.hasBatchDimension)
      }
      for egp in model.extraGlobalParams {
        add(
          .weightUpdateExtraGlobalParameter(synapses: synapses.name, parameter: egp.name),
          egp.elementType!, types, synapses.weightUpdateExtraGlobalParams[egp.name]?.count ?? 0)
      }
      if usage.presynapticOutput.contains(synapses.name) {
        add(.presynapticOutput(synapses: synapses.name), .scalar, types, source, batched: true)
      }
      if synapses.matrixType == .sparse && model.hasPostsynapticUpdate {
        add(.synapseColumnStarts(synapses: synapses.name), .numeric(.uint32), types, target + 1)
        add(.synapseColumnRemap(synapses: synapses.name), .numeric(.uint32), types, perSynapse)
      }
      for (side, hasEvents, population, size) in [
        (SynapseSide.presynaptic, model.hasPreEvents, synapses.source, source),
        (.postsynaptic, model.hasPostEvents, synapses.target, target),
      ] where hasEvents {
        let neurons = modelSpec.neuronPopulation(named: population)!
        let slots = modelSlots(model: modelSpec, population)
        let key = CodeUsage.Side(synapses: synapses.name, side: side)
        add(
          .spikeEvents(synapses: synapses.name, side: side), .numeric(.uint32), types,
          saturatingProduct(size, slots), batched: true)
        add(
          .spikeEventCount(synapses: synapses.name, side: side), .numeric(.uint32), types, slots,
          batched: true)
        if usage.eventTimes.contains(key) {
          add(
            .spikeEventTimes(synapses: synapses.name, side: side), time, types,
            saturatingProduct(size, slots), batched: true)
        }
        if usage.previousEventTimes.contains(key) {
          add(
            .previousSpikeEventTimes(synapses: synapses.name, side: side), time, types,
            saturatingProduct(size, slots), batched: true)
        }
        if neurons.recordSpikeEvents {
          add(
            .spikeEventRecording(synapses: synapses.name, side: side), .numeric(.uint32), types,
            (size + 31) / 32, batched: true)
        }
      }
      if let steps = synapses.maxDendriticDelaySteps, ownsPostsynaptic {
        add(
          .dendriticDelayBuffer(synapses: synapses.name), .scalar, types,
          saturatingProduct(steps, target), batched: true)
      }
      let postsynapticSlots =
        synapses.queuesPostsynapticVars ? modelSlots(model: modelSpec, synapses.target) : 1
      for variable in synapses.postsynaptic.vars where ownsPostsynaptic {
        add(
          .postsynapticVariable(synapses: synapses.name, variable: variable.name),
          variable.valueType!, types,
          saturatingProduct(target, postsynapticSlots), batched: variable.access.hasBatchDimension)
      }
      for egp in synapses.postsynaptic.extraGlobalParams {
        add(
          .postsynapticExtraGlobalParameter(synapses: synapses.name, parameter: egp.name),
          egp.elementType!, types, synapses.postsynapticExtraGlobalParams[egp.name]?.count ?? 0)
      }
    }
    for update in model.customUpdates {
      let updateIsBatched = model.hasBatchDimension(update)
      for variable in update.model.vars {
        add(
          .customUpdateVariable(update: update.name, variable: variable.name),
          variable.valueType!, types, CustomUpdateLayout.count(of: variable, in: update, model),
          batched: updateIsBatched && !variable.access.removesBatchDimension)
      }
      for egp in update.model.extraGlobalParams {
        add(
          .customUpdateExtraGlobalParameter(update: update.name, parameter: egp.name),
          egp.elementType!, types, update.extraGlobalParams[egp.name]?.count ?? 0)
      }
    }
    for update in model.customConnectivityUpdates {
      addCustomConnectivityUpdate(update, model: model, types: types)
    }
    for egp in model.initSnippetExtraGlobalParameters {
      add(egp.role, egp.parameter.elementType!, types, egp.values.count)
    }
    for synapses in model.synapsePopulations {
      for (egp, values) in synapses.connectivity.extraGlobalParams {
        add(
          .connectivityExtraGlobalParameter(synapses: synapses.name, parameter: egp.name),
          egp.elementType!, types, values.count)
      }
    }
    let kernelIndexed = model.synapsePopulations.contains { $0.kernelIndexedArray != nil }
    if checkIndices && (kernelIndexed || arrays.contains(where: \.role.isIndexChecked)) {
      add(.outOfRangeIndex, .numeric(.uint64), types, 4)
    }
  }

  /// The 32-bit words that hold `bits` bits.
  private static func words(of bits: Int) -> Int {
    bits / 32 + (bits % 32 == 0 ? 0 : 1)
  }

  /// Whether code indexes some array through a check (``IndexCheckSource``), so the
  /// model has an out-of-range record: checks were asked for, and the model has arrays
  /// to check.
  var checksIndices: Bool { indices[.outOfRangeIndex] != nil }

  private func modelSlots(model: ModelSpec, _ population: String) -> Int {
    model.maximumDelaySteps(of: population) + 1
  }

  /// Adds an array of `count` elements, or of `count` for each batch where `batched`
  /// (state with GeNN's `BATCH` dimension) and the model runs several batches.
  mutating func add(
    _ role: ArrayLayout.Role, _ type: TypeName.Base, _ types: TypeContext, _ count: Int,
    batched: Bool = false
  ) {
    let numeric = type.resolved(in: types)
    let batches = batched ? batchSize : 1
    indices[role] = arrays.count
    arrays.append(
      ArrayLayout(
        role: role, elementType: numeric, count: saturatingProduct(count, batches),
        batches: batches))
  }

  /// Whether the array of `role` has one copy per batch.
  func hasCopyPerBatch(_ role: ArrayLayout.Role) -> Bool {
    arrays[index(of: role)].batches > 1
  }

  /// The layout of the array of `role`; `nil` where the model has none (procedural
  /// weights).
  func layout(of role: ArrayLayout.Role) -> ArrayLayout? {
    indices[role].map { arrays[$0] }
  }

  /// The position of an array in the binding order.
  func index(of role: ArrayLayout.Role) -> Int {
    guard let index = indices[role] else { preconditionFailure("no array for \(role)") }
    return index
  }
}

extension ArrayLayout.Role {
  /// Whether code strings index the array through a check against its size.
  var isIndexChecked: Bool {
    switch self {
    case .neuronExtraGlobalParameter, .currentSourceExtraGlobalParameter,
      .weightUpdateExtraGlobalParameter, .postsynapticExtraGlobalParameter,
      .initSnippetExtraGlobalParameter, .connectivityExtraGlobalParameter,
      .customUpdateExtraGlobalParameter, .synapseRowLengthDraws,
      .customConnectivityUpdateExtraGlobalParameter:
      true
    default: false
    }
  }
}

extension NumericType {
  /// The size of a value in bytes.
  var byteSize: Int {
    switch self {
    case .bool, .int8, .uint8: 1
    case .int16, .uint16: 2
    case .int32, .uint32, .float: 4
    case .int64, .uint64, .double: 8
    }
  }
}
