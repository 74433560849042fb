import GeNNCodeGen
import GeNNModel

/// The arrays of the variables a user names, by element and variable, and the values
/// they hold as the user sees them.
extension ModelState {
  /// The position in ``arrays`` of `variable` of a neuron population, current source,
  /// synapse population (weight update variables, presynaptic and postsynaptic ones too,
  /// postsynaptic model variables, `inSyn`) or custom update.
  ///
  /// - Throws: ``RuntimeError/unknownPopulation(_:available:)``,
  ///   ``RuntimeError/unknownVariable(_:population:available:)``, or
  ///   ``RuntimeError/notStored(what:synapses:matrixType:)`` for a weight update variable
  ///   of a population whose weights are procedural.
  func position(of variable: String, in element: String) throws(RuntimeError) -> Int {
    if let population = model.neuronPopulation(named: element) {
      if !population.model.vars.contains(where: { $0.name == variable }),
        let position = spikeTimePosition(variable, of: element)
      {
        return position
      }
      return try position(
        of: .neuronVariable(population: element, variable: variable), variable, in: element,
        declared: population.model.vars.map(\.name))
    }
    if let source = model.currentSources.first(where: { $0.name == element }) {
      return try position(
        of: .currentSourceVariable(source: element, variable: variable), variable, in: element,
        declared: source.model.vars.map(\.name))
    }
    if let synapses = model.synapsePopulations.first(where: { $0.name == element }) {
      return try position(of: variable, in: synapses)
    }
    if let update = model.customUpdate(named: element) {
      return try position(
        of: .customUpdateVariable(update: element, variable: variable), variable, in: element,
        declared: update.model.vars.map(\.name))
    }
    if let update = model.customConnectivityUpdate(named: element) {
      let roles: [ArrayLayout.Role] = [
        .customConnectivityUpdateVariable(update: element, variable: variable),
        .customConnectivityUpdatePreVariable(update: element, variable: variable),
        .customConnectivityUpdatePostVariable(update: element, variable: variable),
      ]
      if let position = roles.lazy.compactMap({ index[$0] }).first { return position }
      throw .unknownVariable(
        variable, population: element,
        available: (update.model.vars + update.model.preVars + update.model.postVars).map(\.name))
    }
    throw unknownElement(element)
  }

  /// The error for `element`, which is none of the model's elements, listing them.
  func unknownElement(_ element: String) -> RuntimeError {
    .unknownPopulation(
      element,
      available: model.neuronPopulations.map(\.name) + model.currentSources.map(\.name)
        + model.synapsePopulations.map(\.name) + model.customUpdates.map(\.name)
        + model.customConnectivityUpdates.map(\.name))
  }

  /// The position of the array of `role`, variable `variable` of `element`, whose model
  /// declares the variables `declared`.
  private func position(
    of role: ArrayLayout.Role, _ variable: String, in element: String, declared: [String]
  ) throws(RuntimeError) -> Int {
    guard let position = index[role] else {
      throw .unknownVariable(variable, population: element, available: declared)
    }
    return position
  }

  private func position(of variable: String, in synapses: SynapsePopulation)
    throws(RuntimeError) -> Int
  {
    let element = synapses.name
    if let position = index[.weightUpdateVariable(synapses: element, variable: variable)] {
      return position
    }
    if synapses.matrixType.weightStorage == .procedural,
      synapses.weightUpdate.vars.contains(where: { $0.name == variable })
    {
      throw .notStored(
        what: "variable '\(variable)'", synapses: element,
        matrixType: synapses.matrixType.rawValue)
    }
    // A population fused into another's postsynaptic model shares its set's arrays.
    let owner = fusion.target(of: element)
    let roles: [ArrayLayout.Role] = [
      .postsynapticVariable(synapses: owner, variable: variable),
      .weightUpdatePreVariable(synapses: element, variable: variable),
      .weightUpdatePostVariable(synapses: element, variable: variable),
    ]
    if let position = roles.lazy.compactMap({ index[$0] }).first { return position }
    if variable == "inSyn", let position = index[.postsynapticInput(synapses: owner)] {
      return position
    }
    throw .unknownVariable(
      variable, population: element,
      available: synapses.weightUpdate.vars.map(\.name)
        + synapses.weightUpdate.preVars.map(\.name) + synapses.weightUpdate.postVars.map(\.name)
        + synapses.postsynaptic.vars.map(\.name) + ["inSyn"])
  }

