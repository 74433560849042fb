import GeNNTranspiler

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Evaluates a derived parameter's formula, an expression in GeNN's code-string language
/// over parameters, `dt` and `pi`, in double precision as GeNN computes derived
/// parameters; model files evaluate their `${...}` expressions with it too.
///
/// Evaluation only computes: it calls nothing but the arithmetic functions it lists,
/// and the parser's nesting limit bounds its work by the formula's length.
public enum FormulaEvaluator {
  /// The value of `formula`; throws a ``TranspilerError`` at the formula's line and
  /// column for syntax errors, unknown names and unsupported constructs.
  static func evaluate(_ formula: String, parameters: [String: Double], dt: Double) throws
    -> Double
  {
    var names = parameters
    names["dt"] = dt
    return try evaluate(formula, names: names)
  }

  /// The value of `formula` over `names` and `pi`; throws a ``TranspilerError`` at the
  /// formula's line and column for syntax errors, unknown names (listing `names`) and
  /// unsupported constructs.
  public static func evaluate(_ formula: String, names given: [String: Double]) throws
    -> Double
  {
    let (tokens, scanProblems) = Scanner.scan(formula)
    let (expression, parseProblems) = Parser.parseExpression(tokens)
    let problems = scanProblems + parseProblems
    guard problems.isEmpty, let expression else {
      throw TranspilerError(context: "formula", code: formula, diagnostics: problems)
    }
    var names = given
    names["pi"] = Double.pi
    var evaluator = Evaluation(names: names)
    let value = evaluator.value(of: expression)
    if !evaluator.problems.isEmpty {
      throw TranspilerError(context: "formula", code: formula, diagnostics: evaluator.problems)
    }
    return value
  }

  /// The functions a formula may call.
  public static var functions: [String] { Evaluation.functionNames }

  private struct Evaluation {
    let names: [String: Double]
    var problems: [Diagnostic] = []

    mutating func report(_ problem: Diagnostic.Problem, _ expression: Expression, _ token: String) {
      problems.append(Diagnostic(problem, at: expression.location, token: token))
    }

    mutating func value(of expression: Expression) -> Double {
      switch expression.kind {
      case .literal(.integer(let spelling, _)):
        let digits = spelling.hasSuffix("u") ? String(spelling.dropLast()) : spelling
        return digits.hasPrefix("0x") || digits.hasPrefix("0X")
          ? Double(UInt64(digits.dropFirst(2), radix: 16) ?? 0) : Double(digits) ?? 0
      case .literal(.floating(let spelling, _)):
        return Double(spelling.hasSuffix(".") ? spelling + "0" : spelling) ?? 0
      case .literal(.boolean(let b)):
        return b ? 1 : 0
      case .identifier(let identifier):
        if let value = names[identifier.name] { return value }
        report(
          .unknownName(
            identifier.name,
            suggestion: NameSuggestion.closest(to: identifier.name, among: names.keys.sorted()),
            available: names.keys.sorted()),
          expression,
          identifier.name)
        return .nan
      case .grouping(let inner):
        return value(of: inner)
      case .unary(let op, let operand):
        let x = value(of: operand)
        switch op {
        case .plus: return x
        case .minus: return -x
        case .logicalNot: return x == 0 ? 1 : 0
        case .bitNot, .dereference:
          report(.invalidOperand(operator: op.rawValue, type: "double"), expression, op.rawValue)
          return .nan
        }
      case .binary(let op, let left, let right):
        return binary(op, value(of: left), value(of: right), expression)
      case .conditional(let condition, let then, let otherwise):
        return value(of: condition) != 0 ? value(of: then) : value(of: otherwise)
      case .cast(let type, let operand):
        // As in C: a cast to bool tests for non-zero, to an integer truncates.
        let x = value(of: operand)
        guard case .numeric(let numeric) = type.base, type.pointerLevels.isEmpty else { return x }
        if numeric == .bool { return x != 0 ? 1 : 0 }
        return numeric.isIntegral ? x.rounded(.towardZero) : x
      case .call(let callee, let arguments):
        let values = arguments.map { value(of: $0) }
        guard case .identifier(let identifier) = callee.kind,
          let result = Self.call(identifier.name, values)
        else {
          report(
            .noMatchingOverload(
              name: callee.tokenTextForFormula, arguments: values.map { _ in "double" },
              candidates: Self.functionNames),
            expression, callee.tokenTextForFormula)
          return .nan
        }
        return result
      case .literal(.string), .prefix, .postfix, .assignment, .subscripted:
        report(
          .expected("an arithmetic formula over parameters, dt and pi", found: "this"), expression,
          "")
        return .nan
      }
    }

