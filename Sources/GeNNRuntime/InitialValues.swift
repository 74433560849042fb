import GeNNCodeGen
import GeNNModel

/// The initial state both backends write on the host before the model's own
/// initialisation (snippets, connectivity built by snippets) runs natively or on the GPU.
enum InitialValues {
  /// Writes into `arrays` (positions in `index`): spike and event times of `-TIME_MAX`
  /// ("never", as in GeNN), zero elsewhere; constants and per-element values of every
  /// variable (queued neuron variables, presynaptic and postsynaptic weight update
  /// variables in every delay slot); extra global parameters; SPARSE
  /// rows given as lists as `sparseRows` lays them out, the bits of BITMASK synapses given
  /// as lists, and the kernels that kernel initialisers copy from. `zeroed` says that the
  /// arrays hold nothing but zeros yet (just allocated), so they need no clearing; `fusion`
  /// which populations' postsynaptic variables are another's.
  static func write(
    _ arrays: [StateArray], index arrayIndex: [ArrayLayout.Role: Int], model: ModelSpec,
    fusion: PostsynapticFusion, sparseRows: [String: SparseConnectivity], zeroed: Bool = false
  ) {
    func array(_ role: ArrayLayout.Role) -> StateArray { arrays[arrayIndex[role]!] }
    let timeMax =
      model.timePrecision == .float
      ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
    for array in arrays {
      switch array.layout.role {
      case .spikeTimes, .previousSpikeTimes, .spikeEventTimes, .previousSpikeEventTimes:
        array.fill(-timeMax)
      default: if !zeroed { array.clear() }
      }
    }
    for population in model.neuronPopulations {
      for variable in population.model.vars {
        // A queued variable starts with the initial values in every delay slot.
        let values = array(.neuronVariable(population: population.name, variable: variable.name))
        for slot in 0..<max(1, values.count / max(1, population.size)) {
          initialise(
            values, slot * population.size..<(slot + 1) * population.size,
            with: population.vars[variable.name])
        }
      }
      for egp in population.model.extraGlobalParams {
        array(.neuronExtraGlobalParameter(population: population.name, parameter: egp.name))
          .store(population.extraGlobalParams[egp.name] ?? [])
      }
    }
    for synapses in model.synapsePopulations {
      writeSynapses(
        synapses, array: array, model: model, sparseRows: sparseRows,
        ownsPostsynaptic: fusion.ownsPostsynapticModel(synapses.name))
    }
    for source in model.currentSources {
      for variable in source.model.vars {
        VariableView(
          array: array(.currentSourceVariable(source: source.name, variable: variable.name))
        )
        .initialise(source.vars[variable.name])
      }
      for egp in source.model.extraGlobalParams {
        array(.currentSourceExtraGlobalParameter(source: source.name, parameter: egp.name))
          .store(source.extraGlobalParams[egp.name] ?? [])
      }
    }
    for egp in model.initSnippetExtraGlobalParameters {
      array(egp.role).store(egp.values)
    }
    for synapses in model.synapsePopulations {
      for (egp, values) in synapses.connectivity.extraGlobalParams {
        array(.connectivityExtraGlobalParameter(synapses: synapses.name, parameter: egp.name))
          .store(values)
      }
    }
    for update in model.customUpdates {
      // Constants fill the padding too, so snippet-built rows need no positions.
      var positions: [Int]?
      if case .synapses(let name)? = model.shape(of: update) {
        positions = sparseRows[name]?.positions
      }
      for variable in update.model.vars {
        VariableView(
          array: array(.customUpdateVariable(update: update.name, variable: variable.name)),
          positions: positions
        ).initialise(update.vars[variable.name])
      }
      for egp in update.model.extraGlobalParams {
        array(.customUpdateExtraGlobalParameter(update: update.name, parameter: egp.name))
          .store(update.extraGlobalParams[egp.name] ?? [])
      }
    }
    for update in model.customConnectivityUpdates {
      writeCustomConnectivityUpdate(update, array: array, sparseRows: sparseRows)
    }
  }

