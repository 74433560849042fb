extension ModelSpec {
  /// Checks the custom updates as GeNN 5.4 does (`CustomUpdate`, `CustomUpdateWU`): names,
  /// fields, parameter and variable values, every reference resolving to a variable of
  /// the declared type, references agreeing in size (neuron updates) or synapse population
  /// (synapse updates), reductions and transposes. As in GeNN, a read-write reference may
  /// name a variable its owner only reads (`READ_ONLY`, `READ_ONLY_DUPLICATE`): the update
  /// writes it; only a variable with fewer dimensions than the update cannot be written.
  func checkCustomUpdates() -> [ModelProblem] {
    var problems = duplicates(customUpdates.map(\.name), kind: "custom update")
    for (index, update) in customUpdates.enumerated() {
      problems += checkCustomUpdate(update, index: index)
    }
    return problems
  }

  /// The name of a custom update or custom connectivity update and of its update group
  /// follow GeNN's rule for element names.
  func checkUpdateNames(element: String, name: String, updateGroup: String) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    if !ElementName.isValid(name) {
      problems.append(.invalidElementName(element: element, name: name))
    }
    if !ElementName.isValid(updateGroup) {
      problems.append(.invalidElementName(element: element + ", update group", name: updateGroup))
    }
    return problems
  }

  private func checkCustomUpdate(_ update: CustomUpdate, index: Int) -> [ModelProblem] {
    let model = update.model
    let element = "custom update '\(update.name)' (model '\(model.name)')"
    var problems = checkUpdateNames(
      element: element, name: update.name, updateGroup: update.updateGroup)
    let variables = model.vars.map { Variable($0.name, $0.type) }
    problems += checkFields(
      element: element, params: model.params, paramTypes: model.paramTypes,
      derived: model.derivedParams,
      vars: variables + model.varRefs.map { Variable($0.name, $0.type) },
      egps: model.extraGlobalParams + model.extraGlobalParamRefs)
    problems += checkExtraGlobalParameterReferences(
      element: element, declared: model.extraGlobalParamRefs, references: update.egpRefs)
    if model.varRefs.isEmpty { problems.append(.noVariableReferences(element: element)) }

    // References: each resolves, with the declared type.
    let declared = model.varRefs.map(\.name)
    for name in update.varRefs.keys.sorted() where !declared.contains(name) {
      problems.append(
        .unknownReference(element: element, field: "varRefs", name: name, allowed: declared))
    }
    var resolved: [(reference: CustomUpdateVarReference, target: ReferencedVariable)] = []
    for reference in model.varRefs {
      guard let target = update.varRefs[reference.name] else {
        problems.append(.missingVariableReference(element: element, reference: reference.name))
        continue
      }
      switch referencedVariable(target, before: index) {
      case .failure(let failure):
        problems.append(
          failure.problem(element: element, field: "varRefs", reference: reference.name))
      case .success(let variable):
        if variable.type != reference.type {
          problems.append(
            .referenceTypeMismatch(
              element: element, reference: reference.name, declared: reference.type,
              actual: variable.type))
        }
        resolved.append((reference, variable))
      }
    }
    problems += checkShapes(update, element: element, resolved)
    problems += checkDelayOwners(update, element: element)
    guard let shape = shape(of: update), resolved.count == model.varRefs.count else {
      return problems + checkParameterValues(update, element: element)
    }

    problems += checkBatchWrites(update, element: element, resolved)
    switch shape {
    case .neurons(let count, let perElement):
      problems += checkNeuronReductions(update, element: element, resolved)
      problems += checkCustomUpdateVars(
        update, element: element, size: perElement ? count : 1, perElement: perElement)
    case .synapses(let name):
      problems += checkSynapseUpdate(update, element: element, synapses: name, resolved)
    }
    return problems
  }

  /// GeNN's check of batched updates: a variable shared across batches cannot be written
  /// by an update that runs once per batch (only reduced into).
  private func checkBatchWrites(
    _ update: CustomUpdate, element: String,
    _ resolved: [(reference: CustomUpdateVarReference, target: ReferencedVariable)]
  ) -> [ModelProblem] {
    guard isBatched, resolved.contains(where: { $0.target.hasBatchDimension }) else { return [] }
    return resolved.filter {
      $0.reference.access.writes && !$0.reference.access.isReduction
        && !$0.target.hasBatchDimension
    }.map { reference, target in
      .readOnlyReferenceTarget(
        element: element, reference: reference.name,
        variable: Self.describe(update.varRefs[reference.name]!),
        access: "\(target.access), one value shared by every batch while the update runs "
          + "per batch (batch size \(batchSize))")
    }
  }

  /// The references of one update agree: all per neuron with one size, or all per synapse
  /// of one synapse population.
  private func checkShapes(
    _ update: CustomUpdate, element: String,
    _ resolved: [(reference: CustomUpdateVarReference, target: ReferencedVariable)]
  ) -> [ModelProblem] {
    guard let first = resolved.first else { return [] }
    var problems: [ModelProblem] = []
    for (reference, target) in resolved.dropFirst() {
      switch (first.target.shape, target.shape) {
      case (.neurons(let a, _), .neurons(let b, _)) where a != b:
        problems.append(
          .referenceShapeMismatch(
            element: element, reference: reference.name, other: first.reference.name,
            reason: "name variables of different sizes (\(a) and \(b) values); all referenced "
              + "variables must have the same size"))
      case (.synapses(let a), .synapses(let b)) where a != b:
        problems.append(
          .referenceShapeMismatch(
            element: element, reference: reference.name, other: first.reference.name,
            reason: "name variables of different synapse populations ('\(a)' and '\(b)'); all "
              + "must belong to the same synapse population"))
      case (.neurons, .synapses), (.synapses, .neurons):
        problems.append(
          .referenceShapeMismatch(
            element: element, reference: reference.name, other: first.reference.name,
            reason: "mix per-neuron and per-synapse variables; a custom update runs over "
              + "neurons or over synapses, not both"))
      default:
        break
      }
    }
    return problems
  }

  /// GeNN's rule for delayed references: those kept per delay slot of a neuron population
  /// all belong to one population, and references to dendritic delay buffers all to one
  /// synapse population.
  private func checkDelayOwners(_ update: CustomUpdate, element: String) -> [ModelProblem] {
    var neuronOwners: [(reference: String, owner: String)] = []
    var dendriticOwners: [(reference: String, owner: String)] = []
    for name in update.varRefs.keys.sorted() {
      let target = update.varRefs[name]!
      if case .dendriticDelayBuffer(let synapses) = target {
        dendriticOwners.append((name, synapses))
      } else if let owner = delayingPopulation(of: target) {
        neuronOwners.append((name, owner))
      }
    }
    var problems: [ModelProblem] = []
    for (owners, what) in [
      (neuronOwners, "variables kept per delay slot of neuron populations"),
      (dendriticOwners, "dendritic delay buffers of synapse populations"),
    ] {
      guard let first = owners.first else { continue }
      for other in owners.dropFirst() where other.owner != first.owner {
        problems.append(
          .referenceShapeMismatch(
            element: element, reference: other.reference, other: first.reference,
            reason: "name \(what) '\(first.owner)' and '\(other.owner)'; as in GeNN, all "
              + "must belong to the same one"))
      }
    }
    return problems
  }

  /// The neuron population whose delay slots keep the variable `target` names, if any.
  private func delayingPopulation(of target: CustomUpdateTarget) -> String? {
    func synapses(_ name: String) -> SynapsePopulation? {
      synapsePopulations.first { $0.name == name }
    }
    let population: String?
    switch target {
    case .neuronVariable(let name, let variable):
      population = queuedVariables(of: name).contains(variable) ? name : nil
    case .weightUpdatePreVariable(let name, _):
      population = synapses(name).flatMap { $0.axonalDelaySteps > 0 ? $0.source : nil }
    case .weightUpdatePostVariable(let name, _):
      population = synapses(name).flatMap { $0.queuesPostVars ? $0.target : nil }
    case .postsynapticVariable(let name, _):
      population = synapses(name).flatMap { $0.queuesPostsynapticVars ? $0.target : nil }
    case .spikeTimes(let name), .previousSpikeTimes(let name):
      population = name
    default:
      population = nil
    }
    return population.flatMap { maximumDelaySteps(of: $0) > 0 ? $0 : nil }
  }

  /// GeNN's reduction rules for a neuron custom update: a reduction over neurons or over
  /// batches, not both and not neither, and no read-write reference to a variable with
  /// fewer dimensions than the update.
  private func checkNeuronReductions(
    _ update: CustomUpdate, element: String,
    _ resolved: [(reference: CustomUpdateVarReference, target: ReferencedVariable)]
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    let updateHasElement = resolved.contains { $0.target.hasElementDimension }
    for (reference, target) in resolved
    where reference.access.writes && !reference.access.isReduction && updateHasElement
      && !target.hasElementDimension
    {
      problems.append(
        .readOnlyReferenceTarget(
          element: element, reference: reference.name,
          variable: Self.describe(
            update.varRefs[reference.name]!),
          access: "\(target.access), one value shared by all neurons while the update runs "
            + "per neuron"))
    }
    let neuronReduction =
      update.model.vars.contains { $0.access.isNeuronReduction }
      || resolved.contains { $0.reference.access.isReduction && !$0.target.hasElementDimension }
    let batchReduction =
      update.model.vars.contains { $0.access.isBatchReduction }
      || resolved.contains { $0.reference.access.isReduction && !$0.target.hasBatchDimension }
    let field =
      update.model.vars.first { $0.access.mode.isReduction }?.name
      ?? resolved.first { $0.reference.access.isReduction }?.reference.name ?? ""
    if neuronReduction && batchReduction {
      problems.append(
        .invalidReduction(
          element: element, field: field,
          reason: "a custom update cannot reduce over neurons and over batches at once"))
    } else if update.model.isReduction && !neuronReduction && !batchReduction {
      problems.append(
        .invalidReduction(
          element: element, field: field,
          reason: "a reduction needs a target with fewer dimensions than the update: a "
            + "REDUCE_NEURON_* variable, or a reduction reference to a variable shared by all "
            + "neurons (a reference to a per-neuron READ_WRITE variable cannot be reduced into)"))
    }
    return problems
  }

  /// The variable values of an update: parameters, derived parameters, one value per
  /// element (or one in all for variables shared across neurons), extra global parameters.
  private func checkCustomUpdateVars(
    _ update: CustomUpdate, element: String, size: Int, perElement: Bool
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    var inits = update.vars
    for variable in update.model.vars
    where perElement && variable.access.isSharedAcrossNeurons {
      // One value in all: check its length here, as a constant below.
      guard case .values(let values)? = inits[variable.name] else { continue }
      if values.count != 1 {
        problems.append(
          .wrongLength(element: element, field: variable.name, expected: 1, got: values.count))
      }
      inits[variable.name] = .constant(values.first ?? 0)
    }
    let model = update.model
    problems += checkValues(
      element: element, size: size, params: update.params, modelParams: model.params,
      derived: model.derivedParams, vars: inits,
      modelVars: model.vars.map { Variable($0.name, $0.type) }, egps: update.extraGlobalParams,
      modelEGPs: model.extraGlobalParams, paramTypes: model.paramTypes,
      units: ModelReference.parameterUnits(.customUpdate, name: model.name, params: model.params))
    return problems
  }

  private func checkParameterValues(_ update: CustomUpdate, element: String) -> [ModelProblem] {
    let model = update.model
    // Sizes are unknown: check values as constants only.
    let inits = update.vars.mapValues { initialiser -> VarInit in
      if case .values = initialiser { .constant(0) } else { initialiser }
    }
    return checkValues(
      element: element, size: 1, params: update.params, modelParams: model.params,
      derived: model.derivedParams, vars: inits,
      modelVars: model.vars.map { Variable($0.name, $0.type) }, egps: update.extraGlobalParams,
      modelEGPs: model.extraGlobalParams, paramTypes: model.paramTypes,
      units: ModelReference.parameterUnits(.customUpdate, name: model.name, params: model.params))
  }

  /// A per-synapse update: a DENSE or SPARSE population, per-synapse variables only (no
  /// reductions over neurons, nothing shared across neurons), reductions over batches
  /// only, values per synapse, and GeNN's transpose rules.
  private func checkSynapseUpdate(
    _ update: CustomUpdate, element: String, synapses name: String,
    _ resolved: [(reference: CustomUpdateVarReference, target: ReferencedVariable)]
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    guard let synapses = synapsePopulations.first(where: { $0.name == name }),
      let source = neuronPopulation(named: synapses.source),
      let target = neuronPopulation(named: synapses.target)
    else { return problems }
    let model = update.model
    for variable in model.vars
    where variable.access.isSharedAcrossNeurons
      || [.readOnlySharedNeuron, .broadcastDelay].contains(variable.access)
    {
      problems.append(
        .invalidReduction(
          element: element, field: variable.name,
          reason: "a custom update over the synapses of '\(name)' cannot have "
            + "\(variable.access.rawValue) variables (only per-synapse ones and batch reductions)"))
    }
    // As over neurons, a reduction needs a target without the batch dimension; with one
    // batch, the value reduced over batches is the one the code assigns.
    let batchReduction =
      model.vars.contains { $0.access.isBatchReduction }
      || resolved.contains { $0.reference.access.isReduction && !$0.target.hasBatchDimension }
    if model.isReduction && !batchReduction,
      let reference = resolved.first(where: { $0.reference.access.isReduction })
    {
      problems.append(
        .invalidReduction(
          element: element, field: reference.reference.name,
          reason: "a custom update over synapses can only reduce over batches, so a reduction "
            + "reference needs a variable shared across batches (READ_ONLY), not "
            + "\(reference.target.access)"))
    }
    let kernel = synapses.matrixType.weightStorage == .kernel
    if !kernel && ![.dense, .sparse].contains(synapses.matrixType) {
      problems.append(
        .matrixTypeNotAllowed(
          element: element, field: "varRefs", matrixType: synapses.matrixType,
          allowed: [.dense, .sparse, .toeplitz, .proceduralKernelG]))
    }
    var size = source.size * target.size
    var inits = update.vars
    switch synapses.connectivity {
    case _ where kernel:
      // Over kernel weights (GeNN's `id_kernel`): one value per kernel element.
      size = synapses.kernelSize.reduce(1, *)
    case .explicit(let pre, _): size = pre.count
    case .snippet:
      for (variable, initialiser) in update.vars.sorted(by: { $0.key < $1.key }) {
        guard case .values = initialiser else { continue }
        problems.append(
          .invalidConnectivity(
            element: element,
            reason: "variable '\(variable)' has one value per synapse, but the synapses of "
              + "'\(name)' are built by a connectivity snippet; give a constant"))
        inits[variable] = .constant(0)
      }
    case .allToAll, .toeplitz: break
    }
    problems += checkValues(
      element: element, size: size, params: update.params, modelParams: model.params,
      derived: model.derivedParams, vars: inits,
      modelVars: model.vars.map { Variable($0.name, $0.type) }, egps: update.extraGlobalParams,
      modelEGPs: model.extraGlobalParams, paramTypes: model.paramTypes,
      units: ModelReference.parameterUnits(.customUpdate, name: model.name, params: model.params))
    problems += checkTransposes(
      update, element: element, synapses: synapses, batchReduction: batchReduction)
    return problems
  }

  private func checkTransposes(
    _ update: CustomUpdate, element: String, synapses: SynapsePopulation, batchReduction: Bool
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    var count = 0
    for reference in update.model.varRefs {
      guard
        case .transposedWeightUpdateVariable(
          _, let variable, let transposeName, let transposeVar)? =
          update.varRefs[reference.name]
      else { continue }
      count += 1
      if count > 1 {
        problems.append(
          .invalidTranspose(
            element: element, reference: reference.name,
            reason: "a custom update can transpose only one variable"))
      }
      if batchReduction {
        problems.append(
          .invalidTranspose(
            element: element, reference: reference.name,
            reason: "a custom update cannot both transpose and reduce over batches"))
      }
      guard let transpose = synapsePopulations.first(where: { $0.name == transposeName }) else {
        problems.append(
          .unknownReferenceTarget(
            element: element, reference: reference.name, kind: "synapse population",
            name: transposeName, available: synapsePopulations.map(\.name)))
        continue
      }
      if synapses.matrixType != .dense || transpose.matrixType != .dense {
        problems.append(
          .invalidTranspose(
            element: element, reference: reference.name,
            reason: "a transpose needs DENSE matrices; '\(synapses.name)' is "
              + "\(synapses.matrixType.rawValue) and '\(transposeName)' is "
              + "\(transpose.matrixType.rawValue)"))
      }
      if transpose.source != synapses.target || transpose.target != synapses.source {
        let sizes = [transpose.source, transpose.target, synapses.source, synapses.target].map {
          neuronPopulation(named: $0)?.size ?? -1
        }
        if sizes[0] != sizes[3] || sizes[1] != sizes[2] {
          problems.append(
            .invalidTranspose(
              element: element, reference: reference.name,
              reason: "'\(transposeName)' (\(sizes[0]) x \(sizes[1]) neurons) is not the "
                + "transpose of '\(synapses.name)' (\(sizes[2]) x \(sizes[3]) neurons)"))
        }
      }
      guard let transposed = transpose.weightUpdate.vars.first(where: { $0.name == transposeVar })
      else {
        problems.append(
          .unknownReferencedVariable(
            element: element, field: "varRefs", reference: reference.name,
            variable: transposeVar,
            owner: "synapse population '\(transposeName)' (weight update model "
              + "'\(transpose.weightUpdate.name)')",
            available: transpose.weightUpdate.vars.map(\.name)))
        continue
      }
      let original = synapses.weightUpdate.vars.first { $0.name == variable }
      if let original, original.type != transposed.type {
        problems.append(
          .invalidTranspose(
            element: element, reference: reference.name,
            reason: "'\(variable)' is '\(original.type)' but its transpose '\(transposeVar)' is "
              + "'\(transposed.type)'; the types must be the same"))
      }
    }
    return problems
  }

  /// The referenced variable in words, for messages.
  static func describe(_ target: CustomUpdateTarget) -> String {
    switch target {
    case .neuronVariable(let owner, let variable), .currentSourceVariable(let owner, let variable),
      .postsynapticVariable(let owner, let variable),
      .weightUpdatePreVariable(let owner, let variable),
      .weightUpdatePostVariable(let owner, let variable),
      .customUpdateVariable(let owner, let variable),
      .weightUpdateVariable(let owner, let variable),
      .transposedWeightUpdateVariable(let owner, let variable, _, _),
      .customConnectivityUpdateVariable(let owner, let variable),
      .customConnectivityUpdatePreVariable(let owner, let variable),
      .customConnectivityUpdatePostVariable(let owner, let variable):
      "\(owner).\(variable)"
    case .postsynapticInput(let owner): "\(owner).inSyn"
    case .dendriticDelayBuffer(let owner): "\(owner).denDelay"
    case .spikeTimes(let owner): "\(owner).st"
    case .previousSpikeTimes(let owner): "\(owner).prev_st"
    }
  }
}
