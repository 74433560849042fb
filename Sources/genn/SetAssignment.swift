import GeNNModelFile

/// One `--set NAME=VALUE`: a model file's parameter (by name) or run setting (by its
/// dotted path, ``ModelOverrides/settings``) and its value; for `genn sweep`, a list of
/// values, `NAME=[V1,V2,...]`.
struct SetAssignment: Hashable {
  /// The parameter's name or the setting's path.
  var name: String
  /// The values, one unless a list was given.
  var values: [Double]
  /// Whether the values were given as a list.
  var isList: Bool

  /// The most values a list may hold.
  static let maximumValues = 10_000

  /// Reads `text`, `NAME=VALUE` or `NAME=[V1,V2,...]`; every value a finite number.
  init(parsing text: String) throws(CommandError) {
    let usage =
      "--set takes NAME=VALUE (a parameter of the model file, or seed, run.duration or "
      + "run.steps) or, for genn sweep, NAME=[V1,V2,...]"
    guard let equals = text.firstIndex(of: "=") else {
      throw .invalidOptions("'--set \(text)' has no '='; \(usage)")
    }
    name = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { throw .invalidOptions("'--set \(text)' has no name; \(usage)") }
    var value = Substring(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
    isList = value.hasPrefix("[")
    if isList {
      guard value.hasSuffix("]") else {
        throw .invalidOptions("'--set \(text)': a list of values ends with ']'; \(usage)")
      }
      value = String(value.dropFirst().dropLast())
    }
    let items =
      isList ? value.split(separator: ",", omittingEmptySubsequences: false) : [value[...]]
    guard items.count <= Self.maximumValues else {
      throw .invalidOptions(
        "'--set \(name)' lists \(items.count) values; at most \(Self.maximumValues) are allowed")
    }
    values = []
    for item in items {
      let spelled = item.trimmingCharacters(in: .whitespaces)
      guard let number = Double(spelled), number.isFinite,
        spelled.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true
      else {
        throw .invalidOptions(
          "'--set \(name)': '\(spelled)' is not a finite number; \(usage)")
      }
      values.append(number)
    }
  }

  /// The overrides `texts` give, one value each; a list, or a name given twice, is an
  /// error.
  static func overrides(_ texts: [String]) throws(CommandError) -> ModelOverrides {
    var values: [String: Double] = [:]
    for assignment in try parse(texts) {
      guard !assignment.isList else {
        throw .invalidOptions(
          "'--set \(assignment.name)' gives a list of values; only genn sweep runs several "
            + "values; give one, NAME=VALUE")
      }
      values[assignment.name] = assignment.values[0]
    }
    return ModelOverrides(values)
  }

  /// The assignments `texts` give, each name once.
  static func parse(_ texts: [String]) throws(CommandError) -> [SetAssignment] {
    var assignments: [SetAssignment] = []
    for text in texts {
      let assignment = try SetAssignment(parsing: text)
      guard !assignments.contains(where: { $0.name == assignment.name }) else {
        throw .invalidOptions("'--set \(assignment.name)' is given twice; give it once")
      }
      assignments.append(assignment)
    }
    return assignments
  }
}
