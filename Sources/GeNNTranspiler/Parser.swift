/// Builds statements and expressions from tokens: C's grammar for the parts GeNN 5.4
/// accepts, with C's precedence and associativity, plus GeNN's `for_each_synapse`.
///
/// The parser reports every syntax error it finds: after one, it skips to the next
/// statement and goes on.
public struct Parser {
  /// How deeply expressions and statements may nest; deeper input is reported rather
  /// than risking the stack. Every operand, parenthesis and statement body is a level.
  public static let maximumNesting = 256

  private let tokens: [Token]
  private var current = 0
  private var depth = 0
  private var diagnostics: [Diagnostic] = []

  /// Unwinds to the enclosing statement after a syntax error was reported.
  private struct Failure: Error {}

  private init(tokens: [Token]) {
    precondition(tokens.last?.kind == .endOfFile, "tokens must end with end-of-file")
    self.tokens = tokens
  }

  /// Parses a list of statements and declarations (sim code, reset code, ...).
  public static func parseStatements(_ tokens: [Token]) -> (
    statements: [Statement], diagnostics: [Diagnostic]
  ) {
    var parser = Parser(tokens: tokens)
    var statements: [Statement] = []
    while !parser.isAtEnd {
      if let item = parser.parseBlockItem() { statements.append(item) }
    }
    return (statements, parser.diagnostics)
  }

  /// Parses one expression (a threshold condition, an event condition, ...).
  public static func parseExpression(_ tokens: [Token]) -> (
    expression: Expression?, diagnostics: [Diagnostic]
  ) {
    var parser = Parser(tokens: tokens)
    do {
      let expression = try parser.parseExpression()
      if !parser.isAtEnd {
        parser.report(.expected("end of expression", found: parser.describe(parser.peek)))
      }
      return (expression, parser.diagnostics)
    } catch {
      return (nil, parser.diagnostics)
    }
  }

  // MARK: Token navigation

  private var peek: Token { tokens[current] }
  private var isAtEnd: Bool { peek.kind == .endOfFile }
  private var previous: Token { tokens[current - 1] }

  private func check(_ kind: Token.Kind) -> Bool { peek.kind == kind }

  @discardableResult
  private mutating func advance() -> Token {
    if !isAtEnd { current += 1 }
    return previous
  }

  private mutating func match(_ kind: Token.Kind) -> Bool {
    guard check(kind) else { return false }
    advance()
    return true
  }

  @discardableResult
  private mutating func consume(_ kind: Token.Kind, _ what: String) throws(Failure) -> Token {
    if check(kind) { return advance() }
    report(.expected(what, found: describe(peek)))
    throw Failure()
  }

  private func describe(_ token: Token) -> String {
    token.kind == .endOfFile ? "end of code" : "'\(token.lexeme)'"
  }

  private mutating func report(_ problem: Diagnostic.Problem, at token: Token? = nil) {
    let token = token ?? peek
    diagnostics.append(Diagnostic(problem, at: token.location, token: token.lexeme))
  }

  /// Runs `body` one nesting level deeper (by `levels`), failing past the limit.
  private mutating func nested<T>(
    by levels: Int = 1, _ body: (inout Parser) throws(Failure) -> T
  ) throws(Failure) -> T {
    depth += levels
    defer { depth -= levels }
    if depth > Self.maximumNesting {
      report(.nestingTooDeep(limit: Self.maximumNesting))
      throw Failure()
    }
    return try body(&self)
  }

  /// Skips to a likely start of the next statement after an error.
  private mutating func synchronise() {
    advance()
    while !isAtEnd {
      if previous.kind == .semicolon { return }
      switch peek.kind {
      case .kwIf, .kwFor, .kwWhile, .kwDo, .kwSwitch, .kwBreak, .kwContinue, .typeSpecifier,
        .typeQualifier, .rightBrace, .kwForEachSynapse:
        return
      default:
        advance()
      }
    }
  }

  // MARK: Statements

  private mutating func parseBlockItem() -> Statement? {
    do {
      if check(.typeSpecifier) || check(.typeQualifier) { return try parseDeclaration() }
      return try parseStatement()
    } catch {
      synchronise()
      return nil
    }
  }

  private mutating func parseDeclaration() throws(Failure) -> Statement {
    let location = peek.location
    let typeName = try parseTypeName()
    var declarators: [Declarator] = []
    repeat {
      let name = try consume(.identifier, "a variable name")
      var initialiser: Expression?
      if match(.equal) { initialiser = try parseAssignment() }
      declarators.append(
        Declarator(name: name.lexeme, location: name.location, initialiser: initialiser))
    } while match(.comma)
    try consume(.semicolon, "';' after the declaration")
    return Statement(
      .declaration(Declaration(typeName: typeName, declarators: declarators)), at: location)
  }

