import Testing

@testable import GeNNTranspiler

/// The parser: C's precedence and associativity (checked on the shape of the tree),
/// casts, calls, subscripts, l-values, every statement form, type specifiers, error
/// recovery on broken and truncated input, and the nesting limit.
@Suite struct ParserTests {
  // MARK: Trees as text

  /// An expression as an S-expression: `(- (- a b) c)`. Unary operators are written
  /// `u-`, prefix increments `++pre`, postfix ones `post++`, parentheses `group`.
  private static func tree(_ expression: Expression) -> String {
    switch expression.kind {
    case .literal(.integer(let spelling, _)): return spelling
    case .literal(.floating(let spelling, .scalar)): return spelling
    case .literal(.floating(let spelling, .float)): return spelling + "f"
    case .literal(.floating(let spelling, .double)): return spelling + "d"
    case .literal(.boolean(let value)): return value ? "true" : "false"
    case .literal(.string(let text)): return text
    case .identifier(let identifier): return identifier.name
    case .grouping(let inner): return "(group \(tree(inner)))"
    case .unary(let op, let operand): return "(u\(op.rawValue) \(tree(operand)))"
    case .prefix(let op, let target): return "(\(op.rawValue)pre \(tree(target)))"
    case .postfix(let op, let target): return "(post\(op.rawValue) \(tree(target)))"
    case .binary(let op, let left, let right):
      return "(\(op.rawValue) \(tree(left)) \(tree(right)))"
    case .assignment(let op, let target, let value):
      return "(\(op.rawValue) \(tree(target)) \(tree(value)))"
    case .conditional(let condition, let then, let otherwise):
      return "(? \(tree(condition)) \(tree(then)) \(tree(otherwise)))"
    case .cast(let typeName, let operand):
      return "(cast \(text(typeName)) \(tree(operand)))"
    case .call(let callee, let arguments):
      return "(call \(([tree(callee)] + arguments.map(tree)).joined(separator: " ")))"
    case .subscripted(let array, let index):
      return "([] \(tree(array)) \(tree(index)))"
    }
  }

  /// A type name as `const int32* const*`.
  private static func text(_ typeName: TypeName) -> String {
    var result = typeName.isConst ? "const " : ""
    switch typeName.base {
    case .numeric(let type): result += type.rawValue
    case .scalar: result += "scalar"
    case .timepoint: result += "timepoint"
    }
    for isConst in typeName.pointerLevels { result += isConst ? "* const" : "*" }
    return result
  }

  /// A statement as an S-expression: `(if c x; y;)`.
  private static func tree(_ statement: Statement) -> String {
    switch statement.kind {
    case .expression(nil): return ";"
    case .expression(let expression?): return tree(expression) + ";"
    case .declaration(let declaration):
      let declarators = declaration.declarators.map { declarator in
        declarator.name + (declarator.initialiser.map { "=" + tree($0) } ?? "")
      }
      return "(decl \(([text(declaration.typeName)] + declarators).joined(separator: " ")))"
    case .block(let statements):
      return "(block\(statements.map { " " + tree($0) }.joined()))"
    case .ifElse(let condition, let then, let otherwise):
      return "(if \(tree(condition)) \(tree(then))\(otherwise.map { " " + tree($0) } ?? ""))"
    case .whileLoop(let condition, let body): return "(while \(tree(condition)) \(tree(body)))"
    case .doWhile(let body, let condition): return "(do \(tree(body)) \(tree(condition)))"
    case .forLoop(let initialiser, let condition, let increment, let body):
      let parts = [
        initialiser.map(tree) ?? "_", condition.map(tree) ?? "_", increment.map(tree) ?? "_",
        tree(body),
      ]
      return "(for \(parts.joined(separator: " ")))"
    case .switchStatement(let condition, let body):
      return "(switch \(tree(condition)) \(tree(body)))"
    case .caseLabel(let value, let body): return "(case \(tree(value)) \(tree(body)))"
    case .defaultLabel(let body): return "(default \(tree(body)))"
    case .breakStatement: return "break"
    case .continueStatement: return "continue"
    case .forEachSynapse(let body): return "(for_each_synapse \(tree(body)))"
    }
  }

  // MARK: Parsing helpers

