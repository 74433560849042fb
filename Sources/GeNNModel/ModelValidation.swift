import GeNNTranspiler

extension ModelSpec {
  /// Checks the whole model and throws a ``ModelError`` listing every problem: names,
  /// sizes, parameters, variable initialisers and their lengths, extra global
  /// parameters, types, current-source targets, derived parameters, and for synapse
  /// populations their connectivity and matrix type, delays, weight update pre- and
  /// postsynaptic variables and variable references, and custom updates (see
  /// `checkCustomUpdates()`).
  public func validate() throws(ModelError) {
    var problems: [ModelProblem] = []
    if !(dt > 0 && dt.isFinite) { problems.append(.invalidTimeStep(dt)) }
    if batchSize < 1 { problems.append(.invalidBatchSize(batchSize)) }
    problems += checkNames()
    problems += duplicates(neuronPopulations.map(\.name), kind: "neuron population")
    problems += duplicates(currentSources.map(\.name), kind: "current source")
    for population in neuronPopulations {
      let element = "neuron population '\(population.name)'"
      if !ElementName.isValid(population.name) {
        problems.append(.invalidElementName(element: element, name: population.name))
      }
      if !(1...Int(Int32.max)).contains(population.size) {
        problems.append(.invalidSize(element: element, size: population.size))
      }
      let model = population.model
      problems += checkFields(
        element: element, params: model.params, paramTypes: model.paramTypes,
        derived: model.derivedParams, vars: model.vars, egps: model.extraGlobalParams)
      for input in model.additionalInputVars where input.valueType == nil {
        problems.append(.invalidType(element: element, field: input.name, type: input.type))
      }
      problems += checkValues(
        element: element, size: population.size, params: population.params,
        modelParams: model.params, derived: model.derivedParams, vars: population.vars,
        modelVars: model.vars, egps: population.extraGlobalParams,
        modelEGPs: model.extraGlobalParams, paramTypes: model.paramTypes,
        domains: model.paramDomains,
        units: ModelReference.parameterUnits(.neuron, name: model.name, params: model.params))
    }
    let populationNames = neuronPopulations.map(\.name)
    for source in currentSources {
      let element = "current source '\(source.name)'"
      if !ElementName.isValid(source.name) {
        problems.append(.invalidElementName(element: element, name: source.name))
      }
      let model = source.model
      problems += checkFields(
        element: element, params: model.params, paramTypes: model.paramTypes,
        derived: model.derivedParams, vars: model.vars, egps: model.extraGlobalParams)
      guard let target = neuronPopulation(named: source.target) else {
        problems.append(
          .unknownTarget(element: element, target: source.target, available: populationNames))
        continue
      }
      problems += checkValues(
        element: element, size: target.size, params: source.params, modelParams: model.params,
        derived: model.derivedParams, vars: source.vars, modelVars: model.vars,
        egps: source.extraGlobalParams, modelEGPs: model.extraGlobalParams,
        paramTypes: model.paramTypes, domains: model.paramDomains,
        units: ModelReference.parameterUnits(
          .currentSource, name: model.name, params: model.params))
      problems += checkCurrentSourceInputs(source, element: element, target: target)
    }
    problems += duplicates(synapsePopulations.map(\.name), kind: "synapse population")
    for synapses in synapsePopulations {
      problems += checkSynapses(synapses, populations: populationNames)
    }
    problems += checkCustomUpdates()
    problems += checkCustomConnectivityUpdates()
    problems += checkDynamicParameters()
    if !problems.isEmpty { throw ModelError(problems: problems) }
  }