  /// Throws ``RuntimeError/rowsChange(variable:element:synapses:)`` where the array at
  /// `position` (`variable` of `element`) is per synapse of a population whose rows
  /// custom connectivity updates change: its samples would differ in size.
  func checkRecordable(at position: Int, variable: String, element: String)
    throws(RuntimeError)
  {
    guard case .synapses(let synapses) = elements(of: arrays[position].layout.role),
      model.rowsChange(of: synapses.name)
    else { return }
    throw .rowsChange(variable: variable, element: element, synapses: synapses.name)
  }

  /// What the elements of an array are indexed by, for views of it.
  enum Elements {
    /// The neurons of a population of `size` neurons, in one or more delay slots.
    case neurons(size: Int)
    /// The synapses of `synapses` (padded rows where it is SPARSE).
    case synapses(SynapsePopulation)
    /// Anything else: the array is viewed whole.
    case whole
  }

  /// What the elements of the array of `role` are indexed by.
  func elements(of role: ArrayLayout.Role) -> Elements {
    func synapses(_ name: String) -> SynapsePopulation? {
      model.synapsePopulations.first { $0.name == name }
    }
    func neurons(_ name: String?) -> Elements {
      name.flatMap { model.neuronPopulation(named: $0) }.map { .neurons(size: $0.size) } ?? .whole
    }
    switch role {
    case .neuronVariable(let population, _):
      return neurons(population)
    case .spikeTimes(let population), .previousSpikeTimes(let population):
      return neurons(population)
    case .weightUpdatePreVariable(let name, _):
      return neurons(synapses(name)?.source)
    case .weightUpdatePostVariable(let name, _), .postsynapticVariable(let name, _):
      return neurons(synapses(name)?.target)
    case .weightUpdateVariable(let name, _):
      return synapses(name).map { .synapses($0) } ?? .whole
    case .customConnectivityUpdateVariable(let name, _):
      return model.customConnectivityUpdate(named: name).flatMap { synapses($0.synapses) }
        .map { .synapses($0) } ?? .whole
    case .customConnectivityUpdatePreVariable(let name, _):
      return neurons(
        model.customConnectivityUpdate(named: name).flatMap { synapses($0.synapses)?.source })
    case .customConnectivityUpdatePostVariable(let name, _):
      return neurons(
        model.customConnectivityUpdate(named: name).flatMap { synapses($0.synapses)?.target })
    case .customUpdateVariable(let name, _):
      guard let update = model.customUpdate(named: name),
        case .synapses(let name)? = model.shape(of: update), let synapses = synapses(name)
      else { return .whole }
      return .synapses(synapses)
    default:
      return .whole
    }
  }

  /// The array at `position` as the user sees it after `timestep` steps: an array of
  /// delay slots through the slot written last, and the per-synapse variables of a SPARSE
  /// population (a custom update's over its synapses too) through the positions of its
  /// synapses, which `synapsePositions` gives.
  func view<Failure: Error>(
    at position: Int, timestep: UInt64,
    synapsePositions: (SynapsePopulation) throws(Failure) -> [Int]?
  ) throws(Failure) -> VariableView {
    let array = arrays[position]
    switch elements(of: array.layout.role) {
    case .neurons(let size):
      // A queued variable's latest value is in the slot written last.
      return VariableView(array: array, positions: array.latestSlot(size: size, timestep: timestep))
    case .synapses(let synapses):
      return VariableView(array: array, positions: try synapsePositions(synapses))
    case .whole:
      return VariableView(array: array)
    }
  }
}