  /// Scans and parses `code` as an expression: its tree, if any, and every problem.
  private static func parseExpression(_ code: String) -> (
    tree: String?, expression: Expression?, diagnostics: [Diagnostic]
  ) {
    let (tokens, scanProblems) = Scanner.scan(code)
    let (expression, parseProblems) = Parser.parseExpression(tokens)
    return (expression.map(tree), expression, scanProblems + parseProblems)
  }

  /// The tree of an expression that must parse without problems.
  private static func expressionTree(_ code: String) -> String? {
    let result = parseExpression(code)
    #expect(result.diagnostics.isEmpty, "\(code): \(result.diagnostics)")
    return result.tree
  }

  /// Scans and parses `code` as statements: their trees and every problem.
  private static func parseStatements(_ code: String) -> (
    trees: [String], statements: [Statement], diagnostics: [Diagnostic]
  ) {
    let (tokens, scanProblems) = Scanner.scan(code)
    let (statements, parseProblems) = Parser.parseStatements(tokens)
    return (statements.map(tree), statements, scanProblems + parseProblems)
  }

  /// The trees of statements that must parse without problems.
  private static func statementTrees(_ code: String) -> [String] {
    let result = parseStatements(code)
    #expect(result.diagnostics.isEmpty, "\(code): \(result.diagnostics)")
    return result.trees
  }

  private static func at(_ line: Int, _ column: Int) -> GeNNTranspiler.SourceLocation {
    SourceLocation(line: line, column: column)
  }

  // MARK: Precedence and associativity

  static let precedence: [(String, String)] = [
    // Multiplicative over additive, both left-associative.
    ("a * b + c", "(+ (* a b) c)"),
    ("a + b * c", "(+ a (* b c))"),
    ("a - b - c", "(- (- a b) c)"),
    ("a / b / c", "(/ (/ a b) c)"),
    ("a % b * c", "(* (% a b) c)"),
    ("a - b + c - d", "(- (+ (- a b) c) d)"),
    ("a + b * c - d / e", "(- (+ a (* b c)) (/ d e))"),
    // Shifts below additive, above relational.
    ("a + b << c", "(<< (+ a b) c)"),
    ("a << b + c", "(<< a (+ b c))"),
    ("a << b >> c", "(>> (<< a b) c)"),
    ("a << b < c", "(< (<< a b) c)"),
    ("a < b << c", "(< a (<< b c))"),
    // Relational above equality.
    ("a < b == c > d", "(== (< a b) (> c d))"),
    ("a <= b != c >= d", "(!= (<= a b) (>= c d))"),
    ("a == b == c", "(== (== a b) c)"),
    ("a < b < c", "(< (< a b) c)"),
    // Bitwise and, xor, or, then logical and, or.
    ("a == b & c", "(& (== a b) c)"),
    ("a & b ^ c | d", "(| (^ (& a b) c) d)"),
    ("a | b ^ c & d", "(| a (^ b (& c d)))"),
    ("a | b && c | d", "(&& (| a b) (| c d))"),
    ("a && b || c && d", "(|| (&& a b) (&& c d))"),
    ("a || b && c", "(|| a (&& b c))"),
    ("a || b || c", "(|| (|| a b) c)"),
    // Conditional: right-associative, any expression between '?' and ':'.
    ("a ? b : c ? d : e", "(? a b (? c d e))"),
    ("a ? b ? c : d : e", "(? a (? b c d) e)"),
    ("a || b ? c : d", "(? (|| a b) c d)"),
    ("a ? b, c : d", "(? a (, b c) d)"),
    ("a ? b = c : d", "(? a (= b c) d)"),
    // Assignment: right-associative, below the conditional.
    ("a = b = c", "(= a (= b c))"),
    ("a += b -= c", "(+= a (-= b c))"),
    ("a = b ? c : d", "(= a (? b c d))"),
    ("a = b || c", "(= a (|| b c))"),
    // Comma lowest, left-associative.
    ("a = b, c", "(, (= a b) c)"),
    ("a, b = c, d", "(, (, a (= b c)) d)"),
    // Unary and postfix.
    ("-x++", "(u- (post++ x))"),
    ("-x * y", "(* (u- x) y)"),
    ("!a && b", "(&& (u! a) b)"),
    ("*p++", "(u* (post++ p))"),
    ("++*p", "(++pre (u* p))"),
    ("~-+x", "(u~ (u- (u+ x)))"),
    ("- -x", "(u- (u- x))"),
    ("--x", "(--pre x)"),
    ("- --x", "(u- (--pre x))"),
    ("x---y", "(- (post-- x) y)"),
    ("a+++b", "(+ (post++ a) b)"),
    ("x++ + ++y", "(+ (post++ x) (++pre y))"),
    ("!!x", "(u! (u! x))"),
    ("(a + b) * c", "(* (group (+ a b)) c)"),
    ("a * (b + c)", "(* a (group (+ b c)))"),
  ]

