import GeNNModel

/// The `unit:` of the parameters and variables of a file's own models.
extension ModelFileDecoder {
  /// The keys of an inline model's variable declarations, which may carry a unit (as
  /// may its `params`).
  private static let variableKeys = ["vars", "pre_vars", "post_vars"]

  /// Records the units the inline model `value` of `element` gives its parameters and
  /// variables (`{type: scalar, unit: mV}`); nothing for a built-in model's name. Units
  /// already recorded for `element` (a synapse population's weight update model, before
  /// its postsynaptic model) are kept.
  mutating func recordUnits(of element: ModelElement, model value: YAMLValue)
    throws(ModelFileError)
  {
    guard case .mapping = value.node else { return }
    let fields = try value.entries()
    let parameters = try declaredUnits(fields["params"])
    if !parameters.isEmpty {
      units.parameters[element, default: [:]].merge(parameters) { kept, _ in kept }
    }
    for key in Self.variableKeys {
      let declared = try declaredUnits(fields[key])
      if declared.isEmpty { continue }
      units.variables[element, default: [:]].merge(declared) { kept, _ in kept }
    }
  }

  /// The unit each declaration of `value` (a mapping from names to `{..., unit: ...}`)
  /// gives, checked against the units of the model reference.
  private func declaredUnits(_ value: YAMLValue?) throws(ModelFileError) -> [String: String] {
    guard let value, case .mapping = value.node else { return [:] }
    var units: [String: String] = [:]
    for entry in try value.entries().entries {
      guard case .mapping = entry.value.node, let unitValue = try entry.value.entries()["unit"]
      else { continue }
      let unit = try unitValue.string("a unit such as mV")
      guard ModelReference.units.contains(unit) else {
        let sameLetters = ModelReference.units.first { $0.lowercased() == unit.lowercased() }
        throw unitValue.error(
          .outOfRange(
            key: unitValue.key, value: "'\(unit)'",
            requirement: (sameLetters.map { "written '\($0)' (units are case-sensitive), or " }
              ?? "") + "one of the units GeNN's models use: "
              + ModelReference.units.joined(separator: ", ") + " (1 for a number without unit)"))
      }
      units[entry.name] = unit
    }
    return units
  }
}
