/// Checks statements and expressions against an ``Environment``, as GeNN 5.4's type
/// checker does, and returns the tree with every expression's type and every name's
/// binding filled in.
///
/// Every problem is reported, not only the first: an expression that fails to check has
/// no type, and checks that depend on it stay silent so one mistake gives one message.
public struct TypeChecker {
  private let environment: Environment
  private var scopes: [Scope] = []
  private var enclosing: [Construct] = []
  private var diagnostics: [Diagnostic] = []
  /// The case values seen in each enclosing switch, innermost last.
  private var caseValues: [Set<Int64>] = []

  /// Names introduced by a block, a `for` or a `for_each_synapse`.
  private struct Scope {
    var locals: [String: GeNNType] = [:]
    var symbols: [String: [Symbol]] = [:]
  }

  /// The loops and switches around the statement being checked.
  private enum Construct {
    case loop, switchStatement
  }

  /// What a name refers to where it is used.
  private enum Resolution {
    case local(GeNNType)
    case symbols([Symbol])
    case unknown
  }

  private init(environment: Environment) {
    self.environment = environment
  }

  /// Checks a statement list; returns it with types and bindings, and every problem.
  public static func check(_ statements: [Statement], in environment: Environment) -> (
    statements: [Statement], diagnostics: [Diagnostic]
  ) {
    var checker = TypeChecker(environment: environment)
    checker.scopes.append(Scope())
    let checked = statements.map { checker.check($0) }
    return (checked, checker.diagnostics)
  }

  /// Checks an expression; returns it with types and bindings, and every problem.
  public static func check(_ expression: Expression, in environment: Environment) -> (
    expression: Expression, diagnostics: [Diagnostic]
  ) {
    var checker = TypeChecker(environment: environment)
    checker.scopes.append(Scope())
    let checked = checker.check(expression)
    return (checked, checker.diagnostics)
  }

  // MARK: Reporting and names

  private mutating func report(
    _ problem: Diagnostic.Problem, at location: SourceLocation, token: String
  ) {
    diagnostics.append(Diagnostic(problem, at: location, token: token))
  }

  private mutating func report(_ problem: Diagnostic.Problem, at expression: Expression) {
    report(problem, at: expression.location, token: expression.tokenText)
  }

  /// Reports reading `expression` if it is write-only; returns whether it may be read.
  private mutating func checkReadable(_ expression: Expression) -> Bool {
    guard let type = expression.type, type.isWriteOnly else { return true }
    report(.writeOnly(name: expression.rootName), at: expression)
    return false
  }

  private func resolve(_ name: String) -> Resolution {
    for scope in scopes.reversed() {
      if let type = scope.locals[name] { return .local(type) }
      if let symbols = scope.symbols[name] { return .symbols(symbols) }
    }
    let symbols = environment.lookup(name)
    return symbols.isEmpty ? .unknown : .symbols(symbols)
  }

  private mutating func reportUnknown(_ name: String, at expression: Expression) {
    if StandardLibrary.randomFunctionNames.contains(name) {
      report(.randomNumbersUnavailable(name), at: expression)
      return
    }
    let visible = Set(scopes.flatMap { Array($0.locals.keys) + Array($0.symbols.keys) })
    let listed = visible.union(environment.userNames).sorted()
    let candidates = visible.union(environment.names)
    let suggestion = NameSuggestion.closest(to: name, among: candidates)
    report(.unknownName(name, suggestion: suggestion, available: listed), at: expression)
  }

  // MARK: Statements