  @Test(arguments: precedence)
  func precedenceAndAssociativity(code: String, expected: String) {
    #expect(Self.expressionTree(code) == expected)
  }

  @Test func everyBinaryOperatorParses() {
    let operators = [
      "*", "/", "%", "+", "-", "<<", ">>", "<", "<=", ">", ">=", "==", "!=", "&", "^", "|",
      "&&", "||", ",",
    ]
    for op in operators {
      #expect(Self.expressionTree("a \(op) b") == "(\(op) a b)")
    }
    for op in ["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="] {
      #expect(Self.expressionTree("a \(op) b") == "(\(op) a b)")
    }
  }

  @Test func literalsParse() {
    #expect(Self.expressionTree("true || false") == "(|| true false)")
    #expect(
      Self.expressionTree("1.5f + 2.0d + 3.0 + 4U + 0x10")
        == "(+ (+ (+ (+ 1.5f 2.0d) 3.0) 4u) 0x10)")
    #expect(Self.expressionTree("\"text\"") == "\"text\"")
  }

  @Test func integerLiteralsTakeTheTypeCGivesThem() throws {
    let cases: [(String, NumericType)] = [
      ("0", .int32), ("2147483647", .int32), ("2147483648", .int64),
      ("9223372036854775807", .int64), ("0x7FFFFFFF", .int32), ("0xFFFFFFFF", .uint32),
      ("0x100000000", .int64), ("0xFFFFFFFFFFFFFFFF", .uint64), ("7U", .uint32),
      ("4294967295U", .uint32), ("4294967296U", .uint64), ("18446744073709551615U", .uint64),
    ]
    for (code, type) in cases {
      let expression = try #require(Self.parseExpression(code).expression)
      guard case .literal(.integer(_, let actual)) = expression.kind else {
        Issue.record("\(code) did not parse to an integer literal")
        continue
      }
      #expect(actual == type, "\(code)")
    }
  }

  @Test(arguments: ["18446744073709551616", "18446744073709551616U", "9223372036854775808"])
  func integerLiteralsTooLargeAreReported(code: String) {
    let result = Self.parseExpression(code)
    #expect(result.expression == nil)
    guard case .integerLiteralTooLarge(let text)? = result.diagnostics.first?.problem else {
      Issue.record("\(code): \(result.diagnostics)")
      return
    }
    #expect(text == code)
  }

  // MARK: Casts and grouping

  static let casts: [(String, String)] = [
    ("(float)x", "(cast float x)"),
    ("(float)x + y", "(+ (cast float x) y)"),
    ("(int)x * 2", "(* (cast int32 x) 2)"),
    ("(int)-x", "(cast int32 (u- x))"),
    ("-(int)x", "(u- (cast int32 x))"),
    ("(int)x++", "(cast int32 (post++ x))"),
    ("(int)++x", "(cast int32 (++pre x))"),
    ("(int)x[2]", "(cast int32 ([] x 2))"),
    ("(int)f(x)", "(cast int32 (call f x))"),
    ("(const int*)p", "(cast const int32* p)"),
    ("(int const *)p", "(cast const int32* p)"),
    ("(int * const)p", "(cast int32* const p)"),
    ("(const scalar * const *)p", "(cast const scalar* const* p)"),
    ("(int)(float)x", "(cast int32 (cast float x))"),
    ("(unsigned long long)(x)", "(cast uint64 (group x))"),
    ("(scalar)1", "(cast scalar 1)"),
    ("(timepoint)t", "(cast timepoint t)"),
    ("(bool)x && y", "(&& (cast bool x) y)"),
    // Parentheses around an expression are a grouping, never a cast.
    ("(x)", "(group x)"),
    ("(x) - y", "(- (group x) y)"),
    ("(x)(y)", "(call (group x) y)"),
    ("((x))", "(group (group x))"),
  ]

  @Test(arguments: casts)
  func castsAndGroupings(code: String, expected: String) {
    #expect(Self.expressionTree(code) == expected)
  }

  // MARK: Calls and subscripts

  @Test func callsTakeZeroOrMoreArguments() {
    #expect(Self.expressionTree("f()") == "(call f)")
    #expect(Self.expressionTree("f(x)") == "(call f x)")
    #expect(Self.expressionTree("f(x, y)") == "(call f x y)")
    #expect(
      Self.expressionTree("f(x, y + 1, g(z), h())") == "(call f x (+ y 1) (call g z) (call h))")
    // A comma expression is one argument only in parentheses.
    #expect(Self.expressionTree("f((a, b), c)") == "(call f (group (, a b)) c)")
    #expect(Self.expressionTree("f(a = 1, b ? c : d)") == "(call f (= a 1) (? b c d))")
    #expect(Self.expressionTree("f(a)(b)") == "(call (call f a) b)")
    #expect(Self.expressionTree("printf(\"%d\", x)") == "(call printf \"%d\" x)")
  }

  @Test func subscriptsChainAndBindTighterThanPrefixOperators() {
    #expect(Self.expressionTree("a[i]") == "([] a i)")
    #expect(Self.expressionTree("a[i][j]") == "([] ([] a i) j)")
    #expect(Self.expressionTree("a[i + 1] * 2") == "(* ([] a (+ i 1)) 2)")
    #expect(Self.expressionTree("a[i, j]") == "([] a (, i j))")
    #expect(Self.expressionTree("a[b[i]]") == "([] a ([] b i))")
    #expect(Self.expressionTree("-a[i]") == "(u- ([] a i))")
    #expect(Self.expressionTree("*a[i]") == "(u* ([] a i))")
    #expect(Self.expressionTree("a[f(i)]++") == "(post++ ([] a (call f i)))")
    #expect(Self.expressionTree("f(x)[1]") == "([] (call f x) 1)")
  }

  @Test func prefixAndPostfixIncrementAndDecrement() {
    #expect(Self.expressionTree("++x") == "(++pre x)")
    #expect(Self.expressionTree("--x") == "(--pre x)")
    #expect(Self.expressionTree("x++") == "(post++ x)")
    #expect(Self.expressionTree("x--") == "(post-- x)")
    #expect(Self.expressionTree("++a[i]") == "(++pre ([] a i))")
    #expect(Self.expressionTree("++(x)") == "(++pre (group x))")
    #expect(Self.expressionTree("(*p)--") == "(post-- (group (u* p)))")
  }

  @Test func expressionLocationsPointAtOperatorsAndNames() throws {
    let expression = try #require(Self.parseExpression("a +\n  b * c").expression)
    #expect(expression.location == Self.at(1, 3))
    guard case .binary(_, let left, let right) = expression.kind else {
      Issue.record("not a binary expression")
      return
    }
    #expect(left.location == Self.at(1, 1))
    #expect(right.location == Self.at(2, 5))

    let call = try #require(Self.parseExpression("  f(x)").expression)
    #expect(call.location == Self.at(1, 3))
    let subscripted = try #require(Self.parseExpression("ab[1]").expression)
    #expect(subscripted.location == Self.at(1, 3))
    let conditional = try #require(Self.parseExpression("a ? b : c").expression)
    #expect(conditional.location == Self.at(1, 3))
    let assignment = try #require(Self.parseExpression("a <<= b").expression)
    #expect(assignment.location == Self.at(1, 3))
  }

  // MARK: L-values

  static let notAssignable: [(String, String, Int)] = [
    ("1 = x", "=", 3),
    ("(a+b)++", "++", 6),
    ("++(a + b)", "++", 1),
    ("--1", "--", 1),
    ("a + b = c", "=", 7),
    ("f(x) = 1", "=", 6),
    ("x++ = 1", "=", 5),
    ("-x = 1", "=", 4),
    ("(int)x = 1", "=", 8),
    ("a ? b : c = d", "=", 11),
    ("a += 1 += 2", "+=", 8),
    ("(a, b) *= 2", "*=", 8),
    ("x++++", "++", 4),
    ("x++--", "--", 4),
    ("++ ++x", "++", 1),
    ("\"s\" = x", "=", 5),
    ("true = false", "=", 6),
  ]

  @Test(arguments: notAssignable)
  func assigningToANonLValueIsReported(code: String, op: String, column: Int) throws {
    let result = Self.parseExpression(code)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
    #expect(diagnostic.problem == .notAssignable(operator: op))
    #expect(diagnostic.location == Self.at(1, column))
    #expect(diagnostic.token == op)
  }

  @Test(arguments: [
    "x = 1", "(x) = 1", "((x)) += 1", "*p = 1", "*(p + 1) = 2", "a[i] = 1", "a[i][j] -= 1",
    "a[i]++", "(*p)--", "--a[0]", "x = y = z",
  ])
  func assigningToAnLValueIsAccepted(code: String) {
    #expect(Self.parseExpression(code).diagnostics.isEmpty)
  }

  @Test func expressionMustEndAtTheEndOfInput() throws {
    let result = Self.parseExpression("x = 12; y = 37;")
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.problem == .expected("end of expression", found: "';'"))
    #expect(diagnostic.location == Self.at(1, 7))

    let empty = Self.parseExpression("")
    #expect(empty.expression == nil)
    #expect(empty.diagnostics.map(\.problem) == [.expected("an expression", found: "end of code")])
  }

  // MARK: Statements

  static let statementForms: [(String, [String])] = [
    (";", [";"]),
    ("x = 1;", ["(= x 1);"]),
    ("x; ; y;", ["x;", ";", "y;"]),
    ("{}", ["(block)"]),
    ("{ x = 1; { y; } }", ["(block (= x 1); (block y;))"]),
    ("int a;", ["(decl int32 a)"]),
    ("const scalar a = 1.0, b = a * 2.0, c;", ["(decl const scalar a=1.0 b=(* a 2.0) c)"]),
    ("int a = b = 3;", ["(decl int32 a=(= b 3))"]),
    ("int a = (1, 2);", ["(decl int32 a=(group (, 1 2)))"]),
    ("int *p = q, r;", ["(decl int32* p=q r)"]),
    ("const int * const p = q;", ["(decl const int32* const p=q)"]),
    ("if (a) x;", ["(if a x;)"]),
    ("if (a) x; else y;", ["(if a x; y;)"]),
    // The dangling else belongs to the nearest if.
    ("if (a) if (b) x; else y;", ["(if a (if b x; y;))"]),
    ("if (a) { if (b) x; } else y;", ["(if a (block (if b x;)) y;)"]),
    ("if (a) {} else if (b) {} else {}", ["(if a (block) (if b (block) (block)))"]),
    ("if (a, b) ;", ["(if (, a b) ;)"]),
    ("while (i < 10) i++;", ["(while (< i 10) (post++ i);)"]),
    ("while (1) { break; continue; }", ["(while 1 (block break continue))"]),
    ("do x++; while (x < 3);", ["(do (post++ x); (< x 3))"]),
    ("do { } while (0);", ["(do (block) 0)"]),
    (
      "for (int i = 0; i < n; i++) x += i;",
      ["(for (decl int32 i=0) (< i n) (post++ i) (+= x i);)"]
    ),
    (
      "for (i = 0, j = 1; i < j; i++, j--) ;",
      ["(for (, (= i 0) (= j 1)); (< i j) (, (post++ i) (post-- j)) ;)"]
    ),
    ("for (;;) break;", ["(for _ _ _ break)"]),
    ("for (; x;) {}", ["(for _ x _ (block))"]),
    ("for (;; x++) {}", ["(for _ _ (post++ x) (block))"]),
    ("for (scalar a = 0.0, b; ; ) ;", ["(for (decl scalar a=0.0 b) _ _ ;)"]),
    (
      "switch (k) { case 0: x = 1; break; case 1 + 2: case 4: { y; } default: break; }",
      [
        "(switch k (block (case 0 (= x 1);) break (case (+ 1 2) (case 4 (block y;)))"
          + " (default break)))"
      ]
    ),
    ("switch (k) case 1: x;", ["(switch k (case 1 x;))"]),
    ("case a ? 1 : 2: ;", ["(case (? a 1 2) ;)"]),
    ("break; continue;", ["break", "continue"]),
    ("for_each_synapse { w += 1; }", ["(for_each_synapse (block (+= w 1);))"]),
    ("for_each_synapse w = 0;", ["(for_each_synapse (= w 0);)"]),
    ("int x = 1; x++;", ["(decl int32 x=1)", "(post++ x);"]),
  ]

  @Test(arguments: statementForms)
  func statementForm(code: String, expected: [String]) {
    #expect(Self.statementTrees(code) == expected)
  }

  @Test func statementAndDeclaratorLocations() throws {
    let result = Self.parseStatements("x = 1;\n  if (x) {\n    int a, bb = 2;\n  }")
    #expect(result.diagnostics.isEmpty)
    #expect(result.statements.map(\.location) == [Self.at(1, 1), Self.at(2, 3)])
    guard case .ifElse(_, let then, _) = result.statements[1].kind,
      case .block(let inner) = then.kind, case .declaration(let declaration)? = inner.first?.kind
    else {
      Issue.record("unexpected tree: \(result.trees)")
      return
    }
    #expect(inner[0].location == Self.at(3, 5))
    #expect(declaration.declarators.map(\.location) == [Self.at(3, 9), Self.at(3, 12)])
  }

  // MARK: Types

  static let typeSpecifiers: [(String, String)] = [
    ("bool", "bool"), ("char", "int8"), ("signed char", "int8"), ("int8_t", "int8"),
    ("unsigned char", "uint8"), ("uint8_t", "uint8"),
    ("short", "int16"), ("short int", "int16"), ("signed short int", "int16"),
    ("int16_t", "int16"), ("unsigned short", "uint16"), ("unsigned short int", "uint16"),
    ("uint16_t", "uint16"), ("int", "int32"), ("signed", "int32"), ("signed int", "int32"),
    ("int32_t", "int32"), ("unsigned", "uint32"), ("unsigned int", "uint32"),
    ("int unsigned", "uint32"), ("uint32_t", "uint32"), ("long", "int64"),
    ("long int", "int64"), ("long long", "int64"), ("signed long long int", "int64"),
    ("int64_t", "int64"), ("unsigned long", "uint64"), ("unsigned long long", "uint64"),
    ("unsigned long long int", "uint64"), ("long unsigned int long", "uint64"),
    ("uint64_t", "uint64"), ("size_t", "uint64"), ("float", "float"), ("double", "double"),
    ("scalar", "scalar"), ("timepoint", "timepoint"), ("const int", "const int32"),
    ("int const", "const int32"), ("const unsigned const", "const uint32"),
  ]

  @Test(arguments: typeSpecifiers)
  func typeSpecifierCombination(specifiers: String, expected: String) {
    let result = Self.parseStatements("\(specifiers) x;")
    if specifiers == "const unsigned const" {
      // A repeated qualifier is reported but the declaration stands.
      #expect(result.diagnostics.map(\.problem) == [.duplicateTypeQualifier("const")])
      #expect(result.diagnostics.first?.location == Self.at(1, 16))
    } else {
      #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }
    #expect(result.trees == ["(decl \(expected) x)"])
  }

  static let unknownTypes: [String] = [
    "unsigned float", "signed double", "long long long", "signed unsigned", "short long",
    "int int", "scalar float", "unsigned scalar", "double double", "long double",
    "long char", "unsigned timepoint", "size_t int",
  ]

  @Test(arguments: unknownTypes)
  func unknownTypeSpecifierCombinations(specifiers: String) throws {
    let result = Self.parseStatements("x = 1;\n  \(specifiers) y = 2;\nz = 3;")
    let diagnostic = try #require(result.diagnostics.first)
    #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
    #expect(
      diagnostic.problem
        == .unknownTypeSpecifier(specifiers.split(separator: " ").map(String.init)))
    #expect(diagnostic.location == Self.at(2, 3))
    // Parsing goes on after the bad declaration.
    #expect(result.trees == ["(= x 1);", "(= z 3);"])
  }

  @Test func malformedTypeNames() {
    let afterStar = Self.parseStatements("int * float x;")
    #expect(
      afterStar.diagnostics.map(\.problem) == [
        .expected("a declarator after '*'", found: "'float'")
      ])
    let pointerQualifiedTwice = Self.parseStatements("int * const const p = q;")
    #expect(pointerQualifiedTwice.diagnostics.map(\.problem) == [.duplicateTypeQualifier("const")])
    #expect(pointerQualifiedTwice.trees == ["(decl int32* const p=q)"])
    let noSpecifier = Self.parseExpression("(const)x")
    #expect(noSpecifier.diagnostics.map(\.problem) == [.expected("a type", found: "')'")])
    let noName = Self.parseStatements("int;")
    #expect(noName.diagnostics.map(\.problem) == [.expected("a variable name", found: "';'")])
    let noSemicolon = Self.parseStatements("int a = 1 int b;")
    #expect(
      noSemicolon.diagnostics.map(\.problem) == [
        .expected("';' after the declaration", found: "'int'")
      ])
  }

  // MARK: Error recovery

  @Test func everySyntaxErrorInASnippetIsReportedWithItsPosition() {
    let code = """
      x = 1 +;
      y = (2;
      int = 3;
      z = 4;
      if x) w = 1;
      q = 5 6;
      { a = ; b = 1; }
      """
    let result = Self.parseStatements(code)
    #expect(
      result.diagnostics.map(\.location) == [
        Self.at(1, 8), Self.at(2, 7), Self.at(3, 5), Self.at(5, 4), Self.at(6, 7), Self.at(7, 7),
      ])
    #expect(
      result.diagnostics.map(\.problem) == [
        .expected("an expression", found: "';'"),
        .expected("')' to close '('", found: "';'"),
        .expected("a variable name", found: "'='"),
        .expected("'(' after 'if'", found: "'x'"),
        .expected("';' after the expression", found: "'6'"),
        .expected("an expression", found: "';'"),
      ])
    // The good statements around the bad ones are kept, also inside a block.
    #expect(result.trees == ["(= z 4);", "(block (= b 1);)"])
  }

  @Test func errorsInDifferentConstructsAreAllReported() {
    let code = """
      while (x y;
      do x; until (y);
      for (int i = 0; i < 3 i++) x;
      switch k;
      case 1 x;
      default x;
      break
      """
    let result = Self.parseStatements(code)
    #expect(result.diagnostics.map(\.location.line) == [1, 2, 3, 4, 5, 6, 7])
    #expect(
      result.diagnostics.map(\.problem) == [
        .expected("')' after the condition of 'while'", found: "'y'"),
        .expected("'while' after the body of 'do'", found: "'until'"),
        .expected("';' after the loop condition", found: "'i'"),
        .expected("'(' after 'switch'", found: "'k'"),
        .expected("':' after the case value", found: "'x'"),
        .expected("':' after 'default'", found: "'x'"),
        .expected("';' after 'break'", found: "end of code"),
      ])
  }

  @Test func unmatchedBracesAreReported() {
    let open = Self.parseStatements("{ x = 1;")
    #expect(
      open.diagnostics.map(\.problem) == [.expected("'}' to close the block", found: "end of code")]
    )
    let closed = Self.parseStatements("}}}")
    #expect(closed.diagnostics.count == 3)
    #expect(closed.diagnostics.map(\.location.column) == [1, 2, 3])
    #expect(closed.statements.isEmpty)
  }

  static let truncated = [
    "if (", "if (x", "if (x)", "if (x) y; else", "for (", "for (int i = 0;", "for (int i = 0; i",
    "for (;;", "for (;;)", "while (", "while (x)", "do", "do x;", "do x; while", "do x; while (y)",
    "switch (", "switch (x)", "a[", "a[1", "f(", "f(1,", "f(1", "{{{", "}}}", "x ?", "x ? y",
    "x ? y :", "(int", "(int)", "(int *", "int", "int x", "int x =", "int x = 1,", "const",
    "const int *", "case", "case 1", "default", "x +", "-", "++", "a =", "for_each_synapse", "(",
    ")", "]", "else x;", "x = 1 else", "\"open", "/* open", "((((", "x = (1 +", "if (x) {",
    "case 1:", "default:", "x = y ? (z :",
  ]

  @Test(arguments: truncated)
  func truncatedInputIsReportedWithoutCrashing(code: String) {
    let statements = Self.parseStatements(code)
    #expect(!statements.diagnostics.isEmpty, "no problem reported for statements \(code)")
    let expression = Self.parseExpression(code)
    #expect(!expression.diagnostics.isEmpty, "no problem reported for expression \(code)")
    for diagnostic in statements.diagnostics + expression.diagnostics {
      #expect(diagnostic.location.line == 1)
      #expect(diagnostic.location.column >= 1 && diagnostic.location.column <= code.count + 1)
    }
  }

  @Test func problemsAtTheEndSayEndOfCode() {
    let result = Self.parseStatements("for (int i = 0;")
    #expect(result.diagnostics.last?.problem.message.contains("end of code") == true)
    #expect(result.diagnostics.last?.location == Self.at(1, 16))
    #expect(result.diagnostics.last?.token == "")
  }

  // MARK: Nesting

  @Test func moderateNestingParses() throws {
    let depth = 100
    let code = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
    let result = Self.parseExpression(code)
    #expect(result.diagnostics.isEmpty)
    var expression = try #require(result.expression)
    var groupings = 0
    while case .grouping(let inner) = expression.kind {
      groupings += 1
      expression = inner
    }
    #expect(groupings == depth)
    #expect(expression.kind == .identifier(Identifier("x")))

    let unary = Self.parseExpression(String(repeating: "- ", count: depth) + "x")
    #expect(unary.diagnostics.isEmpty)
    let blocks = Self.parseStatements(
      String(repeating: "{", count: depth) + "x;" + String(repeating: "}", count: depth))
    #expect(blocks.diagnostics.isEmpty)
    let ifs = Self.parseStatements(String(repeating: "if (x) ", count: depth) + "y;")
    #expect(ifs.diagnostics.isEmpty)
    let sum = Self.parseExpression(Array(repeating: "x", count: 200).joined(separator: " + "))
    #expect(sum.diagnostics.isEmpty)
    let commas = Self.parseExpression(Array(repeating: "x", count: 200).joined(separator: ", "))
    #expect(commas.diagnostics.isEmpty)
    let assignments = Self.parseExpression(String(repeating: "a = ", count: depth) + "b")
    #expect(assignments.diagnostics.isEmpty)
    let conditionals = Self.parseExpression(String(repeating: "a ? b : ", count: depth) + "c")
    #expect(conditionals.diagnostics.isEmpty)
  }

  @Test(arguments: [
    String(repeating: "(", count: 300) + "x" + String(repeating: ")", count: 300),
    "y = " + String(repeating: "(", count: 300) + "x" + String(repeating: ")", count: 300) + ";",
    String(repeating: "- ", count: 300) + "x",
    String(repeating: "!", count: 300) + "x",
    String(repeating: "(int)", count: 300) + "x",
    "x" + String(repeating: "[i", count: 300) + String(repeating: "]", count: 300),
    String(repeating: "f(", count: 300) + String(repeating: ")", count: 300),
    String(repeating: "a ? ", count: 300) + "b" + String(repeating: " : c", count: 300),
    String(repeating: "a = ", count: 300) + "b",
    String(repeating: "a ? b : ", count: 300) + "c",
    Array(repeating: "a", count: 300).joined(separator: ", "),
    Array(repeating: "a", count: 300).joined(separator: " * "),
  ])
  func deepExpressionNestingIsReportedNotCrashed(code: String) {
    let expression = Self.parseExpression(code)
    #expect(
      expression.diagnostics.map(\.problem)
        == [.nestingTooDeep(limit: Parser.maximumNesting)])
    let statements = Self.parseStatements(code + ";")
    #expect(
      statements.diagnostics.map(\.problem).contains(.nestingTooDeep(limit: Parser.maximumNesting)))
  }

  /// Chains that build a deep tree without brackets must hit the limit too, however long.
  @Test(arguments: ["a = ", "a ? b : ", "a, ", "a || ", "-", "(int)", "++"])
  func veryLongChainsAreReportedNotCrashed(link: String) {
    let code = String(repeating: link, count: 100_000) + "b"
    let expression = Self.parseExpression(code)
    #expect(expression.expression == nil)
    #expect(
      expression.diagnostics.map(\.problem) == [.nestingTooDeep(limit: Parser.maximumNesting)])
  }

  @Test(arguments: [
    String(repeating: "{", count: 300) + "x;" + String(repeating: "}", count: 300),
    String(repeating: "if (x) ", count: 300) + "y;",
    String(repeating: "while (x) ", count: 300) + "y;",
    String(repeating: "for (;;) ", count: 300) + "y;",
  ])
  func deepStatementNestingIsReportedNotCrashed(code: String) {
    let result = Self.parseStatements(code)
    #expect(result.diagnostics.first?.problem == .nestingTooDeep(limit: Parser.maximumNesting))
  }

  @Test func theNestingMessageNamesTheLimit() {
    let message = Diagnostic.Problem.nestingTooDeep(limit: Parser.maximumNesting).message
    #expect(message.contains(String(Parser.maximumNesting)))
    #expect(Parser.maximumNesting >= 100 && Parser.maximumNesting < 300)
  }
}
