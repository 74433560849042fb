import GeNNTranspiler

/// The values a model passes in checked against what holds them: parameters against
/// the domains their model or snippet declares and their type, initial values and extra
/// global parameter values against their type.
extension ModelSpec {
  /// The values of `type` in this model (`scalar` in the model's precision, `timepoint`
  /// in its time precision).
  func domain(of type: TypeName.Base) -> ValueDomain {
    switch type {
    case .numeric(let numeric): .of(numeric)
    case .scalar: .of(precision == .float ? .float : .double)
    case .timepoint: .of(timePrecision == .float ? .float : .double)
    }
  }

  /// `type` as messages spell it: `scalar (float in this model)`.
  private func spelling(_ type: String, _ base: TypeName.Base) -> String {
    switch base {
    case .numeric: type
    case .scalar: "\(type) (\(precision == .float ? "float" : "double") in this model)"
    case .timepoint: "\(type) (\(timePrecision == .float ? "float" : "double") in this model)"
    }
  }

  /// The problems of finite parameter values outside their domain: the one `declared`
  /// gives, else, for a parameter typed in `types` other than `scalar`, the values its
  /// type holds (whole numbers in its range for an integer type, 0 and 1 for `bool`).
  func checkDomains(
    element: String, given: [String: Double], declared: [String: ValueDomain],
    types: [String: String]
  ) -> [ModelProblem] {
    given.keys.sorted().compactMap { name in
      guard let value = given[name], value.isFinite else { return nil }
      if let domain = declared[name] {
        return domain.contains(value)
          ? nil
          : .parameterOutOfDomain(element: element, name: name, value: value, domain: domain)
      }
      guard let type = types[name], let base = TypeName.Base(parsing: type), base != .scalar
      else { return nil }
      let domain = domain(of: base)
      return domain.contains(value)
        ? nil
        : .parameterOutOfType(
          element: element, name: name, value: value, type: spelling(type, base), domain: domain)
    }
  }

  /// The first value of `initialiser` that `variable`'s type cannot hold (a float, a
  /// value too large for `float`, a fraction or a value out of range for an integer
  /// type), and a constant that is not finite.
  func checkInitialValues(element: String, variable: Variable, _ initialiser: VarInit)
    -> [ModelProblem]
  {
    guard let base = variable.valueType else { return [] }
    let values: [Double]
    switch initialiser {
    case .constant(let value) where !value.isFinite:
      return [.nonFiniteInitialValue(element: element, variable: variable.name, value: value)]
    case .constant(let value): values = [value]
    case .values(let given), .kernel(let given): values = given
    case .snippet, .uninitialised: return []
    }
    let domain = domain(of: base)
    guard let index = values.firstIndex(where: { !domain.contains($0) }) else { return [] }
    let isArray = if case .constant = initialiser { false } else { true }
    return [
      .initialValueOutOfRange(
        element: element, variable: variable.name, index: isArray ? index : nil,
        value: values[index], type: spelling(variable.type, base), domain: domain)
    ]
  }

  /// The first value of each extra global parameter that its element type cannot hold.
  func checkExtraGlobalValues(
    element: String, given: [String: [Double]], declared: [ExtraGlobalParameter]
  ) -> [ModelProblem] {
    declared.compactMap { egp in
      guard let base = egp.elementType, let values = given[egp.name] else { return nil }
      let domain = domain(of: base)
      guard let index = values.firstIndex(where: { !domain.contains($0) }) else { return nil }
      return .extraGlobalValueOutOfRange(
        element: element, name: egp.name, index: index, value: values[index],
        type: spelling(String(egp.type.dropLast()), base), domain: domain)
    }
  }
}
