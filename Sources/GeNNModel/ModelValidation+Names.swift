import GeNNTranspiler

extension ModelSpec {
  /// The names and types that reach generated code besides those the element checks
  /// cover: the model's own name, additional input variables, the neuron variable
  /// references of weight update and postsynaptic models, and the parameters of every
  /// variable-initialisation, connectivity and Toeplitz snippet. Each name is an
  /// ``Identifier`` unique in its model's namespace, and each type one GeNN knows.
  func checkNames() -> [ModelProblem] {
    var problems: [ModelProblem] = []
    if !Identifier.isValid(name) { problems.append(.invalidName(element: "model", name: name)) }
    for population in neuronPopulations {
      let model = population.model
      problems += checkNamespace(
        element: "neuron population '\(population.name)'",
        declared: model.params + model.derivedParams.map(\.name) + model.vars.map(\.name)
          + model.extraGlobalParams.map(\.name),
        added: model.additionalInputVars.map(\.name))
    }
    for synapses in synapsePopulations {
      let element = "synapse population '\(synapses.name)'"
      let weightUpdate = synapses.weightUpdate
      let references =
        weightUpdate.preNeuronVarRefs + weightUpdate.postNeuronVarRefs + weightUpdate.psmVarRefs
      let weightUpdateElement = element + " (weight update model '\(weightUpdate.name)')"
      problems += checkNamespace(
        element: weightUpdateElement,
        declared: weightUpdate.params + weightUpdate.derivedParams.map(\.name)
          + (weightUpdate.vars + weightUpdate.preVars + weightUpdate.postVars).map(\.name)
          + weightUpdate.extraGlobalParams.map(\.name),
        added: references.map(\.name))
      problems += checkTypes(element: weightUpdateElement, references)
      let postsynaptic = synapses.postsynaptic
      let postsynapticElement = element + " (postsynaptic model '\(postsynaptic.name)')"
      problems += checkNamespace(
        element: postsynapticElement,
        declared: postsynaptic.params + postsynaptic.derivedParams.map(\.name)
          + postsynaptic.vars.map(\.name),
        added: postsynaptic.neuronVarRefs.map(\.name))
      problems += checkTypes(element: postsynapticElement, postsynaptic.neuronVarRefs)
      problems += checkSnippetNames(synapses.connectivity, element: element)
    }
    return problems
  }

  /// The names `added` to a model whose other names, `declared`, are checked with its
  /// fields: each a valid name, distinct from every other.
  private func checkNamespace(element: String, declared: [String], added: [String])
    -> [ModelProblem]
  {
    var problems: [ModelProblem] = []
    var seen = Set(declared)
    for name in added {
      if !Identifier.isValid(name) { problems.append(.invalidName(element: element, name: name)) }
      if !seen.insert(name).inserted {
        problems.append(.duplicateField(element: element, field: name))
      }
    }
    return problems
  }

  /// Each reference's type is one GeNN knows.
  private func checkTypes(element: String, _ references: [NeuronVarReference]) -> [ModelProblem] {
    references.filter { TypeName.Base(parsing: $0.type) == nil }.map {
      .invalidType(element: element, field: $0.name, type: $0.type)
    }
  }

  /// The parameter names and types of a connectivity or Toeplitz snippet.
  private func checkSnippetNames(_ connectivity: Connectivity, element: String) -> [ModelProblem] {
    let place: String
    let params: [String]
    let derived: [DerivedParameter]
    let paramTypes: [String: String]
    switch connectivity {
    case .allToAll, .explicit: return []
    case .snippet(let snippet, _):
      place = "\(element), connectivity snippet '\(snippet.name)'"
      (params, derived, paramTypes) = (snippet.params, snippet.derivedParams, snippet.paramTypes)
    case .toeplitz(let snippet, _):
      place = "\(element), Toeplitz snippet '\(snippet.name)'"
      (params, derived, paramTypes) = (snippet.params, snippet.derivedParams, snippet.paramTypes)
    }
    return checkFields(
      element: place, params: params, paramTypes: paramTypes, derived: derived, vars: [],
      egps: [])
  }
}