  private func checkSynapses(_ synapses: SynapsePopulation, populations: [String]) -> [ModelProblem]
  {
    let element = "synapse population '\(synapses.name)'"
    var problems: [ModelProblem] = []
    if !ElementName.isValid(synapses.name) {
      problems.append(.invalidElementName(element: element, name: synapses.name))
    }
    if synapses.axonalDelaySteps < 0 {
      problems.append(.invalidDelay(element: element, steps: synapses.axonalDelaySteps))
    }
    if synapses.backPropDelaySteps < 0 {
      problems.append(
        .invalidBackPropagationDelay(element: element, steps: synapses.backPropDelaySteps))
    }
    if let steps = synapses.maxDendriticDelaySteps, steps < 1 {
      problems.append(.invalidDendriticDelay(element: element, steps: steps))
    }
    if synapses.maxDendriticDelaySteps == nil && synapses.hasHeterogeneousDelays {
      problems.append(.missingDendriticDelay(element: element))
    }
    for name in synapses.weightUpdate.heterogeneouslyDelayedNames.sorted() {
      for (hook, code) in synapses.weightUpdate.synapseCode
      where code.identifierUses(name) == (true, true) {
        problems.append(.delayedAndUndelayedRead(element: element, name: name, code: hook))
      }
    }
    let source = neuronPopulation(named: synapses.source)
    let target = neuronPopulation(named: synapses.target)
    if source == nil {
      problems.append(
        .unknownTarget(element: element, target: synapses.source, available: populations))
    }
    if target == nil {
      problems.append(
        .unknownTarget(element: element, target: synapses.target, available: populations))
    }
    let weightUpdate = synapses.weightUpdate
    let postsynaptic = synapses.postsynaptic
    let weightUpdateElement = element + " (weight update model '\(weightUpdate.name)')"
    let (duplicateVariables, distinctVariables) = checkVariableKinds(
      element: weightUpdateElement, weightUpdate)
    problems += duplicateVariables
    problems += checkFields(
      element: weightUpdateElement, params: weightUpdate.params,
      paramTypes: weightUpdate.paramTypes, derived: weightUpdate.derivedParams,
      vars: distinctVariables,
      egps: weightUpdate.extraGlobalParams)
    problems += checkFields(
      element: element + " (postsynaptic model '\(postsynaptic.name)')",
      params: postsynaptic.params, paramTypes: postsynaptic.paramTypes,
      derived: postsynaptic.derivedParams, vars: postsynaptic.vars,
      egps: postsynaptic.extraGlobalParams)
    guard let source, let target else { return problems }

    let connectivity = checkConnectivity(
      synapses, element: element, weightUpdateElement: weightUpdateElement, source: source,
      target: target)
    problems += connectivity.problems
    let synapseCount = connectivity.synapseCount
    let weightUpdateVars = connectivity.weightUpdateVars
    problems += checkValues(
      element: weightUpdateElement, size: synapseCount,
      params: synapses.weightUpdateParams, modelParams: weightUpdate.params,
      derived: weightUpdate.derivedParams, vars: weightUpdateVars,
      modelVars: weightUpdate.vars,
      egps: synapses.weightUpdateExtraGlobalParams, modelEGPs: weightUpdate.extraGlobalParams,
      paramTypes: weightUpdate.paramTypes,
      units: ModelReference.parameterUnits(
        .weightUpdate, name: weightUpdate.name, params: weightUpdate.params))
    problems += checkVars(
      element: element + " (weight update model '\(weightUpdate.name)', weightUpdatePreVars)",
      size: source.size, vars: synapses.weightUpdatePreVars, modelVars: weightUpdate.preVars)
    problems += checkVars(
      element: element + " (weight update model '\(weightUpdate.name)', weightUpdatePostVars)",
      size: target.size, vars: synapses.weightUpdatePostVars, modelVars: weightUpdate.postVars)
    problems += checkValues(
      element: element + " (postsynaptic model '\(postsynaptic.name)')", size: target.size,
      params: synapses.postsynapticParams, modelParams: postsynaptic.params,
      derived: postsynaptic.derivedParams, vars: synapses.postsynapticVars,
      modelVars: postsynaptic.vars, egps: synapses.postsynapticExtraGlobalParams,
      modelEGPs: postsynaptic.extraGlobalParams, paramTypes: postsynaptic.paramTypes,
      units: ModelReference.parameterUnits(
        .postsynaptic, name: postsynaptic.name, params: postsynaptic.params))
    let targetVars = target.model.vars.map(\.name)
    let references = postsynaptic.neuronVarRefs.map(\.name)
    for name in synapses.postsynapticVarRefs.keys.sorted() where !references.contains(name) {
      problems.append(
        .unknownVariableReference(
          element: element, reference: name, variable: name, available: references))
    }
    for reference in postsynaptic.neuronVarRefs {
      let variable = synapses.targetVariable(of: reference)
      if !targetVars.contains(variable) {
        problems.append(
          .unknownVariableReference(
            element: element, reference: reference.name, variable: variable, available: targetVars))
      }
    }
    problems += checkWeightUpdateReferences(
      synapses, element: element, weightUpdateElement: weightUpdateElement, source: source,
      target: target)
    problems += checkSynapseInputs(synapses, element: element, source: source, target: target)
    return problems
  }

