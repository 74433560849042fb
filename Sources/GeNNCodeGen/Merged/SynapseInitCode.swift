import GeNNModel
import GeNNTranspiler

/// A variable of a synapse population initialised by a snippet: per synapse, per
/// presynaptic or postsynaptic neuron (weight update pre/post variables), or per target
/// neuron (postsynaptic model variables).
struct SynapseSnippetVariable {
  enum Kind: Int {
    case synapse = 0
    case presynaptic = 1
    case postsynaptic = 2
    case postsynapticModel = 3
  }

  var kind: Kind
  var variable: Variable
  var position: Int
  var snippet: InitSnippet
  var params: [String: Double]

  /// The number of neurons a neuron-side variable has, as a group struct field.
  var neuronCount: String { kind == .presynaptic ? "group.numSrcNeurons" : "group.numTrgNeurons" }

  /// The prefix of the snippet's parameter fields and of the variable's array field.
  var prefix: String { "init\(kind.rawValue)_\(variable.name)_" }
}

extension SynapsePopulation {
  /// The variables of this population initialised by snippets, with their kinds and
  /// positions (which name their random streams in both backends). Procedural variables
  /// are not among them: they run their snippets where synapses are used.
  var snippetVariables: [SynapseSnippetVariable] {
    let model = weightUpdate
    let stored = matrixType.weightStorage != .procedural
    let groups: [(SynapseSnippetVariable.Kind, [Variable], [String: VarInit])] = [
      (.synapse, stored ? model.vars : [], weightUpdateVars),
      (.presynaptic, model.preVars, weightUpdatePreVars),
      (.postsynaptic, model.postVars, weightUpdatePostVars),
      (.postsynapticModel, postsynaptic.vars, postsynapticVars),
    ]
    return groups.flatMap { kind, vars, inits in
      vars.enumerated().compactMap { position, variable in
        guard case .snippet(let snippet, let params)? = inits[variable.name] else { return nil }
        return SynapseSnippetVariable(
          kind: kind, variable: variable, position: position, snippet: snippet, params: params)
      }
    }
  }
}

extension SynapsePopulation {
  /// Whether the population's struct names random streams, which its code keys by the
  /// seed: those of its connectivity snippet's rows (and of the row lengths it draws)
  /// and those of its variables' initialisation snippets.
  var drawsFromRandomStreams: Bool {
    if case .snippet = connectivity { return true }
    return !snippetVariables.isEmpty
  }
}

extension ModelCodeWriting {
  /// Declares the fields of the synapse group struct the initialisation reads.
  mutating func declareSynapseInitFields(_ synapses: SynapsePopulation) {
    if synapses.drawsFromRandomStreams { line("uint64_t seed;") }
    // Batched models: the batch whose copies are initialised, its seed (the connectivity,
    // shared by every batch, keeps `seed`), and which variables have copies (the others
    // are initialised with batch 0's).
    if batches > 1 {
      line("uint32_t batch;")
      line("uint64_t batchSeed;")
      for entry in synapses.snippetVariables { line("bool \(entry.prefix)batched;") }
    }
    if case .snippet = synapses.connectivity { line("uint32_t populationIndex;") }
    if synapses.rowLengthDraw != nil {
      line("uint32_t *preCalcRowLength;")
      if memory.checksIndices { line("uint32_t preCalcRowLengthId;") }
    }
    if synapses.rangeErrorSlots > 0 { line("uint64_t *rangeError;") }
    for entry in synapses.snippetVariables {
      line("\(cType(entry.variable.valueType!)) *\(entry.prefix)array;")
      line("uint32_t \(entry.prefix)stream;")
      declareParameters(
        prefix: entry.prefix, params: entry.snippet.params, derived: entry.snippet.derivedParams,
        paramTypes: entry.snippet.paramTypes)
      declareInitSnippetExtraGlobalParameters(entry.snippet, prefix: entry.prefix)
    }
  }

