import Testing

@testable import GeNNTranspiler

/// `printf` formats checked against their arguments: every conversion takes an argument
/// of a type it prints, `%n` and non-literal formats are refused, and string literals
/// appear nowhere else (issue 17, item 3).
@Suite struct PrintfFormatTests {
  /// A neuron's sim code environment with an integer of every width.
  private static func environment() -> Environment {
    var environment = neuronEnvironment()
    for type in NumericType.allCases where type.isIntegral {
      environment.define("\(type.rawValue)Val", .numeric(type), role: "variable")
    }
    environment.define("dVal", .double, role: "variable")
    return environment
  }

  /// The diagnostics of checking `code` as statements; empty if it checks.
  private static func diagnostics(_ code: String) -> [Diagnostic] {
    do {
      _ = try Transpiler.checkStatements(code, in: environment())
      return []
    } catch {
      return error.diagnostics
    }
  }

  private static func problems(_ code: String) -> [Diagnostic.Problem] {
    diagnostics(code).map(\.problem)
  }

  // MARK: The reproductions of the issue

  @Test func percentNIsRefusedAtItsColumn() throws {
    let diagnostics = Self.diagnostics("V += 1.0;\nprintf(\"%s %n\", 1);")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    #expect(diagnostic.location == SourceLocation(line: 2, column: 12))
    #expect(diagnostic.token == "%n")
    #expect(
      diagnostic.problem
        == .invalidFormatConversion(
          "%n", reason: "'%n' writes to memory through its argument and is not allowed"))
  }

  @Test func conversionsWithoutArgumentsAreRefused() throws {
    let diagnostics = Self.diagnostics("printf(\"%d%d%d%d%d%d%d%d\");")
    #expect(diagnostics.map(\.problem) == [.missingFormatArgument(conversion: "%d")])
    #expect(diagnostics.first?.location == SourceLocation(line: 1, column: 9))
    #expect(
      Self.problems("printf(\"%d %d\\n\", int32Val);")
        == [.missingFormatArgument(conversion: "%d")])
    // The whole message, as a user reads it.
    do {
      _ = try Transpiler.checkStatements("printf(\"%d%d\", id);", in: Self.environment())
      Issue.record("checked without error")
    } catch {
      #expect(
        error.description == """
          neuron population 'Exc', sim code: 2 problems
            line 1, column 11: '%d' in printf's format has no argument; give one for each conversion
              printf("%d%d", id);
                        ^~
            line 1, column 16: '%d' takes int32_t, int16_t, int8_t, uint16_t, uint8_t or bool, but argument 2 of printf is of type 'uint32_t'; print it with '%u'
              printf("%d%d", id);
                             ^~
          """)
    }
  }

  @Test func surplusArgumentsAreRefused() {
    #expect(
      Self.problems("printf(\"V=%f\\n\", V, V);") == [.extraFormatArgument(argument: 3, taken: 1)])
    #expect(Self.problems("printf(\"hello\", 1);") == [.extraFormatArgument(argument: 2, taken: 0)])
  }

  // MARK: Arguments

  @Test(arguments: [
    "printf(\"%d %i %c\", int32Val, int16Val, int8Val);",
    "printf(\"%d %d %d\", uint8Val, uint16Val, boolVal);",
    "printf(\"%u %x %X %o\", uint32Val, uint16Val, uint8Val, boolVal);",
    "printf(\"%ld %lld %jd %li\", int64Val, int64Val, int64Val, int64Val);",
    "printf(\"%lu %llx %zu %tX\", uint64Val, uint64Val, uint64Val, uint64Val);",
    "printf(\"%hd %hhd %hu %hhx\", int32Val, int8Val, uint16Val, uint32Val);",
    "printf(\"%f %e %g %a %F %E %G %A\", V, dVal, V, dVal, V, dVal, V, dVal);",
    "printf(\"%lf %-8.3f %+e %#g % 012.4f\", V, V, V, V, dVal);",
    "printf(\"%*d %.*f %*.*e\", int32Val, id == 0u ? 1 : 2, 3, V, 4, 5, dVal);",
    "printf(\"%s and %-10.3s\\n\", \"a string\", \"another\");",
    "printf(\"100%% %5d%%\\n\", int32Val);",
    "printf(\"%u\", id);",
    "printf(\"\\x41\\101\\u00e9 %d\\n\", int32Val);",
    "printf(\"stops at NUL\\0 %d %n\");",
  ])
  func matchingArgumentsAreAccepted(code: String) throws {
    #expect(Self.problems(code) == [], "\(code)")
  }

  @Test func mismatchedArgumentsAreRefusedWithTheConversionThatPrintsThem() throws {
    let cases: [(String, conversion: String, argument: Int, found: String, suggestion: String?)] = [
      ("printf(\"%d\", V);", "%d", 2, "of type 'float'", "%f"),
      ("printf(\"%d\", int64Val);", "%d", 2, "of type 'int64_t'", "%ld"),
      ("printf(\"%d\", uint32Val);", "%d", 2, "of type 'uint32_t'", "%u"),
      ("printf(\"%u\", int32Val);", "%u", 2, "of type 'int32_t'", "%d"),
      ("printf(\"%ld\", int32Val);", "%ld", 2, "of type 'int32_t'", "%d"),
      ("printf(\"%lu\", uint32Val);", "%lu", 2, "of type 'uint32_t'", "%u"),
      ("printf(\"%f\", int32Val);", "%f", 2, "of type 'int32_t'", "%d"),
      ("printf(\"%c\", uint64Val);", "%c", 2, "of type 'uint64_t'", "%lu"),
      ("printf(\"%s\", int32Val);", "%s", 2, "of type 'int32_t'", "%d"),
      ("printf(\"%d\", \"text\");", "%d", 2, "a string literal", "%s"),
      ("printf(\"%*d\", V, 1);", "%*d", 2, "of type 'float'", "%f"),
      ("printf(\"%.*f\", uint32Val, V);", "%.*f", 2, "of type 'uint32_t'", "%u"),
      ("printf(\"%d %f\", 1, 2);", "%f", 3, "of type 'int32_t'", "%d"),
    ]
    for (code, conversion, argument, found, suggestion) in cases {
      let problems = Self.problems(code)
      #expect(problems.count == 1, "\(code)")
      guard
        case .formatArgumentMismatch(let c, let a, let f, _, let s)? = problems.first
      else {
        Issue.record("\(code): \(problems)")
        continue
      }
      #expect(
        c == conversion && a == argument && f == found && s == suggestion, "\(code): \(problems)")
    }
    let mismatch = try #require(Self.diagnostics("V += 1.0;\n  printf(\"%d\", V);").first)
    #expect(mismatch.location == SourceLocation(line: 2, column: 16))
    #expect(mismatch.token == "V")
  }

  // MARK: Formats

  @Test func theFormatMustBeAStringLiteral() {
    var environment = Self.environment()
    environment.define(
      "text", GeNNType.int8.addingConst.pointer(), role: "extra global parameter")
    do {
      _ = try Transpiler.checkStatements("printf(text, 1);", in: environment)
      Issue.record("a format from a variable checked")
    } catch {
      #expect(error.diagnostics.map(\.problem) == [.formatNotLiteral])
      #expect(error.diagnostics.first?.location == SourceLocation(line: 1, column: 8))
    }
    // A parenthesised literal is no string literal as printf's format: nothing but a
    // literal as written is taken.
    #expect(Self.problems("printf((\"%d\"), 1);") == [.stringLiteralOutsidePrintf])
  }

  @Test(arguments: [
    ("printf(\"%n\", int32Val);", "%n", 9),
    ("printf(\"%hn\", int32Val);", "%hn", 9),
    ("printf(\"a\\x25n\", int32Val);", "\\x25n", 10),
    ("printf(\"a\\045n\", int32Val);", "\\045n", 10),
    ("printf(\"%1$d\", int32Val);", "%1$", 9),
    ("printf(\"%Lf\", V);", "%Lf", 9),
    ("printf(\"%hf\", V);", "%hf", 9),
    ("printf(\"%lc\", int32Val);", "%lc", 9),
    ("printf(\"%ls\", \"a\");", "%ls", 9),
    ("printf(\"%Ld\", int64Val);", "%Ld", 9),
    ("printf(\"%#d\", int32Val);", "%#d", 9),
    ("printf(\"%05s\", \"a\");", "%05s", 9),
    ("printf(\"%.3c\", int32Val);", "%.3c", 9),
    ("printf(\"%5%\");", "%5%", 9),
    ("printf(\"%m\");", "%m", 9),
    ("printf(\"%q\", 1);", "%q", 9),
    ("printf(\"%C\", 1);", "%C", 9),
    ("printf(\"%S\", \"a\");", "%S", 9),
    ("printf(\"50%\");", "%", 11),
    ("printf(\"%-\");", "%-", 9),
  ])
  func malformedAndRefusedConversionsAreLocated(code: String, token: String, column: Int) throws {
    let diagnostics = Self.diagnostics(code)
    let diagnostic = try #require(diagnostics.first, "\(code)")
    #expect(diagnostics.count == 1, "\(code): \(diagnostics)")
    guard case .invalidFormatConversion(let conversion, _) = diagnostic.problem else {
      Issue.record("\(code): \(diagnostic.problem)")
      return
    }
    #expect(conversion == token)
    #expect(diagnostic.token == token)
    #expect(diagnostic.location == SourceLocation(line: 1, column: column), "\(code)")
  }

  @Test func escapesThatCppReadsOtherwiseAreRefused() throws {
    for (code, escape) in [
      ("printf(\"\\q\");", "\\q"),
      ("printf(\"\\x100\");", "\\x100"),
      ("printf(\"\\777\");", "\\777"),
      ("printf(\"\\x\");", "\\x"),
      ("printf(\"\\u25\");", "\\u25"),
      ("printf(\"\\u0025n\");", "\\u0025"),
      ("printf(\"\\U0000D800\");", "\\U0000D800"),
      ("printf(\"%s\", \"\\q\");", "\\q"),
    ] {
      let problems = Self.problems(code)
      #expect(problems.count == 1, "\(code): \(problems)")
      guard case .invalidEscape(let text, _)? = problems.first else {
        Issue.record("\(code): \(problems)")
        continue
      }
      #expect(text == escape, "\(code)")
    }
  }

  @Test func aLineSpliceKeepsLocationsTrue() throws {
    let diagnostic = try #require(Self.diagnostics("printf(\"ab\\\ncd %n\");").first)
    #expect(diagnostic.location == SourceLocation(line: 2, column: 4))
    #expect(diagnostic.token == "%n")
  }

  // MARK: String literals elsewhere

  @Test(arguments: [
    "V = \"abc\"[100000000];",
    "const int8_t *s = \"abc\";",
    "V += *(\"abc\" + 100000000);",
    "if (\"abc\") { V = 0.0; }",
  ])
  func stringLiteralsOutsidePrintfAreRefused(code: String) {
    #expect(Self.problems(code).contains(.stringLiteralOutsidePrintf), "\(code)")
  }
}
