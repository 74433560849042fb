import GeNNCodeGen
import GeNNModel

/// The arrays of a model's state as memory that views share (the C interface's): extra
/// global parameters and variables found by name, how a variable's elements are laid
/// out, and the rows of SPARSE populations.
extension ModelState {
  /// The position in ``arrays`` of extra global parameter `parameter` of a neuron
  /// population, current source, synapse population (its weight update model's, else its
  /// postsynaptic model's, else its connectivity snippet's), custom update or custom
  /// connectivity update; or, named as GeNN's runtime names them (`<parameter><variable>`),
  /// of the snippet initialising one of the element's variables.
  ///
  /// - Throws: ``RuntimeError/unknownPopulation(_:available:)`` or
  ///   ``RuntimeError/unknownExtraGlobalParameter(_:element:available:)``.
  func position(ofExtraGlobalParameter parameter: String, in element: String)
    throws(RuntimeError) -> Int
  {
    let role: ArrayLayout.Role
    let declared: [ExtraGlobalParameter]
    if let population = model.neuronPopulation(named: element) {
      role = .neuronExtraGlobalParameter(population: element, parameter: parameter)
      declared = population.model.extraGlobalParams
    } else if let source = model.currentSources.first(where: { $0.name == element }) {
      role = .currentSourceExtraGlobalParameter(source: element, parameter: parameter)
      declared = source.model.extraGlobalParams
    } else if let synapses = model.synapsePopulations.first(where: { $0.name == element }) {
      let weightUpdate = synapses.weightUpdate.extraGlobalParams
      role =
        weightUpdate.contains { $0.name == parameter }
        ? .weightUpdateExtraGlobalParameter(synapses: element, parameter: parameter)
        : .postsynapticExtraGlobalParameter(synapses: element, parameter: parameter)
      declared = weightUpdate + synapses.postsynaptic.extraGlobalParams
    } else if let update = model.customUpdate(named: element) {
      role = .customUpdateExtraGlobalParameter(update: element, parameter: parameter)
      declared = update.model.extraGlobalParams
    } else if let update = model.customConnectivityUpdate(named: element) {
      role = .customConnectivityUpdateExtraGlobalParameter(update: element, parameter: parameter)
      declared = update.model.extraGlobalParams
    } else {
      throw unknownElement(element)
    }
    if let position = index[role] { return position }
    // GeNN's runtime names a snippet's arrays: a connectivity snippet's by the parameter,
    // a variable-initialisation snippet's by the parameter followed by the variable (the
    // built-in `Kernel` snippet's `kernel` is the kernel a variable is initialised from).
    let kernels = (model.synapsePopulations.first { $0.name == element }?.weightUpdateVars ?? [:])
      .compactMap { variable, initialiser -> ArrayLayout.Role? in
        guard case .kernel = initialiser, "kernel" + variable == parameter else { return nil }
        return .weightUpdateKernelInitialiser(synapses: element, variable: variable)
      }
    let snippetArrays =
      [ArrayLayout.Role.connectivityExtraGlobalParameter(synapses: element, parameter: parameter)]
      + kernels
      + model.initSnippetExtraGlobalParameters.compactMap { egp in
        guard case .initSnippetExtraGlobalParameter(element, _, let variable, let name) = egp.role,
          name + variable == parameter
        else { return nil }
        return egp.role
      }
    if let position = snippetArrays.lazy.compactMap({ self.index[$0] }).first { return position }
    throw .unknownExtraGlobalParameter(
      parameter, element: element, available: declared.map(\.name))
  }

  /// The position in ``arrays`` of `name`, a variable (as ``position(of:in:)`` finds it)
  /// or else an extra global parameter of `element`.
  ///
  /// - Throws: ``RuntimeError/unknownArray(_:element:variables:parameters:)`` when it is
  ///   neither, else what ``position(of:in:)`` throws.
  func position(ofVariableOrParameter name: String, in element: String) throws(RuntimeError)
    -> Int
  {
    do {
      return try position(of: name, in: element)
    } catch .unknownVariable(_, _, let variables) {
      do {
        return try position(ofExtraGlobalParameter: name, in: element)
      } catch .unknownExtraGlobalParameter(_, _, let parameters) {
        throw .unknownArray(name, element: element, variables: variables, parameters: parameters)
      }
    }
  }

