import GeNNModel
import GeNNTranspiler

/// Initialisation of the variables that use snippets. Constants and per-element values
/// are written by the runtime; snippets run here, each element with its own random
/// stream, so the values do not depend on the number of threads.
extension ModuleWriter {
  /// The variables of an element initialised by snippets, with the snippet and values.
  private func snippetVariables(of element: MergedInitGroup.Element) -> [(
    variable: Variable, snippet: InitSnippet, params: [String: Double]
  )] {
    let (vars, inits): ([Variable], [String: VarInit]) =
      switch element {
      case .neuronPopulation(let index):
        (model.neuronPopulations[index].model.vars, model.neuronPopulations[index].vars)
      case .currentSource(let index):
        (model.currentSources[index].model.vars, model.currentSources[index].vars)
      case .customUpdate(let index):
        (
          model.customUpdates[index].model.vars.map { Variable($0.name, $0.type) },
          model.customUpdates[index].vars
        )
      }
    return vars.compactMap { variable in
      guard case .snippet(let snippet, let params)? = inits[variable.name] else { return nil }
      return (variable, snippet, params)
    }
  }

  private func describe(_ element: MergedInitGroup.Element) -> String {
    switch element {
    case .neuronPopulation(let index): "neuron population '\(model.neuronPopulations[index].name)'"
    case .currentSource(let index): "current source '\(model.currentSources[index].name)'"
    case .customUpdate(let index): "custom update '\(model.customUpdates[index].name)'"
    }
  }

  private func size(of element: MergedInitGroup.Element) -> Int {
    switch element {
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

  mutating func writeInitGroup(_ group: MergedInitGroup) {
    let archetype = group.elements[0]
    let variables = snippetVariables(of: archetype)
    let structName = "InitGroup\(group.index)"
    let members = group.elements.map(describe).joined(separator: ", ")
    line("// Initialisation group \(group.index): \(members).")
    line("struct \(structName) {")
    line("    uint32_t size;")
    for entry in variables {
      let name = entry.variable.name
      line("    \(cType(entry.variable.valueType!)) *v_\(name);")
      line("    uint32_t stream_\(name);")
      line("    uint32_t slots_\(name);")
      declareParameters(
        prefix: "\(name)_", params: entry.snippet.params, derived: entry.snippet.derivedParams)
    }
    line("};")
    line()
    line(
      "void initialiseGroup\(group.index)(const \(structName) &group, uint32_t begin, uint32_t end) {"
    )
    line("    for (uint32_t id = begin; id < end; id++) {")
    for entry in variables {
      let name = entry.variable.name
      let valueType = GeNNType.numeric(entry.variable.valueType!.resolved(in: types))
      var environment = baseEnvironment(
        context: "\(describe(archetype)), variable '\(name)', init snippet '\(entry.snippet.name)'",
        time: false)
      environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "element index")
      environment.define("value", valueType, spelling: "value", role: "value being initialised")
      addParameters(
        to: &environment, prefix: "\(name)_", params: entry.snippet.params,
        derived: entry.snippet.derivedParams)
      let checked = checkStatements(entry.snippet.code, in: environment)
      line("        // variable '\(name)': snippet '\(entry.snippet.name)'")
      line("        {")
      // Only snippets that draw random numbers set up a generator (GeNN's isInitRNGRequired).
      if entry.snippet.code.contains("gennrand") {
        line("            GeNNRng rng;")
        line("            genn_rng_init(&rng, kSeed, group.stream_\(name), id, 0xFFFFFFFFu);")
      }
      line("            \(valueType.cName) value = 0;")
      block(checked?.code(level: 3).dropLastNewline ?? "")
      line("            // every delay slot of a queued variable starts with the value")
      line("            for (uint32_t slot = 0; slot < group.slots_\(name); slot++) {")
      line("                group.v_\(name)[(size_t)slot * group.size + id] = value;")
      line("            }")
      line("        }")
    }
    line("    }")
    line("}")
    line()
  }

  mutating func writeInitGroupBinding(_ group: MergedInitGroup) {
    for (member, element) in group.elements.enumerated() {
      let field = "m.initGroup\(group.index)[\(member)]"
      line("    // initialisation of \(describe(element))")
      line("    \(field).size = \(size(of: element))u;")
      for entry in snippetVariables(of: element) {
        let name = entry.variable.name
        let role: ArrayLayout.Role
        let stream: UInt32
        switch element {
        case .neuronPopulation(let index):
          let population = model.neuronPopulations[index]
          role = .neuronVariable(population: population.name, variable: name)
          let position = population.model.vars.firstIndex { $0.name == name } ?? 0
          stream = 0x8000_0000 | (UInt32(index) << 8) | UInt32(position & 0xFF)
        case .currentSource(let index):
          let source = model.currentSources[index]
          role = .currentSourceVariable(source: source.name, variable: name)
          let position = source.model.vars.firstIndex { $0.name == name } ?? 0
          stream = 0xC000_0000 | (UInt32(index) << 8) | UInt32(position & 0xFF)
        case .customUpdate(let index):
          let update = model.customUpdates[index]
          role = .customUpdateVariable(update: update.name, variable: name)
          let position = update.model.vars.firstIndex { $0.name == name } ?? 0
          stream = 0xE000_0000 | (UInt32(index) << 8) | UInt32(position & 0xFF)
        }
        bindArray(field, "v_\(name)", to: role)
        line("    \(field).stream_\(name) = \(stream)u;")
        line("    \(field).slots_\(name) = \(slots(of: element, variable: name))u;")
        writeParameterBindings(
          field: field, prefix: "\(name)_", params: entry.params, names: entry.snippet.params,
          derived: entry.snippet.derivedParams)
      }
    }
  }
}
