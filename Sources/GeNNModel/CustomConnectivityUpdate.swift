/// A custom connectivity update: a model's code run over the rows of one SPARSE synapse
/// population when the user calls its update group, GeNN's
/// `add_custom_connectivity_update`.
public struct CustomConnectivityUpdate: Sendable {
  /// A name unique among the model's custom updates and custom connectivity updates.
  public var name: String
  /// The update group it belongs to: one call runs every custom update and custom
  /// connectivity update of a group.
  public var updateGroup: String
  /// The SPARSE synapse population whose rows it updates.
  public var synapses: String
  /// The model.
  public var model: CustomConnectivityUpdateModel
  /// A value for every parameter of the model.
  public var params: [String: Double]
  /// An initialiser for every per-synapse variable.
  public var vars: [String: VarInit]
  /// An initialiser for every presynaptic variable.
  public var preVars: [String: VarInit]
  /// An initialiser for every postsynaptic variable.
  public var postVars: [String: VarInit]
  /// The per-synapse variable each per-synapse reference points at.
  public var varRefs: [String: CustomUpdateTarget]
  /// The presynaptic neuron variable each presynaptic reference points at.
  public var preVarRefs: [String: CustomUpdateTarget]
  /// The postsynaptic neuron variable each postsynaptic reference points at.
  public var postVarRefs: [String: CustomUpdateTarget]
  /// Values for the model's extra global parameter arrays.
  public var extraGlobalParams: [String: [Double]]
  /// The extra global parameter each of the model's extra global parameter references
  /// points at.
  public var egpRefs: [String: ExtraGlobalParameterTarget]
  /// The parameters that can change between steps (PyGeNN's `set_param_dynamic`).
  public var dynamicParams: Set<String> = []

  /// Creates a custom connectivity update.
  public init(
    name: String, updateGroup: String, synapses: String, model: CustomConnectivityUpdateModel,
    params: [String: Double] = [:], vars: [String: VarInit] = [:],
    preVars: [String: VarInit] = [:], postVars: [String: VarInit] = [:],
    varRefs: [String: CustomUpdateTarget] = [:], preVarRefs: [String: CustomUpdateTarget] = [:],
    postVarRefs: [String: CustomUpdateTarget] = [:], extraGlobalParams: [String: [Double]] = [:],
    egpRefs: [String: ExtraGlobalParameterTarget] = [:]
  ) {
    self.name = name
    self.updateGroup = updateGroup
    self.synapses = synapses
    self.model = model
    self.params = params
    self.vars = vars
    self.preVars = preVars
    self.postVars = postVars
    self.varRefs = varRefs
    self.preVarRefs = preVarRefs
    self.postVarRefs = postVarRefs
    self.extraGlobalParams = extraGlobalParams
    self.egpRefs = egpRefs
  }
}

/// A per-synapse array that adding and removing synapses must keep aligned with the
/// connectivity: GeNN's "dependent variables".
public enum DependentSynapseVariable: Hashable, Sendable {
  /// A weight update model's per-synapse variable.
  case weightUpdate(variable: String)
  /// A per-synapse custom update's variable.
  case customUpdate(update: String, variable: String)
  /// A custom connectivity update's per-synapse variable.
  case customConnectivityUpdate(update: String, variable: String)
}

extension ModelSpec {
  /// Adds a custom connectivity update. As in GeNN, a SPARSE population whose synapses
  /// are listed (or all-to-all) keeps room for one synapse per target neuron in each row
  /// when the update's row code adds synapses and the population sets no
  /// ``SynapsePopulation/maxConnections``.
  public mutating func addCustomConnectivityUpdate(_ update: CustomConnectivityUpdate) {
    customConnectivityUpdates.append(update)
    guard update.model.addsSynapses,
      let position = synapsePopulations.firstIndex(where: { $0.name == update.synapses }),
      synapsePopulations[position].matrixType == .sparse,
      synapsePopulations[position].maxConnections == nil,
      let target = neuronPopulation(named: synapsePopulations[position].target)?.size
    else { return }
    switch synapsePopulations[position].connectivity {
    case .explicit(let pre, _):
      let longest = pre.reduce(into: [Int: Int]()) { $0[$1, default: 0] += 1 }.values.max() ?? 0
      synapsePopulations[position].maxConnections = max(target, longest)
    case .allToAll, .snippet, .toeplitz: break
    }
  }

  /// The custom connectivity update named `name`.
  public func customConnectivityUpdate(named name: String) -> CustomConnectivityUpdate? {
    customConnectivityUpdates.first { $0.name == name }
  }

  /// Whether custom connectivity updates add or remove synapses of synapse population
  /// `synapses`: its rows then change in length and order as the model runs (GeNN keeps
  /// them unsorted after a change).
  public func rowsChange(of synapses: String) -> Bool {
    customConnectivityUpdates.contains { $0.synapses == synapses && $0.model.modifiesConnectivity }
  }

  /// The custom connectivity updates of `group` in GeNN's order (by name).
  public func customConnectivityUpdates(inGroup group: String) -> [Int] {
    customConnectivityUpdates.indices.filter { customConnectivityUpdates[$0].updateGroup == group }
      .sorted { customConnectivityUpdates[$0].name < customConnectivityUpdates[$1].name }
  }

  /// The per-synapse arrays of `update`'s synapse population that it does not reference
  /// itself and that adding or removing a synapse must move with it (GeNN's
  /// `getDependentVariables`): the weight update variables, the variables of custom
  /// updates over those synapses and of the other custom connectivity updates on them.
  public func dependentVariables(of update: CustomConnectivityUpdate)
    -> [DependentSynapseVariable]
  {
    let referenced = Set(
      update.varRefs.values.compactMap { target -> DependentSynapseVariable? in
        switch target {
        case .weightUpdateVariable(let synapses, let variable)
        where synapses == update.synapses:
          .weightUpdate(variable: variable)
        case .customUpdateVariable(let name, let variable):
          .customUpdate(update: name, variable: variable)
        case .customConnectivityUpdateVariable(let name, let variable):
          .customConnectivityUpdate(update: name, variable: variable)
        default: nil
        }
      })
    var result: [DependentSynapseVariable] = []
    if let synapses = synapsePopulations.first(where: { $0.name == update.synapses }),
      synapses.matrixType.weightStorage == .individual
    {
      result += synapses.weightUpdate.vars.map { .weightUpdate(variable: $0.name) }
    }
    for custom in customUpdates {
      guard case .synapses(let name)? = shape(of: custom), name == update.synapses else {
        continue
      }
      result += custom.model.vars.map { .customUpdate(update: custom.name, variable: $0.name) }
    }
    for other in customConnectivityUpdates
    where other.synapses == update.synapses && other.name != update.name {
      result += other.model.vars.map {
        .customConnectivityUpdate(update: other.name, variable: $0.name)
      }
    }
    return result.filter { !referenced.contains($0) }
  }
}
