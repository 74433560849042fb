import GeNNModel
import GeNNTranspiler

/// The parts of user-defined models: parameter names, derived parameters, variables,
/// extra global parameters and references.
extension ModelFileDecoder {
  /// Parameter names with types, for every inline model and snippet: a list of names
  /// (all `scalar`) or a mapping from names to GeNN types (`int`, `unsigned int`, `bool`,
  /// ...), PyGeNN's `(name, type)` pairs; validation checks the types. With
  /// `unitAllowed` (a model's parameters, not a snippet's), a name may map to
  /// `{type: ..., unit: ...}` (``recordUnits(of:model:)`` reads the unit).
  func typedParameterNames(_ value: YAMLValue?, unitAllowed: Bool = false)
    throws(ModelFileError) -> (
      names: [String], types: [String: String]
    )
  {
    guard let value else { return ([], [:]) }
    guard case .mapping = value.node else { return (try value.strings(), [:]) }
    var names: [String] = []
    var types: [String: String] = [:]
    for entry in try value.entries().entries {
      names.append(entry.name)
      var typeValue: YAMLValue? = entry.value
      if unitAllowed, case .mapping = entry.value.node {
        typeValue = try entry.value.mapping(allowed: ["type", "unit"])["type"]
      }
      let type =
        try typeValue?.string("a GeNN type such as scalar, int or unsigned int") ?? "scalar"
      if type != "scalar" { types[entry.name] = type }
    }
    return (names, types)
  }

  /// Derived parameters: a mapping from names to formulas over the parameters (`params`),
  /// earlier derived parameters, `dt` and `pi`. Each formula is checked here so that its
  /// errors point into the file.
  func derivedParameters(_ value: YAMLValue?, params: [String]) throws(ModelFileError)
    -> [DerivedParameter]
  {
    guard let value else { return [] }
    var derived: [DerivedParameter] = []
    var known = Dictionary(uniqueKeysWithValues: Set(params).map { ($0, 1.0) })
    for entry in try value.entries("a mapping from names to formulas").entries {
      var formulaValue = entry.value
      var type = "scalar"
      if case .mapping = entry.value.node {
        // A typed derived parameter: {formula: ..., type: int}.
        let fields = try entry.value.mapping(allowed: ["formula", "type"], required: ["formula"])
        formulaValue = fields["formula"]!
        if let typeValue = fields["type"] {
          type = try typeValue.string("a GeNN type such as int")
          guard TypeName.Base(parsing: type) != nil else {
            throw typeValue.error(
              .invalidModel("derived parameter '\(entry.name)': unknown type '\(type)'"))
          }
        }
      }
      let formula = try formulaValue.string("a formula such as exp(-dt / tau)")
      let parameter = DerivedParameter(entry.name, formula: formula, type: type)
      do {
        _ = try parameter.compute(known, 1.0)
      } catch let error as TranspilerError {
        throw codeError(error, keyPath: formulaValue.key)
      } catch {
        throw formulaValue.error(.invalidModel("derived parameter '\(entry.name)': \(error)"))
      }
      known[entry.name] = 1.0
      derived.append(parameter)
    }
    return derived
  }

  /// Variable declarations: a list of names (`scalar`, read-write) or a mapping from
  /// names to a type or to `{type: ..., access: ..., unit: ...}` (the unit, which
  /// ``recordUnits(of:model:)`` reads, only with `unitAllowed`).
  func variableDeclarations(
    _ value: YAMLValue?, defaultAccess: VarAccess = .readWrite, unitAllowed: Bool = true
  ) throws(ModelFileError) -> [Variable] {
    guard let value else { return [] }
    guard case .mapping = value.node else {
      return try value.strings().map { Variable($0, access: defaultAccess) }
    }
    var variables: [Variable] = []
    for entry in try value.entries().entries {
      if entry.value.node.scalar != nil {
        variables.append(
          Variable(entry.name, try entry.value.string("a GeNN type"), access: defaultAccess))
        continue
      }
      let fields = try entry.value.mapping(
        allowed: unitAllowed ? ["type", "access", "unit"] : ["type", "access"])
      let type = try fields["type"]?.string("a GeNN type") ?? "scalar"
      var access = defaultAccess
      if let accessValue = fields["access"] {
        let text = try accessValue.string("a variable access mode")
        guard let parsed = VarAccess(rawValue: text.uppercased()) else {
          throw accessValue.error(
            .outOfRange(
              key: accessValue.key, value: "'\(text)'",
              requirement: "one of " + VarAccess.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        access = parsed
      }
      variables.append(Variable(entry.name, type, access: access))
    }
    return variables
  }

  /// Extra global parameter declarations: a mapping from names to pointer types such as
  /// `scalar*`.
  func extraGlobalParameterDeclarations(_ value: YAMLValue?) throws(ModelFileError)
    -> [ExtraGlobalParameter]
  {
    guard let value else { return [] }
    var parameters: [ExtraGlobalParameter] = []
    for entry in try value.entries("a mapping from names to pointer types such as scalar*")
      .entries
    {
      parameters.append(
        ExtraGlobalParameter(entry.name, try entry.value.string("a pointer type such as scalar*")))
    }
    return parameters
  }

  /// Neuron variable references: a list of names (`scalar`, read-only) or a mapping from
  /// names to a type or to `{type: ..., access: READ_ONLY | READ_WRITE}`.
  func references(_ value: YAMLValue?) throws(ModelFileError) -> [NeuronVarReference] {
    try variableDeclarations(value, defaultAccess: .readOnly, unitAllowed: false).map {
      NeuronVarReference($0.name, $0.type, readOnly: $0.access != .readWrite)
    }
  }

  /// Additional input variables: a mapping from names to an initial value or to
  /// `{type: ..., value: ...}`.
  func additionalInputs(_ value: YAMLValue?) throws(ModelFileError) -> [AdditionalInputVariable] {
    guard let value else { return [] }
    var inputs: [AdditionalInputVariable] = []
    for entry in try value.entries().entries {
      if entry.value.node.scalar != nil {
        inputs.append(AdditionalInputVariable(entry.name, initialValue: try entry.value.number()))
        continue
      }
      let fields = try entry.value.mapping(allowed: ["type", "value"])
      inputs.append(
        AdditionalInputVariable(
          entry.name, try fields["type"]?.string("a GeNN type") ?? "scalar",
          initialValue: try fields["value"]?.number() ?? 0))
    }
    return inputs
  }

  /// A code string, or the empty string when the key is absent.
  func code(_ mapping: YAMLMapping, _ key: String) throws(ModelFileError) -> String {
    guard let value = mapping[key], !value.isNull else { return "" }
    return try value.string(
      "a code string (use a block scalar: '\(key): |' and the code on the lines below)")
  }

  /// A transpiler error in the code string at `keyPath`, at its file position.
  func codeError(_ error: TranspilerError, keyPath: String) -> ModelFileError {
    CodeErrorMapping.error(
      error, location: sourceMap.codeLocation(of: keyPath),
      fallback: sourceMap.nearestPosition(of: keyPath),
      context: error.context == "formula" ? "formula '\(keyPath)'" : nil)
  }
}
