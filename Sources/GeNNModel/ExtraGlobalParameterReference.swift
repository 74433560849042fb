/// The extra global parameter a reference points at, GeNN's `create_egp_ref`,
/// `create_psm_egp_ref` and `create_wu_egp_ref`: the code of the referencing element
/// (a custom update; a custom connectivity update) reads and writes that array itself.
public enum ExtraGlobalParameterTarget: Hashable, Sendable {
  /// A neuron population's extra global parameter.
  case neuron(population: String, parameter: String)
  /// A current source's extra global parameter.
  case currentSource(source: String, parameter: String)
  /// A custom update's extra global parameter.
  case customUpdate(update: String, parameter: String)
  /// A custom connectivity update's extra global parameter.
  case customConnectivityUpdate(update: String, parameter: String)
  /// A synapse population's postsynaptic model's extra global parameter.
  case postsynaptic(synapses: String, parameter: String)
  /// A synapse population's weight update model's extra global parameter.
  case weightUpdate(synapses: String, parameter: String)

  /// The element and parameter in words, for messages: "Pop.e".
  public var description: String {
    switch self {
    case .neuron(let owner, let parameter), .currentSource(let owner, let parameter),
      .customUpdate(let owner, let parameter), .customConnectivityUpdate(let owner, let parameter),
      .postsynaptic(let owner, let parameter),
      .weightUpdate(let owner, let parameter):
      "\(owner).\(parameter)"
    }
  }
}

extension ModelSpec {
  /// The declaration of the extra global parameter `target` names.
  public func extraGlobalParameter(_ target: ExtraGlobalParameterTarget) -> Result<
    ExtraGlobalParameter, ReferenceFailure
  > {
    func find(_ egps: [ExtraGlobalParameter], _ name: String, owner: String) -> Result<
      ExtraGlobalParameter, ReferenceFailure
    > {
      guard let found = egps.first(where: { $0.name == name }) else {
        return .failure(.unknownVariable(owner: owner, variable: name, available: egps.map(\.name)))
      }
      return .success(found)
    }
    switch target {
    case .neuron(let name, let parameter):
      return referencedPopulation(name).flatMap { population in
        find(
          population.model.extraGlobalParams, parameter,
          owner: "neuron population '\(name)' (model '\(population.model.name)')")
      }
    case .currentSource(let name, let parameter):
      guard let source = currentSources.first(where: { $0.name == name }) else {
        return .failure(
          .unknownElement(
            kind: "current source", name: name, available: currentSources.map(\.name)))
      }
      return find(
        source.model.extraGlobalParams, parameter,
        owner: "current source '\(name)' (model '\(source.model.name)')")
    case .customUpdate(let name, let parameter):
      guard let update = customUpdate(named: name) else {
        return .failure(
          .unknownElement(
            kind: "custom update", name: name, available: customUpdates.map(\.name)))
      }
      return find(
        update.model.extraGlobalParams, parameter,
        owner: "custom update '\(name)' (model '\(update.model.name)')")
    case .customConnectivityUpdate(let name, let parameter):
      guard let update = customConnectivityUpdate(named: name) else {
        return .failure(
          .unknownElement(
            kind: "custom connectivity update", name: name,
            available: customConnectivityUpdates.map(\.name)))
      }
      return find(
        update.model.extraGlobalParams, parameter,
        owner: "custom connectivity update '\(name)' (model '\(update.model.name)')")
    case .postsynaptic(let name, let parameter):
      return referencedSynapses(name).flatMap {
        find(
          $0.postsynaptic.extraGlobalParams, parameter,
          owner: "synapse population '\(name)' (postsynaptic model '\($0.postsynaptic.name)')")
      }
    case .weightUpdate(let name, let parameter):
      return referencedSynapses(name).flatMap {
        find(
          $0.weightUpdate.extraGlobalParams, parameter,
          owner: "synapse population '\(name)' (weight update model '\($0.weightUpdate.name)')")
      }
    }
  }

  /// Checks the extra global parameter references `references` of `element` against the
  /// declared ones (`declared`, as GeNN's `extra_global_param_refs`): each declared one
  /// names an existing extra global parameter of the same type, and none is unknown.
  func checkExtraGlobalParameterReferences(
    element: String, declared: [ExtraGlobalParameter],
    references: [String: ExtraGlobalParameterTarget]
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    let names = declared.map(\.name)
    for name in references.keys.sorted() where !names.contains(name) {
      problems.append(
        .unknownReference(element: element, field: "egpRefs", name: name, allowed: names))
    }
    for reference in declared {
      guard let target = references[reference.name] else {
        problems.append(.missingVariableReference(element: element, reference: reference.name))
        continue
      }
      switch extraGlobalParameter(target) {
      case .failure(let failure):
        problems.append(
          failure.problem(element: element, field: "egpRefs", reference: reference.name))
      case .success(let found) where found.elementType != reference.elementType:
        problems.append(
          .referenceTypeMismatch(
            element: element, reference: reference.name, declared: reference.type,
            actual: found.type))
      case .success:
        break
      }
    }
    return problems
  }
}
