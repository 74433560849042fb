/// The entry points: scan, parse and type-check a code string in one call, and get either
/// checked code to print or a ``TranspilerError`` listing every problem.
public enum Transpiler {
  /// Checks `code` as a list of statements (sim code, reset code, synapse code, ...).
  public static func checkStatements(_ code: String, in environment: Environment)
    throws(TranspilerError) -> CheckedStatements
  {
    let (tokens, scanProblems) = Scanner.scan(code)
    let (statements, parseProblems) = Parser.parseStatements(tokens)
    try stopIfAny(scanProblems + parseProblems, code: code, environment: environment)
    let (checked, typeProblems) = TypeChecker.check(statements, in: environment)
    try stopIfAny(typeProblems, code: code, environment: environment)
    return CheckedStatements(statements: checked, environment: environment)
  }

  /// Checks `code` as one expression (a threshold condition, an event condition, ...).
  public static func checkExpression(_ code: String, in environment: Environment)
    throws(TranspilerError) -> CheckedExpression
  {
    let (tokens, scanProblems) = Scanner.scan(code)
    let (expression, parseProblems) = Parser.parseExpression(tokens)
    try stopIfAny(scanProblems + parseProblems, code: code, environment: environment)
    guard let expression else {
      // The parser reports why whenever it returns no expression.
      preconditionFailure("parser returned no expression and no diagnostic")
    }
    let (checked, typeProblems) = TypeChecker.check(expression, in: environment)
    try stopIfAny(typeProblems, code: code, environment: environment)
    guard let type = checked.type else {
      preconditionFailure("type checker left an expression untyped without a diagnostic")
    }
    return CheckedExpression(expression: checked, type: type, environment: environment)
  }

  private static func stopIfAny(
    _ diagnostics: [Diagnostic], code: String, environment: Environment
  ) throws(TranspilerError) {
    if !diagnostics.isEmpty {
      throw TranspilerError(context: environment.context, code: code, diagnostics: diagnostics)
    }
  }
}

/// Statements that passed the type checker, ready to print.
public struct CheckedStatements: Hashable, Sendable {
  /// The statements, with types and bindings.
  public var statements: [Statement]
  private let types: TypeContext
  private let forEachSynapse: ForEachSynapseScope?
  private let checkedPointer: String?
  /// What the code is, as errors in it name it (`"neuron population 'Exc', sim code"`).
  public let context: String

  init(statements: [Statement], environment: Environment) {
    self.statements = statements
    self.types = environment.types
    self.forEachSynapse = environment.forEachSynapse
    self.checkedPointer = environment.checkedPointer
    self.context = environment.context
  }

  /// The variables the code declares at its top level, with their types: GeNN lets the
  /// threshold condition and reset code of a neuron use the locals of its sim code.
  /// Each prints as `_name`, so adding them to the next snippet's environment as symbols
  /// spelled `_name` (``localSymbols``) makes that work when the snippets are printed
  /// one after another in one C++ scope.
  public var declaredLocals: [(name: String, type: GeNNType)] {
    statements.flatMap { statement -> [(name: String, type: GeNNType)] in
      guard case .declaration(let declaration) = statement.kind, let type = declaration.type else {
        return []
      }
      return declaration.declarators.map { ($0.name, type) }
    }
  }

  /// ``declaredLocals`` as symbols for the environment of a following snippet.
  public var localSymbols: [Symbol] {
    declaredLocals.map { Symbol($0.name, $0.type, spelling: "_" + $0.name, role: "local variable") }
  }

  /// The code, printed with the spellings of the environment it was checked in.
  public func code(level: Int = 0) -> String {
    var environment = Environment(context: context, types: types)
    environment.forEachSynapse = forEachSynapse
    environment.checkedPointer = checkedPointer
    return PrettyPrinter(environment: environment).print(statements, level: level)
  }

  /// The code, printed with the spellings of `environment` (see ``PrettyPrinter``).
  public func code(in environment: Environment, level: Int = 0) -> String {
    PrettyPrinter(environment: environment).print(statements, level: level)
  }
}

/// An expression that passed the type checker, ready to print.
public struct CheckedExpression: Hashable, Sendable {
  /// The expression, with types and bindings.
  public var expression: Expression
  /// Its type.
  public var type: GeNNType
  private let types: TypeContext
  /// What the expression is, as errors in it name it.
  public let context: String

  init(expression: Expression, type: GeNNType, environment: Environment) {
    self.expression = expression
    self.type = type
    self.types = environment.types
    self.context = environment.context
  }

  /// The expression, printed with the spellings of the environment it was checked in.
  public func code() -> String {
    PrettyPrinter(environment: Environment(context: "", types: types)).print(expression)
  }

  /// The expression, printed with the spellings of `environment`.
  public func code(in environment: Environment) -> String {
    PrettyPrinter(environment: environment).print(expression)
  }
}
