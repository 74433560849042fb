import GeNNModel
import GeNNTranspiler

/// The initialisation of per-synapse custom update variables that snippets initialise
/// (GeNN's `CustomWUUpdateInitGroupMerged`), shared by both backends: one struct
/// `CustomUpdateInitINDEX` per such custom update, and its snippets for row `id_pre` (each
/// stored synapse of a SPARSE row, every target of a DENSE one) or for kernel element
/// `kernelInd` (TOEPLITZ, PROCEDURAL_KERNELG), after the connectivity is built. Each
/// synapse draws from its own random stream (`0xE0000000 | update << 8 | variable`,
/// element the synapse's index), so values do not depend on threads or backend.
extension ModelCodeWriting {
  /// The custom updates over synapses with snippet-initialised variables, in model order.
  var customUpdatesInitialisingSynapses: [Int] {
    model.customUpdates.indices.filter { !customUpdateSnippetVariables($0).isEmpty }
  }

  /// The snippet-initialised variables of custom update `index` when it runs over
  /// synapses, as the synapse initialisation code names them.
  func customUpdateSnippetVariables(_ index: Int) -> [SynapseSnippetVariable] {
    let update = model.customUpdates[index]
    guard case .synapses? = model.shape(of: update) else { return [] }
    return update.model.vars.enumerated().compactMap { position, variable in
      guard case .snippet(let snippet, let params)? = update.vars[variable.name] else {
        return nil
      }
      return SynapseSnippetVariable(
        kind: .synapse, variable: Variable(variable.name, variable.type), position: position,
        snippet: snippet, params: params)
    }
  }

  /// The synapse population custom update `index` runs over.
  private func synapsesOfCustomUpdate(_ index: Int) -> SynapsePopulation {
    guard case .synapses(let name)? = model.shape(of: model.customUpdates[index]),
      let synapses = model.synapsePopulations.first(where: { $0.name == name })
    else { preconditionFailure("custom update \(index) does not run over synapses") }
    return synapses
  }

  /// The elements one initialisation of custom update `index` visits: kernel elements,
  /// or rows.
  func customUpdateInitThreads(_ index: Int) -> Int {
    let synapses = synapsesOfCustomUpdate(index)
    if synapses.matrixType.weightStorage == .kernel { return synapses.kernelSize.reduce(1, *) }
    return model.neuronPopulation(named: synapses.source)?.size ?? 0
  }

  /// Prints the struct `CustomUpdateInitINDEX` of custom update `index`.
  mutating func declareCustomUpdateInit(_ index: Int) {
    let update = model.customUpdates[index]
    line("// Initialisation of custom update \(index) ('\(update.name)')'s per-synapse variables.")
    line("struct CustomUpdateInit\(index) {")
    line("uint32_t numSrcNeurons;")
    line("uint32_t numTrgNeurons;")
    line("uint32_t rowStride;")
    line("const uint32_t *rowLength;")
    line("const \(sparseIndexCName(ofSynapses: synapsesOfCustomUpdate(index).name)) *ind;")
    line("uint64_t seed;")
    // Batched models: as a synapse population's struct (``declareSynapseInitFields(_:)``).
    if batches > 1 {
      line("uint32_t batch;")
      line("uint64_t batchSeed;")
      for entry in customUpdateSnippetVariables(index) { line("bool \(entry.prefix)batched;") }
    }
    for entry in customUpdateSnippetVariables(index) {
      line("\(cType(entry.variable.valueType!)) *\(entry.prefix)array;")
      line("uint32_t \(entry.prefix)stream;")
      declareParameters(
        prefix: entry.prefix, params: entry.snippet.params, derived: entry.snippet.derivedParams,
        paramTypes: entry.snippet.paramTypes)
      declareInitSnippetExtraGlobalParameters(entry.snippet, prefix: entry.prefix)
    }
    if indexesArrays(index) { declareOutOfRangeRecord() }
    line("};")
  }

  /// Prints the snippets of custom update `index` for element `id` (a row, or a kernel
  /// element), inside a function whose parameter `group` is its struct.
  mutating func writeCustomUpdateInitElement(_ index: Int) {
    let synapses = synapsesOfCustomUpdate(index)
    let entries = customUpdateSnippetVariables(index)
    let context = "custom update '\(model.customUpdates[index].name)'"
    if synapses.matrixType.weightStorage == .kernel {
      line("const uint32_t kernelInd = id;")
      writeKernelIndices(synapses, indent: "")
      for entry in entries {
        let environment = kernelInitEnvironment(entry, synapses, context: context)
        writeInitBlock(
          entry, environment: environment, element: "kernelInd", stores: ["kernelInd"])
      }
    } else {
      line("const uint32_t id_pre = id;")
      writeRowInit(synapses, entries: entries, context: context)
    }
  }

  /// Fills `field`, the struct of custom update `index`'s initialisation.
  mutating func writeCustomUpdateInitBinding(_ index: Int, field: String) {
    let update = model.customUpdates[index]
    let synapses = synapsesOfCustomUpdate(index)
    let source = model.neuronPopulation(named: synapses.source)!.size
    let target = model.neuronPopulation(named: synapses.target)!.size
    line("// initialisation of custom update '\(update.name)'")
    line("\(field).numSrcNeurons = \(source)u;")
    line("\(field).numTrgNeurons = \(target)u;")
    if synapses.matrixType == .sparse {
      let stride = SparseConnectivity.rowStride(
        of: synapses, sourceSize: source, targetSize: target)
      line("\(field).rowStride = \(stride)u;")
      bindArray(field, "rowLength", to: .synapseRowLengths(synapses: synapses.name), readOnly: true)
      bindArray(field, "ind", to: .synapseIndices(synapses: synapses.name), readOnly: true)
    } else {
      line("\(field).rowStride = \(target)u;")
      line("\(field).rowLength = nullptr;")
      line("\(field).ind = nullptr;")
    }
    line("\(field).seed = seed;")
    if batches > 1 {
      line("\(field).batch = batch;")
      line("\(field).batchSeed = \(batchSeed);")
    }
    for entry in customUpdateSnippetVariables(index) {
      let name = entry.variable.name
      if batches > 1 {
        let role = ArrayLayout.Role.customUpdateVariable(update: update.name, variable: name)
        line("\(field).\(entry.prefix)batched = \(memory.hasCopyPerBatch(role));")
      }
      bindArray(
        field, "\(entry.prefix)array",
        to: .customUpdateVariable(update: update.name, variable: name))
      let stream = 0xE000_0000 | (UInt32(index & 0xFFFFFF) << 8) | UInt32(entry.position & 0xFF)
      line("\(field).\(entry.prefix)stream = \(stream)u;")
      writeParameterBindings(
        field: field, prefix: entry.prefix, params: entry.params, names: entry.snippet.params,
        derived: entry.snippet.derivedParams, paramTypes: entry.snippet.paramTypes)
      bindInitSnippetExtraGlobalParameters(
        field, entry.snippet, prefix: entry.prefix, element: update.name, variables: "vars",
        variable: name)
    }
    if indexesArrays(index) { bindOutOfRangeRecord(field) }
  }

  /// Whether a snippet of custom update `index` indexes extra global parameters.
  private func indexesArrays(_ index: Int) -> Bool {
    customUpdateSnippetVariables(index).contains { !$0.snippet.extraGlobalParams.isEmpty }
  }
}
