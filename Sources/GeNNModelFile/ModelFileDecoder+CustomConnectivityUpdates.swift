import GeNNModel
import GeNNTranspiler

/// Custom connectivity updates: GeNN's `add_custom_connectivity_update`, run by update
/// group.
extension ModelFileDecoder {
  /// The keys of a custom connectivity update.
  static let customConnectivityUpdateKeys = [
    "group", "synapses", "model", "params", "vars", "pre_vars", "post_vars", "var_refs",
    "pre_var_refs", "post_var_refs", "extra_global_params", "egp_refs", "dynamic_params",
  ]
  /// The keys of an inline custom connectivity update model.
  static let customConnectivityUpdateModelKeys = [
    "name", "params", "derived_params", "vars", "pre_vars", "post_vars", "var_refs",
    "pre_var_refs", "post_var_refs", "extra_global_params", "extra_global_param_refs",
    "row_update_code", "host_update_code",
  ]

  /// Adds the custom connectivity update `name`.
  mutating func decodeCustomConnectivityUpdate(_ name: String, _ value: YAMLValue)
    throws(ModelFileError)
  {
    let fields = try value.mapping(
      allowed: Self.customConnectivityUpdateKeys, required: ["group", "synapses", "model"])
    let group = try fields.required("group").string("the name of an update group")
    let synapsesValue = try fields.required("synapses")
    let synapsesName = try synapsesValue.string("the name of a SPARSE synapse population")
    guard let synapses = model.synapsePopulations.first(where: { $0.name == synapsesName }) else {
      let names = model.synapsePopulations.map(\.name)
      throw synapsesValue.error(
        .unknownName(
          key: synapsesValue.key, kind: "synapse population", name: synapsesName,
          available: names, suggestion: NameSuggestion.closest(to: synapsesName, among: names)))
    }
    let source = model.neuronPopulation(named: synapses.source)?.size
    let target = model.neuronPopulation(named: synapses.target)?.size
    let synapseCount: Int? =
      switch synapses.connectivity {
      case .explicit(let pre, _): pre.count
      case .allToAll: source.flatMap { s in target.map { s * $0 } }
      default: nil
      }
    let updateModel = try customConnectivityUpdateModel(fields.required("model"), name: name)
    try recordUnits(of: .customConnectivityUpdate(name), model: fields.required("model"))
    func references(_ key: String, _ declared: [CustomUpdateVarReference])
      throws(ModelFileError) -> [String: CustomUpdateTarget]
    {
      var targets: [String: CustomUpdateTarget] = [:]
      for entry in try fields[key]?.mapping(allowed: declared.map(\.name)).entries ?? [] {
        targets[entry.name] = try referenceTarget(entry.value)
      }
      return targets
    }
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: name, updateGroup: group, synapses: synapsesName, model: updateModel,
        params: try parameterValues(
          fields["params"], allowed: updateModel.params,
          declared: units.parameters[.customConnectivityUpdate(name)]),
        vars: try variableInitialisers(
          fields["vars"], allowed: updateModel.vars.map(\.name), count: synapseCount,
          unit: "synapse"),
        preVars: try variableInitialisers(
          fields["pre_vars"], allowed: updateModel.preVars.map(\.name), count: source,
          unit: "presynaptic neuron"),
        postVars: try variableInitialisers(
          fields["post_vars"], allowed: updateModel.postVars.map(\.name), count: target,
          unit: "postsynaptic neuron"),
        varRefs: try references("var_refs", updateModel.varRefs),
        preVarRefs: try references("pre_var_refs", updateModel.preVarRefs),
        postVarRefs: try references("post_var_refs", updateModel.postVarRefs),
        extraGlobalParams: try extraGlobalValues(
          fields["extra_global_params"], allowed: updateModel.extraGlobalParams.map(\.name)),
        egpRefs: try extraGlobalParameterTargets(
          fields["egp_refs"], allowed: updateModel.extraGlobalParamRefs.map(\.name))))
    model.customConnectivityUpdates[model.customConnectivityUpdates.count - 1].dynamicParams =
      try dynamicParameterNames(fields["dynamic_params"], allowed: updateModel.params)
  }

  /// An inline custom connectivity update model (there are no built-in ones).
  private func customConnectivityUpdateModel(_ value: YAMLValue, name fallback: String)
    throws(ModelFileError) -> CustomConnectivityUpdateModel
  {
    let fields = try value.mapping(allowed: Self.customConnectivityUpdateModelKeys)
    let (params, paramTypes) = try typedParameterNames(fields["params"], unitAllowed: true)
    return CustomConnectivityUpdateModel(
      name: try fields["name"]?.string("a name") ?? fallback, params: params,
      paramTypes: paramTypes,
      derivedParams: try derivedParameters(fields["derived_params"], params: params),
      vars: try variableDeclarations(fields["vars"]),
      preVars: try variableDeclarations(fields["pre_vars"]),
      postVars: try variableDeclarations(fields["post_vars"]),
      varRefs: try customUpdateReferences(fields["var_refs"]),
      preVarRefs: try customUpdateReferences(fields["pre_var_refs"]),
      postVarRefs: try customUpdateReferences(fields["post_var_refs"]),
      extraGlobalParams: try extraGlobalParameterDeclarations(fields["extra_global_params"]),
      extraGlobalParamRefs: try extraGlobalParameterDeclarations(
        fields["extra_global_param_refs"]),
      rowUpdateCode: try code(fields, "row_update_code"),
      hostUpdateCode: try code(fields, "host_update_code"))
  }
}
