import GeNNModel
import GeNNTranspiler

/// A variable of an initialisation group member that an init snippet initialises.
struct InitSnippetVariable {
  var variable: Variable
  var snippet: InitSnippet
  var params: [String: Double]
  /// Whether the variable has one value shared by all neurons (a custom update's
  /// `READ_ONLY_SHARED_NEURON` or `REDUCE_NEURON_*` variable): its snippet runs once,
  /// for element 0.
  var isShared = false
}

extension MergedInitGroup.Element {
  /// The element's variables that init snippets initialise, in model order.
  func snippetVariables(in model: ModelSpec) -> [InitSnippetVariable] {
    let (vars, inits, shared): ([Variable], [String: VarInit], Set<String>) =
      switch self {
      case .neuronPopulation(let index):
        (model.neuronPopulations[index].model.vars, model.neuronPopulations[index].vars, [])
      case .currentSource(let index):
        (model.currentSources[index].model.vars, model.currentSources[index].vars, [])
      case .customUpdate(let index):
        (
          model.customUpdates[index].model.vars.map { Variable($0.name, $0.type) },
          model.customUpdates[index].vars,
          Set(
            model.customUpdates[index].model.vars.filter(\.access.isSharedAcrossNeurons)
              .map(\.name))
        )
      }
    return vars.compactMap { variable in
      guard case .snippet(let snippet, let params)? = inits[variable.name] else { return nil }
      return InitSnippetVariable(
        variable: variable, snippet: snippet, params: params,
        isShared: shared.contains(variable.name))
    }
  }

  /// Whether a snippet of the element indexes extra global parameters.
  func indexesArrays(in model: ModelSpec) -> Bool {
    snippetVariables(in: model).contains { !$0.snippet.extraGlobalParams.isEmpty }
  }

  /// The element's name.
  func name(in model: ModelSpec) -> String {
    switch self {
    case .neuronPopulation(let index): model.neuronPopulations[index].name
    case .currentSource(let index): model.currentSources[index].name
    case .customUpdate(let index): model.customUpdates[index].name
    }
  }

  /// The element for messages: "neuron population 'Pop'".
  func description(in model: ModelSpec) -> String {
    switch self {
    case .neuronPopulation(let index): "neuron population '\(model.neuronPopulations[index].name)'"
    case .currentSource(let index): "current source '\(model.currentSources[index].name)'"
    case .customUpdate(let index): "custom update '\(model.customUpdates[index].name)'"
    }
  }

  /// The number of values each variable of the element has (per delay slot): the
  /// population's neurons, the target's for a current source, and for a custom update
  /// over neurons its neurons (1 for a shared variable); 0 for other custom updates.
  func size(in model: ModelSpec) -> Int {
    switch self {
    case .neuronPopulation(let index): model.neuronPopulations[index].size
    case .currentSource(let index):
      model.neuronPopulation(named: model.currentSources[index].target)?.size ?? 0
    case .customUpdate(let index):
      if case .neurons(let count, let perElement)? = model.shape(of: model.customUpdates[index]) {
        perElement ? count : 1
      } else {
        0
      }
    }
  }

  /// GeNN's `num_neurons` for the element's snippets: the population's neurons, the
  /// target's for a current source, the neurons a custom update runs over (also for its
  /// shared variables).
  func neuronCount(in model: ModelSpec) -> Int {
    switch self {
    case .neuronPopulation, .currentSource: size(in: model)
    case .customUpdate(let index):
      if case .neurons(let count, _)? = model.shape(of: model.customUpdates[index]) {
        count
      } else {
        0
      }
    }
  }

  /// The array of variable `name` and its random stream, numbered as in both backends.
  func array(ofVariable name: String, in model: ModelSpec) -> (
    role: ArrayLayout.Role, stream: UInt32
  ) {
    switch self {
    case .neuronPopulation(let index):
      let population = model.neuronPopulations[index]
      let position = population.model.vars.firstIndex { $0.name == name } ?? 0
      return (
        .neuronVariable(population: population.name, variable: name),
        0x8000_0000 | (UInt32(index) << 8) | UInt32(position & 0xFF)
      )
    case .currentSource(let index):
      let source = model.currentSources[index]
      let position = source.model.vars.firstIndex { $0.name == name } ?? 0
      return (
        .currentSourceVariable(source: source.name, variable: name),
        0xC000_0000 | (UInt32(index) << 8) | UInt32(position & 0xFF)
      )
    case .customUpdate(let index):
      let update = model.customUpdates[index]
      let position = update.model.vars.firstIndex { $0.name == name } ?? 0
      return (
        .customUpdateVariable(update: update.name, variable: name),
        0xE000_0000 | (UInt32(index) << 8) | UInt32(position & 0xFF)
      )
    }
  }
}

