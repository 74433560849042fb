import GeNNModel
import GeNNTranspiler

/// Synapse initialisation in CUDA, one thread per presynaptic neuron (row), with the CPU
/// backend's random streams so both backends build the same synapses and values:
/// - `drawRowLengths`, one thread per population whose snippet draws its row lengths
///   first (`FixedNumberTotalWithReplacement`), draws them from the CPU backend's stream
///   `0xA4000000 | population` in the same order;
/// - `buildConnectivity` runs a SPARSE or BITMASK population's connectivity snippet row
///   build code for row `id_pre` from stream `0xA0000000 | population` (element `id_pre`,
///   step `0xFFFFFFFE`), then sorts the SPARSE row, as the CPU backend's
///   `buildSynapseGroup`; a BITMASK row sets its synapses' bits with `atomicOr`;
/// - `initialiseSynapses` runs the per-synapse variables' snippets for each synapse of
///   the row (element `syn`), and the postsynaptic model variables' snippets for target
///   neuron `id` (element `id`), from the CPU backend's `0xB0000000 | ...` streams.
extension CUDAModuleWriter {
  /// The snippet-initialised variables of synapse population `synapses` the CUDA backend
  /// initialises on the device: per synapse and per target neuron (postsynaptic model),
  /// with the CPU backend's kinds and positions (so the same random streams).
  static func snippetVariables(of synapses: SynapsePopulation) -> [SynapseSnippetVariable] {
    let groups: [(SynapseSnippetVariable.Kind, [Variable], [String: VarInit])] = [
      (.synapse, synapses.weightUpdate.vars, synapses.weightUpdateVars),
      (.postsynapticModel, synapses.postsynaptic.vars, synapses.postsynapticVars),
    ]
    return groups.flatMap { kind, vars, inits in
      vars.enumerated().compactMap { position, variable in
        guard case .snippet(let snippet, let params)? = inits[variable.name] else { return nil }
        return SynapseSnippetVariable(
          kind: kind, variable: variable, position: position, snippet: snippet, params: params)
      }
    }
  }

  /// Whether `buildConnectivity` builds the rows (SPARSE) or bits (BITMASK) of `synapses`.
  static func buildsRows(_ synapses: SynapsePopulation) -> Bool {
    guard case .snippet = synapses.connectivity else { return false }
    return [.sparse, .bitmask].contains(synapses.matrixType.connectivityStorage)
  }

  /// The threads `buildConnectivity` runs for synapse population `index` (0: none).
  static func connectivityThreads(of index: Int, _ model: ModelSpec) -> Int {
    let synapses = model.synapsePopulations[index]
    guard buildsRows(synapses) else { return 0 }
    return model.neuronPopulation(named: synapses.source)?.size ?? 0
  }

  /// The threads `initialiseSynapses` runs for synapse population `index` (0: none).
  static func synapseInitThreads(of index: Int, _ model: ModelSpec) -> Int {
    let synapses = model.synapsePopulations[index]
    let entries = snippetVariables(of: synapses)
    var threads = connectivityThreads(of: index, model)
    if entries.contains(where: { $0.kind == .synapse }) {
      threads = max(threads, model.neuronPopulation(named: synapses.source)?.size ?? 0)
    }
    if entries.contains(where: { $0.kind == .postsynapticModel }) {
      threads = max(threads, model.neuronPopulation(named: synapses.target)?.size ?? 0)
    }
    return threads
  }

  /// The populations each kernel covers, with their threads, in model order.
  var connectivitySizes: [(group: Int, member: Int, size: Int)] {
    model.synapsePopulations.indices.compactMap { index in
      let threads = Self.connectivityThreads(of: index, model)
      return threads == 0 ? nil : (index, 0, threads)
    }
  }

  var synapseInitSizes: [(group: Int, member: Int, size: Int)] {
    model.synapsePopulations.indices.compactMap { index in
      guard !Self.snippetVariables(of: model.synapsePopulations[index]).isEmpty else {
        return nil
      }
      return (index, 0, Self.synapseInitThreads(of: index, model))
    }
  }

