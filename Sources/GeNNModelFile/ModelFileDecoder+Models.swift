import GeNNModel
import GeNNTranspiler

/// Models given by a GeNN built-in name or defined inline in the file.
extension ModelFileDecoder {
  /// The keys of an inline neuron model.
  static let neuronModelKeys = [
    "name", "params", "derived_params", "vars", "extra_global_params", "additional_input_vars",
    "sim_code", "threshold_condition_code", "reset_code", "auto_refractory_required",
  ]
  /// The keys of an inline current source model.
  static let currentSourceModelKeys = [
    "name", "params", "derived_params", "vars", "extra_global_params", "neuron_var_refs",
    "injection_code",
  ]
  /// The code keys of an inline weight update model, in GeNN's order.
  static let weightUpdateCodeKeys = [
    "pre_spike_syn_code", "pre_event_syn_code", "post_spike_syn_code", "post_event_syn_code",
    "synapse_dynamics_code", "pre_event_threshold_condition_code",
    "post_event_threshold_condition_code", "pre_spike_code", "post_spike_code",
    "pre_dynamics_code", "post_dynamics_code",
  ]
  /// The keys of an inline weight update model.
  static let weightUpdateModelKeys =
    [
      "name", "params", "derived_params", "vars", "pre_vars", "post_vars", "pre_neuron_var_refs",
      "post_neuron_var_refs", "psm_var_refs", "extra_global_params",
    ] + weightUpdateCodeKeys
  /// The keys of an inline postsynaptic model.
  static let postsynapticModelKeys = [
    "name", "params", "derived_params", "vars", "neuron_var_refs", "extra_global_params",
    "sim_code",
  ]
  /// The keys of an inline variable initialisation snippet.
  static let initSnippetKeys = ["name", "params", "derived_params", "extra_global_params", "code"]

  /// A built-in looked up by name, or an error listing the available ones.
  func builtin<Model>(_ value: YAMLValue, _ table: [String: Model], kind: String)
    throws(ModelFileError) -> Model
  {
    let name = try value.string("the name of a built-in \(kind) or an inline definition")
    guard let model = table[name] else {
      let available = table.keys.sorted()
      throw value.error(
        .unknownName(
          key: value.key, kind: "built-in \(kind)", name: name, available: available,
          suggestion: NameSuggestion.closest(to: name, among: available)))
    }
    return model
  }

  /// The name of an inline model: its `name` key, or `fallback`.
  private func modelName(_ fields: YAMLMapping, _ fallback: String) throws(ModelFileError)
    -> String
  {
    try fields["name"]?.string("a name") ?? fallback
  }

  /// A neuron model: a built-in name or an inline definition.
  func neuronModel(_ value: YAMLValue, name fallback: String) throws(ModelFileError) -> NeuronModel
  {
    guard case .mapping = value.node else {
      return try builtin(value, NeuronModel.builtins, kind: "neuron model")
    }
    let fields = try value.mapping(allowed: Self.neuronModelKeys)
    let (params, paramTypes) = try typedParameterNames(fields["params"], unitAllowed: true)
    return NeuronModel(
      name: try modelName(fields, fallback), params: params, paramTypes: paramTypes,
      derivedParams: try derivedParameters(fields["derived_params"], params: params),
      vars: try variableDeclarations(fields["vars"]),
      extraGlobalParams: try extraGlobalParameterDeclarations(fields["extra_global_params"]),
      additionalInputVars: try additionalInputs(fields["additional_input_vars"]),
      simCode: try code(fields, "sim_code"),
      thresholdConditionCode: try code(fields, "threshold_condition_code"),
      resetCode: try code(fields, "reset_code"),
      autoRefractoryRequired: try fields["auto_refractory_required"]?.bool() ?? false)
  }

  /// A current source model: a built-in name or an inline definition.
  func currentSourceModel(_ value: YAMLValue, name fallback: String) throws(ModelFileError)
    -> CurrentSourceModel
  {
    guard case .mapping = value.node else {
      return try builtin(value, CurrentSourceModel.builtins, kind: "current source model")
    }
    let fields = try value.mapping(allowed: Self.currentSourceModelKeys)
    let (params, paramTypes) = try typedParameterNames(fields["params"], unitAllowed: true)
    return CurrentSourceModel(
      name: try modelName(fields, fallback), params: params, paramTypes: paramTypes,
      derivedParams: try derivedParameters(fields["derived_params"], params: params),
      vars: try variableDeclarations(fields["vars"]),
      extraGlobalParams: try extraGlobalParameterDeclarations(fields["extra_global_params"]),
      neuronVarRefs: try references(fields["neuron_var_refs"]),
      injectionCode: try code(fields, "injection_code"))
  }