    mutating func binary(_ op: BinaryOperator, _ l: Double, _ r: Double, _ expression: Expression)
      -> Double
    {
      switch op {
      case .add: return l + r
      case .subtract: return l - r
      case .multiply: return l * r
      case .divide: return l / r
      case .remainder: return fmod(l, r)
      case .less: return l < r ? 1 : 0
      case .lessEqual: return l <= r ? 1 : 0
      case .greater: return l > r ? 1 : 0
      case .greaterEqual: return l >= r ? 1 : 0
      case .equal: return l == r ? 1 : 0
      case .notEqual: return l != r ? 1 : 0
      case .logicalAnd: return l != 0 && r != 0 ? 1 : 0
      case .logicalOr: return l != 0 || r != 0 ? 1 : 0
      case .comma: return r
      case .shiftLeft, .shiftRight, .bitAnd, .bitOr, .bitXor:
        report(
          .invalidOperands(operator: op.rawValue, left: "double", right: "double"), expression,
          op.rawValue)
        return .nan
      }
    }

    static let functionNames = [
      "exp", "log", "log10", "log2", "sqrt", "cbrt", "sin", "cos", "tan", "asin", "acos", "atan",
      "sinh", "cosh", "tanh", "fabs", "floor", "ceil", "round", "trunc", "expm1", "log1p", "pow",
      "atan2", "fmin", "fmax", "fmod", "hypot",
    ]

    static func call(_ name: String, _ x: [Double]) -> Double? {
      switch (name, x.count) {
      case ("exp", 1): exp(x[0])
      case ("log", 1): log(x[0])
      case ("log10", 1): log10(x[0])
      case ("log2", 1): log2(x[0])
      case ("sqrt", 1): sqrt(x[0])
      case ("cbrt", 1): cbrt(x[0])
      case ("sin", 1): sin(x[0])
      case ("cos", 1): cos(x[0])
      case ("tan", 1): tan(x[0])
      case ("asin", 1): asin(x[0])
      case ("acos", 1): acos(x[0])
      case ("atan", 1): atan(x[0])
      case ("sinh", 1): sinh(x[0])
      case ("cosh", 1): cosh(x[0])
      case ("tanh", 1): tanh(x[0])
      case ("fabs", 1): fabs(x[0])
      case ("floor", 1): floor(x[0])
      case ("ceil", 1): ceil(x[0])
      case ("round", 1): round(x[0])
      case ("trunc", 1): trunc(x[0])
      case ("expm1", 1): expm1(x[0])
      case ("log1p", 1): log1p(x[0])
      case ("pow", 2): pow(x[0], x[1])
      case ("atan2", 2): atan2(x[0], x[1])
      case ("fmin", 2): fmin(x[0], x[1])
      case ("fmax", 2): fmax(x[0], x[1])
      case ("fmod", 2): fmod(x[0], x[1])
      case ("hypot", 2): hypot(x[0], x[1])
      default: nil
      }
    }
  }
}

extension Expression {
  fileprivate var tokenTextForFormula: String {
    if case .identifier(let identifier) = kind { return identifier.name }
    return "(expression)"
  }
}
