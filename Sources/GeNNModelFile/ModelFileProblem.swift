/// One problem in a model file. `key` is the dotted path of the entry it is about, for
/// example `neurons.Exc.params.C` or `synapses.EE.connectivity`.
public enum ModelFileProblem: Hashable, Sendable, CustomStringConvertible {
  /// The file (or a file it names) cannot be read.
  case cannotRead(reason: String)
  /// The text is not valid YAML.
  case syntax(String)
  /// The YAML is valid but exceeds what a model file may hold: nesting too deep, too
  /// many values once aliases are expanded, or a key that is not a name.
  case structure(String)
  /// A mapping has a key the schema does not define.
  case unknownKey(key: String, allowed: [String], suggestion: String?)
  /// A required key is absent from the mapping at `key` (empty for the top level).
  case missingKey(key: String, missing: String)
  /// A value of the wrong kind: `found` describes it, `expected` says what is needed.
  case wrongType(key: String, found: String, expected: String)
  /// A name (of a `kind` such as `neuron model`) that does not exist.
  case unknownName(
    key: String, kind: String, name: String, available: [String], suggestion: String?)
  /// A value outside what the key allows.
  case outOfRange(key: String, value: String, requirement: String)
  /// Keys that cannot be given together, or one of which must be given.
  case conflictingKeys(key: String, keys: [String], reason: String)
  /// A `.npy` file that cannot be read.
  case npyUnreadable(key: String, path: String, reason: String)
  /// A `.npy` file whose shape or element type does not fit.
  case npyMismatch(key: String, path: String, found: String, expected: String)
  /// A list with the wrong number of values.
  case wrongLength(key: String, count: Int, expected: Int, unit: String)
  /// A `${...}` expression that cannot be evaluated, or whose value does not fit.
  case invalidExpression(key: String, expression: String, reason: String)
  /// A problem found by validating the model the file describes.
  case invalidModel(String)
  /// A code string that does not compile, with its diagnostics at file positions.
  case invalidCode(String)
  /// The file's `schema` is newer than the newest this SwiftGeNN reads, `supported`.
  case newerSchema(found: Int, supported: Int)

  public var description: String {
    switch self {
    case .cannotRead(let reason):
      "cannot read the model file: \(reason)"
    case .syntax(let message):
      "the file is not valid YAML: \(message)"
    case .structure(let message):
      "the file cannot be read as a model file: \(message)."
    case .unknownKey(let key, let allowed, let suggestion):
      "unknown key '\(Self.last(key))' "
        + (Self.parent(key).isEmpty ? "at the top level" : "in '\(Self.parent(key))'")
        + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
        + (allowed.isEmpty
          ? " No keys are allowed here (the model defines none)."
          : " Allowed keys: \(allowed.joined(separator: ", ")).")
    case .missingKey(let key, let missing):
      "\(Self.place(key)) needs the key '\(missing)'."
    case .wrongType(let key, let found, let expected):
      "'\(key)' is \(found); it must be \(expected)."
    case .unknownName(let key, let kind, let name, let available, let suggestion):
      "'\(key)': there is no \(kind) named '\(name)'"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
        + (available.isEmpty
          ? " None are defined."
          : " Available: \(available.joined(separator: ", ")).")
    case .newerSchema(let found, let supported):
      "this file is written for model-file schema \(found), which a newer SwiftGeNN "
        + "reads; this one reads schema \(supported) (`genn --version` says which "
        + "SwiftGeNN this is). Install a newer SwiftGeNN to run it."
    case .outOfRange(let key, let value, let requirement):
      "'\(key)' is \(value); it must be \(requirement)."
    case .conflictingKeys(let key, let keys, let reason):
      "\(Self.place(key)): \(keys.map { "'\($0)'" }.joined(separator: ", ")) \(reason)."
    case .npyUnreadable(let key, let path, let reason):
      "'\(key)': cannot read the NumPy file '\(path)': \(reason)"
    case .npyMismatch(let key, let path, let found, let expected):
      "'\(key)': the NumPy file '\(path)' holds \(found); it must hold \(expected)."
    case .wrongLength(let key, let count, let expected, let unit):
      "'\(key)' has \(count) values; it needs \(expected), one per \(unit)."
    case .invalidExpression(let key, let expression, let reason):
      "\(Self.place(key)): the expression '\(expression)' cannot be used: \(reason)."
    case .invalidModel(let message):
      "\(message)."
    case .invalidCode(let message):
      message
    }
  }

  private static func parent(_ key: String) -> String {
    guard let dot = key.lastIndex(of: ".") else { return "" }
    return String(key[..<dot])
  }

  private static func last(_ key: String) -> String {
    guard let dot = key.lastIndex(of: ".") else { return key }
    return String(key[key.index(after: dot)...])
  }

  private static func place(_ key: String) -> String {
    key.isEmpty ? "the top level of the file" : "'\(key)'"
  }
}
