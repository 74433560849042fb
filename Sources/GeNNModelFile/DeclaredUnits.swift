import GeNNModel

/// The units a model file gives the parameters and variables of its own models
/// (`vars: {V: {type: scalar, unit: mV}}`), by element; axis titles, `summary.json` and
/// errors that list parameters show them as they show a built-in model's.
public struct DeclaredUnits: Sendable, Hashable {
  /// The unit of each variable that declares one, by element. A synapse population's
  /// holds its weight update model's variables, then its postsynaptic model's.
  public internal(set) var variables: [ModelElement: [String: String]] = [:]
  /// The unit of each parameter that declares one, by element.
  public internal(set) var parameters: [ModelElement: [String: String]] = [:]

  /// No units.
  public init() {}
}

extension ModelFile {
  /// The unit of `element`'s variable `variable`: the one the file gives it, else the
  /// built-in model's (``ModelElement/unit(ofVariable:in:)``); `nil` when neither says.
  public func unit(ofVariable variable: String, of element: ModelElement) -> String? {
    units.variables[element]?[variable] ?? element.unit(ofVariable: variable, in: model)
  }
}