  /// Binds the initialisation fields of synapse population `index`.
  mutating func writeSynapseInitBinding(field: String, index: Int) {
    let synapses = model.synapsePopulations[index]
    if synapses.drawsFromRandomStreams { line("\(field).seed = seed;") }
    if batches > 1 {
      line("\(field).batch = batch;")
      line("\(field).batchSeed = \(batchSeed);")
    }
    // The population's index names its connectivity's random streams.
    if case .snippet = synapses.connectivity { line("\(field).populationIndex = \(index)u;") }
    if synapses.rowLengthDraw != nil {
      let role = ArrayLayout.Role.synapseRowLengthDraws(synapses: synapses.name)
      bindArray(field, "preCalcRowLength", to: role)
      if memory.checksIndices {
        line("\(field).preCalcRowLengthId = \(memory.index(of: role))u;")
      }
    }
    if synapses.rangeErrorSlots > 0 {
      bindArray(field, "rangeError", to: .synapseRangeErrors(synapses: synapses.name))
    }
    for entry in synapses.snippetVariables {
      let name = entry.variable.name
      let role: ArrayLayout.Role =
        switch entry.kind {
        case .synapse: .weightUpdateVariable(synapses: synapses.name, variable: name)
        case .presynaptic: .weightUpdatePreVariable(synapses: synapses.name, variable: name)
        case .postsynaptic: .weightUpdatePostVariable(synapses: synapses.name, variable: name)
        case .postsynapticModel: .postsynapticVariable(synapses: synapses.name, variable: name)
        }
      if batches > 1 {
        line("\(field).\(entry.prefix)batched = \(memory.hasCopyPerBatch(role));")
      }
      bindArray(field, "\(entry.prefix)array", to: role)
      let stream =
        0xB000_0000 | (UInt32(index & 0xFFFFF) << 10) | (UInt32(entry.kind.rawValue) << 8)
        | UInt32(entry.position & 0xFF)
      line("\(field).\(entry.prefix)stream = \(stream)u;")
      writeParameterBindings(
        field: field, prefix: entry.prefix, params: entry.params, names: entry.snippet.params,
        derived: entry.snippet.derivedParams, paramTypes: entry.snippet.paramTypes)
      bindInitSnippetExtraGlobalParameters(
        field, entry.snippet, prefix: entry.prefix, element: synapses.name,
        variables: entry.kind.field, variable: name)
    }
  }

  /// The names the snippet of per-synapse variable `entry` sees for synapse `syn`.
  func synapseInitEnvironment(_ entry: SynapseSnippetVariable, context: String) -> Environment {
    let index32 = GeNNType.uint32.addingConst
    var environment = initEnvironment(entry, context: context)
    environment.define("id_pre", index32, spelling: "id_pre", role: "presynaptic index")
    environment.define("id_post", index32, spelling: "id_post", role: "postsynaptic index")
    environment.define("id_syn", index32, spelling: "syn", role: "synapse index")
    environment.defineSynapseSizes(update: false, batches: batches)
    return environment
  }