/// The initialisation groups both backends share: the struct, each variable's snippet
/// for element `id` (from its own random stream, so values do not depend on threads),
/// and the members' bindings.
extension ModelCodeWriting {
  /// Prints the struct of initialisation group `group`.
  mutating func declareInitGroup(_ group: MergedInitGroup) {
    let members = group.elements.map { $0.description(in: model) }.joined(separator: ", ")
    line("// Initialisation group \(group.index): \(members).")
    line("struct InitGroup\(group.index) {")
    line("uint32_t size;")
    line("uint32_t numNeurons;")
    line("uint64_t seed;")
    // Batched models: the batch whose copies are initialised, and which variables have
    // copies (the others are initialised with batch 0's).
    if batches > 1 { line("uint32_t batch;") }
    for entry in group.elements[0].snippetVariables(in: model) {
      let name = entry.variable.name
      if batches > 1 { line("bool batched_\(name);") }
      line("\(cType(entry.variable.valueType!)) *v_\(name);")
      line("uint32_t stream_\(name);")
      line("uint32_t slots_\(name);")
      declareParameters(
        prefix: "\(name)_", params: entry.snippet.params, derived: entry.snippet.derivedParams,
        paramTypes: entry.snippet.paramTypes)
      declareInitSnippetExtraGlobalParameters(entry.snippet, prefix: "\(name)_")
    }
    if group.elements[0].indexesArrays(in: model) { declareOutOfRangeRecord() }
    line("};")
  }

  /// Prints every snippet of group `group` for element `id`, each value
  /// stored in every delay slot of a queued variable; a variable shared by all neurons
  /// runs its snippet for element 0 only.
  mutating func writeInitGroupElement(_ group: MergedInitGroup) {
    let archetype = group.elements[0]
    for entry in archetype.snippetVariables(in: model) {
      let name = entry.variable.name
      let valueType = GeNNType.numeric(entry.variable.valueType!.resolved(in: types))
      var environment = baseEnvironment(
        context:
          "\(archetype.description(in: model)), variable '\(name)', init snippet '\(entry.snippet.name)'",
        time: false)
      environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "element index")
      environment.defineNeuronSizes("group.numNeurons", update: false, batches: batches)
      environment.define("value", valueType, spelling: "value", role: "value being initialised")
      addParameters(
        to: &environment, prefix: "\(name)_", params: entry.snippet.params,
        derived: entry.snippet.derivedParams, paramTypes: entry.snippet.paramTypes)
      addExtraGlobalParameters(
        to: &environment, entry.snippet.extraGlobalParams, prefix: "\(name)_")
      let checked = checkStatements(entry.snippet.code, in: environment)
      line("// variable '\(name)': snippet '\(entry.snippet.name.commentText)'")
      let once = batches > 1 ? "(group.batch == 0u || group.batched_\(name))" : nil
      switch (entry.isShared, once) {
      case (true, let once?): line("if (id == 0 && \(once)) {")
      case (true, nil): line("if (id == 0) {")
      case (false, let once?): line("if \(once) {")
      case (false, nil): line("{")
      }
      // Only snippets that draw random numbers set up a generator (GeNN's isInitRNGRequired).
      if entry.snippet.code.contains("gennrand") {
        line("GeNNRng rng;")
        line("genn_rng_init(&rng, group.seed, group.stream_\(name), id, 0xFFFFFFFFu);")
      }
      line("\(valueType.cName) value = 0;")
      code(checked)
      line("// every delay slot of a queued variable starts with the value")
      line("for (uint32_t slot = 0; slot < group.slots_\(name); slot++) {")
      line("group.v_\(name)[(size_t)slot * group.size + id] = value;")
      line("}")
      line("}")
    }
  }

  /// Fills the struct of each member of `group`, `field(member)` naming it.
  mutating func writeInitGroupBinding(_ group: MergedInitGroup, field: (Int) -> String) {
    for (member, element) in group.elements.enumerated() {
      let field = field(member)
      line("// initialisation of \(element.description(in: model))")
      line("\(field).size = \(element.size(in: model))u;")
      line("\(field).numNeurons = \(element.neuronCount(in: model))u;")
      line("\(field).seed = \(batchSeed);")
      if batches > 1 { line("\(field).batch = batch;") }
      for entry in element.snippetVariables(in: model) {
        let name = entry.variable.name
        let (role, stream) = element.array(ofVariable: name, in: model)
        if batches > 1 {
          line("\(field).batched_\(name) = \(memory.hasCopyPerBatch(role));")
        }
        bindArray(field, "v_\(name)", to: role)
        line("\(field).stream_\(name) = \(stream)u;")
        line("\(field).slots_\(name) = \(slots(of: element, variable: name))u;")
        writeParameterBindings(
          field: field, prefix: "\(name)_", params: entry.params, names: entry.snippet.params,
          derived: entry.snippet.derivedParams, paramTypes: entry.snippet.paramTypes)
        bindInitSnippetExtraGlobalParameters(
          field, entry.snippet, prefix: "\(name)_", element: element.name(in: model),
          variables: "vars", variable: name)
      }
      if element.indexesArrays(in: model) { bindOutOfRangeRecord(field) }
    }
  }
}
