import GeNNModel
import GeNNTranspiler

/// Synapse populations.
extension ModelFileDecoder {
  /// The keys of a synapse population.
  static let synapsePopulationKeys = [
    "source", "target", "matrix_type", "connectivity", "weight_update", "postsynaptic",
    "axonal_delay_steps", "back_prop_delay_steps", "max_dendritic_delay_steps",
    "pre_target_var", "post_target_var", "max_connections",
  ]
  /// The keys of a synapse population's `weight_update`.
  static let weightUpdateKeys = [
    "model", "params", "vars", "pre_vars", "post_vars", "pre_var_refs", "post_var_refs",
    "psm_var_refs", "extra_global_params", "dynamic_params",
  ]
  /// The keys of a synapse population's `postsynaptic`.
  static let postsynapticKeys = [
    "model", "params", "vars", "var_refs", "extra_global_params", "dynamic_params",
  ]

  /// The longest delay in steps a file may give (GeNN keeps a buffer slot per step).
  static let maximumDelay = 65535

  /// Adds the synapse population `name`.
  mutating func decodeSynapsePopulation(_ name: String, _ value: YAMLValue) throws(ModelFileError) {
    let fields = try value.mapping(
      allowed: Self.synapsePopulationKeys, required: ["source", "target", "weight_update"])
    let source = try population(named: fields.required("source"))
    let target = try population(named: fields.required("target"))
    let connectivity = try self.connectivity(fields["connectivity"], source: source, target: target)
    let matrixType =
      try fields["matrix_type"].map { value throws(ModelFileError) in
        try Self.matrixType(value)
      } ?? Self.defaultMatrixType(for: connectivity)
    let isAllToAll = if case .allToAll = connectivity { true } else { false }
    let synapseCount: Int? =
      switch connectivity {
      case .allToAll: source.size * target.size
      case .explicit(let pre, _): pre.count
      case .snippet, .toeplitz: nil
      }

    let update = try fields.required("weight_update").mapping(
      allowed: Self.weightUpdateKeys, required: ["model"])
    let weightUpdate = try weightUpdateModel(
      update.required("model"), name: "\(name)_weight_update")
    let post = try fields["postsynaptic"]?.mapping(
      allowed: Self.postsynapticKeys, required: ["model"])
    let postsynaptic =
      try post.map { fields throws(ModelFileError) in
        try postsynapticModel(fields.required("model"), name: "\(name)_postsynaptic")
      } ?? .deltaCurr
    try recordUnits(of: .synapsePopulation(name), model: update.required("model"))
    if let post { try recordUnits(of: .synapsePopulation(name), model: post.required("model")) }
    let sourceVars = source.model.vars.map(\.name)
    let targetVars = target.model.vars.map(\.name)

    var population = SynapsePopulation(
      name: name, source: source.name, target: target.name, matrixType: matrixType,
      connectivity: connectivity, weightUpdate: weightUpdate,
      weightUpdateParams: try parameterValues(
        update["params"], allowed: weightUpdate.params, of: .weightUpdate,
        model: weightUpdate.name, declared: units.parameters[.synapsePopulation(name)]),
      weightUpdateVars: try variableInitialisers(
        update["vars"], allowed: weightUpdate.vars.map(\.name), count: synapseCount,
        unit: "synapse", matrix: isAllToAll ? [source.size, target.size] : nil),
      weightUpdatePreVars: try variableInitialisers(
        update["pre_vars"], allowed: weightUpdate.preVars.map(\.name), count: source.size,
        unit: "presynaptic neuron"),
      weightUpdatePostVars: try variableInitialisers(
        update["post_vars"], allowed: weightUpdate.postVars.map(\.name), count: target.size,
        unit: "postsynaptic neuron"),
      preVarRefs: try referenceTargets(
        update["pre_var_refs"], references: weightUpdate.preNeuronVarRefs.map(\.name),
        variables: sourceVars, owner: "neuron population '\(source.name)'"),
      postVarRefs: try referenceTargets(
        update["post_var_refs"], references: weightUpdate.postNeuronVarRefs.map(\.name),
        variables: targetVars, owner: "neuron population '\(target.name)'"),
      psmVarRefs: try referenceTargets(
        update["psm_var_refs"], references: weightUpdate.psmVarRefs.map(\.name),
        variables: postsynaptic.vars.map(\.name), owner: "postsynaptic model"),
      weightUpdateExtraGlobalParams: try extraGlobalValues(
        update["extra_global_params"], allowed: weightUpdate.extraGlobalParams.map(\.name)),
      postsynaptic: postsynaptic)
    population.postsynapticParams = try parameterValues(
      post?["params"], allowed: postsynaptic.params, of: .postsynaptic, model: postsynaptic.name,
      declared: units.parameters[.synapsePopulation(name)])
    population.postsynapticVars = try variableInitialisers(
      post?["vars"], allowed: postsynaptic.vars.map(\.name), count: target.size,
      unit: "postsynaptic neuron")
    population.postsynapticVarRefs = try referenceTargets(
      post?["var_refs"], references: postsynaptic.neuronVarRefs.map(\.name),
      variables: targetVars, owner: "neuron population '\(target.name)'")
    population.postsynapticExtraGlobalParams = try extraGlobalValues(
      post?["extra_global_params"], allowed: postsynaptic.extraGlobalParams.map(\.name))
    population.dynamicWeightUpdateParams = try dynamicParameterNames(
      update["dynamic_params"], allowed: weightUpdate.params)
    population.dynamicPostsynapticParams = try dynamicParameterNames(
      post?["dynamic_params"], allowed: postsynaptic.params)
    population.axonalDelaySteps =
      try fields["axonal_delay_steps"]?.integer(atLeast: 0, atMost: Self.maximumDelay) ?? 0
    population.backPropDelaySteps =
      try fields["back_prop_delay_steps"]?.integer(atLeast: 0, atMost: Self.maximumDelay) ?? 0
    population.maxDendriticDelaySteps = try fields["max_dendritic_delay_steps"]?.integer(
      atLeast: 1, atMost: Self.maximumDelay)
    population.maxConnections = try fields["max_connections"]?.integer(
      atLeast: 1, atMost: ModelSpec.maximumConnections)
    for (key, input) in [
      ("pre_target_var", \SynapsePopulation.preTargetVar),
      ("post_target_var", \SynapsePopulation.postTargetVar),
    ] {
      if let value = fields[key] {
        population[keyPath: input] = try value.string("Isyn or an additional input variable")
      }
    }
    model.addSynapsePopulation(population)
  }