  private mutating func parseStatement() throws(Failure) -> Statement {
    try nested { (parser) throws(Failure) -> Statement in try parser.parseStatementBody() }
  }

  private mutating func parseStatementBody() throws(Failure) -> Statement {
    let token = peek
    switch token.kind {
    case .kwCase:
      advance()
      let value = try parseConditional()
      try consume(.colon, "':' after the case value")
      return Statement(.caseLabel(value, body: try parseStatement()), at: token.location)
    case .kwDefault:
      advance()
      try consume(.colon, "':' after 'default'")
      return Statement(.defaultLabel(body: try parseStatement()), at: token.location)
    case .leftBrace:
      advance()
      return Statement(.block(try parseCompound()), at: token.location)
    case .kwIf:
      advance()
      let condition = try parseParenthesisedCondition(after: "if")
      let then = try parseStatement()
      let otherwise = match(.kwElse) ? try parseStatement() : nil
      return Statement(.ifElse(condition, then: then, else: otherwise), at: token.location)
    case .kwSwitch:
      advance()
      let condition = try parseParenthesisedCondition(after: "switch")
      return Statement(.switchStatement(condition, body: try parseStatement()), at: token.location)
    case .kwWhile:
      advance()
      let condition = try parseParenthesisedCondition(after: "while")
      return Statement(.whileLoop(condition, body: try parseStatement()), at: token.location)
    case .kwDo:
      advance()
      let body = try parseStatement()
      try consume(.kwWhile, "'while' after the body of 'do'")
      let condition = try parseParenthesisedCondition(after: "while")
      try consume(.semicolon, "';' after 'do ... while (...)'")
      return Statement(.doWhile(body: body, condition: condition), at: token.location)
    case .kwFor:
      advance()
      return try parseFor(at: token.location)
    case .kwForEachSynapse:
      advance()
      return Statement(.forEachSynapse(body: try parseStatement()), at: token.location)
    case .kwBreak:
      advance()
      try consume(.semicolon, "';' after 'break'")
      return Statement(.breakStatement, at: token.location)
    case .kwContinue:
      advance()
      try consume(.semicolon, "';' after 'continue'")
      return Statement(.continueStatement, at: token.location)
    default:
      return try parseExpressionStatement()
    }
  }

  private mutating func parseCompound() throws(Failure) -> [Statement] {
    var statements: [Statement] = []
    while !check(.rightBrace) && !isAtEnd {
      if let item = parseBlockItem() { statements.append(item) }
    }
    try consume(.rightBrace, "'}' to close the block")
    return statements
  }

  private mutating func parseParenthesisedCondition(after keyword: String) throws(Failure)
    -> Expression
  {
    try consume(.leftParen, "'(' after '\(keyword)'")
    let condition = try parseExpression()
    try consume(.rightParen, "')' after the condition of '\(keyword)'")
    return condition
  }

  private mutating func parseExpressionStatement() throws(Failure) -> Statement {
    let location = peek.location
    if match(.semicolon) { return Statement(.expression(nil), at: location) }
    let expression = try parseExpression()
    try consume(.semicolon, "';' after the expression")
    return Statement(.expression(expression), at: location)
  }

  private mutating func parseFor(at location: SourceLocation) throws(Failure) -> Statement {
    try consume(.leftParen, "'(' after 'for'")
    let initialiser: Statement? =
      if match(.semicolon) {
        nil
      } else if check(.typeSpecifier) || check(.typeQualifier) {
        try parseDeclaration()
      } else {
        try parseExpressionStatement()
      }
    let condition = check(.semicolon) ? nil : try parseExpression()
    try consume(.semicolon, "';' after the loop condition")
    let increment = check(.rightParen) ? nil : try parseExpression()
    try consume(.rightParen, "')' after the 'for' clauses")
    let body = try parseStatement()
    return Statement(
      .forLoop(initialiser: initialiser, condition: condition, increment: increment, body: body),
      at: location)
  }

  // MARK: Types

