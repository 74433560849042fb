import GeNNModel
import GeNNTranspiler

/// Synapses that are generated rather than stored: PROCEDURAL rows regenerated from their
/// row's random stream on every presynaptic spike, TOEPLITZ diagonals, variables kept in a
/// kernel, and procedural variables computed from their initialisers for each use.
extension SynapsePopulation {
  /// The row lengths the connectivity snippet needs drawn first, if any.
  var rowLengthDraw: ConnectivitySnippet.RowLengthDraw? {
    guard case .snippet(let snippet, _) = connectivity else { return nil }
    return snippet.rowLengthDraw
  }

  /// The connectivity snippet's parameters, derived parameters and parameter types.
  var connectivityParameters:
    (
      names: [String], derived: [DerivedParameter], types: [String: String],
      values: [String: Double]
    )?
  {
    switch connectivity {
    case .snippet(let snippet, let params):
      (snippet.params, snippet.derivedParams, snippet.paramTypes, params)
    case .toeplitz(let snippet, let params):
      (snippet.params, snippet.derivedParams, snippet.paramTypes, params)
    case .allToAll, .explicit: nil
    }
  }

  /// Whether every synapse has a place in memory (DENSE, SPARSE, BITMASK), so code may
  /// use `id_syn`.
  var storesSynapses: Bool {
    switch matrixType.connectivityStorage {
    case .dense, .sparse, .bitmask: true
    case .procedural, .toeplitz: false
    }
  }

  /// Whether a connectivity snippet builds stored rows (SPARSE) or bits (BITMASK) when
  /// the model is initialised.
  var buildsRowsAtInitialisation: Bool {
    guard case .snippet = connectivity else { return false }
    return matrixType.connectivityStorage == .sparse || matrixType.connectivityStorage == .bitmask
  }

  /// Whether a connectivity snippet's build code runs during the simulation: PROCEDURAL
  /// rows regenerated for each spike, TOEPLITZ diagonals.
  var regeneratesSynapses: Bool {
    switch connectivity {
    case .snippet: matrixType.connectivityStorage == .procedural
    case .toeplitz: true
    case .allToAll, .explicit: false
    }
  }

  /// How many slots of ``ArrayLayout/Role/synapseRangeErrors(synapses:)`` the
  /// population's build code notes synapses beyond a population in: one a thread for rows
  /// built at initialisation, one shared (an atomic maximum) for synapses regenerated
  /// during the simulation, none without a snippet.
  var rangeErrorSlots: Int {
    if buildsRowsAtInitialisation { return RuntimeSupportSource.maxThreads }
    return regeneratesSynapses ? 1 : 0
  }

  /// The variables initialised from a kernel through the indices the snippet passes.
  var kernelInitialisedVariables: [(variable: Variable, values: [Double])] {
    weightUpdate.vars.compactMap { variable in
      guard case .kernel(let values)? = weightUpdateVars[variable.name] else { return nil }
      return (variable, values)
    }
  }

  /// The array that the kernel indices `addSynapse` is given index, which names them in
  /// an out-of-range record (``IndexCheckSource/rangeFunction``): the first variable kept
  /// in the kernel (PROCEDURAL_KERNELG, TOEPLITZ), else the first variable's kernel
  /// initialiser; `nil` when kernel indices index no array.
  var kernelIndexedArray: ArrayLayout.Role? {
    guard !kernelSize.isEmpty else { return nil }
    if matrixType.weightStorage == .kernel, let variable = weightUpdate.vars.first {
      return .weightUpdateVariable(synapses: name, variable: variable.name)
    }
    return kernelInitialisedVariables.first.map {
      .weightUpdateKernelInitialiser(synapses: name, variable: $0.variable.name)
    }
  }
}

extension ModelCodeWriting {
  /// The kernel-initialised variables of synapse population `index` that have a copy per
  /// batch, with the elements of each copy: the connectivity builder, which runs once for
  /// every batch, writes batch 0's, and the other batches take them. `nil` for none.
  func batchedKernelValues(of index: Int) -> (variables: [String], count: Int)? {
    let synapses = model.synapsePopulations[index]
    let layouts = synapses.kernelInitialisedVariables.compactMap { variable, _ in
      memory.layout(of: .weightUpdateVariable(synapses: synapses.name, variable: variable.name))
        .map { (variable.name, $0) }
    }.filter { $0.1.batches > 1 }
    guard let count = layouts.first?.1.batchCount else { return nil }
    return (layouts.map(\.0), count)
  }

  /// Declares the kernel initialisers' arrays and procedural variables' snippet
  /// parameters of synapse population `synapses`.
  mutating func declareKernelAndProceduralFields(_ synapses: SynapsePopulation) {
    for (variable, _) in synapses.kernelInitialisedVariables {
      line("const \(cType(variable.valueType!)) *kinit_\(variable.name);")
    }
    guard synapses.matrixType.weightStorage == .procedural else { return }
    for variable in synapses.weightUpdate.vars {
      guard case .snippet(let snippet, _)? = synapses.weightUpdateVars[variable.name] else {
        continue
      }
      declareParameters(
        prefix: "proc_\(variable.name)_", params: snippet.params, derived: snippet.derivedParams,
        paramTypes: snippet.paramTypes)
    }
  }