  /// The synapse populations whose row lengths `drawRowLengths` draws, in model order.
  var rowLengthDrawGroups: [Int] {
    model.synapsePopulations.indices.filter { model.synapsePopulations[$0].rowLengthDraw != nil }
  }

  /// The launches of `drawRowLengths`, `buildConnectivity` and `initialiseSynapses`, where
  /// there is work.
  var synapseInitialisationLaunches: [CUDAKernelLaunch] {
    var launches: [CUDAKernelLaunch] = []
    if !rowLengthDrawGroups.isEmpty {
      launches.append(
        CUDAKernelLaunch(
          kernel: Self.rowLengthKernel, gridSize: (rowLengthDrawGroups.count + 31) / 32,
          blockSize: 32, parameters: []))
    }
    for (kernel, sizes) in [
      (Self.connectivityKernel, connectivitySizes), (Self.synapseInitKernel, synapseInitSizes),
    ] {
      let blocks = blockRanges(sizes: sizes, blockSize: synapseBlockSize)
        .reduce(0) { $0 + $1.count }
      guard blocks > 0 else { continue }
      launches.append(
        CUDAKernelLaunch(
          kernel: kernel, gridSize: blocks, blockSize: synapseBlockSize, parameters: []))
    }
    return launches
  }

  /// Declares the fields of the synapse group struct the initialisation reads.
  mutating func declareSynapseInitFields(_ synapses: SynapsePopulation) {
    if synapses.rowLengthDraw != nil { line("    uint32_t *preCalcRowLength;") }
    for entry in Self.snippetVariables(of: synapses) {
      line("    \(cType(entry.variable.valueType!)) *\(entry.prefix)array;")
      line("    uint32_t \(entry.prefix)stream;")
      declareParameters(
        prefix: entry.prefix, params: entry.snippet.params, derived: entry.snippet.derivedParams)
    }
  }

  /// Binds the initialisation fields of synapse population `index`, with the CPU
  /// backend's stream numbers.
  mutating func writeSynapseInitBinding(field: String, index: Int) {
    let synapses = model.synapsePopulations[index]
    if synapses.rowLengthDraw != nil {
      bindArray(field, "preCalcRowLength", to: .synapseRowLengthDraws(synapses: synapses.name))
    }
    for entry in Self.snippetVariables(of: synapses) {
      let name = entry.variable.name
      let role: ArrayLayout.Role =
        entry.kind == .synapse
        ? .weightUpdateVariable(synapses: synapses.name, variable: name)
        : .postsynapticVariable(synapses: synapses.name, variable: name)
      bindArray(field, "\(entry.prefix)array", to: role)
      let stream =
        0xB000_0000 | (UInt32(index & 0xFFFFF) << 10) | (UInt32(entry.kind.rawValue) << 8)
        | UInt32(entry.position & 0xFF)
      line("    \(field).\(entry.prefix)stream = \(stream)u;")
      writeParameterBindings(
        field: field, prefix: entry.prefix, params: entry.params, names: entry.snippet.params,
        derived: entry.snippet.derivedParams)
    }
  }

  /// `buildConnectivity` and `initialiseSynapses`, with a device function per population.
  mutating func writeConnectivityKernel() {
    writeRowLengthKernel()
    for index in model.synapsePopulations.indices
    where Self.connectivityThreads(of: index, model) > 0 {
      writeRowBuilder(index)
    }
    let ranges = blockRanges(sizes: connectivitySizes, blockSize: synapseBlockSize)
    guard !ranges.isEmpty else { return }
    line("// One thread per row; block ranges select the synapse population.")
    line("extern \"C\" __global__ void \(Self.connectivityKernel)()")
    line("{")
    writeDispatch(ranges) { group, _, start in
      "buildSynapseGroup\(group)(d_synapseGroup\(group), "
        + "(blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x);"
    }
    line("}")
    line()
  }

