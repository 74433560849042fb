/// A parameter computed from the others and the time step, once, in double precision
/// (GeNN's derived parameters, such as LIF's `ExpTC = exp(-dt / TauM)`), and given to
/// code as a value of its type.
public struct DerivedParameter: Sendable {
  /// The name model code uses.
  public var name: String
  /// Its GeNN type name: `scalar` (the default), or as PyGeNN's `(name, func, type)`
  /// gives it (`"int"`, `"unsigned int"`, `"bool"`, ...); the value is converted to it
  /// as GeNN writes a number of that type.
  public var type: String = "scalar"
  /// Computes the value from the parameter values and `dt`.
  public var compute: @Sendable (_ parameters: [String: Double], _ dt: Double) throws -> Double
  /// The formula, when the parameter was given as one (model files, reference cases).
  public var formula: String?

  /// Creates a derived parameter of type `type` computed by a Swift function.
  public init(
    _ name: String, type: String = "scalar",
    _ compute: @escaping @Sendable (_ parameters: [String: Double], _ dt: Double) -> Double
  ) {
    self.name = name
    self.type = type
    self.compute = compute
    self.formula = nil
  }

  /// Creates a derived parameter from a formula in GeNN's code-string language over the
  /// parameters, `dt` and `pi`, for example `"exp(-dt / tau)"`; the formula is checked
  /// when the model is validated; of type `type`.
  public init(_ name: String, formula: String, type: String = "scalar") {
    self.name = name
    self.type = type
    self.formula = formula
    self.compute = { parameters, dt in
      try FormulaEvaluator.evaluate(formula, parameters: parameters, dt: dt)
    }
  }
}