  /// Binds what ``declareKernelAndProceduralFields(_:)`` declared.
  mutating func bindKernelAndProceduralFields(field: String, _ synapses: SynapsePopulation) {
    for (variable, _) in synapses.kernelInitialisedVariables {
      bindArray(
        field, "kinit_\(variable.name)",
        to: .weightUpdateKernelInitialiser(synapses: synapses.name, variable: variable.name),
        readOnly: true)
    }
    guard synapses.matrixType.weightStorage == .procedural else { return }
    for variable in synapses.weightUpdate.vars {
      guard case .snippet(let snippet, let params)? = synapses.weightUpdateVars[variable.name]
      else { continue }
      writeParameterBindings(
        field: field, prefix: "proc_\(variable.name)_", params: params, names: snippet.params,
        derived: snippet.derivedParams, paramTypes: snippet.paramTypes)
    }
  }

  /// Where indexes are checked, the condition that each of `indices` (C++ expressions,
  /// one per kernel dimension) is within its dimension, noting the first that is not in
  /// the out-of-range record; `nil` where nothing is checked or no array is indexed.
  func kernelIndicesInRange(_ synapses: SynapsePopulation, indices: [String]) -> String? {
    guard memory.checksIndices, let role = synapses.kernelIndexedArray else { return nil }
    let id = memory.index(of: role)
    return zip(indices, synapses.kernelSize).map { index, size in
      "\(IndexCheckSource.rangeFunction)(group.outOfRange, \(id)u, (uint64_t)(\(index)), \(size)u)"
    }.joined(separator: " && ")
  }

  /// The flattened kernel index of kernel indices `indices` (row-major over the kernel's
  /// shape), as GeNN's `getKernelIndex` computes it.
  func kernelIndex(_ synapses: SynapsePopulation, indices: [String]) -> String {
    let shape = synapses.kernelSize
    return shape.indices.map { dimension in
      let stride = shape[(dimension + 1)...].reduce(1, *)
      return stride == 1 ? "(\(indices[dimension]))" : "(\(indices[dimension]) * \(stride)u)"
    }.joined(separator: " + ")
  }