  private mutating func check(_ statement: Statement) -> Statement {
    var result = statement
    switch statement.kind {
    case .expression(let expression):
      result.kind = .expression(expression.map { check($0) })
    case .declaration(let declaration):
      result.kind = .declaration(check(declaration))
    case .block(let statements):
      scopes.append(Scope())
      result.kind = .block(statements.map { check($0) })
      scopes.removeLast()
    case .ifElse(let condition, let then, let otherwise):
      let condition = checkCondition(condition, of: "if")
      result.kind = .ifElse(condition, then: check(then), else: otherwise.map { check($0) })
    case .whileLoop(let condition, let body):
      let condition = checkCondition(condition, of: "while")
      result.kind = .whileLoop(condition, body: checkBody(body, in: .loop))
    case .doWhile(let body, let condition):
      let body = checkBody(body, in: .loop)
      result.kind = .doWhile(body: body, condition: checkCondition(condition, of: "do ... while"))
    case .forLoop(let initialiser, let condition, let increment, let body):
      scopes.append(Scope())
      let initialiser = initialiser.map { check($0) }
      let condition = condition.map { checkCondition($0, of: "for") }
      let increment = increment.map { check($0) }
      // C++ puts the body's outermost block in the scope of the initialiser, so
      // `for (int i...) { int i; }` is a redeclaration.
      let checkedBody: Statement
      if case .block(let statements) = body.kind {
        enclosing.append(.loop)
        checkedBody = Statement(.block(statements.map { check($0) }), at: body.location)
        enclosing.removeLast()
      } else {
        checkedBody = checkBody(body, in: .loop)
      }
      scopes.removeLast()
      result.kind = .forLoop(
        initialiser: initialiser, condition: condition, increment: increment, body: checkedBody)
    case .switchStatement(let condition, let body):
      let condition = check(condition)
      if checkReadable(condition), let type = condition.type, !type.isIntegral {
        report(.invalidCondition(construct: "switch", type: type.cName), at: condition)
      }
      caseValues.append([])
      result.kind = .switchStatement(condition, body: checkBody(body, in: .switchStatement))
      caseValues.removeLast()
    case .caseLabel(let value, let body):
      if !enclosing.contains(where: { if case .switchStatement = $0 { true } else { false } }) {
        report(.caseOutsideSwitch("case"), at: statement.location, token: "case")
      }
      let value = check(value)
      if let type = value.type {
        if !type.isIntegral {
          report(.invalidOperand(operator: "case", type: type.cName), at: value)
        } else if !value.isConstant {
          report(.caseValueNotConstant, at: value)
        } else if let constant = value.integerValue, !caseValues.isEmpty,
          !caseValues[caseValues.count - 1].insert(constant).inserted
        {
          report(.duplicateCase(String(constant)), at: value)
        }
      }
      result.kind = .caseLabel(value, body: check(body))
    case .defaultLabel(let body):
      if !enclosing.contains(where: { if case .switchStatement = $0 { true } else { false } }) {
        report(.caseOutsideSwitch("default"), at: statement.location, token: "default")
      }
      result.kind = .defaultLabel(body: check(body))
    case .breakStatement:
      if enclosing.isEmpty { report(.outsideLoop("break"), at: statement.location, token: "break") }
    case .continueStatement:
      if !enclosing.contains(where: { if case .loop = $0 { true } else { false } }) {
        report(.outsideLoop("continue"), at: statement.location, token: "continue")
      }
    case .forEachSynapse(let body):
      guard let scope = environment.forEachSynapse else {
        report(.forEachSynapseUnavailable, at: statement.location, token: "for_each_synapse")
        return result
      }
      var symbols: [String: [Symbol]] = [:]
      for symbol in scope.symbols { symbols[symbol.name, default: []].append(symbol) }
      scopes.append(Scope(symbols: symbols))
      result.kind = .forEachSynapse(body: checkBody(body, in: .loop))
      scopes.removeLast()
    }
    return result
  }

  private mutating func checkBody(_ body: Statement, in construct: Construct) -> Statement {
    enclosing.append(construct)
    defer { enclosing.removeLast() }
    return check(body)
  }

  private mutating func checkCondition(_ condition: Expression, of construct: String) -> Expression
  {
    let checked = check(condition)
    if checkReadable(checked), let type = checked.type, !type.isScalar {
      report(.invalidCondition(construct: construct, type: type.cName), at: checked)
    }
    return checked
  }