  /// Variables a weight update model declares in more than one of `vars`, `preVars` and
  /// `postVars` (GeNN keeps them in one namespace), and its variables with those repeats
  /// left out (so that ``checkFields`` does not report them again).
  private func checkVariableKinds(element: String, _ model: WeightUpdateModel) -> (
    problems: [ModelProblem], distinct: [Variable]
  ) {
    let kinds = [("vars", model.vars), ("preVars", model.preVars), ("postVars", model.postVars)]
    var problems: [ModelProblem] = []
    var distinct: [Variable] = []
    var firstKind: [String: Int] = [:]
    for (index, (_, variables)) in kinds.enumerated() {
      for variable in variables {
        guard let first = firstKind[variable.name] else {
          firstKind[variable.name] = index
          distinct.append(variable)
          continue
        }
        if first == index {
          // A repeat within one kind: checkFields reports it.
          distinct.append(variable)
        } else if !problems.contains(where: {
          if case .duplicateVariable(_, variable.name, _) = $0 { true } else { false }
        }) {
          let fields = kinds.filter { $0.1.contains { $0.name == variable.name } }.map(\.0)
          problems.append(.duplicateVariable(element: element, name: variable.name, fields: fields))
        }
      }
    }
    return (problems, distinct)
  }

  /// The weight update model's neuron and postsynaptic-model variable references: each
  /// names a variable that exists, and, as GeNN's `checkLocalVarReferences` has it, only
  /// read-only references name variables without an element or a batch dimension
  /// (`READ_ONLY`, `READ_ONLY_SHARED_NEURON`). A read-write reference to a
  /// `READ_ONLY_DUPLICATE` variable passes; code still cannot assign through it.
  private func checkWeightUpdateReferences(
    _ synapses: SynapsePopulation, element: String, weightUpdateElement: String,
    source: NeuronPopulation, target: NeuronPopulation
  ) -> [ModelProblem] {
    let weightUpdate = synapses.weightUpdate
    let postsynaptic = synapses.postsynaptic
    let groups:
      [(
        field: String, given: [String: String], declared: [NeuronVarReference],
        variables: [Variable], owner: String
      )] = [
        (
          "preVarRefs", synapses.preVarRefs, weightUpdate.preNeuronVarRefs, source.model.vars,
          "source population '\(source.name)' (neuron model '\(source.model.name)')"
        ),
        (
          "postVarRefs", synapses.postVarRefs, weightUpdate.postNeuronVarRefs, target.model.vars,
          "target population '\(target.name)' (neuron model '\(target.model.name)')"
        ),
        (
          "psmVarRefs", synapses.psmVarRefs, weightUpdate.psmVarRefs, postsynaptic.vars,
          "postsynaptic model '\(postsynaptic.name)'"
        ),
      ]
    return groups.flatMap { group in
      checkReferences(
        element: weightUpdateElement, field: group.field, given: group.given,
        declared: group.declared, variables: group.variables, owner: group.owner)
    }
  }

  /// One reference map (`field`) of `element`: each reference it lists is declared, and
  /// each declared reference names one of `variables` (of `owner`); only read-only
  /// references name variables without an element or a batch dimension.
  func checkReferences(
    element: String, field: String, given: [String: String], declared: [NeuronVarReference],
    variables: [Variable], owner: String
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    let names = declared.map(\.name)
    for name in given.keys.sorted() where !names.contains(name) {
      problems.append(.unknownReference(element: element, field: field, name: name, allowed: names))
    }
    for reference in declared {
      let name = given[reference.name] ?? reference.name
      guard let variable = variables.first(where: { $0.name == name }) else {
        problems.append(
          .unknownReferencedVariable(
            element: element, field: field, reference: reference.name,
            variable: name, owner: owner, available: variables.map(\.name)))
        continue
      }
      if !reference.isReadOnly
        && !(variable.access.hasElementDimension && variable.access.hasBatchDimension)
      {
        problems.append(
          .writableReferenceToReadOnlyVariable(
            element: element, field: field, reference: reference.name,
            variable: name, access: variable.access))
      }
    }
    return problems
  }

