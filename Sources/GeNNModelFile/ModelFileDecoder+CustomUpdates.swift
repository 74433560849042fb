import GeNNModel
import GeNNTranspiler

/// Custom updates: GeNN's `add_custom_update`, run by update group.
extension ModelFileDecoder {
  /// The keys of a custom update.
  static let customUpdateKeys = [
    "group", "model", "params", "vars", "var_refs", "extra_global_params", "egp_refs",
    "dynamic_params",
  ]
  /// The keys of an inline custom update model.
  static let customUpdateModelKeys = [
    "name", "params", "derived_params", "vars", "var_refs", "extra_global_params",
    "extra_global_param_refs", "update_code",
  ]
  /// The keys of one variable reference: exactly one owner, and what of it.
  static let variableReferenceKeys = [
    "population", "current_source", "synapses", "custom_update", "custom_connectivity_update",
    "var", "pre_var", "post_var", "psm_var", "out_post", "den_delay", "spike_time",
    "prev_spike_time", "transpose",
  ]

  /// Adds the custom update `name`.
  mutating func decodeCustomUpdate(_ name: String, _ value: YAMLValue) throws(ModelFileError) {
    let fields = try value.mapping(
      allowed: Self.customUpdateKeys, required: ["group", "model", "var_refs"])
    let group = try fields.required("group").string("the name of an update group")
    let updateModel = try customUpdateModel(fields.required("model"), name: name)
    try recordUnits(of: .customUpdate(name), model: fields.required("model"))
    var references: [String: CustomUpdateTarget] = [:]
    for entry in try fields.required("var_refs").mapping(
      allowed: updateModel.varRefs.map(\.name)
    ).entries {
      references[entry.name] = try referenceTarget(entry.value)
    }
    model.addCustomUpdate(
      CustomUpdate(
        name: name, updateGroup: group, model: updateModel,
        params: try parameterValues(
          fields["params"], allowed: updateModel.params, of: .customUpdate,
          model: updateModel.name, declared: units.parameters[.customUpdate(name)]),
        vars: try variableInitialisers(
          fields["vars"], allowed: updateModel.vars.map(\.name), count: nil, unit: "element"),
        varRefs: references,
        extraGlobalParams: try extraGlobalValues(
          fields["extra_global_params"], allowed: updateModel.extraGlobalParams.map(\.name)),
        egpRefs: try extraGlobalParameterTargets(
          fields["egp_refs"], allowed: updateModel.extraGlobalParamRefs.map(\.name))))
    model.customUpdates[model.customUpdates.count - 1].dynamicParams =
      try dynamicParameterNames(fields["dynamic_params"], allowed: updateModel.params)
  }

  /// The extra global parameter each reference of `value` points at:
  /// `{population: P, egp: E}`, `{current_source: C, egp: E}`, `{custom_update: U, egp: E}`,
  /// `{custom_connectivity_update: U, egp: E}`, `{synapses: S, wu_egp: E}` or
  /// `{synapses: S, psm_egp: E}`.
  func extraGlobalParameterTargets(_ value: YAMLValue?, allowed: [String]) throws(ModelFileError)
    -> [String: ExtraGlobalParameterTarget]
  {
    guard let value else { return [:] }
    var targets: [String: ExtraGlobalParameterTarget] = [:]
    let forms:
      [(owner: String, part: String, make: (String, String) -> ExtraGlobalParameterTarget)] = [
        ("population", "egp", { .neuron(population: $0, parameter: $1) }),
        ("current_source", "egp", { .currentSource(source: $0, parameter: $1) }),
        ("custom_update", "egp", { .customUpdate(update: $0, parameter: $1) }),
        (
          "custom_connectivity_update", "egp",
          { .customConnectivityUpdate(update: $0, parameter: $1) }
        ),
        ("synapses", "wu_egp", { .weightUpdate(synapses: $0, parameter: $1) }),
        ("synapses", "psm_egp", { .postsynaptic(synapses: $0, parameter: $1) }),
      ]
    let keys = [
      "population", "current_source", "custom_update", "custom_connectivity_update", "synapses",
      "egp", "wu_egp", "psm_egp",
    ]
    for entry in try value.mapping(allowed: allowed).entries {
      let fields = try entry.value.mapping(allowed: keys)
      let given = forms.filter { fields[$0.owner] != nil && fields[$0.part] != nil }
      let present = keys.filter { fields[$0] != nil }
      guard given.count == 1, let form = given.first, present.count == 2 else {
        throw entry.value.error(
          .conflictingKeys(
            key: entry.value.key, keys: keys,
            reason: "must be one owner with what of it: {population, current_source, "
              + "custom_update or custom_connectivity_update: name, egp: name} or "
              + "{synapses: name, wu_egp or psm_egp: name}"))
      }
      targets[entry.name] = form.make(
        try fields.required(form.owner).string("a name"),
        try fields.required(form.part).string("an extra global parameter name"))
    }
    return targets
  }

