/// The units of a model's variables, for axis titles and `summary.json`.
extension ModelReference {
  /// The unit of each variable of a model of `kind` named `name` whose variables are
  /// `variables`: the built-in model's (`V: mV`), when there is one of that name with
  /// those variables, else none (a model of the user's own). A weight update model's
  /// weight keeps the unit `weight`, which ``weightUnit(postsynaptic:params:)`` resolves.
  public static func variableUnits(_ kind: ModelKind, name: String, variables: [String])
    -> [String: String]
  {
    guard let model = all.first(where: { $0.kind == kind && $0.name == name }),
      Set(model.variables.map(\.name)) == Set(variables)
    else { return [:] }
    return Dictionary(
      model.variables.filter { !$0.unit.isEmpty }.map { ($0.name, $0.unit) },
      uniquingKeysWith: { first, _ in first })
  }

  /// The unit of a weight delivered to the built-in postsynaptic model `name` with
  /// parameters `params`: `nA` for a current (`ExpCurr`, `DeltaCurr`), `uS` for a
  /// conductance (`ExpCond`); `nil` for a model of the user's own.
  public static func weightUnit(postsynaptic name: String, params: [String]) -> String? {
    guard
      let model = all.first(where: { $0.kind == .postsynaptic && $0.name == name }),
      model.parameters.map(\.name) == params
    else { return nil }
    switch name {
    case "ExpCurr", "DeltaCurr": return "nA"
    case "ExpCond": return "uS"
    default: return nil
    }
  }
}
