import GeNNTranspiler
import Yams

/// A node of a model file with the dotted key path that leads to it, and typed accessors
/// that throw a ``ModelFileError`` naming the key, its position, what was found and what
/// is needed. Wherever a number is read, a `${...}` expression is evaluated in `scope`.
struct YAMLValue {
  /// The node.
  let node: Node
  /// The dotted path of keys (and `[index]` for list items) that leads to it.
  let key: String
  /// The path of the model file, for positions.
  let file: String
  /// The parameters `${...}` expressions use.
  let scope: ExpressionScope

  /// Where the node starts.
  var position: SourcePosition {
    SourcePosition(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
  }

  /// An error about this node.
  func error(_ problem: ModelFileProblem) -> ModelFileError {
    ModelFileError(problem, at: position)
  }

  /// A child of this node at `child` (a key or `[index]`).
  func child(_ node: Node, _ child: String) -> YAMLValue {
    YAMLValue(
      node: node, key: child.hasPrefix("[") || key.isEmpty ? key + child : key + "." + child,
      file: file, scope: scope)
  }

  /// Whether the node is an empty value (`~`, `null` or nothing).
  var isNull: Bool {
    guard let scalar = node.scalar, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// What the node is, in words, for messages.
  var found: String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case .scalar(let scalar):
      if isNull { return "empty" }
      if scalar.style == .plain, number(scalar.string) != nil {
        return "the number \(scalar.string)"
      }
      if scalar.style == .plain, ["true", "false", "True", "False"].contains(scalar.string) {
        return "the boolean \(scalar.string)"
      }
      let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "..." : scalar.string
      return "the string '\(text.replacing("\n", with: "\\n"))'"
    }
  }

  /// The node's text: any scalar but an empty one.
  func string(_ expected: String = "a string") throws(ModelFileError) -> String {
    guard let scalar = node.scalar, !isNull else {
      throw error(.wrongType(key: key, found: found, expected: expected))
    }
    return scalar.string
  }

  /// The node as a number: a plain scalar such as `3`, `-0.5`, `1e-3`, `.inf` or `.nan`,
  /// or a `${...}` expression.
  func number() throws(ModelFileError) -> Double {
    if let expression = try expressionValue() { return expression }
    guard let scalar = node.scalar, scalar.style == .plain, let value = number(scalar.string)
    else {
      throw error(.wrongType(key: key, found: found, expected: "a number"))
    }
    return value
  }

  /// The node as a whole number.
  func integer() throws(ModelFileError) -> Int {
    try integer(atLeast: .min, atMost: .max)
  }

  /// The node as a whole number of at least `minimum` and at most `maximum` (GeNN's
  /// sizes, counts and delays are 32-bit); a whole number beyond them, however large, is
  /// out of range.
  func integer(atLeast minimum: Int, atMost maximum: Int = Int(Int32.max))
    throws(ModelFileError) -> Int
  {
    if let expression = try expressionValue() {
      let text = node.scalar?.string ?? ""
      guard expression == expression.rounded() else {
        throw error(
          .invalidExpression(
            key: key, expression: text,
            reason: "it evaluates to \(expression); it must give a whole number (round it: "
              + "${round(...)})"))
      }
      guard abs(expression) < 9.0e18, Int(expression) >= minimum && Int(expression) <= maximum
      else {
        throw error(
          .outOfRange(
            key: key, value: "\(text) = \(expression)",
            requirement: "between \(minimum) and \(maximum)"))
      }
      return Int(expression)
    }
    guard let scalar = node.scalar, scalar.style == .plain, let number = number(scalar.string),
      number == number.rounded()
    else {
      throw error(.wrongType(key: key, found: found, expected: "a whole number"))
    }
    // Digits are read exactly (a double would round 2^63 - 1 up, beyond an Int).
    let exact =
      Int(scalar.string.replacing("_", with: ""))
      ?? (abs(number) < 9.0e18 ? Int(number) : nil)
    guard let value = exact, value >= minimum && value <= maximum else {
      throw error(
        .outOfRange(
          key: key, value: scalar.string, requirement: "between \(minimum) and \(maximum)"))
    }
    return value
  }

  /// The node as `true` or `false`.
  func bool() throws(ModelFileError) -> Bool {
    guard let scalar = node.scalar, scalar.style == .plain else {
      throw error(.wrongType(key: key, found: found, expected: "true or false"))
    }
    switch scalar.string {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: throw error(.wrongType(key: key, found: found, expected: "true or false"))
    }
  }

  /// The items of a list.
  func list(_ expected: String = "a list") throws(ModelFileError) -> [YAMLValue] {
    guard case .sequence(let sequence) = node else {
      throw error(.wrongType(key: key, found: found, expected: expected))
    }
    return sequence.enumerated().map { child($1, "[\($0)]") }
  }

