import GeNNModel
import GeNNTranspiler

/// The `record` entry.
extension ModelFileDecoder {
  /// The keys of `record`.
  static let recordKeys = ["spikes", "spike_events", "vars"]
  /// The keys of one entry of `record.vars`.
  static let variableRecordingKeys = [
    "population", "synapses", "current_source", "custom_update", "custom_connectivity_update",
    "var", "every",
  ]

  /// Reads `record`: populations whose spikes and spike-like events to record, and
  /// variables.
  mutating func decodeRecord(_ value: YAMLValue) throws(ModelFileError) {
    let fields = try value.mapping(allowed: Self.recordKeys)
    for item in try names(fields["spikes"]) {
      let population = try population(named: item)
      if let index = model.neuronPopulations.firstIndex(where: { $0.name == population.name }) {
        model.neuronPopulations[index].recordSpikes = true
      }
      if !recording.spikes.contains(population.name) { recording.spikes.append(population.name) }
    }
    for item in try names(fields["spike_events"]) {
      let population = try population(named: item)
      if let index = model.neuronPopulations.firstIndex(where: { $0.name == population.name }) {
        model.neuronPopulations[index].recordSpikeEvents = true
      }
      if !recording.spikeEvents.contains(population.name) {
        recording.spikeEvents.append(population.name)
      }
    }
    for item in try fields["vars"]?.list("a list of {population: ..., var: ...} entries") ?? [] {
      recording.variables.append(try variableRecording(item))
    }
  }

  /// The items of a list of names (a single name is a list of one).
  private func names(_ value: YAMLValue?) throws(ModelFileError) -> [YAMLValue] {
    guard let value, !value.isNull else { return [] }
    if value.node.scalar != nil { return [value] }
    return try value.list("a list of neuron population names")
  }

  /// One entry of `record.vars`.
  private func variableRecording(_ value: YAMLValue) throws(ModelFileError) -> VariableRecording {
    let fields = try value.mapping(allowed: Self.variableRecordingKeys, required: ["var"])
    let allOwners = [
      "population", "synapses", "current_source", "custom_update", "custom_connectivity_update",
    ]
    let owners = allOwners.filter { fields[$0] != nil }
    guard owners.count == 1, let owner = owners.first, let ownerValue = fields[owner] else {
      throw value.error(
        .conflictingKeys(
          key: value.key, keys: allOwners,
          reason: owners.isEmpty ? "are all missing; give one" : "cannot be combined; give one"))
    }
    let element: ModelElement
    let variables: [String]
    switch owner {
    case "population":
      let population = try population(named: ownerValue)
      element = .neuronPopulation(population.name)
      variables = population.model.vars.map(\.name)
    case "synapses":
      let name = try ownerValue.string("the name of a synapse population")
      guard let synapses = model.synapsePopulations.first(where: { $0.name == name }) else {
        throw unknown(ownerValue, "synapse population", name, model.synapsePopulations.map(\.name))
      }
      element = .synapsePopulation(name)
      variables =
        (synapses.weightUpdate.vars + synapses.weightUpdate.preVars
        + synapses.weightUpdate.postVars + synapses.postsynaptic.vars).map(\.name)
    case "custom_update":
      let name = try ownerValue.string("the name of a custom update")
      guard let update = model.customUpdate(named: name) else {
        throw unknown(ownerValue, "custom update", name, model.customUpdates.map(\.name))
      }
      element = .customUpdate(name)
      variables = update.model.vars.map(\.name)
    case "custom_connectivity_update":
      let name = try ownerValue.string("the name of a custom connectivity update")
      guard let update = model.customConnectivityUpdate(named: name) else {
        throw unknown(
          ownerValue, "custom connectivity update", name,
          model.customConnectivityUpdates.map(\.name))
      }
      element = .customConnectivityUpdate(name)
      variables = (update.model.vars + update.model.preVars + update.model.postVars).map(\.name)
    default:
      let name = try ownerValue.string("the name of a current source")
      guard let source = model.currentSources.first(where: { $0.name == name }) else {
        throw unknown(ownerValue, "current source", name, model.currentSources.map(\.name))
      }
      element = .currentSource(name)
      variables = source.model.vars.map(\.name)
    }
    let variableValue = try fields.required("var")
    let variable = try variableValue.string("a variable name")
    guard variables.contains(variable) else {
      throw unknown(variableValue, "variable of \(element)", variable, variables)
    }
    let every = try fields["every"]?.integer(atLeast: 1) ?? 1
    return VariableRecording(element: element, variable: variable, everySteps: every)
  }

  private func unknown(_ value: YAMLValue, _ kind: String, _ name: String, _ available: [String])
    -> ModelFileError
  {
    value.error(
      .unknownName(
        key: value.key, kind: kind, name: name, available: available,
        suggestion: NameSuggestion.closest(to: name, among: available)))
  }
}
