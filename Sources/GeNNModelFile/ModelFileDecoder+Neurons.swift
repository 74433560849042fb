import GeNNModel
import GeNNTranspiler

/// Neuron populations and current sources.
extension ModelFileDecoder {
  /// The keys of a neuron population.
  static let neuronPopulationKeys = [
    "size", "model", "params", "vars", "extra_global_params", "record_spikes",
    "record_spike_events", "dynamic_params",
  ]
  /// The keys of a current source.
  static let currentSourceKeys = [
    "model", "target", "params", "vars", "extra_global_params", "dynamic_params", "var_refs",
    "target_var",
  ]

  /// Adds the neuron population `name`.
  mutating func decodeNeuronPopulation(_ name: String, _ value: YAMLValue) throws(ModelFileError) {
    let fields = try value.mapping(allowed: Self.neuronPopulationKeys, required: ["size", "model"])
    let size = try fields.required("size").integer(atLeast: 1)
    let neuronModel = try self.neuronModel(fields.required("model"), name: name)
    try recordUnits(of: .neuronPopulation(name), model: fields.required("model"))
    let recordSpikes = try fields["record_spikes"]?.bool() ?? false
    let recordSpikeEvents = try fields["record_spike_events"]?.bool() ?? false
    model.addNeuronPopulation(
      name, size: size, model: neuronModel,
      params: try parameterValues(
        fields["params"], allowed: neuronModel.params, of: .neuron, model: neuronModel.name,
        declared: units.parameters[.neuronPopulation(name)]),
      vars: try variableInitialisers(
        fields["vars"], allowed: neuronModel.vars.map(\.name), count: size, unit: "neuron"),
      extraGlobalParams: try extraGlobalValues(
        fields["extra_global_params"], allowed: neuronModel.extraGlobalParams.map(\.name)),
      recordSpikes: recordSpikes, recordSpikeEvents: recordSpikeEvents)
    model.neuronPopulations[model.neuronPopulations.count - 1].dynamicParams =
      try dynamicParameterNames(fields["dynamic_params"], allowed: neuronModel.params)
    if recordSpikes { recording.spikes.append(name) }
    if recordSpikeEvents { recording.spikeEvents.append(name) }
  }

  /// Adds the current source `name`.
  mutating func decodeCurrentSource(_ name: String, _ value: YAMLValue) throws(ModelFileError) {
    let fields = try value.mapping(allowed: Self.currentSourceKeys, required: ["model", "target"])
    let targetValue = try fields.required("target")
    let target = try population(named: targetValue)
    let sourceModel = try currentSourceModel(fields.required("model"), name: name)
    try recordUnits(of: .currentSource(name), model: fields.required("model"))
    model.addCurrentSource(
      name, model: sourceModel, target: target.name,
      params: try parameterValues(
        fields["params"], allowed: sourceModel.params, of: .currentSource,
        model: sourceModel.name, declared: units.parameters[.currentSource(name)]),
      vars: try variableInitialisers(
        fields["vars"], allowed: sourceModel.vars.map(\.name), count: target.size,
        unit: "target neuron"),
      extraGlobalParams: try extraGlobalValues(
        fields["extra_global_params"], allowed: sourceModel.extraGlobalParams.map(\.name)),
      varRefs: try referenceTargets(
        fields["var_refs"], references: sourceModel.neuronVarRefs.map(\.name),
        variables: target.model.vars.map(\.name), owner: "neuron population '\(target.name)'"),
      targetVar: try fields["target_var"]?.string("Isyn or an additional input variable")
        ?? "Isyn")
    model.currentSources[model.currentSources.count - 1].dynamicParams =
      try dynamicParameterNames(fields["dynamic_params"], allowed: sourceModel.params)
  }

  /// The neuron population `value` names, which the file must define (above).
  func population(named value: YAMLValue) throws(ModelFileError) -> NeuronPopulation {
    let name = try value.string("the name of a neuron population")
    guard let population = model.neuronPopulation(named: name) else {
      let available = model.neuronPopulations.map(\.name)
      throw value.error(
        .unknownName(
          key: value.key, kind: "neuron population", name: name, available: available,
          suggestion: NameSuggestion.closest(to: name, among: available)))
    }
    return population
  }
}