  /// `drawRowLengths`: thread `k` draws the row lengths of the `k`-th population that
  /// needs them, sequentially from one stream as the CPU backend does.
  private mutating func writeRowLengthKernel() {
    let groups = rowLengthDrawGroups
    guard !groups.isEmpty else { return }
    for index in groups { writeRowLengthDraws(index, qualifier: "__device__ ") }
    line("// One thread per synapse population whose row lengths are drawn first.")
    line("extern \"C\" __global__ void \(Self.rowLengthKernel)()")
    line("{")
    line("    const uint32_t id = blockIdx.x * 32u + threadIdx.x;")
    line("    switch (id) {")
    for (position, index) in groups.enumerated() {
      line(
        "    case \(position)u: drawRowLengthsSynapseGroup\(index)(d_synapseGroup\(index)); break;")
    }
    line("    default: break;")
    line("    }")
    line("}")
    line()
  }

  /// Builds row `id_pre` of SPARSE population `index` from the row's own random stream,
  /// then sorts it (the presynaptic update and the CPU backend's rows are sorted); a
  /// BITMASK population's row sets the bits of its synapses instead.
  private mutating func writeRowBuilder(_ index: Int) {
    let synapses = model.synapsePopulations[index]
    let bitmask = synapses.matrixType.connectivityStorage == .bitmask
    guard case .snippet(let snippet, _) = synapses.connectivity else { return }
    var environment = baseEnvironment(
      context:
        "synapse population '\(synapses.name)', connectivity snippet '\(snippet.name)' "
        + "row build code",
      time: false)
    for (name, spelling) in [
      ("id_pre", "id_pre"), ("num_pre", "group.numSrcNeurons"),
      ("num_post", "group.numTrgNeurons"), ("id_post_begin", "0u"), ("id_thread", "0u"),
      ("num_threads", "1u"),
    ] {
      environment.define(
        name, GeNNType.uint32.addingConst, spelling: spelling, role: "connectivity index")
    }
    if synapses.rowLengthDraw != nil {
      environment.define(
        "preCalcRowLength", GeNNType.uint32.addingConst.pointer(),
        spelling: "group.preCalcRowLength", role: "drawn row lengths")
    }
    addParameters(
      to: &environment, prefix: "conn_", params: snippet.params, derived: snippet.derivedParams,
      paramTypes: snippet.paramTypes)
    environment.add(
      Symbol(
        "addSynapse", .function(returning: .void, [.uint32]),
        spelling: bitmask
          ? "genn_set_bit(group.bitmask, (size_t)id_pre * group.numTrgNeurons + $(0))"
          : "genn_add_synapse(row, length, group.rowStride, overflow, $(0))",
        role: "connectivity function"))
    let code = checkStatements(snippet.rowBuildCode, in: environment)
    line(
      "__device__ __forceinline__ void buildSynapseGroup\(index)(const SynapseGroup\(index) &group, uint32_t id_pre)"
    )
    line("{")
    line("    if (id_pre >= group.numSrcNeurons) { return; }")
    line("    GeNNRng rng;")
    line("    genn_rng_init(&rng, kSeed, 0xA0000000u | \(index)u, id_pre, 0xFFFFFFFEu);")
    if !bitmask {
      line("    uint32_t *row = group.ind + (size_t)id_pre * group.rowStride;")
      line("    uint32_t length = 0;")
      line("    bool overflow = false;")
    }
    line("    {")
    block(code?.code(level: 2).dropLastNewline ?? "")
    line("    }")
    if !bitmask {
      line("    // a full row drops the synapses beyond the stride, as on the CPU")
      line("    (void)overflow;")
      line("    genn_sort_row(row, length);")
      line("    group.rowLength[id_pre] = length;")
    }
    line("}")
    line()
  }

  mutating func writeSynapseInitKernel() {
    for index in model.synapsePopulations.indices {
      writeSynapseInitGroup(index)
    }
    let ranges = blockRanges(sizes: synapseInitSizes, blockSize: synapseBlockSize)
    guard !ranges.isEmpty else { return }
    line("// One thread per row (and per target neuron); block ranges select the population.")
    line("extern \"C\" __global__ void \(Self.synapseInitKernel)()")
    line("{")
    writeDispatch(ranges) { group, _, start in
      "initialiseSynapseGroup\(group)(d_synapseGroup\(group), "
        + "(blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x);"
    }
    line("}")
    line()
  }