  /// The values of `derived` given `params`, computed in double as GeNN does.
  public func derivedValues(_ derived: [DerivedParameter], params: [String: Double]) throws
    -> [String: Double]
  {
    var values: [String: Double] = [:]
    for parameter in derived {
      // Later derived parameters may use earlier ones, as GeNN allows.
      values[parameter.name] = try parameter.compute(params.merging(values) { a, _ in a }, dt)
    }
    return values
  }

  func duplicates(_ names: [String], kind: String) -> [ModelProblem] {
    var seen: Set<String> = []
    var reported: Set<String> = []
    var problems: [ModelProblem] = []
    for name in names where !seen.insert(name).inserted && reported.insert(name).inserted {
      problems.append(.duplicateName(kind: kind, name: name))
    }
    return problems
  }

  /// Names are identifiers, unique among a model's fields; types are GeNN's, and
  /// `paramTypes` types only parameters of `params`.
  func checkFields(
    element: String, params: [String], paramTypes: [String: String],
    derived: [DerivedParameter], vars: [Variable], egps: [ExtraGlobalParameter]
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    let names = params + derived.map(\.name) + vars.map(\.name) + egps.map(\.name)
    var seen: Set<String> = []
    for name in names {
      if !Identifier.isValid(name) { problems.append(.invalidName(element: element, name: name)) }
      if !seen.insert(name).inserted {
        problems.append(.duplicateField(element: element, field: name))
      }
    }
    for variable in vars where variable.valueType == nil {
      problems.append(.invalidType(element: element, field: variable.name, type: variable.type))
    }
    for egp in egps where egp.elementType == nil {
      problems.append(.invalidType(element: element, field: egp.name, type: egp.type))
    }
    for parameter in derived where TypeName.Base(parsing: parameter.type) == nil {
      problems.append(.invalidType(element: element, field: parameter.name, type: parameter.type))
    }
    for (name, type) in paramTypes.sorted(by: { $0.key < $1.key }) {
      if !params.contains(name) {
        problems.append(.unknownParameter(element: element, name: name, allowed: params))
      } else if TypeName.Base(parsing: type) == nil {
        problems.append(.invalidType(element: element, field: name, type: type))
      }
    }
    return problems
  }

  // swift-format-ignore: FunctionParameterCount
  func checkValues(
    element: String, size: Int, params: [String: Double], modelParams: [String],
    derived: [DerivedParameter], vars: [String: VarInit], modelVars: [Variable],
    egps: [String: [Double]], modelEGPs: [ExtraGlobalParameter],
    paramTypes: [String: String], domains: [String: ValueDomain] = [:],
    units: [String: String] = [:]
  ) -> [ModelProblem] {
    var problems = checkParams(
      element: element, given: params, expected: modelParams, types: paramTypes, units: units)
    problems += checkDomains(
      element: element, given: params, declared: domains, types: paramTypes)
    if problems.isEmpty {
      problems += checkDerived(element: element, derived, params: params)
    }
    problems += checkVars(element: element, size: size, vars: vars, modelVars: modelVars)
    let egpNames = modelEGPs.map(\.name)
    for name in egps.keys.sorted() where !egpNames.contains(name) {
      problems.append(.unknownExtraGlobalParameter(element: element, name: name, allowed: egpNames))
    }
    problems += checkExtraGlobalValues(element: element, given: egps, declared: modelEGPs)
    return problems
  }

