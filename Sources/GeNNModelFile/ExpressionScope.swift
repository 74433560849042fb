import GeNNModel
import GeNNTranspiler

/// Evaluates the `${...}` expressions of a model file with ``FormulaEvaluator`` over the
/// parameters declared so far and `pi`.
///
/// A model file is untrusted: an expression only computes (no call but the evaluator's
/// arithmetic functions), is at most ``maximumLength`` characters long, and each text is
/// evaluated once (an alias repeating it a million times costs one evaluation), so its
/// cost is bounded by the file's size. A result that is not finite is an error.
final class ExpressionScope {
  /// The longest expression allowed, `${` and `}` included.
  static let maximumLength = 1000

  /// The parameters expressions may use.
  private(set) var parameters: ParameterValues
  /// The values of the expressions evaluated so far, by text.
  private var evaluated: [String: Double] = [:]

  /// A scope over `parameters`.
  init(parameters: ParameterValues = ParameterValues()) {
    self.parameters = parameters
  }

  /// Whether `text` is an expression: `${`, the formula and `}`.
  static func isExpression(_ text: String) -> Bool {
    text.hasPrefix("${") && text.hasSuffix("}") && text.count >= 3
  }

  /// Adds a parameter, visible to the expressions evaluated after it.
  func declare(_ name: String, _ value: Double) {
    parameters.declare(name, value)
    evaluated = [:]
  }

  /// The value of the expression `value` holds (its text is an expression).
  func value(of value: YAMLValue) throws(ModelFileError) -> Double {
    let text = value.node.scalar?.string ?? ""
    if let known = evaluated[text] { return known }
    let formula = String(text.dropFirst(2).dropLast())
    guard text.count <= Self.maximumLength else {
      throw value.error(
        .invalidExpression(
          key: value.key, expression: String(text.prefix(40)) + "...",
          reason: "it has \(text.count) characters; at most \(Self.maximumLength) are allowed"))
    }
    let result: Double
    do {
      result = try FormulaEvaluator.evaluate(formula, names: parameters.values)
    } catch let error as TranspilerError {
      let diagnostic = error.diagnostics[0]
      throw ModelFileError(
        .invalidExpression(
          key: value.key, expression: text, reason: diagnostic.message + ". " + allowed),
        at: position(of: diagnostic, in: value))
    } catch {
      throw value.error(.invalidExpression(key: value.key, expression: text, reason: "\(error)"))
    }
    guard result.isFinite else {
      throw value.error(
        .invalidExpression(
          key: value.key, expression: text,
          reason: "it evaluates to \(result); it must give a finite number"))
    }
    evaluated[text] = result
    return result
  }

  /// What an expression may use, in words.
  var allowed: String {
    let names =
      parameters.names.isEmpty
      ? "no parameters are declared (before this entry)"
      : "the parameters " + parameters.names.joined(separator: ", ")
    return "An expression may use numbers, \(names), pi, + - * / %, comparisons, && || !, "
      + "?: and the functions \(FormulaEvaluator.functions.joined(separator: ", "))"
  }

  /// Where `diagnostic` points in the file: inside the expression when it is on one line.
  private func position(of diagnostic: Diagnostic, in value: YAMLValue) -> SourcePosition {
    var position = value.position
    guard position.line > 0, diagnostic.location.line == 1, let scalar = value.node.scalar
    else { return position }
    let quote = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 1 : 0
    position.column += quote + 2 + diagnostic.location.column - 1
    return position
  }
}