  private mutating func check(_ declaration: Declaration) -> Declaration {
    var result = declaration
    let type = declaration.typeName.resolved(in: environment.types)
    result.type = type
    result.declarators = declaration.declarators.map { declarator in
      var checked = declarator
      if let initialiser = declarator.initialiser {
        let value = check(initialiser)
        checked.initialiser = value
        if let valueType = value.type {
          if valueType.isWriteOnly {
            report(.writeOnly(name: value.rootName), at: value)
          } else if !TypeRules.canAssign(valueType, to: type) {
            report(.invalidConversion(from: valueType.cName, to: type.cName), at: value)
          }
        }
      } else if type.isConst {
        report(
          .constWithoutInitialiser(declarator.name), at: declarator.location,
          token: declarator.name)
      } else if type.pointee != nil {
        report(
          .pointerWithoutInitialiser(declarator.name), at: declarator.location,
          token: declarator.name)
      }
      if scopes[scopes.count - 1].locals[declarator.name] != nil {
        report(.redeclaration(declarator.name), at: declarator.location, token: declarator.name)
      }
      scopes[scopes.count - 1].locals[declarator.name] = type
      return checked
    }
    return result
  }

  // MARK: Expressions

  private mutating func check(_ expression: Expression) -> Expression {
    var result = expression
    switch expression.kind {
    case .literal(.string):
      report(.stringLiteralOutsidePrintf, at: expression)
    case .literal(let literal):
      result.type = type(of: literal)
      checkRange(of: literal, at: expression)
    case .identifier(let identifier):
      (result.kind, result.type) = checkValue(identifier, at: expression)
    case .grouping(let inner):
      let inner = check(inner)
      result.kind = .grouping(inner)
      result.type = inner.type
    case .unary(let op, let operand):
      let operand = check(operand)
      result.kind = .unary(op, operand)
      if checkReadable(operand) {
        result.type = operand.type.flatMap { checkUnary(op, $0, at: expression) }
      }
    case .prefix(let op, let target), .postfix(let op, let target):
      let target = check(target)
      if case .prefix = expression.kind {
        result.kind = .prefix(op, target)
      } else {
        result.kind = .postfix(op, target)
      }
      result.type = target.type.flatMap { checkIncrement(op, $0, target: target, at: expression) }
    case .binary(let op, let left, let right):
      let left = check(left)
      let right = check(right)
      result.kind = .binary(op, left, right)
      if let l = left.type, let r = right.type {
        result.type = checkBinary(op, l, r, at: expression)
      }
    case .assignment(let op, let target, let value):
      let target = check(target)
      let value = check(value)
      result.kind = .assignment(op, target, value)
      if let t = target.type, let v = value.type {
        result.type = checkAssignment(op, t, v, target: target, at: expression)
      }
    case .conditional(let condition, let then, let otherwise):
      let condition = checkCondition(condition, of: "?:")
      let then = check(then)
      let otherwise = check(otherwise)
      result.kind = .conditional(condition, then: then, else: otherwise)
      let readable = (checkReadable(then), checkReadable(otherwise))
      if readable == (true, true), let a = then.type, let b = otherwise.type {
        result.type = checkConditional(a, b, at: expression)
      }
    case .cast(let typeName, let operand):
      let operand = check(operand)
      result.kind = .cast(typeName, operand)
      let target = typeName.resolved(in: environment.types)
      if checkReadable(operand), let source = operand.type {
        if TypeRules.canCast(source, to: target) {
          result.type = target
        } else {
          report(.invalidCast(from: source.cName, to: target.cName), at: expression)
        }
      }
    case .call(let callee, let arguments):
      (result.kind, result.type) = checkCall(callee, arguments, at: expression)
    case .subscripted(let array, let index):
      (result.kind, result.type) = checkSubscript(array, index, at: expression)
    }
    return result
  }

  /// Reports a floating-point literal that overflows its type: C++ would make it an
  /// infinity.
  private mutating func checkRange(of literal: Literal, at expression: Expression) {
    guard case .floating(let spelling, _) = literal, let type = type(of: literal).numeric else {
      return
    }
    let finite =
      type == .float ? Float(spelling)?.isFinite ?? false : Double(spelling)?.isFinite ?? false
    if !finite {
      let largest =
        type == .float ? "\(Float.greatestFiniteMagnitude)" : "\(Double.greatestFiniteMagnitude)"
      report(
        .floatingLiteralOutOfRange(spelling, type: type.cName, largest: largest), at: expression)
    }
  }

