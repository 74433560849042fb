import Testing

@testable import GeNNTranspiler

/// What users read when a code string is wrong: the whole text of a ``TranspilerError``
/// and the sentence of each ``Diagnostic/Problem``.
@Suite struct ErrorMessageTests {
  // MARK: Helpers

  /// The environment of an LIF neuron's code, with the maths library and random numbers.
  private func neuron(context: String = "neuron population 'Exc', sim code") -> Environment {
    var environment = Environment(context: context, types: TypeContext(scalar: .float))
    environment.add(StandardLibrary.mathematics(for: .cpp))
    environment.add(StandardLibrary.random(precision: .float, generator: "&rng"))
    environment.define("V", .float, spelling: "group->V[id]", role: "state variable")
    environment.define(
      "RefracTime", .float, spelling: "group->RefracTime[id]", role: "state variable")
    for name in ["Vrest", "Vthresh", "TauM", "Ioffset"] {
      environment.define(
        name, GeNNType.float.addingConst, spelling: "group->\(name)", role: "parameter")
    }
    environment.define("Isyn", .float, role: "input current")
    environment.define("t", GeNNType.float.addingConst, role: "time")
    environment.define("dt", GeNNType.float.addingConst, spelling: "DT", role: "time step")
    environment.define("id", GeNNType.uint32.addingConst, role: "neuron index")
    environment.define(
      "spikeTimes", GeNNType.float.addingConst.pointer(), spelling: "group->spikeTimes",
      role: "extra global parameter")
    return environment
  }

  /// The names `neuron()` lists in messages: every name but the library's functions.
  private let neuronNames =
    "Ioffset, Isyn, RefracTime, TauM, V, Vrest, Vthresh, dt, id, spikeTimes, t"

  /// The error checking `code` as statements throws.
  private func statementsError(_ code: String, in environment: Environment? = nil) throws
    -> TranspilerError
  {
    do {
      _ = try Transpiler.checkStatements(code, in: environment ?? neuron())
    } catch {
      return error
    }
    Issue.record("expected an error for: \(code)")
    throw CheckedWithoutError()
  }

  /// The error checking `code` as an expression throws.
  private func expressionError(_ code: String, in environment: Environment? = nil) throws
    -> TranspilerError
  {
    do {
      _ = try Transpiler.checkExpression(code, in: environment ?? neuron())
    } catch {
      return error
    }
    Issue.record("expected an error for: \(code)")
    throw CheckedWithoutError()
  }

  private struct CheckedWithoutError: Error {}

  // MARK: Whole error texts