  /// A weight update model: a built-in name or an inline definition.
  func weightUpdateModel(_ value: YAMLValue, name fallback: String) throws(ModelFileError)
    -> WeightUpdateModel
  {
    guard case .mapping = value.node else {
      return try builtin(value, WeightUpdateModel.builtins, kind: "weight update model")
    }
    let fields = try value.mapping(allowed: Self.weightUpdateModelKeys)
    let (params, paramTypes) = try typedParameterNames(fields["params"], unitAllowed: true)
    var code: [String: String] = [:]
    for key in Self.weightUpdateCodeKeys { code[key] = try self.code(fields, key) }
    return WeightUpdateModel(
      name: try modelName(fields, fallback), params: params, paramTypes: paramTypes,
      derivedParams: try derivedParameters(fields["derived_params"], params: params),
      vars: try variableDeclarations(fields["vars"]),
      preVars: try variableDeclarations(fields["pre_vars"]),
      postVars: try variableDeclarations(fields["post_vars"]),
      preNeuronVarRefs: try references(fields["pre_neuron_var_refs"]),
      postNeuronVarRefs: try references(fields["post_neuron_var_refs"]),
      psmVarRefs: try references(fields["psm_var_refs"]),
      extraGlobalParams: try extraGlobalParameterDeclarations(fields["extra_global_params"]),
      preSpikeSynCode: code["pre_spike_syn_code", default: ""],
      preEventSynCode: code["pre_event_syn_code", default: ""],
      postSpikeSynCode: code["post_spike_syn_code", default: ""],
      postEventSynCode: code["post_event_syn_code", default: ""],
      synapseDynamicsCode: code["synapse_dynamics_code", default: ""],
      preEventThresholdConditionCode: code["pre_event_threshold_condition_code", default: ""],
      postEventThresholdConditionCode: code["post_event_threshold_condition_code", default: ""],
      preSpikeCode: code["pre_spike_code", default: ""],
      postSpikeCode: code["post_spike_code", default: ""],
      preDynamicsCode: code["pre_dynamics_code", default: ""],
      postDynamicsCode: code["post_dynamics_code", default: ""])
  }

  /// A postsynaptic model: a built-in name or an inline definition.
  func postsynapticModel(_ value: YAMLValue, name fallback: String) throws(ModelFileError)
    -> PostsynapticModel
  {
    guard case .mapping = value.node else {
      return try builtin(value, PostsynapticModel.builtins, kind: "postsynaptic model")
    }
    let fields = try value.mapping(allowed: Self.postsynapticModelKeys)
    let (params, paramTypes) = try typedParameterNames(fields["params"], unitAllowed: true)
    return PostsynapticModel(
      name: try modelName(fields, fallback), params: params, paramTypes: paramTypes,
      derivedParams: try derivedParameters(fields["derived_params"], params: params),
      vars: try variableDeclarations(fields["vars"]),
      neuronVarRefs: try references(fields["neuron_var_refs"]),
      extraGlobalParams: try extraGlobalParameterDeclarations(fields["extra_global_params"]),
      simCode: try code(fields, "sim_code"))
  }

  /// A variable initialisation snippet: a built-in name or an inline definition.
  func initSnippet(_ value: YAMLValue, name fallback: String) throws(ModelFileError)
    -> InitSnippet
  {
    guard case .mapping = value.node else {
      return try builtin(value, InitSnippet.builtins, kind: "variable initialisation snippet")
    }
    let fields = try value.mapping(allowed: Self.initSnippetKeys, required: ["code"])
    let (params, paramTypes) = try typedParameterNames(fields["params"])
    return InitSnippet(
      name: try modelName(fields, fallback), params: params, paramTypes: paramTypes,
      derivedParams: try derivedParameters(fields["derived_params"], params: params),
      code: try code(fields, "code"),
      extraGlobalParams: try extraGlobalParameterDeclarations(fields["extra_global_params"]))
  }
}