  private func type(of literal: Literal) -> GeNNType {
    switch literal {
    case .integer(_, let type): .numeric(type)
    case .floating(_, .scalar): .numeric(environment.types.scalar)
    case .floating(_, .float): .float
    case .floating(_, .double): .double
    case .boolean: .bool
    case .string: GeNNType.int8.addingConst.pointer()
    }
  }

  /// A name used as a value (not called, not subscripted).
  private mutating func checkValue(_ identifier: Identifier, at expression: Expression) -> (
    Expression.Kind, GeNNType?
  ) {
    var bound = identifier
    switch resolve(identifier.name) {
    case .local(let type):
      bound.binding = .local
      return (.identifier(bound), type)
    case .symbols(let symbols):
      if symbols.allSatisfy({ $0.type.function?.isSubscriptOnly ?? false }) {
        report(.indexOnly(identifier.name, role: symbols[0].role), at: expression)
        return (.identifier(bound), nil)
      }
      guard symbols.count == 1, symbols[0].type.function == nil else {
        report(.functionNotCalled(identifier.name), at: expression)
        return (.identifier(bound), nil)
      }
      bound.binding = .symbol(symbols[0])
      return (.identifier(bound), symbols[0].type)
    case .unknown:
      reportUnknown(identifier.name, at: expression)
      return (.identifier(bound), nil)
    }
  }

  private mutating func checkUnary(_ op: UnaryOperator, _ type: GeNNType, at expression: Expression)
    -> GeNNType?
  {
    switch (op, type) {
    case (.dereference, .pointer(let pointee, _)):
      return pointee
    case (.plus, .numeric(let n, let q)) where !q.contains(.writeOnly),
      (.minus, .numeric(let n, let q)) where !q.contains(.writeOnly):
      return .numeric(n.promoted)
    case (.bitNot, .numeric(let n, let q)) where !q.contains(.writeOnly) && n.isIntegral:
      return .numeric(n.promoted)
    case (.logicalNot, _) where type.isScalar:
      return .bool
    default:
      report(.invalidOperand(operator: op.rawValue, type: type.cName), at: expression)
      return nil
    }
  }

  private mutating func checkIncrement(
    _ op: IncrementOperator, _ type: GeNNType, target: Expression, at expression: Expression
  ) -> GeNNType? {
    if type.isConst {
      report(.readOnly(name: target.rootName, role: role(of: target)), at: target)
      return nil
    }
    guard checkReadable(target) else { return nil }
    guard type.isScalar, type.numeric != .bool else {
      report(.invalidOperand(operator: op.rawValue, type: type.cName), at: expression)
      return nil
    }
    return type
  }

  private mutating func checkBinary(
    _ op: BinaryOperator, _ left: GeNNType, _ right: GeNNType, at expression: Expression
  ) -> GeNNType? {
    if op == .comma { return right }
    if left.isWriteOnly || right.isWriteOnly {
      report(.writeOnly(name: nil), at: expression)
      return nil
    }
    switch (left, right) {
    case (.numeric(let l, _), .numeric(let r, _)):
      if op.isComparisonOrLogical { return .bool }
      if op.needsIntegers {
        guard l.isIntegral && r.isIntegral else { break }
        return op == .shiftLeft || op == .shiftRight
          ? .numeric(l.promoted) : .numeric(.common(l, r))
      }
      return .numeric(.common(l, r))
    case (.pointer, .pointer):
      if op == .logicalAnd || op == .logicalOr { return .bool }
      guard TypeRules.sameShape(left, right) else { break }
      if op == .subtract { return .int64 }
      if op.isComparisonOrLogical { return .bool }
    case (.pointer, .numeric(let r, _)):
      if op == .logicalAnd || op == .logicalOr { return .bool }
      if (op == .add || op == .subtract) && r.isIntegral { return left }
    case (.numeric(let l, _), .pointer):
      if op == .logicalAnd || op == .logicalOr { return .bool }
      if op == .add && l.isIntegral { return right }
    default:
      break
    }
    report(
      .invalidOperands(operator: op.rawValue, left: left.cName, right: right.cName), at: expression)
    return nil
  }