  private mutating func parseTypeName() throws(Failure) -> TypeName {
    var specifiers: [Token] = []
    var valueConst = false
    var pointerLevels: [Bool] = []
    while true {
      let token = peek
      switch token.kind {
      case .star:
        pointerLevels.append(false)
      case .typeQualifier:
        if pointerLevels.isEmpty {
          if valueConst { report(.duplicateTypeQualifier(token.lexeme), at: token) }
          valueConst = true
        } else {
          if pointerLevels[pointerLevels.count - 1] {
            report(.duplicateTypeQualifier(token.lexeme), at: token)
          }
          pointerLevels[pointerLevels.count - 1] = true
        }
      case .typeSpecifier:
        if !pointerLevels.isEmpty {
          report(.expected("a declarator after '*'", found: describe(token)), at: token)
          throw Failure()
        }
        specifiers.append(token)
      default:
        guard let first = specifiers.first else {
          report(.expected("a type", found: describe(token)), at: token)
          throw Failure()
        }
        let words = specifiers.map(\.lexeme)
        guard let base = Self.typeBase(words) else {
          report(.unknownTypeSpecifier(words), at: first)
          throw Failure()
        }
        return TypeName(base, isConst: valueConst, pointerLevels: pointerLevels)
      }
      advance()
    }
  }

  /// The value type named by a combination of specifiers, in any order (C's rule).
  static func typeBase(_ words: [String]) -> TypeName.Base? {
    typeBases[words.sorted().joined(separator: " ")]
  }

  private static let typeBases: [String: TypeName.Base] = {
    var table: [String: TypeName.Base] = [
      "scalar": .scalar, "timepoint": .timepoint,
    ]
    let spellings: [(NumericType, [String])] = [
      (.bool, ["bool"]),
      (.int8, ["char", "int8_t", "signed char"]),
      (.uint8, ["unsigned char", "uint8_t"]),
      (.int16, ["short", "short int", "signed short", "signed short int", "int16_t"]),
      (.uint16, ["unsigned short", "unsigned short int", "uint16_t"]),
      (.int32, ["int", "signed", "signed int", "int32_t"]),
      (.uint32, ["unsigned", "unsigned int", "uint32_t"]),
      (
        .int64,
        [
          "long", "long int", "signed long", "signed long int", "long long", "long long int",
          "signed long long", "signed long long int", "int64_t",
        ]
      ),
      (
        .uint64,
        [
          "unsigned long", "unsigned long int", "unsigned long long", "unsigned long long int",
          "uint64_t", "size_t",
        ]
      ),
      (.float, ["float"]),
      (.double, ["double"]),
    ]
    for (type, names) in spellings {
      for name in names {
        table[name.split(separator: " ").map(String.init).sorted().joined(separator: " ")] =
          .numeric(type)
      }
    }
    return table
  }()

  // MARK: Expressions

  private mutating func parseExpression() throws(Failure) -> Expression {
    var expression = try parseAssignment()
    var chain = 0
    while check(.comma) {
      let comma = advance()
      chain += 1
      // A left-deep chain makes the tree one level deeper per comma.
      let right = try nested(by: chain) { (parser) throws(Failure) -> Expression in
        try parser.parseAssignment()
      }
      expression = Expression(.binary(.comma, expression, right), at: comma.location)
    }
    return expression
  }

  private mutating func parseAssignment() throws(Failure) -> Expression {
    let target = try parseConditional()
    guard let op = AssignmentOperator(peek.kind) else { return target }
    let token = advance()
    // Right-associative: `a = b = c` nests one level deeper per operator.
    let value = try nested { (parser) throws(Failure) -> Expression in
      try parser.parseAssignment()
    }
    if !target.isAssignable {
      report(.notAssignable(operator: op.rawValue), at: token)
    }
    return Expression(.assignment(op, target, value), at: token.location)
  }

  private mutating func parseConditional() throws(Failure) -> Expression {
    let condition = try parseBinary(minimumPrecedence: 1)
    guard check(.question) else { return condition }
    let question = advance()
    let (then, otherwise) = try nested { (parser) throws(Failure) -> (Expression, Expression) in
      let then = try parser.parseExpression()
      try parser.consume(.colon, "':' in the conditional expression")
      return (then, try parser.parseConditional())
    }
    return Expression(.conditional(condition, then: then, else: otherwise), at: question.location)
  }

  /// Precedence climbing over C's binary operators from `||` (1) to `*` (10); every
  /// level is left-associative.
  private mutating func parseBinary(minimumPrecedence: Int) throws(Failure) -> Expression {
    var left = try parseCast()
    var chain = 0
    while let op = BinaryOperator(peek.kind), op.precedence >= minimumPrecedence {
      let token = advance()
      chain += 1
      // A left-deep chain makes the tree one level deeper per operator.
      let right = try nested(by: chain) { (parser) throws(Failure) -> Expression in
        try parser.parseBinary(minimumPrecedence: op.precedence + 1)
      }
      left = Expression(.binary(op, left, right), at: token.location)
    }
    return left
  }

