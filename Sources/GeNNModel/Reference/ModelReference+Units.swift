/// The units the model reference uses, which a model file may give its own models'
/// parameters and variables.
extension ModelReference {
  /// Every unit a built-in model's parameter, variable, reference or extra global
  /// parameter has (`1`, `1/ms`, `Hz`, `mV`, `ms`, `nA`, ...), sorted; without the
  /// placeholders `weight` (nA or uS, as the postsynaptic model takes) and `as variable`.
  public static let units: [String] = {
    let fields = all.flatMap {
      $0.parameters + $0.variables + $0.references + $0.extraGlobalParameters
    }
    let placeholders: Set = ["", ModelDocumentation.weight, ModelDocumentation.asVariable]
    return Set(fields.map(\.unit)).subtracting(placeholders).sorted()
  }()
}
