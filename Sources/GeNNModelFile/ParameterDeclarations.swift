import GeNNModel

/// Reads a model file's top-level `parameters:` mapping into an ``ExpressionScope``: each
/// a number or a `${...}` expression over the parameters before it, unless an override
/// replaces it.
enum ParameterDeclarations {
  /// Declares the parameters of the document `root` in `scope`, in file order.
  static func declare(
    _ root: YAMLValue, overrides: ModelOverrides, in scope: ExpressionScope
  ) throws(ModelFileError) {
    guard case .mapping = root.node,
      let parameters = try root.entries()["parameters"]
    else { return }
    for entry in try parameters.entries("a mapping from parameter names to numbers").entries {
      if let problem = Identifier.problem(with: entry.name) ?? reserved(entry.name) {
        throw ModelFileError(
          .outOfRange(
            key: entry.value.key, value: Identifier.quoted(entry.name),
            requirement: "a parameter name: \(problem)"),
          at: entry.keyPosition)
      }
      guard scope.parameters[entry.name] == nil else {
        throw ModelFileError(
          .conflictingKeys(
            key: "parameters", keys: [entry.name], reason: "is declared twice; declare it once"),
          at: entry.keyPosition)
      }
      if let value = overrides.values[entry.name] {
        scope.declare(entry.name, value)
        continue
      }
      let value = try entry.value.number()
      guard value.isFinite else {
        throw entry.value.error(
          .outOfRange(key: entry.value.key, value: "\(value)", requirement: "a finite number"))
      }
      scope.declare(entry.name, value)
    }
  }

  /// Why `name` cannot name a parameter beyond ``Identifier``'s rule: `pi` is the
  /// expressions' constant.
  private static func reserved(_ name: String) -> String? {
    name == "pi" ? "'pi' is the constant expressions use" : nil
  }
}