  /// The array at `position` in place: a SPARSE population's per-synapse array whose rows
  /// follow their drawn lengths through its rows in use (rows times the longest row);
  /// the rest of its memory, sized for the snippet's bound, is never touched.
  func memory(at position: Int) -> StateMemory {
    let array = arrays[position]
    // Every batch's copy follows the previous one's whole memory.
    let inUse = array.layout.batches > 1 ? nil : rowsInUse(of: array.layout.role)
    return StateMemory(
      pointer: array.pointer, elementType: array.layout.elementType,
      count: min(array.count, inUse ?? array.count))
  }

  /// The elements of the rows in use of an array per synapse of a population whose rows
  /// follow their drawn lengths; `nil` for any other array.
  private func rowsInUse(of role: ArrayLayout.Role) -> Int? {
    guard !drawnRows.isEmpty else { return nil }
    let synapses: SynapsePopulation
    if case .synapseIndices(let name) = role,
      let population = model.synapsePopulations.first(where: { $0.name == name })
    {
      synapses = population
    } else if case .synapses(let population) = elements(of: role) {
      synapses = population
    } else {
      return nil
    }
    guard drawnRows.contains(synapses.name) else { return nil }
    let (rows, stride) = rowShape(of: synapses)
    return rows * stride
  }

  /// How the elements of the array at `position` are laid out after `timestep` steps.
  func layout(at position: Int, timestep: UInt64) -> VariableLayout {
    let layout = arrays[position].layout
    let batched = layout.batches > 1
    // The elements of one batch's copy (of the rows in use where there is one copy).
    let count = batched ? layout.batchCount : memory(at: position).count
    var found: VariableLayout
    switch elements(of: layout.role) {
    case .neurons(let size) where size > 0 && count / size > 1:
      let slots = count / size
      found = VariableLayout(
        slots: slots, latestSlot: StateArray.latestSlot(of: slots, timestep: timestep),
        slotSize: size, rows: 0, rowStride: 0)
    case .synapses(let synapses) where synapses.matrixType == .sparse:
      let (rows, stride) = rowShape(of: synapses)
      found = VariableLayout(
        slots: 1, latestSlot: 0, slotSize: batched ? rows * stride : count, rows: rows,
        rowStride: stride)
    default:
      found = VariableLayout(slots: 1, latestSlot: 0, slotSize: count, rows: 0, rowStride: 0)
    }
    found.batches = layout.batches
    found.batchStride = count
    return found
  }

  /// The rows of SPARSE population `synapses` in place, and the positions in ``arrays``
  /// of the two arrays they are in.
  ///
  /// - Throws: ``RuntimeError/unknownPopulation(_:available:)`` or
  ///   ``RuntimeError/notSparse(synapses:matrixType:)``.
  func sparseRows(of synapses: String) throws(RuntimeError) -> (
    rows: SparseRowsMemory, arrays: [Int]
  ) {
    guard let population = model.synapsePopulations.first(where: { $0.name == synapses }) else {
      throw .unknownPopulation(synapses, available: model.synapsePopulations.map(\.name))
    }
    guard let lengths = index[.synapseRowLengths(synapses: synapses)],
      let indices = index[.synapseIndices(synapses: synapses)]
    else {
      throw .notSparse(synapses: synapses, matrixType: population.matrixType.rawValue)
    }
    let rows = SparseRowsMemory(
      rowLengths: memory(at: lengths), indices: memory(at: indices),
      rowStride: rowShape(of: population).stride)
    return (rows, [lengths, indices])
  }

  /// The padded rows of SPARSE population `synapses`: one per presynaptic neuron, each
  /// as long as the longest row its connectivity can have (or, where rows follow their
  /// drawn lengths, as the longest row).
  private func rowShape(of synapses: SynapsePopulation) -> (rows: Int, stride: Int) {
    (
      model.neuronPopulation(named: synapses.source)!.size,
      SynapseRows.rowStride(of: synapses, in: model, drawnRows: drawnRows) {
        self[.synapseRowLengths(synapses: synapses.name)]
      }
    )
  }
}