  /// A matrix type: a `SynapseMatrixType` name, in any case.
  static func matrixType(_ value: YAMLValue) throws(ModelFileError) -> SynapseMatrixType {
    let text = try value.string("a matrix type")
    guard let type = SynapseMatrixType(rawValue: text.uppercased()) else {
      let available = SynapseMatrixType.allCases.map(\.rawValue)
      throw value.error(
        .unknownName(
          key: value.key, kind: "matrix type", name: text, available: available,
          suggestion: NameSuggestion.closest(to: text.uppercased(), among: available)))
    }
    return type
  }

  /// The matrix type of a synapse population without `matrix_type`: DENSE for
  /// all-to-all, TOEPLITZ for Toeplitz connectivity, SPARSE otherwise.
  static func defaultMatrixType(for connectivity: Connectivity) -> SynapseMatrixType {
    switch connectivity {
    case .allToAll: .dense
    case .explicit, .snippet: .sparse
    case .toeplitz: .toeplitz
    }
  }

  /// A reference map: each of the model's `references` to one of `variables` of `owner`.
  func referenceTargets(
    _ value: YAMLValue?, references: [String], variables: [String], owner: String
  ) throws(ModelFileError) -> [String: String] {
    var targets: [String: String] = [:]
    for entry in try value?.mapping(allowed: references).entries ?? [] {
      let variable = try entry.value.string("a variable name")
      guard variables.contains(variable) else {
        throw entry.value.error(
          .unknownName(
            key: entry.value.key, kind: "variable of \(owner)", name: variable,
            available: variables, suggestion: NameSuggestion.closest(to: variable, among: variables)
          ))
      }
      targets[entry.name] = variable
    }
    return targets
  }
}