  /// Per-synapse statements that compute procedural variables (DENSE_PROCEDURALG,
  /// PROCEDURAL) from their initialisers before the synapse code uses them, as the
  /// locals `l_<name>`; `nil` when the variables are stored. A kernel initialiser's
  /// element is read only where `kernelInRange` (a C++ condition) holds, else the
  /// variable is 0.
  mutating func proceduralVariableCode(
    _ synapses: SynapsePopulation, level: Int, kernelInRange: String? = nil
  ) -> String? {
    guard synapses.matrixType.weightStorage == .procedural, !synapses.weightUpdate.vars.isEmpty
    else { return nil }
    let indent = String(repeating: "    ", count: level)
    var lines: [String] = []
    for variable in synapses.weightUpdate.vars {
      let type = cType(variable.valueType!)
      let local = "l_\(variable.name)"
      switch synapses.weightUpdateVars[variable.name] {
      case .constant(let value)?:
        let numeric = variable.valueType!.resolved(in: types)
        lines.append(
          "\(indent)const \(type) \(local) = \(NumericLiteral.write(value, as: numeric));")
      case .kernel?:
        let element = "group.kinit_\(variable.name)[kernelInd]"
        lines.append(
          "\(indent)const \(type) \(local) = "
            + (kernelInRange.map { "\($0) ? \(element) : (\(type))0" } ?? element) + ";")
      case .snippet(let snippet, _)?:
        var environment = baseEnvironment(
          context:
            "\(describeGroup(of: synapses)), variable '\(variable.name)', init snippet "
            + "'\(snippet.name)'",
          time: false, random: synapses.matrixType == .procedural)
        let valueType = GeNNType.numeric(variable.valueType!.resolved(in: types))
        environment.define("value", valueType, spelling: local, role: "value being initialised")
        let index32 = GeNNType.uint32.addingConst
        for name in ["id_pre", "id_post"] {
          environment.define(name, index32, spelling: name, role: "synapse index")
        }
        environment.defineSynapseSizes(update: true, batches: batches)
        if !synapses.kernelSize.isEmpty && !synapses.storesSynapses {
          environment.define("id_kernel", index32, spelling: "kernelInd", role: "kernel index")
        }
        addParameters(
          to: &environment, prefix: "proc_\(variable.name)_", params: snippet.params,
          derived: snippet.derivedParams, paramTypes: snippet.paramTypes)
        lines.append("\(indent)\(type) \(local) = 0;")
        lines.append("\(indent){")
        if let checked = checkStatements(snippet.code, in: environment) {
          lines.append(checked.code(level: level + 1).dropLastNewline)
        }
        lines.append("\(indent)}")
      case .values?, .uninitialised?, nil:
        break  // rejected by validation
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The spelling of `addSynapse(id_post, kernel indices...)` in generated synapses: the
  /// synapse's code, run when its target is in this thread's range; a target beyond the
  /// population is noted in the population's range-error slot.
  private mutating func generatedSynapseFunction(
    _ synapses: SynapsePopulation, code: CheckedStatements
  ) -> Symbol {
    let kernel = synapses.kernelSize
    var lines = ["{", "    const uint32_t id_post = $(0);"]
    for dimension in kernel.indices {
      lines.append("    const uint32_t idKernel\(dimension) = $(\(dimension + 1));")
    }
    if !kernel.isEmpty {
      let index = kernelIndex(synapses, indices: kernel.indices.map { "idKernel\($0)" })
      lines.append("    const uint32_t kernelInd = \(index);")
      lines.append("    (void)kernelInd;")
    }
    // Where checked, the kernel indices are tested before anything reads the kernel.
    var kernelInRange: String?
    if let inRange = kernelIndicesInRange(
      synapses, indices: kernel.indices.map { "idKernel\($0)" })
    {
      lines.append("    const bool genn_kernel_in_range = \(inRange);")
      kernelInRange = "genn_kernel_in_range"
    }
    // Every synapse computes its procedural variables, so that a row's random stream is
    // drawn the same way whatever range of targets this thread has.
    if let prelude = proceduralVariableCode(synapses, level: 1, kernelInRange: kernelInRange) {
      lines.append(prelude)
    }
    lines.append(
      "    if (id_post >= postBegin && id_post < postEnd"
        + (kernelInRange.map { " && \($0)" } ?? "") + ") {")
    lines.append(code.code(level: 2).dropLastNewline)
    // A target beyond the population is left out, and the run stops after the step.
    lines.append("    } else if (id_post >= group.numTrgNeurons) {")
    lines.append("        \(sharedRangeNote)(group.rangeError, id_pre, id_post);")
    lines.append("    }")
    lines.append("}")
    return Symbol(
      "addSynapse",
      .function(returning: .void, Array(repeating: .uint32, count: 1 + kernel.count)),
      spelling: lines.joined(separator: "\n"), role: "synapse function")
  }

  /// Regenerates the row of the spiking neuron `id_pre` of PROCEDURAL population `index`
  /// from the row's own random stream (the stream a SPARSE population with the same
  /// snippet builds that row from), running `code` for each synapse in this thread's
  /// range of targets.
  mutating func writeProceduralRow(_ index: Int, code: CheckedStatements) {
    let synapses = model.synapsePopulations[index]
    guard case .snippet(let snippet, _) = synapses.connectivity else { return }
    var environment = connectivityEnvironment(
      synapses, snippet: snippet, hook: "row build code", index: ("id_pre", "id_post_begin"))
    // Regenerated in the synapse update, which runs for one batch.
    environment.defineBatchNames(update: true, batches: batches)
    environment.add(generatedSynapseFunction(synapses, code: code))
    writeBuildStream(byColumn: false)
    line("{")
    self.code(checkStatements(snippet.rowBuildCode, in: environment))
    line("}")
  }

  /// Runs TOEPLITZ population `index`'s diagonal build code for each diagonal, its
  /// `for_each_synapse` loop going over the spikes in `spikes[0..<count]`, as GeNN's CPU
  /// backend does (so each target sums its input in GeNN's order); with `thread` (CUDA),
  /// only for the diagonal of that index.
  mutating func writeToeplitzDiagonals(
    _ index: Int, code: CheckedStatements, thread: String? = nil
  ) {
    let synapses = model.synapsePopulations[index]
    guard case .toeplitz(let snippet, _) = synapses.connectivity else { return }
    var environment = baseEnvironment(
      context:
        "\(describeGroup(of: synapses)), Toeplitz snippet '\(snippet.name)' diagonal "
        + "build code",
      time: false, random: false)
    let index32 = GeNNType.uint32.addingConst
    environment.define("id_diag", index32, spelling: "id_diag", role: "connectivity index")
    environment.defineSynapseSizes(update: true, batches: batches)
    addParameters(
      to: &environment, prefix: "conn_", params: snippet.params, derived: snippet.derivedParams,
      paramTypes: snippet.paramTypes)
    addExtraGlobalParameters(to: &environment, snippet.extraGlobalParams, prefix: "conn_")
    environment.forEachSynapse = ForEachSynapseScope(
      symbols: [
        Symbol("id_pre", index32, spelling: "id_pre", role: "presynaptic index"),
        generatedSynapseFunction(synapses, code: code),
      ],
      header: "for (uint32_t s = 0; s < count; s++) {\n    const uint32_t id_pre = spikes[s];\n",
      footer: "}\n")
    if let thread {
      line("if (\(thread) < group.rowStride) {")
      line("const uint32_t id_diag = \(thread);")
    } else {
      line("for (uint32_t id_diag = 0; id_diag < group.rowStride; id_diag++) {")
    }
    self.code(checkStatements(snippet.diagonalBuildCode, in: environment))
    line("}")
  }
}