  /// A custom update model: a built-in name (`Transpose`) or an inline definition.
  func customUpdateModel(_ value: YAMLValue, name fallback: String) throws(ModelFileError)
    -> CustomUpdateModel
  {
    guard case .mapping = value.node else {
      return try builtin(value, CustomUpdateModel.builtins, kind: "custom update model")
    }
    let fields = try value.mapping(allowed: Self.customUpdateModelKeys)
    let (params, paramTypes) = try typedParameterNames(fields["params"], unitAllowed: true)
    return CustomUpdateModel(
      name: try fields["name"]?.string("a name") ?? fallback, params: params,
      paramTypes: paramTypes,
      derivedParams: try derivedParameters(fields["derived_params"], params: params),
      vars: try customUpdateVariables(fields["vars"]),
      varRefs: try customUpdateReferences(fields["var_refs"]),
      extraGlobalParams: try extraGlobalParameterDeclarations(fields["extra_global_params"]),
      extraGlobalParamRefs: try extraGlobalParameterDeclarations(
        fields["extra_global_param_refs"]),
      updateCode: try code(fields, "update_code"))
  }

  /// A custom update model's variables: a list of names (`scalar`, `READ_WRITE`) or a
  /// mapping from names to a type or `{type, access, unit}` with a custom update access
  /// mode.
  private func customUpdateVariables(_ value: YAMLValue?) throws(ModelFileError)
    -> [CustomUpdateVariable]
  {
    try declarations(value, unitAllowed: true).map { (name, type, access) throws(ModelFileError) in
      CustomUpdateVariable(
        name, type, access: try accessMode(access, default: CustomUpdateVarAccess.readWrite))
    }
  }

  /// A custom update model's references: a list of names (`scalar`, `READ_WRITE`) or a
  /// mapping from names to a type or `{type, access}` (`READ_ONLY`, `READ_WRITE`,
  /// `REDUCE_SUM`, `REDUCE_MAX`).
  func customUpdateReferences(_ value: YAMLValue?) throws(ModelFileError)
    -> [CustomUpdateVarReference]
  {
    try declarations(value).map { (name, type, access) throws(ModelFileError) in
      CustomUpdateVarReference(
        name, type, access: try accessMode(access, default: VarAccessMode.readWrite))
    }
  }

  /// Declarations as names with a type (default `scalar`) and an access value, if given;
  /// with `unitAllowed`, a `{type, access, unit}` mapping may give a unit too
  /// (``recordUnits(of:model:)`` reads it).
  private func declarations(_ value: YAMLValue?, unitAllowed: Bool = false)
    throws(ModelFileError)
    -> [(String, String, YAMLValue?)]
  {
    guard let value else { return [] }
    guard case .mapping = value.node else {
      return try value.strings().map { ($0, "scalar", nil) }
    }
    var result: [(String, String, YAMLValue?)] = []
    for entry in try value.entries().entries {
      if entry.value.node.scalar != nil {
        result.append((entry.name, try entry.value.string("a GeNN type"), nil))
        continue
      }
      let fields = try entry.value.mapping(
        allowed: unitAllowed ? ["type", "access", "unit"] : ["type", "access"])
      result.append(
        (entry.name, try fields["type"]?.string("a GeNN type") ?? "scalar", fields["access"]))
    }
    return result
  }

  /// The access mode `value` names, or `fallback` when it is absent.
  private func accessMode<Mode: RawRepresentable & CaseIterable>(
    _ value: YAMLValue?, default fallback: Mode
  ) throws(ModelFileError) -> Mode where Mode.RawValue == String {
    guard let value else { return fallback }
    let text = try value.string("an access mode")
    guard let mode = Mode(rawValue: text.uppercased()) else {
      throw value.error(
        .outOfRange(
          key: value.key, value: "'\(text)'",
          requirement: "one of " + Mode.allCases.map(\.rawValue).joined(separator: ", ")))
    }
    return mode
  }