  private mutating func checkAssignment(
    _ op: AssignmentOperator, _ target: GeNNType, _ value: GeNNType,
    target targetExpression: Expression,
    at expression: Expression
  ) -> GeNNType? {
    if target.isConst {
      report(
        .readOnly(name: targetExpression.rootName, role: role(of: targetExpression)),
        at: targetExpression)
      return nil
    }
    if target.isWriteOnly && op != .assign {
      report(.writeOnly(name: targetExpression.rootName), at: expression)
      return nil
    }
    if value.isWriteOnly {
      report(.writeOnly(name: nil), at: expression)
      return nil
    }
    guard TypeRules.canAssign(value, to: target, with: op) else {
      report(
        .invalidOperands(operator: op.rawValue, left: target.cName, right: value.cName),
        at: expression)
      return nil
    }
    return target
  }

  private mutating func checkConditional(_ a: GeNNType, _ b: GeNNType, at expression: Expression)
    -> GeNNType?
  {
    switch (a, b) {
    case (.numeric(let x, _), .numeric(let y, _)):
      let common = GeNNType.numeric(.common(x, y))
      return a.isConst || b.isConst ? common.addingConst : common
    case (.pointer, .pointer) where TypeRules.sameShape(a, b):
      // The result points to values at least as const as each operand's, at every level,
      // so that choosing a pointer to const values never drops its const.
      let target = TypeRules.keepsConst(a.unqualified, b.unqualified) ? b : a
      guard TypeRules.keepsConst(a.unqualified, target.unqualified),
        TypeRules.keepsConst(b.unqualified, target.unqualified)
      else { break }
      return a.isConst || b.isConst ? target.addingConst : target.unqualified
    default:
      break
    }
    report(.invalidOperands(operator: "?:", left: a.cName, right: b.cName), at: expression)
    return nil
  }

  private mutating func checkCall(
    _ callee: Expression, _ arguments: [Expression], at expression: Expression
  ) -> (Expression.Kind, GeNNType?) {
    let printf =
      if case .identifier(let identifier) = callee.kind,
        case .symbols(let found) = resolve(identifier.name)
      {
        found.contains(where: \.isPrintf)
      } else {
        false
      }
    // printf takes string literals (its format and the arguments of '%s').
    let arguments = arguments.map { argument in
      guard printf, argument.isStringLiteral else { return check(argument) }
      var literal = argument
      literal.type = GeNNType.int8.addingConst.pointer()
      return literal
    }
    var failed = false
    for argument in arguments {
      guard let type = argument.type else {
        failed = true
        continue
      }
      if type.isWriteOnly {
        report(.writeOnly(name: argument.rootName), at: argument)
        failed = true
      }
    }
    guard case .identifier(var identifier) = callee.kind else {
      let callee = check(callee)
      if let type = callee.type { report(.notCallable(type.cName), at: callee) }
      return (.call(callee, arguments: arguments), nil)
    }
    var boundCallee = callee
    let symbols: [Symbol]
    switch resolve(identifier.name) {
    case .local(let type):
      report(.notCallable(type.cName), at: callee)
      return (.call(callee, arguments: arguments), nil)
    case .unknown:
      reportUnknown(identifier.name, at: callee)
      return (.call(callee, arguments: arguments), nil)
    case .symbols(let found):
      symbols = found.filter { $0.type.function.map { !$0.isSubscriptOnly } ?? false }
      if found.allSatisfy({ $0.type.function?.isSubscriptOnly ?? false }) {
        report(.indexOnly(identifier.name, role: found[0].role), at: callee)
        return (.call(callee, arguments: arguments), nil)
      }
      if symbols.isEmpty {
        report(.notCallable(found[0].type.cName), at: callee)
        return (.call(callee, arguments: arguments), nil)
      }
    }
    if failed { return (.call(callee, arguments: arguments), nil) }
    let argumentTypes = arguments.compactMap(\.type)
    guard let chosen = OverloadResolution.best(of: symbols, for: argumentTypes) else {
      report(
        .noMatchingOverload(
          name: identifier.name, arguments: argumentTypes.map(\.cName),
          candidates: symbols.map { $0.type.cName }),
        at: callee)
      return (.call(callee, arguments: arguments), nil)
    }
    if chosen.isPrintf { checkFormat(arguments) }
    identifier.binding = .symbol(chosen)
    boundCallee.kind = .identifier(identifier)
    boundCallee.type = chosen.type
    return (.call(boundCallee, arguments: arguments), chosen.type.function?.result)
  }