  private mutating func parseCast() throws(Failure) -> Expression {
    try nested { (parser) throws(Failure) -> Expression in
      let next = parser.tokens[min(parser.current + 1, parser.tokens.count - 1)].kind
      if parser.check(.leftParen) && (next == .typeSpecifier || next == .typeQualifier) {
        let paren = parser.advance()
        let typeName = try parser.parseTypeName()
        try parser.consume(.rightParen, "')' after the type of the cast")
        let operand = try parser.parseCast()
        return Expression(.cast(typeName, operand), at: paren.location)
      }
      return try parser.parseUnary()
    }
  }

  private mutating func parseUnary() throws(Failure) -> Expression {
    let token = peek
    if let op = UnaryOperator(token.kind) {
      advance()
      return Expression(.unary(op, try parseCast()), at: token.location)
    }
    if token.kind == .plusPlus || token.kind == .minusMinus {
      advance()
      let op: IncrementOperator = token.kind == .plusPlus ? .increment : .decrement
      let target = try nested { (parser) throws(Failure) -> Expression in try parser.parseUnary() }
      if !target.isAssignable { report(.notAssignable(operator: op.rawValue), at: token) }
      return Expression(.prefix(op, target), at: token.location)
    }
    return try parsePostfix()
  }

  private mutating func parsePostfix() throws(Failure) -> Expression {
    var expression = try parsePrimary()
    var chain = 0
    while true {
      let token = peek
      switch token.kind {
      case .leftParen:
        advance()
        chain += 1
        let arguments = try nested(by: chain) { (parser) throws(Failure) -> [Expression] in
          var arguments: [Expression] = []
          if !parser.check(.rightParen) {
            repeat {
              arguments.append(try parser.parseAssignment())
            } while parser.match(.comma)
          }
          try parser.consume(.rightParen, "')' after the arguments")
          return arguments
        }
        expression = Expression(.call(expression, arguments: arguments), at: expression.location)
      case .leftBracket:
        advance()
        chain += 1
        let index = try nested(by: chain) { (parser) throws(Failure) -> Expression in
          let index = try parser.parseExpression()
          try parser.consume(.rightBracket, "']' after the index")
          return index
        }
        expression = Expression(.subscripted(expression, index: index), at: token.location)
      case .plusPlus, .minusMinus:
        advance()
        chain += 1
        try nested(by: chain) { (_) throws(Failure) in }
        let op: IncrementOperator = token.kind == .plusPlus ? .increment : .decrement
        if !expression.isAssignable { report(.notAssignable(operator: op.rawValue), at: token) }
        expression = Expression(.postfix(op, expression), at: token.location)
      default:
        return expression
      }
    }
  }

  private mutating func parsePrimary() throws(Failure) -> Expression {
    let token = peek
    switch token.kind {
    case .integer(let unsigned):
      advance()
      return Expression(.literal(try integerLiteral(token, unsigned: unsigned)), at: token.location)
    case .floating(let precision):
      advance()
      return Expression(
        .literal(.floating(spelling: token.lexeme, precision: precision)), at: token.location)
    case .boolean:
      advance()
      return Expression(.literal(.boolean(token.lexeme == "true")), at: token.location)
    case .string:
      advance()
      return Expression(.literal(.string(token.lexeme)), at: token.location)
    case .identifier:
      advance()
      return Expression(.identifier(Identifier(token.lexeme)), at: token.location)
    case .leftParen:
      advance()
      let inner = try parseExpression()
      try consume(.rightParen, "')' to close '('")
      return Expression(.grouping(inner), at: token.location)
    default:
      report(.expected("an expression", found: describe(token)))
      throw Failure()
    }
  }

  /// The literal of an integer token, typed as C types it: `int`, then wider types when
  /// the value needs them (`unsigned` ones only for hexadecimal or `U` literals).
  private mutating func integerLiteral(_ token: Token, unsigned: Bool) throws(Failure) -> Literal {
    let text = token.lexeme
    let isHex = text.hasPrefix("0x") || text.hasPrefix("0X")
    guard let value = isHex ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text) else {
      report(.integerLiteralTooLarge(text + (unsigned ? "U" : "")), at: token)
      throw Failure()
    }
    let candidates: [NumericType] =
      unsigned
      ? [.uint32, .uint64] : isHex ? [.int32, .uint32, .int64, .uint64] : [.int32, .int64]
    guard let type = candidates.first(where: { value <= $0.integerRange.max }) else {
      report(.integerLiteralTooLarge(text), at: token)
      throw Failure()
    }
    return .integer(spelling: unsigned ? text + "u" : text, type: type)
  }
}
