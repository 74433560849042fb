/// Prints checked code as C++ or CUDA C++.
///
/// Names the snippet declares print as `_name` (user names never start with `_`, so they
/// cannot collide with generated ones); names from the environment print as their
/// ``Symbol/spelling``; calls expand their overload's template; unsuffixed floating
/// literals get the suffix of `scalar`.
public struct PrettyPrinter {
  private let environment: Environment

  /// Creates a printer that takes spellings and the precision of `scalar` from
  /// `environment`. A name bound at checking time prints with the spelling of the symbol
  /// of the same name and type in this environment, so one checked snippet can be printed
  /// for several targets; a symbol this environment lacks prints as it was bound.
  public init(environment: Environment) {
    self.environment = environment
  }

  /// The statements as code, indented by `level` four-space steps.
  public func print(_ statements: [Statement], level: Int = 0) -> String {
    var writer = CodeWriter(level: level)
    for statement in statements { write(statement, to: &writer) }
    return writer.text
  }

  /// The expression as code.
  public func print(_ expression: Expression) -> String {
    var text = ""
    write(expression, to: &text)
    return text
  }

  // MARK: Statements

  private func write(_ statement: Statement, to writer: inout CodeWriter) {
    switch statement.kind {
    case .expression(let expression):
      writer.line((expression.map(print) ?? "") + ";")
    case .declaration(let declaration):
      writer.line(declarationText(declaration))
    case .block(let statements):
      writer.line("{")
      writer.indented { inner in
        for statement in statements { write(statement, to: &inner) }
      }
      writer.line("}")
    case .ifElse(let condition, let then, let otherwise):
      writer.line("if (\(print(condition))) {")
      writeBody(then, to: &writer)
      if let otherwise {
        writer.line("} else {")
        writeBody(otherwise, to: &writer)
      }
      writer.line("}")
    case .whileLoop(let condition, let body):
      writer.line("while (\(print(condition))) {")
      writeBody(body, to: &writer)
      writer.line("}")
    case .doWhile(let body, let condition):
      writer.line("do {")
      writeBody(body, to: &writer)
      writer.line("} while (\(print(condition)));")
    case .forLoop(let initialiser, let condition, let increment, let body):
      let start: String =
        switch initialiser?.kind {
        case .declaration(let declaration): declarationText(declaration)
        case .expression(let expression): (expression.map(print) ?? "") + ";"
        default: ";"
        }
      let test = condition.map { " " + print($0) } ?? ""
      let step = increment.map { " " + print($0) } ?? ""
      writer.line("for (\(start)\(test);\(step)) {")
      writeBody(body, to: &writer)
      writer.line("}")
    case .switchStatement(let condition, let body):
      writer.line("switch (\(print(condition))) {")
      writeBody(body, to: &writer)
      writer.line("}")
    case .caseLabel(let value, let body):
      writer.line("case \(print(value)):")
      write(body, to: &writer)
    case .defaultLabel(let body):
      writer.line("default:")
      write(body, to: &writer)
    case .breakStatement:
      writer.line("break;")
    case .continueStatement:
      writer.line("continue;")
    case .forEachSynapse(let body):
      let scope = environment.forEachSynapse
      writer.verbatim(scope?.header ?? "")
      writeBody(body, to: &writer)
      writer.verbatim(scope?.footer ?? "")
    }
  }

  /// Writes a loop or branch body one level deeper, unwrapping a block (the caller
  /// writes the braces).
  private func writeBody(_ body: Statement, to writer: inout CodeWriter) {
    writer.indented { inner in
      if case .block(let statements) = body.kind {
        for statement in statements { write(statement, to: &inner) }
      } else {
        write(body, to: &inner)
      }
    }
  }

  /// `const scalar *a = p, b;` printed so that every declarator gets its pointer levels
  /// (with checked pointers, `genn_checked_pointer<const scalar> a = p, b;`).
  private func declarationText(_ declaration: Declaration) -> String {
    let type = declaration.type ?? declaration.typeName.resolved(in: environment.types)
    if type.pointee != nil, environment.checkedPointer != nil {
      let declarators = declaration.declarators.map { declarator in
        "_" + declarator.name + (declarator.initialiser.map { " = \(print($0))" } ?? "")
      }
      return "\(typeName(type)) \(declarators.joined(separator: ", "));"
    }
    var base = type
    var stars = ""
    while case .pointer(let pointee, let qualifiers) = base {
      stars = "*" + (qualifiers.contains(.const) ? " const " : "") + stars
      base = pointee
    }
    let declarators = declaration.declarators.map { declarator in
      let name = stars + "_" + declarator.name
      return declarator.initialiser.map { "\(name) = \(print($0))" } ?? name
    }
    return "\(base.cName) \(declarators.joined(separator: ", "));"
  }

  // MARK: Expressions