  /// A list of numbers.
  func numbers() throws(ModelFileError) -> [Double] {
    guard case .sequence(let sequence) = node else {
      throw error(.wrongType(key: key, found: found, expected: "a list of numbers"))
    }
    var values: [Double] = []
    values.reserveCapacity(sequence.count)
    for (index, item) in sequence.enumerated() {
      // The item's key path is spelled only for an error (a long list would allocate one
      // per number).
      if let scalar = item.scalar, ExpressionScope.isExpression(scalar.string) {
        values.append(try child(item, "[\(index)]").number())
        continue
      }
      guard let scalar = item.scalar, scalar.style == .plain, let value = number(scalar.string)
      else {
        let itemValue = child(item, "[\(index)]")
        throw itemValue.error(
          .wrongType(key: itemValue.key, found: itemValue.found, expected: "a number"))
      }
      values.append(value)
    }
    return values
  }

  /// A list of strings, or a single string as a list of one.
  func strings() throws(ModelFileError) -> [String] {
    if node.scalar != nil && !isNull { return [try string()] }
    var values: [String] = []
    for item in try list("a list of names") { values.append(try item.string("a name")) }
    return values
  }

  /// The node as a mapping whose keys are all `allowed` (or start with `extensionPrefix`,
  /// when given), with every `required` key.
  func mapping(allowed: [String], required: [String] = [], extensionPrefix: String? = nil)
    throws(ModelFileError) -> YAMLMapping
  {
    let mapping = try entries("a mapping with keys \(allowed.joined(separator: ", "))")
    for entry in mapping.entries where !allowed.contains(entry.name) {
      if let extensionPrefix, entry.name.hasPrefix(extensionPrefix) { continue }
      throw ModelFileError(
        .unknownKey(
          key: entry.value.key, allowed: allowed,
          suggestion: NameSuggestion.closest(to: entry.name, among: allowed)),
        at: entry.keyPosition)
    }
    for name in required where mapping[name] == nil {
      throw error(.missingKey(key: key, missing: name))
    }
    return mapping
  }

  /// The node as a mapping from names to values, in file order; an empty node is an
  /// empty mapping. `<<` merge keys (`<<: *anchor`) bring in the entries of the mappings
  /// they name, which the mapping's own keys override.
  func entries(_ expected: String = "a mapping") throws(ModelFileError) -> YAMLMapping {
    if isNull { return YAMLMapping(value: self, entries: []) }
    guard case .mapping(let mapping) = node else {
      throw error(.wrongType(key: key, found: found, expected: expected))
    }
    var own: [YAMLMapping.Entry] = []
    var merged: [YAMLMapping.Entry] = []
    for (keyNode, valueNode) in mapping {
      let keyValue = YAMLValue(node: keyNode, key: key, file: file, scope: scope)
      guard let name = keyNode.scalar?.string, !keyValue.isNull else {
        throw keyValue.error(
          .wrongType(
            key: key, found: "a key that is \(keyValue.found)",
            expected: "a mapping with names as keys"))
      }
      if name == "<<" {
        let source = child(valueNode, "<<")
        let sources = (try? source.list()) ?? [source]
        for item in sources {
          merged += try YAMLValue(node: item.node, key: key, file: file, scope: scope).entries(
            expected
          ).entries
        }
        continue
      }
      own.append(
        YAMLMapping.Entry(
          name: name, keyPosition: keyValue.position, value: child(valueNode, name)))
    }
    let ownNames = Set(own.map(\.name))
    var seen = Set<String>()
    let inherited = merged.filter { !ownNames.contains($0.name) && seen.insert($0.name).inserted }
    return YAMLMapping(value: self, entries: inherited + own)
  }

  /// The value of the node's `${...}` expression (quoted or not), or `nil` when it holds
  /// none.
  private func expressionValue() throws(ModelFileError) -> Double? {
    guard let scalar = node.scalar, ExpressionScope.isExpression(scalar.string) else {
      return nil
    }
    return try scope.value(of: self)
  }

  /// The number a plain scalar spells, with YAML's `.inf`, `-.inf` and `.nan`.
  private func number(_ text: String) -> Double? {
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
    case "-.inf", "-.Inf", "-.INF": return -.infinity
    case ".nan", ".NaN", ".NAN": return .nan
    default:
      guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "."
      else { return nil }
      return Double(text.replacing("_", with: ""))
    }
  }
}

/// A mapping of a model file: its entries in file order.
struct YAMLMapping {
  /// One key and its value.
  struct Entry {
    /// The key.
    let name: String
    /// Where the key is.
    let keyPosition: SourcePosition
    /// The value.
    let value: YAMLValue
  }

  /// The mapping itself.
  let value: YAMLValue
  /// Its entries in file order.
  let entries: [Entry]

  /// The value of `name`, if given (and not empty).
  subscript(name: String) -> YAMLValue? {
    entries.last { $0.name == name }.map(\.value)
  }

  /// The value of `name`, which must be given.
  func required(_ name: String) throws(ModelFileError) -> YAMLValue {
    guard let found = self[name] else {
      throw value.error(.missingKey(key: value.key, missing: name))
    }
    return found
  }

  /// The entry of `name`, if given.
  func entry(_ name: String) -> Entry? { entries.last { $0.name == name } }
}