  /// Writes custom connectivity update `update`'s constant and listed initial values
  /// (per synapse at the positions of its population's listed synapses) and its extra
  /// global parameters.
  private static func writeCustomConnectivityUpdate(
    _ update: CustomConnectivityUpdate, array: (ArrayLayout.Role) -> StateArray,
    sparseRows: [String: SparseConnectivity]
  ) {
    let name = update.name
    for variable in update.model.vars {
      // Constants fill the padding too, so snippet-built rows need no positions.
      VariableView(
        array: array(.customConnectivityUpdateVariable(update: name, variable: variable.name)),
        positions: sparseRows[update.synapses]?.positions
      ).initialise(update.vars[variable.name])
    }
    for variable in update.model.preVars {
      VariableView(
        array: array(.customConnectivityUpdatePreVariable(update: name, variable: variable.name))
      ).initialise(update.preVars[variable.name])
    }
    for variable in update.model.postVars {
      VariableView(
        array: array(.customConnectivityUpdatePostVariable(update: name, variable: variable.name))
      ).initialise(update.postVars[variable.name])
    }
    for egp in update.model.extraGlobalParams {
      array(.customConnectivityUpdateExtraGlobalParameter(update: name, parameter: egp.name))
        .store(update.extraGlobalParams[egp.name] ?? [])
    }
  }

  /// Writes a constant or per-element initial value into `elements` of `array` (one delay
  /// slot); snippets run natively.
  private static func initialise(
    _ array: StateArray, _ elements: Range<Int>, with initialiser: VarInit?
  ) {
    switch initialiser {
    case .constant(let value)?:
      for index in elements { array.store(value, at: index) }
    case .values(let values)?:
      for (index, value) in zip(elements, values) { array.store(value, at: index) }
    case .snippet?, .kernel?, .uninitialised?, nil: break
    }
  }

  /// Writes synapse population `synapses`' listed connectivity, variables, kernels and
  /// extra global parameters.
  private static func writeSynapses(
    _ synapses: SynapsePopulation, array: (ArrayLayout.Role) -> StateArray, model: ModelSpec,
    sparseRows: [String: SparseConnectivity], ownsPostsynaptic: Bool
  ) {
    let name = synapses.name
    let targetSize = model.neuronPopulation(named: synapses.target)!.size
    if synapses.matrixType == .bitmask,
      let rows = SparseConnectivity(
        synapses, sourceSize: model.neuronPopulation(named: synapses.source)!.size,
        targetSize: targetSize)
    {
      // Set the listed pairs' bits; snippets set them on their own.
      array(.synapseBitmask(synapses: name)).setBits(of: rows, targetSize: targetSize)
    }
    if let rows = sparseRows[name] {
      array(.synapseRowLengths(synapses: name)).store(rows.rowLengths.map(Double.init))
      array(.synapseIndices(synapses: name)).store(rows.indices.map(Double.init))
    }
    for variable in synapses.weightUpdate.vars {
      // Constants fill the padding too, so snippet-built rows need no positions.
      if synapses.matrixType.weightStorage != .procedural {
        VariableView(
          array: array(.weightUpdateVariable(synapses: name, variable: variable.name)),
          positions: sparseRows[name]?.positions
        ).initialise(synapses.weightUpdateVars[variable.name])
      }
      if case .kernel(let values)? = synapses.weightUpdateVars[variable.name] {
        array(.weightUpdateKernelInitialiser(synapses: name, variable: variable.name))
          .store(values)
      }
    }
    for (vars, inits, neurons, role) in [
      (
        synapses.weightUpdate.preVars, synapses.weightUpdatePreVars, synapses.source,
        { ArrayLayout.Role.weightUpdatePreVariable(synapses: name, variable: $0) }
      ),
      (
        synapses.weightUpdate.postVars, synapses.weightUpdatePostVars, synapses.target,
        { ArrayLayout.Role.weightUpdatePostVariable(synapses: name, variable: $0) }
      ),
    ] {
      let size = model.neuronPopulation(named: neurons)!.size
      for variable in vars {
        // Every delay slot starts with the initial values.
        let values = array(role(variable.name))
        for slot in 0..<(values.count / max(1, size)) {
          initialise(values, slot * size..<(slot + 1) * size, with: inits[variable.name])
        }
      }
    }
    for egp in synapses.weightUpdate.extraGlobalParams {
      array(.weightUpdateExtraGlobalParameter(synapses: name, parameter: egp.name))
        .store(synapses.weightUpdateExtraGlobalParams[egp.name] ?? [])
    }
    for egp in synapses.postsynaptic.extraGlobalParams {
      array(.postsynapticExtraGlobalParameter(synapses: name, parameter: egp.name))
        .store(synapses.postsynapticExtraGlobalParams[egp.name] ?? [])
    }
    let target = model.neuronPopulation(named: synapses.target)!.size
    // A fused population's postsynaptic variables are its set's target's.
    for variable in synapses.postsynaptic.vars where ownsPostsynaptic {
      // Every delay slot starts with the initial values.
      let values = array(.postsynapticVariable(synapses: name, variable: variable.name))
      for slot in 0..<(values.count / max(1, target)) {
        initialise(
          values, slot * target..<(slot + 1) * target,
          with: synapses.postsynapticVars[variable.name])
      }
    }
  }
}
