import GeNNTranspiler

/// What current sources and synapse populations add to and read from their neurons:
/// their target inputs (GeNN's `target_var`, `pre_target_var`, `post_target_var`) and
/// a current source's neuron variable references.
extension ModelSpec {
  /// Current source `source` (described by `element`) on `target`: its input is `Isyn`
  /// or one of the target model's additional input variables, and its neuron variable
  /// references name the target's variables (as the weight update model's do).
  func checkCurrentSourceInputs(
    _ source: CurrentSource, element: String, target: NeuronPopulation
  ) -> [ModelProblem] {
    var problems = checkTargetInput(
      source.targetVar, element: element, field: "target_var", neurons: target)
    let references = source.model.neuronVarRefs
    problems += references.filter { TypeName.Base(parsing: $0.type) == nil }.map {
      .invalidType(element: element, field: $0.name, type: $0.type)
    }
    let model = source.model
    var seen = Set(model.params + model.derivedParams.map(\.name) + model.vars.map(\.name))
    seen.formUnion(model.extraGlobalParams.map(\.name))
    for reference in references {
      if !Identifier.isValid(reference.name) {
        problems.append(.invalidName(element: element, name: reference.name))
      }
      if !seen.insert(reference.name).inserted {
        problems.append(.duplicateField(element: element, field: reference.name))
      }
    }
    problems += checkReferences(
      element: element, field: "varRefs", given: source.varRefs, declared: references,
      variables: target.model.vars,
      owner: "target population '\(target.name)' (neuron model '\(target.model.name)')")
    return problems
  }

  /// The inputs synapse population `synapses` adds to: its postsynaptic model's on the
  /// target neurons, `addToPre`'s on the source neurons.
  func checkSynapseInputs(
    _ synapses: SynapsePopulation, element: String, source: NeuronPopulation,
    target: NeuronPopulation
  ) -> [ModelProblem] {
    checkTargetInput(
      synapses.postTargetVar, element: element, field: "post_target_var", neurons: target)
      + checkTargetInput(
        synapses.preTargetVar, element: element, field: "pre_target_var", neurons: source)
  }

  /// `name` is an identifier, and `Isyn` or an additional input variable of `neurons`'
  /// model, as GeNN's `setTargetVar` requires.
  private func checkTargetInput(
    _ name: String, element: String, field: String, neurons: NeuronPopulation
  ) -> [ModelProblem] {
    guard Identifier.isValid(name) else { return [.invalidName(element: element, name: name)] }
    let inputs = ["Isyn"] + neurons.model.additionalInputVars.map(\.name)
    guard !inputs.contains(name) else { return [] }
    return [
      .unknownInput(
        element: element, field: field, name: name, population: neurons.name, available: inputs)
    ]
  }
}
