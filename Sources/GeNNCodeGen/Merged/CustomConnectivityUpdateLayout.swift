import GeNNModel
import GeNNTranspiler

extension MemoryPlan {
  /// The arrays of custom connectivity update `update`: per-synapse variables padded as
  /// its synapse population's rows, presynaptic and postsynaptic variables, extra global
  /// parameters, and where its row code adds synapses the count of those without room.
  mutating func addCustomConnectivityUpdate(
    _ update: CustomConnectivityUpdate, model: ModelSpec, types: TypeContext
  ) {
    guard let synapses = model.synapsePopulations.first(where: { $0.name == update.synapses }),
      let source = model.neuronPopulation(named: synapses.source)?.size,
      let target = model.neuronPopulation(named: synapses.target)?.size
    else { return }
    let perSynapse = saturatingProduct(
      source, SparseConnectivity.rowStride(of: synapses, sourceSize: source, targetSize: target))
    for variable in update.model.vars {
      add(
        .customConnectivityUpdateVariable(update: update.name, variable: variable.name),
        variable.valueType!, types, perSynapse)
    }
    for variable in update.model.preVars {
      add(
        .customConnectivityUpdatePreVariable(update: update.name, variable: variable.name),
        variable.valueType!, types, source)
    }
    for variable in update.model.postVars {
      add(
        .customConnectivityUpdatePostVariable(update: update.name, variable: variable.name),
        variable.valueType!, types, target)
    }
    for egp in update.model.extraGlobalParams {
      add(
        .customConnectivityUpdateExtraGlobalParameter(update: update.name, parameter: egp.name),
        egp.elementType!, types, update.extraGlobalParams[egp.name]?.count ?? 0)
    }
    if update.model.addsSynapses {
      add(
        .customConnectivityUpdateDroppedSynapses(update: update.name), .numeric(.uint64), types, 2)
    }
  }
}