  /// Runs the snippets of per-synapse variables `entries` for each synapse of row
  /// `id_pre` (SPARSE: its stored synapses; else every target), each synapse drawing from
  /// its own stream (element `id_pre * elementStride + j` for the `j`-th synapse of a
  /// SPARSE row, so that streams do not depend on the length rows are laid out with;
  /// `syn` otherwise). With `batchNormals`, the first normal of the
  /// synapses' streams of each entry that ``startsWithFloatNormal(_:)`` is worked out for
  /// up to `GENN_FIRST_NORMALS` synapses at a time (`genn_first_normals_float`, which
  /// vectorises), the same values as one by one.
  mutating func writeRowInit(
    _ synapses: SynapsePopulation, entries: [SynapseSnippetVariable], context: String,
    batchNormals: Bool = false, elementStride: String = "group.rowStride"
  ) {
    let sparse = synapses.matrixType.connectivityStorage == .sparse
    let batched = batchNormals ? entries.filter(startsWithFloatNormal) : []
    let length = sparse ? "group.rowLength[id_pre]" : "group.numTrgNeurons"
    // The random streams are numbered by `elementStride`, so that values never depend on
    // the length rows are laid out with.
    let stride = sparse ? elementStride : "group.numTrgNeurons"
    if !batched.isEmpty {
      line(
        "for (uint32_t genn_batch = 0; genn_batch < \(length); genn_batch += GENN_FIRST_NORMALS) {")
      line(
        "const uint32_t genn_count = \(length) - genn_batch < GENN_FIRST_NORMALS ? \(length) - genn_batch : GENN_FIRST_NORMALS;"
      )
      for entry in batched {
        line("GeNNFirstNormals \(entry.prefix)normals;")
        line(
          "genn_first_normals_float(&\(entry.prefix)normals, \(variableSeed), group.\(entry.prefix)stream, id_pre * \(stride) + genn_batch, genn_count, 0xFFFFFFFFu);"
        )
      }
    }
    let (first, end) = batched.isEmpty ? ("0", length) : ("genn_batch", "genn_batch + genn_count")
    if sparse {
      line("for (uint32_t j = \(first); j < \(end); j++) {")
      line("const uint32_t syn = id_pre * group.rowStride + j;")
      line("const uint32_t genn_element = id_pre * \(stride) + j; (void)genn_element;")
      line("const uint32_t id_post = group.ind[syn];")
    } else {
      line("for (uint32_t id_post = \(first); id_post < \(end); id_post++) {")
      line("const uint32_t syn = id_pre * group.numTrgNeurons + id_post;")
    }
    for entry in entries {
      let environment = synapseInitEnvironment(entry, context: context)
      let index = sparse ? "j - genn_batch" : "id_post - genn_batch"
      writeInitBlock(
        entry, environment: environment, element: sparse ? "genn_element" : "syn",
        stores: ["syn"],
        firstNormals: batched.contains { $0.prefix == entry.prefix }
          ? "&\(entry.prefix)normals, \(index)" : nil)
    }
    line("}")
    if !batched.isEmpty { line("}") }
  }

  /// The seed of the random streams that initialise a synapse population's variables:
  /// the batch's in a batched model.
  private var variableSeed: String { batches > 1 ? "group.batchSeed" : "group.seed" }

  /// Whether `entry`'s snippet is one of GeNN's normal snippets (`Normal`,
  /// `NormalClipped`, `NormalClippedDelay`) in a float model: its first draw is then a
  /// float normal, which a batch can work out ahead.
  func startsWithFloatNormal(_ entry: SynapseSnippetVariable) -> Bool {
    model.precision == .float
      && [InitSnippet.normal, .normalClipped, .normalClippedDelay].contains {
        $0.name == entry.snippet.name && $0.code == entry.snippet.code
      }
  }

  /// Runs the snippet of presynaptic, postsynaptic or postsynaptic model variable `entry`
  /// for neuron `id`, storing its value in every delay slot of a delayed
  /// variable.
  mutating func writeNeuronInitBlock(
    _ entry: SynapseSnippetVariable, _ synapses: SynapsePopulation, context: String
  ) {
    let delayed =
      (entry.kind == .presynaptic && synapses.axonalDelaySteps > 0)
      || (entry.kind == .postsynaptic && synapses.queuesPostVars)
      || (entry.kind == .postsynapticModel && synapses.queuesPostsynapticVars)
    var environment = initEnvironment(entry, context: context)
    environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    environment.defineNeuronSizes(entry.neuronCount, update: false, batches: batches)
    writeInitBlock(
      entry, environment: environment, element: "id",
      stores: delayed ? ["(size_t)slot * \(entry.neuronCount) + id"] : ["id"],
      slots: delayed
        ? (entry.kind == .presynaptic ? "group.srcDelaySlots" : "group.trgDelaySlots") : nil)
  }