  private func write(_ expression: Expression, to text: inout String) {
    switch expression.kind {
    case .literal(let literal):
      text += literalText(literal)
    case .identifier(let identifier):
      text += valueName(identifier)
    case .grouping(let inner):
      text += "("
      write(inner, to: &text)
      text += ")"
    case .unary(let op, let operand):
      text += op.rawValue
      let operandText = print(operand)
      // Keep "- -x" from printing as the decrement "--x".
      if let first = operandText.first,
        (op == .minus || op == .plus) && (first == "-" || first == "+")
      {
        text += " "
      }
      text += operandText
    case .prefix(let op, let target):
      text += op.rawValue
      let targetText = print(target)
      if let first = targetText.first, first == "-" || first == "+" { text += " " }
      text += targetText
    case .postfix(let op, let target):
      write(target, to: &text)
      text += op.rawValue
    case .binary(let op, let left, let right)
    where (op == .divide || op == .remainder) && Self.integral(left, right):
      let function = op == .divide ? Self.integerDivision : Self.integerRemainder
      text += "\(function)(\(print(left)), \(print(right)), __LINE__)"
    case .binary(let op, let left, let right):
      write(left, to: &text)
      text += op == .comma ? ", " : " \(op.rawValue) "
      write(right, to: &text)
    case .assignment(let op, let target, let value)
    where (op == .divide || op == .remainder) && Self.integral(target, value):
      let function = op == .divide ? Self.integerDivision : Self.integerRemainder
      text += "\(function)Assign(\(print(target)), \(print(value)), __LINE__)"
    case .assignment(let op, let target, let value):
      write(target, to: &text)
      text += " \(op.rawValue) "
      write(value, to: &text)
    case .conditional(let condition, let then, let otherwise):
      write(condition, to: &text)
      text += " ? "
      write(then, to: &text)
      text += " : "
      write(otherwise, to: &text)
    case .cast(let typeName, let operand):
      let type = expression.type ?? typeName.resolved(in: environment.types)
      text += "(\(self.typeName(type)))"
      write(operand, to: &text)
    case .call(let callee, let arguments):
      guard case .identifier(let identifier) = callee.kind,
        case .symbol(let symbol)? = identifier.binding
      else {
        write(callee, to: &text)
        text += "(" + arguments.map(print).joined(separator: ", ") + ")"
        return
      }
      // printf takes a checked pointer's address (a string literal as it is).
      let addresses = symbol.isPrintf && environment.checkedPointer != nil
      text += expand(
        spelling(of: symbol),
        arguments: arguments.map { argument in
          addresses && argument.type?.pointee != nil && !argument.isStringLiteral
            ? "\(Self.pointerAddress)(\(print(argument)))" : print(argument)
        },
        parameterCount: symbol.type.function?.parameters.count ?? 0)
    case .subscripted(let array, let index):
      if case .identifier(let identifier) = array.kind,
        case .symbol(let symbol)? = identifier.binding,
        symbol.type.function != nil
      {
        text += expand(spelling(of: symbol), arguments: [print(index)], parameterCount: 1)
        return
      }
      write(array, to: &text)
      text += "["
      write(index, to: &text)
      text += "]"
    }
  }

  /// The function integer `/` prints as: `genn_div(a, b, line)`, which the generated
  /// module defines so that a divisor of 0 (or the quotient that overflows, the type's
  /// minimum over -1) stops the run with an error instead of the process; `/=` prints as
  /// `genn_divAssign(target, b, line)`.
  public static let integerDivision = "genn_div"
  /// The function integer `%` prints as (`%=` as `genn_remAssign`), like ``integerDivision``.
  public static let integerRemainder = "genn_rem"

  /// The function a checked pointer passed to `printf` prints through: its address
  /// (``Environment/checkedPointer``).
  public static let pointerAddress = "genn_pointer_address"

  /// `type` as C++ spells it, pointers as the environment's checked pointer template
  /// where it has one (`const` on the pointer itself placed before it).
  private func typeName(_ type: GeNNType) -> String {
    guard let template = environment.checkedPointer, case .pointer(let pointee, let q) = type
    else { return type.cName }
    return (q.contains(.const) ? "const " : "") + "\(template)<\(typeName(pointee))>"
  }

  /// Whether both operands are integers, so that `/` and `%` divide integers.
  private static func integral(_ left: Expression, _ right: Expression) -> Bool {
    (left.type?.isIntegral ?? false) && (right.type?.isIntegral ?? false)
  }

  private func literalText(_ literal: Literal) -> String {
    switch literal {
    case .integer(let spelling, _): spelling
    case .floating(let spelling, .float): spelling + "f"
    case .floating(let spelling, .double): spelling
    case .floating(let spelling, .scalar):
      spelling + (environment.types.scalar == .float ? "f" : "")
    case .boolean(let value): value ? "true" : "false"
    case .string(let text): text
    }
  }

  private func valueName(_ identifier: Identifier) -> String {
    switch identifier.binding {
    case .local?: "_" + identifier.name
    case .symbol(let symbol)?: spelling(of: symbol)
    case nil: identifier.name
    }
  }

  private func spelling(of symbol: Symbol) -> String {
    if let current = environment.lookup(symbol.name).first(where: { $0.type == symbol.type }) {
      return current.spelling
    }
    return symbol.spelling
  }

  /// Fills a call template in one pass, so that an argument's own text (a string that
  /// happens to contain `$(0)`) is never expanded again.
  private func expand(_ template: String, arguments: [String], parameterCount: Int) -> String {
    var result = ""
    var rest = Substring(template)
    while let dollar = rest.firstIndex(of: "$") {
      result += rest[..<dollar]
      let afterDollar = rest[rest.index(after: dollar)...]
      guard afterDollar.first == "(", let close = afterDollar.firstIndex(of: ")") else {
        result += "$"
        rest = afterDollar
        continue
      }
      let key = afterDollar[afterDollar.index(after: afterDollar.startIndex)..<close]
      if key == "@" {
        result += arguments.dropFirst(parameterCount).map { ", " + $0 }.joined()
      } else if let index = Int(key), arguments.indices.contains(index) {
        result += arguments[index]
      } else {
        result += rest[dollar...close]
      }
      rest = afterDollar[afterDollar.index(after: close)...]
    }
    result += rest
    return result
  }
}
