import GeNNModel

extension ModelElement {
  /// The unit of the element's variable `variable` in `model` (`mV`, `nA`, `uS`, `1`
  /// for a number without unit) where the element's model is built in and GeNN's
  /// documentation gives one (``ModelReference``); `nil` for a model of the user's own.
  /// A weight update model's weight is in `nA` or `uS`, as the synapse population's
  /// postsynaptic model takes a current or a conductance.
  public func unit(ofVariable variable: String, in model: ModelSpec) -> String? {
    switch self {
    case .neuronPopulation(let name):
      guard let population = model.neuronPopulation(named: name) else { return nil }
      return ModelReference.variableUnits(
        .neuron, name: population.model.name, variables: population.model.vars.map(\.name)
      )[variable]
    case .currentSource(let name):
      guard let source = model.currentSources.first(where: { $0.name == name }) else {
        return nil
      }
      return ModelReference.variableUnits(
        .currentSource, name: source.model.name, variables: source.model.vars.map(\.name)
      )[variable]
    case .synapsePopulation(let name):
      guard let synapses = model.synapsePopulations.first(where: { $0.name == name }) else {
        return nil
      }
      let weightUpdate = synapses.weightUpdate
      let postsynaptic = synapses.postsynaptic
      let unit =
        ModelReference.variableUnits(
          .weightUpdate, name: weightUpdate.name,
          variables: (weightUpdate.vars + weightUpdate.preVars + weightUpdate.postVars).map(\.name)
        )[variable]
        ?? ModelReference.variableUnits(
          .postsynaptic, name: postsynaptic.name, variables: postsynaptic.vars.map(\.name)
        )[variable]
      guard unit == "weight" else { return unit }
      return ModelReference.weightUnit(
        postsynaptic: postsynaptic.name, params: postsynaptic.params)
    case .customUpdate(let name):
      guard let update = model.customUpdates.first(where: { $0.name == name }) else {
        return nil
      }
      return ModelReference.variableUnits(
        .customUpdate, name: update.model.name, variables: update.model.vars.map(\.name)
      )[variable]
    case .customConnectivityUpdate:
      return nil
    }
  }
}