  /// The names snippet `entry` sees as it initialises its variable's `value`.
  func initEnvironment(_ entry: SynapseSnippetVariable, context: String) -> Environment {
    let valueType = GeNNType.numeric(entry.variable.valueType!.resolved(in: types))
    var environment = baseEnvironment(
      context:
        "\(context), variable '\(entry.variable.name)', init snippet '\(entry.snippet.name)'",
      time: false)
    environment.define("value", valueType, spelling: "value", role: "value being initialised")
    addParameters(
      to: &environment, prefix: entry.prefix, params: entry.snippet.params,
      derived: entry.snippet.derivedParams, paramTypes: entry.snippet.paramTypes)
    addExtraGlobalParameters(
      to: &environment, entry.snippet.extraGlobalParams, prefix: entry.prefix)
    return environment
  }

  /// Runs snippet `entry` for element `element` (its random stream's element) and stores
  /// its value at each of `stores`, in every one of `slots` delay slots if given.
  /// `firstNormals` (the batch and the element's place in it, as
  /// `genn_rng_init_first_normal` takes them) positions the stream past its first normal,
  /// worked out ahead.
  mutating func writeInitBlock(
    _ entry: SynapseSnippetVariable, environment: Environment, element: String, stores: [String],
    slots: String? = nil, firstNormals: String? = nil
  ) {
    let checked = checkStatements(entry.snippet.code, in: environment)
    line(
      "// variable '\(entry.variable.name)': snippet '\(entry.snippet.name.commentText)'")
    // In a batched model, a variable without copies is initialised with batch 0's.
    line(batches > 1 ? "if (group.batch == 0u || group.\(entry.prefix)batched) {" : "{")
    if entry.snippet.code.contains("gennrand") {
      let position = "\(variableSeed), group.\(entry.prefix)stream, \(element), 0xFFFFFFFFu"
      line("GeNNRng rng;")
      if let firstNormals {
        line("genn_rng_init_first_normal(&rng, \(position), \(firstNormals));")
      } else {
        line("genn_rng_init(&rng, \(position));")
      }
    }
    line("\(cType(entry.variable.valueType!)) value = 0;")
    code(checked)
    if let slots {
      line("for (uint32_t slot = 0; slot < \(slots); slot++) {")
      for store in stores { line("group.\(entry.prefix)array[\(store)] = value;") }
      line("}")
    } else {
      for store in stores { line("group.\(entry.prefix)array[\(store)] = value;") }
    }
    line("}")
  }

  /// The names a kernel variable's snippet `entry` sees for kernel element `kernelInd`:
  /// the flattened index (`id_kernel`, also `id_syn`) and the kernel indices
  /// (`id_kernel_0`, ..., spelled `idKernel0`, ...).
  func kernelInitEnvironment(
    _ entry: SynapseSnippetVariable, _ synapses: SynapsePopulation, context: String
  ) -> Environment {
    let index32 = GeNNType.uint32.addingConst
    var environment = initEnvironment(entry, context: context)
    environment.define("id_kernel", index32, spelling: "kernelInd", role: "kernel index")
    environment.define("id_syn", index32, spelling: "kernelInd", role: "kernel index")
    environment.defineSynapseSizes(update: false, batches: batches)
    for dimension in synapses.kernelSize.indices {
      environment.define(
        "id_kernel_\(dimension)", index32, spelling: "idKernel\(dimension)", role: "kernel index")
    }
    return environment
  }

  /// Prints the kernel indices `idKernel0`, ... of the flattened kernel index `kernelInd`.
  mutating func writeKernelIndices(_ synapses: SynapsePopulation, indent: String) {
    let shape = synapses.kernelSize
    for dimension in shape.indices {
      let stride = shape[(dimension + 1)...].reduce(1, *)
      line(
        "const uint32_t idKernel\(dimension) = (kernelInd / \(stride)u) % \(shape[dimension])u;"
      )
    }
    line("\(shape.indices.map { "(void)idKernel\($0);" }.joined(separator: " "))")
  }
}