  /// What one variable reference points at: `{population: P, var: V}`,
  /// `{current_source: C, var: V}`, `{custom_update: U, var: V}`,
  /// `{custom_connectivity_update: C, var | pre_var | post_var: V}`, or of a synapse
  /// population `{synapses: S, var: V}` (per synapse, optionally with
  /// `transpose: {synapses: T, var: W}`), `pre_var`, `post_var`, `psm_var` or
  /// `out_post: true` or `den_delay: true`; a neuron population's `spike_time: true` or
  /// `prev_spike_time: true`.
  func referenceTarget(_ value: YAMLValue) throws(ModelFileError) -> CustomUpdateTarget {
    let fields = try value.mapping(allowed: Self.variableReferenceKeys)
    let allOwners = [
      "population", "current_source", "synapses", "custom_update", "custom_connectivity_update",
    ]
    let owners = allOwners.filter { fields[$0] != nil }
    guard owners.count == 1, let owner = owners.first, let ownerValue = fields[owner] else {
      throw value.error(
        .conflictingKeys(
          key: value.key, keys: allOwners,
          reason: owners.isEmpty ? "are all missing; give one" : "cannot be combined; give one"))
    }
    let name = try ownerValue.string("a name")
    let flags: [String: (String) -> CustomUpdateTarget] = [
      "out_post": { .postsynapticInput(synapses: $0) },
      "den_delay": { .dendriticDelayBuffer(synapses: $0) },
      "spike_time": { .spikeTimes(population: $0) },
      "prev_spike_time": { .previousSpikeTimes(population: $0) },
    ]
    let parts =
      switch owner {
      case "synapses": ["var", "pre_var", "post_var", "psm_var", "out_post", "den_delay"]
      case "population": ["var", "spike_time", "prev_spike_time"]
      case "custom_connectivity_update": ["var", "pre_var", "post_var"]
      default: ["var"]
      }
    let given = parts.filter { fields[$0] != nil }
    for key in Self.variableReferenceKeys where fields[key] != nil && key != owner {
      guard parts.contains(key) || (key == "transpose" && owner == "synapses") else {
        throw value.error(
          .conflictingKeys(
            key: value.key, keys: [owner, key], reason: "cannot be combined"))
      }
    }
    guard given.count == 1, let part = given.first, let partValue = fields[part] else {
      throw value.error(
        .conflictingKeys(
          key: value.key, keys: parts,
          reason: given.isEmpty ? "are all missing; give one" : "cannot be combined; give one"))
    }
    if let flag = flags[part] {
      guard try partValue.bool() else {
        throw partValue.error(
          .outOfRange(key: partValue.key, value: "false", requirement: "true (or left out)"))
      }
      return flag(name)
    }
    let variable = try partValue.string("a variable name")
    if let transpose = fields["transpose"] {
      guard part == "var" else {
        throw value.error(
          .conflictingKeys(key: value.key, keys: [part, "transpose"], reason: "cannot be combined"))
      }
      let target = try transpose.mapping(
        allowed: ["synapses", "var"], required: ["synapses", "var"])
      return .transposedWeightUpdateVariable(
        synapses: name, variable: variable,
        transposeSynapses: try target.required("synapses").string("a synapse population name"),
        transposeVariable: try target.required("var").string("a variable name"))
    }
    switch (owner, part) {
    case ("population", _): return .neuronVariable(population: name, variable: variable)
    case ("current_source", _): return .currentSourceVariable(source: name, variable: variable)
    case ("custom_update", _): return .customUpdateVariable(update: name, variable: variable)
    case ("custom_connectivity_update", "pre_var"):
      return .customConnectivityUpdatePreVariable(update: name, variable: variable)
    case ("custom_connectivity_update", "post_var"):
      return .customConnectivityUpdatePostVariable(update: name, variable: variable)
    case ("custom_connectivity_update", _):
      return .customConnectivityUpdateVariable(update: name, variable: variable)
    case (_, "pre_var"): return .weightUpdatePreVariable(synapses: name, variable: variable)
    case (_, "post_var"): return .weightUpdatePostVariable(synapses: name, variable: variable)
    case (_, "psm_var"): return .postsynapticVariable(synapses: name, variable: variable)
    default: return .weightUpdateVariable(synapses: name, variable: variable)
    }
  }
}
