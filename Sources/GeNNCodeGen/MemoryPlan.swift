import GeNNModel
import GeNNTranspiler

/// Every array of model state, in the order the runtime allocates and binds them.
struct MemoryPlan {
  private(set) var arrays: [ArrayLayout] = []
  private var indices: [ArrayLayout.Role: Int] = [:]

  init(model: ModelSpec, types: TypeContext) {
    for population in model.neuronPopulations {
      for variable in population.model.vars {
        add(
          .neuronVariable(population: population.name, variable: variable.name),
          variable.valueType!, types, population.size)
      }
      for egp in population.model.extraGlobalParams {
        add(
          .neuronExtraGlobalParameter(population: population.name, parameter: egp.name),
          egp.elementType!,
          types, population.extraGlobalParams[egp.name]?.count ?? 0)
      }
      let slots = model.maximumAxonalDelay(from: population.name) + 1
      add(.spikes(population: population.name), .numeric(.uint32), types, population.size * slots)
      add(.spikeCount(population: population.name), .numeric(.uint32), types, slots)
      if population.recordSpikes {
        add(
          .spikeRecording(population: population.name), .numeric(.uint32), types,
          (population.size + 31) / 32)
      }
    }
    for source in model.currentSources {
      let size = model.neuronPopulation(named: source.target)!.size
      for variable in source.model.vars {
        add(
          .currentSourceVariable(source: source.name, variable: variable.name), variable.valueType!,
          types, size)
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
      var perSynapse = source * target
      if synapses.matrixType == .bitmask {
        add(
          .synapseBitmask(synapses: synapses.name), .numeric(.uint32), types,
          (source * target + 31) / 32)
      }
      if synapses.matrixType == .sparse {
        perSynapse =
          source
          * SparseConnectivity.rowStride(of: synapses, sourceSize: source, targetSize: target)
        add(.synapseRowLengths(synapses: synapses.name), .numeric(.uint32), types, source)
        add(.synapseIndices(synapses: synapses.name), .numeric(.uint32), types, perSynapse)
      }
      for variable in synapses.weightUpdate.vars {
        add(
          .weightUpdateVariable(synapses: synapses.name, variable: variable.name),
          variable.valueType!, types,
          perSynapse)
      }
      add(.postsynapticInput(synapses: synapses.name), .scalar, types, target)
      if let steps = synapses.maxDendriticDelaySteps {
        add(.dendriticDelayBuffer(synapses: synapses.name), .scalar, types, steps * target)
      }
      for variable in synapses.postsynaptic.vars {
        add(
          .postsynapticVariable(synapses: synapses.name, variable: variable.name),
          variable.valueType!, types,
          target)
      }
    }
  }

  private mutating func add(
    _ role: ArrayLayout.Role, _ type: TypeName.Base, _ types: TypeContext, _ count: Int
  ) {
    let numeric = type.resolved(in: types)
    indices[role] = arrays.count
    arrays.append(
      ArrayLayout(
        role: role, elementType: numeric.cName, elementSize: numeric.byteSize, count: count))
  }

  /// The position of an array in the binding order.
  func index(of role: ArrayLayout.Role) -> Int {
    guard let index = indices[role] else { preconditionFailure("no array for \(role)") }
    return index
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