  private mutating func writeSynapseInitGroup(_ index: Int) {
    let synapses = model.synapsePopulations[index]
    let entries = Self.snippetVariables(of: synapses)
    guard !entries.isEmpty else { return }
    let context = "synapse population '\(synapses.name)'"
    line(
      "__device__ __forceinline__ void initialiseSynapseGroup\(index)(const SynapseGroup\(index) &group, uint32_t id)"
    )
    line("{")
    let perSynapse = entries.filter { $0.kind == .synapse }
    let index32 = GeNNType.uint32.addingConst
    if !perSynapse.isEmpty {
      line("    // per-synapse variables of row `id`")
      line("    if (id < group.numSrcNeurons) {")
      line("        const uint32_t id_pre = id;")
      if synapses.matrixType.connectivityStorage == .sparse {
        line("        for (uint32_t j = 0; j < group.rowLength[id_pre]; j++) {")
        line("            const uint32_t syn = id_pre * group.rowStride + j;")
        line("            const uint32_t id_post = group.ind[syn];")
      } else {
        line("        for (uint32_t id_post = 0; id_post < group.numTrgNeurons; id_post++) {")
        line("            const uint32_t syn = id_pre * group.numTrgNeurons + id_post;")
      }
      for entry in perSynapse {
        var environment = initEnvironment(entry, context: context)
        environment.define("id_pre", index32, spelling: "id_pre", role: "presynaptic index")
        environment.define("id_post", index32, spelling: "id_post", role: "postsynaptic index")
        environment.define("id_syn", index32, spelling: "syn", role: "synapse index")
        environment.define(
          "num_pre", index32, spelling: "group.numSrcNeurons", role: "presynaptic population size")
        environment.define(
          "num_post", index32, spelling: "group.numTrgNeurons",
          role: "postsynaptic population size")
        writeInitBlock(entry, environment: environment, element: "syn", level: 3)
      }
      line("        }")
      line("    }")
    }
    let postsynaptic = entries.filter { $0.kind == .postsynapticModel }
    if !postsynaptic.isEmpty {
      line("    // postsynaptic model variables of target neuron `id`")
      line("    if (id < group.numTrgNeurons) {")
      for entry in postsynaptic {
        var environment = initEnvironment(entry, context: context)
        environment.define("id", index32, spelling: "id", role: "neuron index")
        writeInitBlock(entry, environment: environment, element: "id", level: 2)
      }
      line("    }")
    }
    line("}")
    line()
  }

  private func initEnvironment(_ entry: SynapseSnippetVariable, context: String) -> Environment {
    let valueType = GeNNType.numeric(entry.variable.valueType!.resolved(in: types))
    var environment = baseEnvironment(
      context:
        "\(context), variable '\(entry.variable.name)', init snippet '\(entry.snippet.name)'",
      time: false)
    environment.define("value", valueType, spelling: "value", role: "value being initialised")
    addParameters(
      to: &environment, prefix: entry.prefix, params: entry.snippet.params,
      derived: entry.snippet.derivedParams)
    return environment
  }

  private mutating func writeInitBlock(
    _ entry: SynapseSnippetVariable, environment: Environment, element: String, level: Int
  ) {
    let indent = String(repeating: "    ", count: level)
    let checked = checkStatements(entry.snippet.code, in: environment)
    line("\(indent)// variable '\(entry.variable.name)': snippet '\(entry.snippet.name)'")
    line("\(indent){")
    if entry.snippet.code.contains("gennrand") {
      line("\(indent)    GeNNRng rng;")
      line(
        "\(indent)    genn_rng_init(&rng, kSeed, group.\(entry.prefix)stream, \(element), 0xFFFFFFFFu);"
      )
    }
    line("\(indent)    \(cType(entry.variable.valueType!)) value = 0;")
    block(checked?.code(level: level + 1).dropLastNewline ?? "")
    line("\(indent)    group.\(entry.prefix)array[\(element)] = value;")
    line("\(indent)}")
  }
}
