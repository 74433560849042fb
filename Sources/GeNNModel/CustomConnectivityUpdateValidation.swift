extension ModelSpec {
  /// Resolves a reference to a variable of custom connectivity update `name`: per synapse
  /// of its synapse population, or per presynaptic or postsynaptic neuron.
  func customConnectivityVariable(
    _ target: CustomUpdateTarget, update name: String, variable: String
  ) -> Result<ReferencedVariable, ReferenceFailure> {
    guard let update = customConnectivityUpdate(named: name) else {
      return .failure(
        .unknownElement(
          kind: "custom connectivity update", name: name,
          available: customConnectivityUpdates.map(\.name)))
    }
    let synapses = synapsePopulations.first { $0.name == update.synapses }
    let (vars, field, shape): ([Variable], String, CustomUpdateShape) =
      switch target {
      case .customConnectivityUpdatePreVariable:
        (
          update.model.preVars, "preVars",
          .neurons(
            count: synapses.flatMap { neuronPopulation(named: $0.source)?.size } ?? 0,
            perElement: true)
        )
      case .customConnectivityUpdatePostVariable:
        (
          update.model.postVars, "postVars",
          .neurons(
            count: synapses.flatMap { neuronPopulation(named: $0.target)?.size } ?? 0,
            perElement: true)
        )
      default: (update.model.vars, "vars", .synapses(population: update.synapses))
      }
    guard let found = vars.first(where: { $0.name == variable }) else {
      return .failure(
        .unknownVariable(
          owner: "custom connectivity update '\(name)' (model '\(update.model.name)', \(field))",
          variable: variable, available: vars.map(\.name)))
    }
    return .success(
      ReferencedVariable(
        type: found.type, shape: shape, hasElementDimension: found.access.hasElementDimension,
        hasBatchDimension: found.access.hasBatchDimension, access: found.access.rawValue))
  }

  /// Checks the custom connectivity updates as GeNN 5.4 does (`CustomConnectivityUpdate`):
  /// names, a SPARSE synapse population, fields, parameter and variable values, and
  /// references of the declared types to per-synapse variables of that population and to
  /// variables of its presynaptic and postsynaptic neurons.
  func checkCustomConnectivityUpdates() -> [ModelProblem] {
    var problems = duplicates(
      customUpdates.map(\.name) + customConnectivityUpdates.map(\.name),
      kind: "custom update or custom connectivity update")
    for update in customConnectivityUpdates {
      problems += checkCustomConnectivityUpdate(update)
    }
    return problems
  }

  private func checkCustomConnectivityUpdate(_ update: CustomConnectivityUpdate)
    -> [ModelProblem]
  {
    let model = update.model
    let element = "custom connectivity update '\(update.name)' (model '\(model.name)')"
    var problems = checkUpdateNames(
      element: element, name: update.name, updateGroup: update.updateGroup)
    let references = (model.varRefs + model.preVarRefs + model.postVarRefs).map {
      Variable($0.name, $0.type)
    }
    problems += checkFields(
      element: element, params: model.params, paramTypes: model.paramTypes,
      derived: model.derivedParams, vars: model.vars + model.preVars + model.postVars + references,
      egps: model.extraGlobalParams + model.extraGlobalParamRefs)
    problems += checkExtraGlobalParameterReferences(
      element: element, declared: model.extraGlobalParamRefs, references: update.egpRefs)
    guard let synapses = synapsePopulations.first(where: { $0.name == update.synapses }) else {
      problems.append(
        .unknownTarget(
          element: element, target: update.synapses,
          available: synapsePopulations.map(\.name)))
      return problems
    }
    if synapses.matrixType != .sparse {
      problems.append(
        .invalidConnectivity(
          element: element,
          reason: "synapse population '\(synapses.name)' is \(synapses.matrixType.rawValue); "
            + "custom connectivity updates can only be attached to SPARSE synapse populations"))
    }
    let source = neuronPopulation(named: synapses.source)?.size ?? 0
    let target = neuronPopulation(named: synapses.target)?.size ?? 0
    let synapseCount: Int =
      switch synapses.connectivity {
      case .explicit(let pre, _): pre.count
      case .allToAll: saturatingProduct(source, target)
      default: 0
      }
    problems += checkValues(
      element: element, size: synapseCount, params: update.params, modelParams: model.params,
      derived: model.derivedParams, vars: update.vars, modelVars: model.vars,
      egps: update.extraGlobalParams, modelEGPs: model.extraGlobalParams,
      paramTypes: model.paramTypes)
    problems += checkVars(
      element: element + ", preVars", size: source, vars: update.preVars,
      modelVars: model.preVars)
    problems += checkVars(
      element: element + ", postVars", size: target, vars: update.postVars,
      modelVars: model.postVars)
    problems += checkConnectivityReferences(
      update, element: element, field: "varRefs", declared: model.varRefs,
      given: update.varRefs
    ) { resolved in
      guard case .synapses(let name) = resolved.shape, name == synapses.name else {
        return "all referenced synaptic variables must belong to synapse population "
          + "'\(synapses.name)'"
      }
      return nil
    }
    for (field, declared, given, population, side) in [
      ("preVarRefs", model.preVarRefs, update.preVarRefs, synapses.source, "presynaptic"),
      ("postVarRefs", model.postVarRefs, update.postVarRefs, synapses.target, "postsynaptic"),
    ] {
      let size = neuronPopulation(named: population)?.size ?? 0
      problems += checkConnectivityReferences(
        update, element: element, field: field, declared: declared, given: given
      ) { resolved in
        guard case .neurons(let count, true) = resolved.shape, count == size,
          resolved.hasElementDimension
        else {
          return "all referenced \(side) variables must have one value per neuron of "
            + "population '\(population)' (\(size) values)"
        }
        // GeNN's rule: the connectivity is shared by every batch, so what decides it is.
        if isDuplicated(hasBatchDimension: resolved.hasBatchDimension) {
          return "referenced \(side) variables must be shared across batches (READ_ONLY) in "
            + "a batched model (batch size \(batchSize)), as the connectivity they change is"
        }
        return nil
      }
    }
    return problems
  }

  /// Each declared reference has a target that resolves, with the declared type, and
  /// that `shapeProblem` accepts; no reference is given that is not declared.
  private func checkConnectivityReferences(
    _ update: CustomConnectivityUpdate, element: String, field: String,
    declared: [CustomUpdateVarReference], given: [String: CustomUpdateTarget],
    shapeProblem: (ReferencedVariable) -> String?
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    let names = declared.map(\.name)
    for name in given.keys.sorted() where !names.contains(name) {
      problems.append(
        .unknownReference(element: element, field: field, name: name, allowed: names))
    }
    for reference in declared {
      guard let target = given[reference.name] else {
        problems.append(.missingVariableReference(element: element, reference: reference.name))
        continue
      }
      if case .customConnectivityUpdateVariable(update.name, _) = target {
        problems.append(
          .referenceShapeMismatch(
            element: element, reference: reference.name, other: reference.name,
            reason: "names a variable of the custom connectivity update itself; use it directly"))
        continue
      }
      switch referencedVariable(target, before: customUpdates.count) {
      case .failure(let failure):
        problems.append(
          failure.problem(element: element, field: field, reference: reference.name))
      case .success(let resolved):
        if resolved.type != reference.type {
          problems.append(
            .referenceTypeMismatch(
              element: element, reference: reference.name, declared: reference.type,
              actual: resolved.type))
        }
        if target.isTranspose {
          problems.append(
            .invalidTranspose(
              element: element, reference: reference.name,
              reason: "custom connectivity updates write no transposes"))
        }
        if let reason = shapeProblem(resolved) {
          problems.append(
            .referenceShapeMismatch(
              element: element, reference: reference.name, other: reference.name,
              reason: reason))
        }
      }
    }
    return problems
  }
}
