import GeNNModel

/// Finds the entry of a model file that a validation problem is about, from the element
/// and field the problem names.
enum ValidationAnchor {
  /// The element description (such as `synapse population 'EE' (weight update model
  /// 'STDP')`) and the field key path, relative to the part of the element the
  /// description names, that `problem` is about.
  static func anchor(of problem: ModelProblem) -> (element: String?, field: String?) {
    switch problem {
    case .invalidTimeStep: (nil, "dt")
    case .invalidBatchSize: (nil, nil)
    case .duplicateName(let kind, let name): ("\(kind) '\(name)'", nil)
    case .invalidName("model", _): (nil, "name")
    case .invalidName(let element, _), .invalidElementName(let element, _),
      .unsupported(let element, _):
      (element, nil)
    case .invalidSize(let element, _): (element, "size")
    case .duplicateField(let element, _), .duplicateVariable(let element, _, _): (element, "model")
    case .invalidType(let element, _, _): (element, "model")
    case .unknownParameter(let element, let name, _, _),
      .missingParameter(let element, let name, _, _),
      .nonFiniteParameter(let element, let name, _), .outOfRange(let element, let name, _, _),
      .parameterOutOfDomain(let element, let name, _, _),
      .parameterOutOfType(let element, let name, _, _, _):
      (element, "params.\(name)")
    case .parameterRuleBroken(let element, .clippedNormal(let mean, _, _, _), _):
      (element, "params.\(mean)")
    case .parameterRuleBroken(let element, .ordered(let low, _), _):
      (element, "params.\(low)")
    case .nonFiniteInitialValue(let element, let name, _),
      .unknownVariable(let element, let name, _),
      .missingVariable(let element, let name), .kernelInitialiserNotAllowed(let element, let name),
      .wrongLength(let element, let name, _, _),
      .initialValueOutOfRange(let element, let name, _, _, _, _):
      (element, "vars.\(name)")
    case .unknownExtraGlobalParameter(let element, let name, _),
      .extraGlobalValueOutOfRange(let element, let name, _, _, _, _):
      (element, "extra_global_params.\(name)")
    case .invalidDelay(let element, _): (element, "axonal_delay_steps")
    case .invalidBackPropagationDelay(let element, _): (element, "back_prop_delay_steps")
    case .invalidDendriticDelay(let element, _): (element, "max_dendritic_delay_steps")
    case .invalidMaxConnections(let element, _, _): (element, "max_connections")
    case .missingDendriticDelay(let element), .delayedAndUndelayedRead(let element, _, _):
      (element, "weight_update")
    case .invalidConnectivity(let element, _), .indexOutOfRange(let element, _, _, _):
      (element, "connectivity")
    case .unknownVariableReference(let element, let reference, _, _):
      (element, "postsynaptic.var_refs.\(reference)")
    case .unknownTarget(let element, _, _): (element, "target")
    case .unknownInput(let element, let field, _, _, _): (element, field)
    case .invalidDerivedParameter(let element, let name, _):
      (element, "model.derived_params.\(name)")
    case .unknownReference(let element, let field, let name, _),
      .unknownReferencedVariable(let element, let field, let name, _, _, _),
      .writableReferenceToReadOnlyVariable(let element, let field, let name, _, _):
      (element, "\(referenceKey(field)).\(name)")
    case .matrixTypeNotAllowed(let element, _, _, _): (element, "matrix_type")
    case .noVariableReferences(let element), .invalidReduction(let element, _, _):
      (element, "model")
    case .missingVariableReference(let element, _): (element, "var_refs")
    case .unknownReferenceTarget(let element, let reference, _, _, _),
      .referenceTypeMismatch(let element, let reference, _, _),
      .readOnlyReferenceTarget(let element, let reference, _, _),
      .referenceShapeMismatch(let element, let reference, _, _),
      .invalidTranspose(let element, let reference, _):
      (element, "var_refs.\(reference)")
    }
  }

  /// The file key of a synapse population's reference map.
  private static func referenceKey(_ field: String) -> String {
    switch field {
    case "preVarRefs": "pre_var_refs"
    case "postVarRefs": "post_var_refs"
    case "psmVarRefs": "psm_var_refs"
    case "varRefs": "var_refs"
    default: field
    }
  }

  /// The key path of `field` of the element described by `element`.
  static func keyPath(element: String, field: String?) -> String {
    let kinds = [
      ("neuron population '", "neurons."), ("current source '", "current_sources."),
      ("synapse population '", "synapses."), ("custom update '", "custom_updates."),
      ("custom connectivity update '", "custom_connectivity_updates."),
    ]
    guard let (prefix, section) = kinds.first(where: { element.hasPrefix($0.0) }) else {
      return field ?? ""
    }
    let rest = element.dropFirst(prefix.count)
    guard let end = rest.firstIndex(of: "'") else { return field ?? "" }
    var path = section + rest[..<end]
    let detail = rest[rest.index(after: end)...]
    var field = field
    // A variable's init snippet: `..., variable 'V' (init snippet 'Uniform')`.
    if let variable = detail.firstRange(of: ", variable '").map({ detail[$0.upperBound...] }),
      let close = variable.firstIndex(of: "'")
    {
      field = "vars.\(variable[..<close])" + (field.map { ".\($0)" } ?? "")
    }
    if detail.contains("(weight update model") {
      path += ".weight_update"
      if detail.contains("weightUpdatePreVars") {
        field = field.map { $0.replacing("vars.", with: "pre_vars.") }
      } else if detail.contains("weightUpdatePostVars") {
        field = field.map { $0.replacing("vars.", with: "post_vars.") }
      }
    } else if element.hasPrefix("custom connectivity update '") && detail.contains(", preVars") {
      field = field.map { $0.replacing("vars.", with: "pre_vars.") }
    } else if element.hasPrefix("custom connectivity update '") && detail.contains(", postVars") {
      field = field.map { $0.replacing("vars.", with: "post_vars.") }
    } else if detail.contains("(postsynaptic model") {
      path += ".postsynaptic"
    } else if detail.contains("connectivity snippet") || detail.contains("Toeplitz snippet") {
      path += ".connectivity"
    }
    return field.map { "\(path).\($0)" } ?? path
  }
}
