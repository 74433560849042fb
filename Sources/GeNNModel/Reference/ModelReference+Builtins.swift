/// The references of GeNN's built-in models, read from their declarations.
extension ModelReference {
  /// The built-in models of `kind`, in no particular order.
  static func builtins(of kind: ModelKind) -> [ModelReference] {
    switch kind {
    case .neuron: NeuronModel.builtins.values.map(Self.init(neuron:))
    case .weightUpdate: WeightUpdateModel.builtins.values.map(Self.init(weightUpdate:))
    case .postsynaptic: PostsynapticModel.builtins.values.map(Self.init(postsynaptic:))
    case .currentSource: CurrentSourceModel.builtins.values.map(Self.init(currentSource:))
    case .customUpdate: CustomUpdateModel.builtins.values.map(Self.init(customUpdate:))
    case .variableInitialisation: InitSnippet.builtins.values.map(Self.init(initSnippet:))
    case .connectivity: ConnectivitySnippet.builtins.values.map(Self.init(connectivity:))
    case .toeplitzConnectivity: ToeplitzSnippet.builtins.values.map(Self.init(toeplitz:))
    }
  }

  private static func fields(_ variables: [Variable]) -> [(
    name: String, type: String, access: String
  )] {
    variables.map { ($0.name, $0.type, $0.access.rawValue) }
  }

  private static func fields(_ references: [NeuronVarReference]) -> [(
    name: String, type: String, access: String
  )] {
    references.map { ($0.name, $0.type, $0.isReadOnly ? "READ_ONLY" : "READ_WRITE") }
  }

  init(neuron model: NeuronModel) {
    self.init(
      kind: .neuron, name: model.name, params: model.params, paramTypes: model.paramTypes,
      derived: model.derivedParams, variables: Self.fields(model.vars), references: [],
      extraGlobalParameters: model.extraGlobalParams,
      code: [
        ("sim_code", model.simCode), ("threshold_condition_code", model.thresholdConditionCode),
        ("reset_code", model.resetCode),
      ])
  }

  init(weightUpdate model: WeightUpdateModel) {
    self.init(
      kind: .weightUpdate, name: model.name, params: model.params,
      paramTypes: model.paramTypes, derived: model.derivedParams,
      variables: Self.fields(model.vars) + Self.fields(model.preVars)
        + Self.fields(model.postVars),
      references: Self.fields(model.preNeuronVarRefs + model.postNeuronVarRefs + model.psmVarRefs),
      extraGlobalParameters: model.extraGlobalParams,
      code: [
        ("pre_spike_syn_code", model.preSpikeSynCode),
        ("pre_event_syn_code", model.preEventSynCode),
        ("post_spike_syn_code", model.postSpikeSynCode),
        ("post_event_syn_code", model.postEventSynCode),
        ("synapse_dynamics_code", model.synapseDynamicsCode),
        ("pre_event_threshold_condition_code", model.preEventThresholdConditionCode),
        ("post_event_threshold_condition_code", model.postEventThresholdConditionCode),
        ("pre_spike_code", model.preSpikeCode), ("post_spike_code", model.postSpikeCode),
        ("pre_dynamics_code", model.preDynamicsCode),
        ("post_dynamics_code", model.postDynamicsCode),
      ])
  }

  init(postsynaptic model: PostsynapticModel) {
    self.init(
      kind: .postsynaptic, name: model.name, params: model.params,
      paramTypes: model.paramTypes, derived: model.derivedParams,
      variables: Self.fields(model.vars), references: Self.fields(model.neuronVarRefs),
      extraGlobalParameters: model.extraGlobalParams, code: [("sim_code", model.simCode)])
  }

  init(currentSource model: CurrentSourceModel) {
    self.init(
      kind: .currentSource, name: model.name, params: model.params,
      paramTypes: model.paramTypes, derived: model.derivedParams,
      variables: Self.fields(model.vars), references: Self.fields(model.neuronVarRefs),
      extraGlobalParameters: model.extraGlobalParams,
      code: [("injection_code", model.injectionCode)])
  }

  init(customUpdate model: CustomUpdateModel) {
    self.init(
      kind: .customUpdate, name: model.name, params: model.params,
      paramTypes: model.paramTypes, derived: model.derivedParams,
      variables: model.vars.map { ($0.name, $0.type, $0.access.rawValue) },
      references: model.varRefs.map { ($0.name, $0.type, $0.access.rawValue) },
      extraGlobalParameters: model.extraGlobalParams + model.extraGlobalParamRefs,
      code: [("update_code", model.updateCode)])
  }

  init(initSnippet snippet: InitSnippet) {
    self.init(
      kind: .variableInitialisation, name: snippet.name, params: snippet.params,
      paramTypes: snippet.paramTypes, derived: snippet.derivedParams, variables: [],
      references: [], extraGlobalParameters: snippet.extraGlobalParams,
      code: [("code", snippet.code)])
  }

  init(connectivity snippet: ConnectivitySnippet) {
    self.init(
      kind: .connectivity, name: snippet.name, params: snippet.params,
      paramTypes: snippet.paramTypes, derived: snippet.derivedParams, variables: [],
      references: [], extraGlobalParameters: snippet.extraGlobalParams,
      code: [("row_build_code", snippet.rowBuildCode), ("col_build_code", snippet.colBuildCode)])
  }

  init(toeplitz snippet: ToeplitzSnippet) {
    self.init(
      kind: .toeplitzConnectivity, name: snippet.name, params: snippet.params,
      paramTypes: snippet.paramTypes, derived: snippet.derivedParams, variables: [],
      references: [], extraGlobalParameters: snippet.extraGlobalParams,
      code: [("diagonal_build_code", snippet.diagonalBuildCode)])
  }
}