  private mutating func checkSubscript(
    _ array: Expression, _ index: Expression, at expression: Expression
  )
    -> (Expression.Kind, GeNNType?)
  {
    let index = check(index)
    var indexIsValid = false
    if checkReadable(index), let type = index.type {
      if type.isIntegral {
        indexIsValid = true
      } else {
        report(.invalidSubscript(index: type.cName), at: index)
      }
    }
    // A subscript-only function ("array subscript override") is resolved with the index
    // as its argument.
    if case .identifier(var identifier) = array.kind,
      case .symbols(let found) = resolve(identifier.name),
      case let overrides = found.filter({ $0.type.function?.isSubscriptOnly ?? false }),
      !overrides.isEmpty
    {
      guard indexIsValid, let indexType = index.type,
        let chosen = OverloadResolution.best(of: overrides, for: [indexType])
      else {
        return (.subscripted(array, index: index), nil)
      }
      identifier.binding = .symbol(chosen)
      var boundArray = array
      boundArray.kind = .identifier(identifier)
      boundArray.type = chosen.type
      return (.subscripted(boundArray, index: index), chosen.type.function?.result)
    }
    let array = check(array)
    guard let arrayType = array.type, indexIsValid else {
      return (.subscripted(array, index: index), nil)
    }
    guard let pointee = arrayType.pointee else {
      report(.notSubscriptable(arrayType.cName), at: array)
      return (.subscripted(array, index: index), nil)
    }
    return (.subscripted(array, index: index), pointee)
  }

  /// Checks a call of printf whose arguments have types: the format is a string literal
  /// whose conversions (``PrintfFormat``) each take one argument of a type they print,
  /// with none left over.
  private mutating func checkFormat(_ arguments: [Expression]) {
    guard case .literal(.string(let literal)) = arguments[0].kind else {
      report(.formatNotLiteral, at: arguments[0])
      return
    }
    let format = PrintfFormat(literal: literal, at: arguments[0].location)
    diagnostics += format.diagnostics
    for argument in arguments.dropFirst() {
      guard case .literal(.string(let text)) = argument.kind else { continue }
      diagnostics += PrintfFormat.escapeDiagnostics(of: text, at: argument.location)
    }
    guard format.diagnostics.isEmpty else { return }
    var next = 1
    var taken = 0
    for conversion in format.conversions {
      for expected in conversion.arguments {
        taken += 1
        guard next < arguments.count else {
          report(
            .missingFormatArgument(conversion: conversion.text), at: conversion.location,
            token: conversion.text)
          return
        }
        let argument = arguments[next]
        next += 1
        let isString = argument.isStringLiteral
        guard let type = argument.type, !expected.accepts(type, isStringLiteral: isString) else {
          continue
        }
        report(
          .formatArgumentMismatch(
            conversion: conversion.text, argument: next,
            found: isString ? "a string literal" : "of type '\(type.unqualified.cName)'",
            expected: expected.expected,
            suggestion: PrintfFormat.conversion(for: type, isStringLiteral: isString)),
          at: argument)
      }
    }
    if next < arguments.count {
      report(.extraFormatArgument(argument: next + 1, taken: taken), at: arguments[next])
    }
  }

  /// What the storage an expression names is, for read-only messages.
  private func role(of expression: Expression) -> String? {
    guard let name = expression.rootName else { return nil }
    switch resolve(name) {
    case .local: return "declared const"
    case .symbols(let symbols): return symbols.first?.role
    case .unknown: return nil
    }
  }
}

