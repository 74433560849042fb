/// One built-in model as the model reference (`genn models`, `docs/models.md`) shows it:
/// its parameters with GeNN's units, its variables with their access, its references,
/// extra global parameters and code strings. The names, types and code come from the
/// model itself (`NeuronModel.builtins` and the others); units and meanings from
/// GeNN's documentation.
public struct ModelReference: Sendable {
  /// A parameter, variable, reference or extra global parameter.
  public struct Field: Hashable, Sendable {
    /// Its name, as code and model files use it.
    public var name: String
    /// Its GeNN type (`scalar`, `unsigned int`, `scalar*`).
    public var type: String
    /// How code may use it (`READ_WRITE`, `READ_ONLY`, ...); empty for parameters and
    /// extra global parameters.
    public var access: String
    /// Its unit (`ms`, `mV`, `nA`, `nF`, `uS`, `Hz`, `1` for none).
    public var unit: String
    /// What it means.
    public var meaning: String

    /// `name (unit)`, or the name alone for a number without unit.
    public var nameWithUnit: String { ModelReference.withUnit(name, unit) }
  }

  /// One code string: the model file's key and the code.
  public struct Code: Hashable, Sendable {
    public var key: String
    public var text: String
  }

  public var kind: ModelKind
  public var name: String
  /// One sentence about what it does.
  public var summary: String
  public var parameters: [Field]
  /// The derived parameters' names, in order (computed from the parameters and `dt`).
  public var derivedParameters: [String]
  public var variables: [Field]
  /// References to variables of other elements (neuron variable references of weight
  /// update, postsynaptic and current source models; a custom update's references).
  public var references: [Field]
  public var extraGlobalParameters: [Field]
  /// The code strings that are not empty, in GeNN's order.
  public var code: [Code]

  /// `name (unit)`, or `name` alone when `unit` is `1` or empty: how errors list
  /// parameters.
  public static func withUnit(_ name: String, _ unit: String) -> String {
    unit.isEmpty || unit == "1" ? name : "\(name) (\(unit))"
  }

  /// Every built-in model, by kind in ``ModelKind`` order, then by name.
  public static let all: [ModelReference] = ModelKind.allCases.flatMap { kind in
    builtins(of: kind).sorted { $0.name < $1.name }
  }

  /// The built-in models named `name` (two for `Conv2D`: a connectivity and a Toeplitz
  /// snippet), compared without case.
  public static func named(_ name: String) -> [ModelReference] {
    all.filter { $0.name.lowercased() == name.lowercased() }
  }

  /// The units of the parameters of a model of `kind` named `name` with parameters
  /// `params`: those of the built-in model when there is one with that name and those
  /// parameters, else none (a model of the user's own).
  public static func parameterUnits(_ kind: ModelKind, name: String, params: [String])
    -> [String: String]
  {
    guard let model = all.first(where: { $0.kind == kind && $0.name == name }),
      model.parameters.map(\.name) == params
    else { return [:] }
    return Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.name, $0.unit) })
  }

  /// Assembles the reference of one model from its declarations and documentation.
  init(
    kind: ModelKind, name: String, params: [String], paramTypes: [String: String],
    derived: [DerivedParameter], variables: [(name: String, type: String, access: String)],
    references: [(name: String, type: String, access: String)],
    extraGlobalParameters: [ExtraGlobalParameter], code: [(String, String)]
  ) {
    let documentation = ModelDocumentation.of(kind, name)
    func field(_ name: String, _ type: String, _ access: String) -> Field {
      let entry = documentation?.entries[name]
      return Field(
        name: name, type: type, access: access, unit: entry?.unit ?? "",
        meaning: entry?.meaning ?? "")
    }
    self.kind = kind
    self.name = name
    self.summary = documentation?.summary ?? ""
    self.parameters = params.map { field($0, paramTypes[$0] ?? "scalar", "") }
    self.derivedParameters = derived.map(\.name)
    self.variables = variables.map { field($0.name, $0.type, $0.access) }
    self.references = references.map { field($0.name, $0.type, $0.access) }
    self.extraGlobalParameters = extraGlobalParameters.map { field($0.name, $0.type, "") }
    self.code = code.filter { !$0.1.allSatisfy(\.isWhitespace) }.map {
      Code(key: $0.0, text: $0.1)
    }
  }
}