  /// Every initialiser names a variable of the model, every variable has one, its values
  /// are ones its type holds, value arrays have `size` values and init snippets get their
  /// parameters, within their domains.
  func checkVars(
    element: String, size: Int, vars: [String: VarInit], modelVars: [Variable]
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    let varNames = modelVars.map(\.name)
    for name in vars.keys.sorted() where !varNames.contains(name) {
      problems.append(.unknownVariable(element: element, name: name, allowed: varNames))
    }
    for variable in modelVars {
      guard let initialiser = vars[variable.name] else {
        problems.append(.missingVariable(element: element, name: variable.name))
        continue
      }
      problems += checkInitialValues(element: element, variable: variable, initialiser)
      switch initialiser {
      case .values(let values) where values.count != size:
        problems.append(
          .wrongLength(element: element, field: variable.name, expected: size, got: values.count))
      case .snippet(let snippet, let snippetParams):
        let place = "\(element), variable '\(variable.name)' (init snippet '\(snippet.name)')"
        let snippetProblems =
          checkParams(
            element: place, given: snippetParams, expected: snippet.params,
            types: snippet.paramTypes,
            units: ModelReference.parameterUnits(
              .variableInitialisation, name: snippet.name, params: snippet.params))
          + checkDomains(
            element: place, given: snippetParams, declared: snippet.paramDomains,
            types: snippet.paramTypes)
        problems += checkFields(
          element: place, params: snippet.params, paramTypes: snippet.paramTypes,
          derived: snippet.derivedParams, vars: [], egps: snippet.extraGlobalParams)
        let declared = snippet.extraGlobalParams.map(\.name)
        for name in snippet.extraGlobalParamValues.keys.sorted() where !declared.contains(name) {
          problems.append(
            .unknownExtraGlobalParameter(element: place, name: name, allowed: declared))
        }
        problems += snippetProblems
        if snippetProblems.isEmpty {
          problems += checkDerived(element: place, snippet.derivedParams, params: snippetParams)
          problems += snippet.paramRules.compactMap { rule in
            rule.violation(snippetParams).map {
              .parameterRuleBroken(element: place, rule: rule, reason: $0)
            }
          }
        }
      case .kernel:
        problems.append(.kernelInitialiserNotAllowed(element: element, variable: variable.name))
      default:
        break
      }
    }
    return problems
  }

  /// Computes each derived parameter in turn, reporting the ones that fail or are not
  /// finite.
  func checkDerived(
    element: String, _ derived: [DerivedParameter], params: [String: Double]
  )
    -> [ModelProblem]
  {
    var problems: [ModelProblem] = []
    var values: [String: Double] = [:]
    for parameter in derived {
      do {
        let value = try parameter.compute(params.merging(values) { a, _ in a }, dt)
        values[parameter.name] = value
        if !value.isFinite {
          problems.append(
            .invalidDerivedParameter(
              element: element, name: parameter.name, reason: "it evaluates to \(value)"))
        } else if !fitsScalar(value) {
          problems.append(
            .outOfRange(element: element, name: parameter.name, value: value, type: "float"))
        }
      } catch {
        problems.append(
          .invalidDerivedParameter(element: element, name: parameter.name, reason: "\(error)"))
      }
    }
    return problems
  }

  /// Every parameter of `expected` is given a finite value, and no other; a `scalar` one
  /// (not typed in `types`) must fit the model's precision (the others are checked
  /// against their type by ``checkDomains(element:given:declared:types:)``). The errors
  /// list the parameters with their `units`.
  func checkParams(
    element: String, given: [String: Double], expected: [String], types: [String: String],
    units: [String: String] = [:]
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    for name in given.keys.sorted() where !expected.contains(name) {
      problems.append(
        .unknownParameter(element: element, name: name, allowed: expected, units: units))
    }
    for name in expected {
      guard let value = given[name] else {
        problems.append(
          .missingParameter(element: element, name: name, allowed: expected, units: units))
        continue
      }
      if !value.isFinite {
        problems.append(.nonFiniteParameter(element: element, name: name, value: value))
      } else if isScalar(name, types), !fitsScalar(value) {
        problems.append(.outOfRange(element: element, name: name, value: value, type: "float"))
      }
    }
    return problems
  }

  /// Whether parameter `name` is `scalar`: untyped in `types`, typed `scalar`, or typed
  /// with a name that is no type (reported by ``checkFields(element:params:paramTypes:derived:vars:egps:)``).
  private func isScalar(_ name: String, _ types: [String: String]) -> Bool {
    guard let type = types[name], let base = TypeName.Base(parsing: type) else { return true }
    return base == .scalar
  }

  /// Whether a finite value survives rounding to `scalar` (GeNN refuses to write a
  /// literal too large for its type).
  private func fitsScalar(_ value: Double) -> Bool {
    precision == .double || abs(value) <= Double(Float.greatestFiniteMagnitude)
  }
}