extension Expression {
  /// The name at the root of an assignable expression: `V` in `V`, `g[i]`, `(*p)`.
  var rootName: String? {
    switch kind {
    case .identifier(let identifier): identifier.name
    case .subscripted(let array, _): array.rootName
    case .grouping(let inner), .unary(.dereference, let inner): inner.rootName
    default: nil
    }
  }

  /// Whether the expression is a string literal as written (not in parentheses).
  var isStringLiteral: Bool {
    if case .literal(.string) = kind { true } else { false }
  }

  /// Text to quote as "the token" in messages.
  var tokenText: String {
    switch kind {
    case .identifier(let identifier): identifier.name
    case .literal(.integer(let spelling, _)), .literal(.floating(let spelling, _)): spelling
    case .literal(.boolean(let value)): value ? "true" : "false"
    case .literal(.string(let text)): text
    case .unary(let op, _): op.rawValue
    case .prefix(let op, _), .postfix(let op, _): op.rawValue
    case .binary(let op, _, _): op.rawValue
    case .assignment(let op, _, _): op.rawValue
    case .conditional: "?"
    case .cast, .grouping: "("
    case .call(let callee, _): callee.tokenText
    case .subscripted: "["
    }
  }

  /// The value of a constant integer expression, computed with 64-bit wrapping
  /// arithmetic; `nil` if it is not one or divides by zero.
  var integerValue: Int64? {
    switch kind {
    case .literal(.integer(let spelling, _)):
      let digits = spelling.hasSuffix("u") ? spelling.dropLast() : Substring(spelling)
      let value =
        digits.hasPrefix("0x") || digits.hasPrefix("0X")
        ? UInt64(digits.dropFirst(2), radix: 16) : UInt64(digits)
      return value.map { Int64(bitPattern: $0) }
    case .literal(.boolean(let b)): return b ? 1 : 0
    case .grouping(let inner), .cast(_, let inner), .unary(.plus, let inner):
      return inner.integerValue
    case .unary(.minus, let inner): return inner.integerValue.map { 0 &- $0 }
    case .unary(.bitNot, let inner): return inner.integerValue.map { ~$0 }
    case .unary(.logicalNot, let inner): return inner.integerValue.map { $0 == 0 ? 1 : 0 }
    case .binary(let op, let l, let r):
      guard let a = l.integerValue, let b = r.integerValue else { return nil }
      switch op {
      case .add: return a &+ b
      case .subtract: return a &- b
      case .multiply: return a &* b
      case .divide: return b == 0 ? nil : a.dividedReportingOverflow(by: b).partialValue
      case .remainder:
        return b == 0 ? nil : a.remainderReportingOverflow(dividingBy: b).partialValue
      case .shiftLeft: return a &<< b
      case .shiftRight: return a &>> b
      case .bitAnd: return a & b
      case .bitOr: return a | b
      case .bitXor: return a ^ b
      case .less: return a < b ? 1 : 0
      case .lessEqual: return a <= b ? 1 : 0
      case .greater: return a > b ? 1 : 0
      case .greaterEqual: return a >= b ? 1 : 0
      case .equal: return a == b ? 1 : 0
      case .notEqual: return a != b ? 1 : 0
      case .logicalAnd: return a != 0 && b != 0 ? 1 : 0
      case .logicalOr: return a != 0 || b != 0 ? 1 : 0
      case .comma: return nil
      }
    case .conditional(let c, let a, let b):
      guard let condition = c.integerValue else { return nil }
      return condition != 0 ? a.integerValue : b.integerValue
    default:
      return nil
    }
  }

  /// Whether the expression is a constant built from literals and operators.
  var isConstant: Bool {
    switch kind {
    case .literal: true
    case .grouping(let inner), .unary(_, let inner), .cast(_, let inner): inner.isConstant
    case .binary(let op, let l, let r): op != .comma && l.isConstant && r.isConstant
    case .conditional(let c, let a, let b): c.isConstant && a.isConstant && b.isConstant
    default: false
    }
  }
}