  @Test func unknownNameWithATypo() throws {
    let error = try expressionError(
      "V >= Vthres", in: neuron(context: "neuron population 'Exc', threshold condition code"))
    #expect(
      error.description == """
        neuron population 'Exc', threshold condition code: 1 problem
          line 1, column 6: unknown name 'Vthres'; did you mean 'Vthresh'? names here: \(neuronNames)
            V >= Vthres
                 ^~~~~~
        """)
    #expect(error.context == "neuron population 'Exc', threshold condition code")
    #expect(error.code == "V >= Vthres")
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.location == SourceLocation(line: 1, column: 6))
    #expect(diagnostic.token == "Vthres")
    #expect(
      diagnostic.problem
        == .unknownName(
          "Vthres", suggestion: "Vthresh",
          available: [
            "Ioffset", "Isyn", "RefracTime", "TauM", "V", "Vrest", "Vthresh", "dt", "id",
            "spikeTimes", "t",
          ]))
    #expect(diagnostic.description == "line 1, column 6: " + diagnostic.message)
  }

  @Test func namesListedLeaveOutTheLibraryButIncludeLocals() throws {
    let error = try statementsError("scalar tmp = 1.0;\nV = tmq + exq(1.0);")
    let messages = error.diagnostics.map(\.message)
    #expect(
      messages == [
        "unknown name 'tmq'; did you mean 'tmp'? names here: \(neuronNames), tmp",
        "unknown name 'exq'; did you mean 'exp'? names here: \(neuronNames), tmp",
      ])
    for function in ["sin", "exp,", "fmax", "printf", "gennrand"] {
      #expect(!error.description.contains(function), "\(function)")
    }
  }

  @Test func unknownNameWithoutACloseMatch() throws {
    let error = try expressionError("V + membrane")
    #expect(
      error.diagnostics.map(\.message) == ["unknown name 'membrane'; names here: \(neuronNames)"])
    let empty = Environment(context: "custom update 'Reset', update code", types: TypeContext())
    let bare = try expressionError("x", in: empty)
    #expect(
      bare.description == """
        custom update 'Reset', update code: 1 problem
          line 1, column 1: unknown name 'x'; no variables or parameters are available here
            x
            ^
        """)
  }

  @Test func contextComesFirstAndProblemsAreCounted() throws {
    let context = "synapse group 'ExcInh', weight update model, sim code"
    let one = try statementsError("break;", in: neuron(context: context))
    #expect(one.description.hasPrefix(context + ": 1 problem\n"))
    let two = try statementsError("break;\ncontinue;", in: neuron(context: context))
    #expect(
      two.description == """
        \(context): 2 problems
          line 1, column 1: 'break' is only allowed inside a loop or switch
            break;
            ^~~~~
          line 2, column 1: 'continue' is only allowed inside a loop
            continue;
            ^~~~~~~~
        """)
  }

  @Test func caretSitsUnderTheTokenOnItsLine() throws {
    // A tab counts as one column and is shown as one space, so the caret lines up.
    let error = try statementsError("V = Vrest;\n\tRefracTime -= dtt;")
    #expect(
      error.description == """
        neuron population 'Exc', sim code: 1 problem
          line 2, column 16: unknown name 'dtt'; did you mean 'dt'? names here: \(neuronNames)
             RefracTime -= dtt;
                           ^~~
        """)
  }

  @Test func severalMistakesOnSeveralLinesAreAllReportedInLineOrder() throws {
    let code = """
      scalar a = Vthres;
      V += a * dt;
      Vrest = 2.0;
      int k = V % 2;
      """
    let error = try statementsError(code)
    #expect(
      error.diagnostics.map(\.location) == [
        SourceLocation(line: 1, column: 12), SourceLocation(line: 3, column: 1),
        SourceLocation(line: 4, column: 11),
      ])
    #expect(
      error.description == """
        neuron population 'Exc', sim code: 3 problems
          line 1, column 12: unknown name 'Vthres'; did you mean 'Vthresh'? names here: \(neuronNames)
            scalar a = Vthres;
                       ^~~~~~
          line 3, column 1: cannot assign to 'Vrest': it is read-only here (parameter)
            Vrest = 2.0;
            ^~~~~
          line 4, column 11: invalid operand types 'float' and 'int32_t' for '%'; it needs integer operands
            int k = V % 2;
                      ^
        """)
  }

  @Test func problemsAreSortedByPositionNotByDiscovery() throws {
    // The arguments of a call are checked before its name.
    let error = try expressionError("fooo(Vthres)")
    #expect(error.diagnostics.map(\.location.column) == [1, 6])
    #expect(error.diagnostics.map(\.token) == ["fooo", "Vthres"])

    let unsorted = TranspilerError(
      context: "c", code: "a\nb",
      diagnostics: [
        Diagnostic(.outsideLoop("break"), at: SourceLocation(line: 2, column: 1), token: "b"),
        Diagnostic(.outsideLoop("continue"), at: SourceLocation(line: 1, column: 1), token: "a"),
      ])
    #expect(unsorted.diagnostics.map(\.location.line) == [1, 2])
  }

  @Test func syntaxErrorsStopBeforeTypeChecking() throws {
    let error = try statementsError("V = Vthres +;\nVrest = 1.0;\nint k = V % 2;")
    // Only the syntax error: the unknown name, read-only assignment and float '%' are not
    // checked while the code does not parse.
    #expect(error.diagnostics.map(\.problem) == [.expected("an expression", found: "';'")])
    #expect(
      error.description == """
        neuron population 'Exc', sim code: 1 problem
          line 1, column 13: expected an expression, found ';'
            V = Vthres +;
                        ^
        """)
  }

  @Test func problemAtTheEndOfTheCodeHasACaretAfterIt() throws {
    let error = try expressionError("V + ")
    let diagnostic = try #require(error.diagnostics.first)
    #expect(error.diagnostics.count == 1)
    #expect(diagnostic.message == "expected an expression, found end of code")
    #expect(diagnostic.token == "")
    #expect(
      error.description.hasSuffix(
        "\n    V + \n" + String(repeating: " ", count: 4 + diagnostic.location.column - 1) + "^"))
  }

  @Test func readOnlyAssignmentNamesTheVariableAndItsRole() throws {
    let cases: [(code: String, message: String)] = [
      ("Vthresh = V;", "cannot assign to 'Vthresh': it is read-only here (parameter)"),
      (
        "spikeTimes[id] = t;",
        "cannot assign to 'spikeTimes': it is read-only here (extra global parameter)"
      ),
      ("t += dt;", "cannot assign to 't': it is read-only here (time)"),
      ("id++;", "cannot assign to 'id': it is read-only here (neuron index)"),
      (
        "const scalar tau = 1.0;\ntau *= 2.0;",
        "cannot assign to 'tau': it is read-only here (declared const)"
      ),
    ]
    for (code, message) in cases {
      let error = try statementsError(code)
      #expect(error.diagnostics.map(\.message) == [message], "\(code)")
    }
  }

  @Test func noMatchingOverloadListsTheCandidates() throws {
    let pow = try statementsError("V = pow(V);")
    #expect(
      pow.diagnostics.map(\.message) == [
        "no overload of 'pow' takes (float); available: float(float, float); double(double, double)"
      ])
    #expect(pow.diagnostics.first?.location == SourceLocation(line: 1, column: 5))
    let min = try expressionError("min(spikeTimes, 1)")
    #expect(
      min.diagnostics.map(\.message) == [
        "no overload of 'min' takes (const float*, int32_t); available: int32_t(int32_t, int32_t); "
          + "int64_t(int64_t, int64_t); uint32_t(uint32_t, uint32_t); uint64_t(uint64_t, uint64_t)"
      ])
  }

  @Test(arguments: [
    "V > Vthresh && exp(Vthres) * 2.0 + sin(V) < fmax(Vrest, 1.0)",
    "(int)exp(Vthres) % 2 == 0 ? V : -V",
    "spikeTimes[(int)exp(Vthres)] + 1.0",
    "fmax(exp(Vthres), V)",
    "!(exp(Vthres) > V) || (exp(Vthres) < 0.0 && false)",
  ])
  func aNestedMistakeIsReportedOncePerUse(code: String) throws {
    let error = try expressionError(code)
    let expected = code.split(separator: "Vthres)", omittingEmptySubsequences: false).count - 1
    #expect(error.diagnostics.count == expected)
    for diagnostic in error.diagnostics {
      #expect(
        diagnostic.problem
          == .unknownName(
            "Vthres", suggestion: "Vthresh",
            available: neuronNames.split(separator: ", ").map(String.init)))
    }
  }

  @Test func aNestedMistakeInStatementsGivesOneDiagnostic() throws {
    let error = try statementsError(
      """
      scalar drive = exp(Vthres) * (Vrest - V) / TauM;
      V += drive * dt;
      if (drive > V) { RefracTime = drive; }
      """)
    #expect(error.diagnostics.count == 1)
    #expect(error.diagnostics.first?.location == SourceLocation(line: 1, column: 20))
  }

  @Test func typeMessagesInContext() throws {
    #expect(
      try statementsError("switch (V) { default: break; }").diagnostics.map(\.message) == [
        "the condition of 'switch' has type 'float'; it must be an integer"
      ])
    #expect(
      try statementsError("V = gennrand_uniform() + exp;").diagnostics.map(\.message) == [
        "'exp' is a function: call it with arguments in parentheses"
      ])
    var noRandom = Environment(context: "neuron population 'Exc', sim code", types: TypeContext())
    noRandom.define("V", .float)
    #expect(
      try statementsError("V = gennrand_uniform();", in: noRandom).diagnostics.map(\.message) == [
        "'gennrand_uniform' draws random numbers, which are not available in this code string"
      ])
    #expect(
      try statementsError("for_each_synapse { V = 0.0; }").diagnostics.map(\.message) == [
        "'for_each_synapse' is not available in this code string"
      ])
    #expect(
      try statementsError("int n = 1;\nscalar n = 2.0;").diagnostics.map(\.message) == [
        "'n' is already declared in this scope"
      ])
  }

  // MARK: Each problem's sentence

  @Test(arguments: [
    (
      Diagnostic.Problem.unknownName("Vthres", suggestion: "Vthresh", available: ["V", "Vthresh"]),
      "unknown name 'Vthres'; did you mean 'Vthresh'? names here: V, Vthresh"
    ),
    (.unknownName("q", suggestion: nil, available: ["V"]), "unknown name 'q'; names here: V"),
    (
      .unknownName("x", suggestion: nil, available: []),
      "unknown name 'x'; no variables or parameters are available here"
    ),
    (
      .readOnly(name: "Vthresh", role: "parameter"),
      "cannot assign to 'Vthresh': it is read-only here (parameter)"
    ),
    (.readOnly(name: "a", role: nil), "cannot assign to 'a': it is read-only here"),
    (.readOnly(name: nil, role: nil), "cannot assign to a read-only value"),
    (.writeOnly(name: "out"), "'out' is write-only here: it can only be assigned with '='"),
    (.writeOnly(name: nil), "a write-only value cannot be read"),
    (
      .invalidOperands(operator: "%", left: "float", right: "int32_t"),
      "invalid operand types 'float' and 'int32_t' for '%'; it needs integer operands"
    ),
    (
      .invalidOperands(operator: "+", left: "int32_t*", right: "float"),
      "invalid operand types 'int32_t*' and 'float' for '+'"
    ),
    (
      .invalidOperand(operator: "~", type: "float"),
      "invalid operand type 'float' for '~'; it needs integer operands"
    ),
    (
      .noMatchingOverload(
        name: "sin", arguments: [], candidates: ["float(float)", "double(double)"]),
      "no overload of 'sin' takes (); available: float(float); double(double)"
    ),
    (.outsideLoop("break"), "'break' is only allowed inside a loop or switch"),
    (.outsideLoop("continue"), "'continue' is only allowed inside a loop"),
    (.caseOutsideSwitch("default"), "'default' label is only allowed inside a switch"),
    (
      .invalidCondition(construct: "switch", type: "float"),
      "the condition of 'switch' has type 'float'; it must be an integer"
    ),
    (
      .invalidCondition(construct: "if", type: "void"),
      "the condition of 'if' has type 'void'; it must be a number or a pointer"
    ),
    (
      .randomNumbersUnavailable("gennrand_uniform"),
      "'gennrand_uniform' draws random numbers, which are not available in this code string"
    ),
    (.functionNotCalled("exp"), "'exp' is a function: call it with arguments in parentheses"),
    (.forEachSynapseUnavailable, "'for_each_synapse' is not available in this code string"),
    (.redeclaration("a"), "'a' is already declared in this scope"),
    (.constWithoutInitialiser("k"), "const variable 'k' needs an initialiser"),
    (
      .invalidCast(from: "const int32_t*", to: "int32_t*"),
      "cannot cast 'const int32_t*' to 'int32_t*'; numbers cast to numbers, and pointers only to "
        + "pointers to the same type with at least its constness"
    ),
  ])
  func exactMessages(problem: Diagnostic.Problem, message: String) {
    #expect(problem.message == message)
  }

  @Test(arguments: ["%", "<<", ">>", "&", "|", "^", "%=", "<<=", ">>=", "&=", "|=", "^="])
  func integerOnlyOperatorsSayTheyNeedIntegers(op: String) {
    let message = Diagnostic.Problem.invalidOperands(operator: op, left: "float", right: "int32_t")
      .message
    #expect(message.hasSuffix("; it needs integer operands"))
  }

  @Test(arguments: ["+", "-", "*", "/", "<", "==", "&&", "=", "+=", "?:"])
  func otherOperatorsDoNotClaimToNeedIntegers(op: String) {
    let message = Diagnostic.Problem.invalidOperands(operator: op, left: "int32_t*", right: "float")
      .message
    #expect(!message.contains("integer"))
    #expect(message.contains("'\(op)'"))
  }

  /// One example of every problem.
  static let everyProblem: [Diagnostic.Problem] = [
    .unexpectedCharacter("@"),
    .unterminatedString,
    .unterminatedComment,
    .octalLiteral("017"),
    .hexadecimalFloatingLiteral,
    .malformedNumber("1.0q", reason: "unexpected suffix"),
    .integerLiteralTooLarge("99999999999999999999"),
    .expected("';' after the expression", found: "'}'"),
    .unknownTypeSpecifier(["long", "double"]),
    .duplicateTypeQualifier("const"),
    .notAssignable(operator: "="),
    .nestingTooDeep(limit: 256),
    .unknownName("Vthres", suggestion: "Vthresh", available: ["V", "Vthresh"]),
    .redeclaration("a"),
    .constWithoutInitialiser("k"),
    .functionNotCalled("exp"),
    .readOnly(name: "Vthresh", role: "parameter"),
    .writeOnly(name: "out"),
    .invalidOperands(operator: "%", left: "float", right: "int32_t"),
    .invalidOperand(operator: "~", type: "float"),
    .invalidConversion(from: "int32_t*", to: "float*"),
    .invalidCast(from: "int32_t*", to: "float*"),
    .invalidCondition(construct: "while", type: "void"),
    .invalidSubscript(index: "float"),
    .notSubscriptable("float"),
    .notCallable("float"),
    .noMatchingOverload(
      name: "sin", arguments: [], candidates: ["float(float)", "double(double)"]),
    .outsideLoop("break"),
    .caseOutsideSwitch("case"),
    .forEachSynapseUnavailable,
    .randomNumbersUnavailable("gennrand"),
    .caseValueNotConstant,
    .duplicateCase("3"),
    .floatingLiteralOutOfRange("1e400", type: "double", largest: "1.7976931348623157e+308"),
    .pointerWithoutInitialiser("p"),
    .indexOnly("spikeTimes", role: "extra global parameter"),
    .stringLiteralOutsidePrintf,
    .formatNotLiteral,
    .invalidFormatConversion("%n", reason: "'%n' writes to memory"),
    .invalidEscape("\\q", reason: "an unknown escape sequence"),
    .formatArgumentMismatch(
      conversion: "%d", argument: 2, found: "of type 'float'", expected: "int32_t, int16_t",
      suggestion: "%f"),
    .missingFormatArgument(conversion: "%d"),
    .extraFormatArgument(argument: 3, taken: 1),
  ]

  /// What the message of `problem` must mention: the names and types it is about, and
  /// what is allowed instead where there is a rule to state. The switch has no default,
  /// so a new problem needs an entry here.
  static func mentions(_ problem: Diagnostic.Problem) -> [String] {
    switch problem {
    case .unexpectedCharacter(let c): ["'\(c)'", "C syntax", "ASCII identifiers"]
    case .unterminatedString: ["close it with '\"'"]
    case .unterminatedComment: ["close it with '*/'"]
    case .octalLiteral(let text): ["'\(text)'", "decimal or hexadecimal"]
    case .hexadecimalFloatingLiteral: ["hexadecimal", "not supported"]
    case .malformedNumber(let text, let reason): ["'\(text)'", reason]
    case .integerLiteralTooLarge(let text): ["'\(text)'", "64 bits"]
    case .expected(let what, let found): [what, found]
    case .unknownTypeSpecifier(let words):
      ["'\(words.joined(separator: " "))'", "int, long", "float, double", "scalar and timepoint"]
    case .duplicateTypeQualifier(let q): ["'\(q)'"]
    case .notAssignable(let op):
      ["'\(op)'", "only variables, array elements and dereferenced pointers"]
    case .nestingTooDeep(let limit): ["\(limit) levels"]
    case .unknownName(let name, let suggestion, let available):
      ["'\(name)'"] + (suggestion.map { ["did you mean '\($0)'?"] } ?? []) + available
    case .redeclaration(let name): ["'\(name)'", "already declared"]
    case .constWithoutInitialiser(let name): ["'\(name)'", "needs an initialiser"]
    case .functionNotCalled(let name): ["'\(name)'", "call it with arguments in parentheses"]
    case .readOnly(let name, let role): [name.map { "'\($0)'" } ?? "", role ?? "", "read-only"]
    case .writeOnly(let name): [name.map { "'\($0)'" } ?? "", "only be assigned with '='"]
    case .invalidOperands(let op, let left, let right): ["'\(op)'", "'\(left)'", "'\(right)'"]
    case .invalidOperand(let op, let type): ["'\(op)'", "'\(type)'"]
    case .invalidConversion(let from, let to): ["'\(from)'", "'\(to)'"]
    case .invalidCast(let from, let to):
      [
        "'\(from)'", "'\(to)'", "numbers cast to numbers",
        "pointers only to pointers to the same type",
      ]
    case .invalidCondition(let construct, let type):
      ["'\(construct)'", "'\(type)'", "number or a pointer"]
    case .invalidSubscript(let index): ["'\(index)'", "must be an integer"]
    case .notSubscriptable(let type): ["'\(type)'", "only pointers"]
    case .notCallable(let type): ["'\(type)'", "not a function"]
    case .noMatchingOverload(let name, let arguments, let candidates):
      ["'\(name)'", "(\(arguments.joined(separator: ", ")))", "available"] + candidates
    case .outsideLoop(let keyword): ["'\(keyword)'", "only allowed inside a loop"]
    case .caseOutsideSwitch(let keyword): ["'\(keyword)'", "only allowed inside a switch"]
    case .forEachSynapseUnavailable: ["'for_each_synapse'", "not available"]
    case .randomNumbersUnavailable(let name): ["'\(name)'", "random numbers", "not available"]
    case .duplicateCase(let value): ["duplicate case value \(value)"]
    case .caseValueNotConstant: ["constant integer expression"]
    case .floatingLiteralOutOfRange(let text, let type, let largest):
      ["'\(text)'", "range of \(type)", largest]
    case .pointerWithoutInitialiser(let name): ["'\(name)'", "needs an initialiser"]
    case .indexOnly(let name, let role): ["'\(name)'", role ?? "", "'\(name)[i]'", "checked"]
    case .stringLiteralOutsidePrintf: ["string literal", "printf's format", "'%s'"]
    case .formatNotLiteral: ["printf's format", "string literal"]
    case .invalidFormatConversion(let conversion, let reason): ["'\(conversion)'", reason]
    case .invalidEscape(let text, let reason): ["'\(text)'", reason]
    case .formatArgumentMismatch(
      let conversion, let argument, let found, let expected, let suggestion):
      ["'\(conversion)'", "argument \(argument)", found, expected, "'\(suggestion ?? "")'"]
    case .missingFormatArgument(let conversion): ["'\(conversion)'", "no argument"]
    case .extraFormatArgument(let argument, let taken):
      ["argument \(argument)", "\(taken) argument", "remove it or add a conversion"]
    }
  }

  @Test func everyProblemHasAMessageThatSaysWhatIsAllowed() {
    // One example of each of the 43 problems.
    let kinds = Set(Self.everyProblem.map { String(describing: $0).prefix(while: { $0 != "(" }) })
    #expect(kinds.count == 43)
    #expect(Self.everyProblem.count == 43)
    for problem in Self.everyProblem {
      let message = problem.message
      #expect(!message.isEmpty, "\(problem)")
      #expect(
        message.first?.isUppercase == false, "messages read as clauses after a location: \(message)"
      )
      #expect(!message.hasSuffix("."), "\(message)")
      for fragment in Self.mentions(problem) {
        #expect(message.contains(fragment), "\(message) should mention \(fragment)")
      }
    }
  }
}
