import Testing

@testable import GeNNTranspiler

/// Printing checked code as C++ and CUDA: names, literals, call templates, operators
/// that must not fuse, declarations, every statement form, `for_each_synapse`, printing
/// for another environment, and stability of printing printed code.
@Suite struct PrettyPrinterTests {
  // MARK: Helpers

  /// Names with generated spellings, the maths library and random numbers.
  private static func environment(
    scalar: NumericType = .float, dialect: Dialect = .cpp, generator: String = "&rng"
  ) -> Environment {
    var environment = Environment(
      context: "pretty printer test", types: TypeContext(scalar: scalar))
    let real = GeNNType.numeric(scalar)
    environment.add(StandardLibrary.mathematics(for: dialect))
    environment.add(StandardLibrary.random(precision: scalar, generator: generator))
    environment.define("V", real, spelling: "group.V[id]")
    environment.define("tau", real.addingConst, spelling: "group.tau")
    environment.define("k", .int32, spelling: "k_local")
    environment.define("n", GeNNType.uint32.addingConst, spelling: "group.n")
    environment.define("b", .bool, spelling: "flag")
    environment.define("p", real.addingConst.pointer(), spelling: "group.p")
    environment.define("buf", real.pointer(), spelling: "group.buf")
    environment.define("pp", real.pointer().pointer(), spelling: "group.pp")
    environment.define("w64", .int64, spelling: "w64")
    return environment
  }

  /// `code` checked as statements in `environment` and printed.
  private static func print(
    _ code: String, in environment: Environment = environment(), level: Int = 0
  ) throws -> String {
    try Transpiler.checkStatements(code, in: environment).code(level: level)
  }

  /// `code` checked as an expression in `environment` and printed.
  private static func printExpression(
    _ code: String, in environment: Environment = environment()
  ) throws -> String {
    try Transpiler.checkExpression(code, in: environment).code()
  }

  // MARK: Names

  @Test func localsArePrefixedAndEnvironmentNamesSpelled() throws {
    let code = try Self.print("scalar x = V;\nx += tau;\nV = x * k;")
    #expect(
      code == """
        float _x = group.V[id];
        _x += group.tau;
        group.V[id] = _x * k_local;

        """)
  }

  /// Integer `/` and `%` go through the generated module's functions, which never trap;
  /// floating-point ones stay operators.
  @Test func integerDivisionPrintsAsAFunction() throws {
    #expect(try Self.printExpression("k / n") == "genn_div(k_local, group.n, __LINE__)")
    #expect(try Self.printExpression("(k + 1) % 3") == "genn_rem((k_local + 1), 3, __LINE__)")
    #expect(try Self.printExpression("V / tau") == "group.V[id] / group.tau")
    #expect(try Self.printExpression("V / k") == "group.V[id] / k_local")
    let code = try Self.print("k /= 2; k %= n; V /= 2.0;")
    #expect(
      code == """
        genn_divAssign(k_local, 2, __LINE__);
        genn_remAssign(k_local, group.n, __LINE__);
        group.V[id] /= 2.0f;

        """)
  }

  @Test func aLocalShadowingAnEnvironmentNameIsPrintedAsTheLocal() throws {
    let code = try Self.print("V = 1.0; { scalar V = 2.0; V += 1.0; } V -= 1.0;")
    #expect(
      code == """
        group.V[id] = 1.0f;
        {
            float _V = 2.0f;
            _V += 1.0f;
        }
        group.V[id] -= 1.0f;

        """)
  }

  // MARK: Literals

  static let literals: [(String, NumericType, String)] = [
    ("1.5", .float, "1.5f"), ("1.5", .double, "1.5"),
    ("1.0f", .float, "1.0f"), ("1.0f", .double, "1.0f"),
    ("1.0d", .float, "1.0"), ("1.0d", .double, "1.0"),
    ("1e-3", .float, "1e-3f"), ("1e-3", .double, "1e-3"),
    (".5", .float, ".5f"), ("2.", .float, "2.f"), ("2.", .double, "2."),
    ("1.5E+3F", .double, "1.5E+3f"), ("2.5D", .float, "2.5"),
    ("5U", .float, "5u"), ("5u", .double, "5u"), ("0xFFU", .float, "0xFFu"),
    ("7", .float, "7"), ("0x1F", .double, "0x1F"), ("3000000000", .float, "3000000000"),
    ("true", .float, "true"), ("false", .double, "false"),
  ]

  @Test(arguments: literals)
  func literalSuffixes(literal: String, scalar: NumericType, expected: String) throws {
    #expect(try Self.printExpression(literal, in: Self.environment(scalar: scalar)) == expected)
  }

  @Test func scalarLiteralsFollowScalarInsideLargerCode() throws {
    #expect(
      try Self.print("V = V * 0.5 + 1.0f - 2.0d;")
        == "group.V[id] = group.V[id] * 0.5f + 1.0f - 2.0;\n")
    #expect(
      try Self.print("V = V * 0.5 + 1.0f - 2.0d;", in: Self.environment(scalar: .double))
        == "group.V[id] = group.V[id] * 0.5 + 1.0f - 2.0;\n")
  }

  @Test func stringLiteralsPrintAsWritten() throws {
    #expect(
      try Self.print(#"printf("a\tb \"q\" %d\n", k);"#) == #"printf("a\tb \"q\" %d\n", k_local);"#
        + "\n")
  }

  // MARK: Operators

  @Test func unaryOperatorsNeverFuseIntoIncrementOrDecrement() throws {
    #expect(try Self.printExpression("- -V") == "- -group.V[id]")
    #expect(try Self.printExpression("+ +V") == "+ +group.V[id]")
    #expect(try Self.printExpression("-+V") == "- +group.V[id]")
    #expect(try Self.printExpression("+-V") == "+ -group.V[id]")
    #expect(try Self.printExpression("- --k") == "- --k_local")
    #expect(try Self.printExpression("+ ++k") == "+ ++k_local")
    #expect(try Self.printExpression("- - -V") == "- - -group.V[id]")
    #expect(try Self.printExpression("-(-V)") == "-(-group.V[id])")
    #expect(try Self.printExpression("k - -1") == "k_local - -1")
    #expect(try Self.printExpression("k + +1") == "k_local + +1")
    #expect(try Self.printExpression("-V") == "-group.V[id]")
    #expect(try Self.printExpression("!-V") == "!-group.V[id]")
    #expect(try Self.printExpression("~-k") == "~-k_local")
  }

  @Test func aSpellingThatStartsWithASignIsKeptApart() throws {
    var environment = Self.environment()
    environment.define("m", .int32, spelling: "-offset")
    #expect(try Self.printExpression("-m", in: environment) == "- -offset")
    #expect(try Self.printExpression("+m", in: environment) == "+ -offset")
  }

  @Test func expressionsPrintWithTheirParentheses() throws {
    #expect(try Self.printExpression("(V + tau) * 2.0") == "(group.V[id] + group.tau) * 2.0f")
    #expect(try Self.printExpression("V + tau * 2.0") == "group.V[id] + group.tau * 2.0f")
    #expect(try Self.printExpression("((V))") == "((group.V[id]))")
    #expect(try Self.printExpression("k = (k, 3)") == "k_local = (k_local, 3)")
    #expect(try Self.printExpression("b ? V : tau") == "flag ? group.V[id] : group.tau")
    #expect(
      try Self.printExpression("b ? k > 0 ? 1 : 2 : 3") == "flag ? k_local > 0 ? 1 : 2 : 3")
    #expect(try Self.printExpression("k++ + ++k") == "k_local++ + ++k_local")
    #expect(try Self.printExpression("k <<= 2") == "k_local <<= 2")
    #expect(try Self.printExpression("b && !b || k != 0") == "flag && !flag || k_local != 0")
    #expect(try Self.printExpression("~k & 0xFF ^ k | 1") == "~k_local & 0xFF ^ k_local | 1")
  }

  @Test func castsPrintTheResolvedType() throws {
    #expect(try Self.printExpression("(int)V") == "(int32_t)group.V[id]")
    #expect(try Self.printExpression("(scalar)k") == "(float)k_local")
    #expect(
      try Self.printExpression("(scalar)k", in: Self.environment(scalar: .double))
        == "(double)k_local")
    #expect(try Self.printExpression("(unsigned long long)k") == "(uint64_t)k_local")
    #expect(try Self.printExpression("(const scalar*)buf") == "(const float*)group.buf")
    #expect(try Self.printExpression("(scalar * const)buf") == "(float* const)group.buf")
    #expect(try Self.printExpression("(int)(bool)k") == "(int32_t)(bool)k_local")
    #expect(try Self.printExpression("(int)-V") == "(int32_t)-group.V[id]")
  }

  @Test func subscriptsAndDereferences() throws {
    #expect(try Self.printExpression("p[n - 1U]") == "group.p[group.n - 1u]")
    #expect(try Self.printExpression("*(p + 1)") == "*(group.p + 1)")
    #expect(try Self.printExpression("pp[k][1]") == "group.pp[k_local][1]")
    #expect(try Self.print("buf[k] += *p;") == "group.buf[k_local] += *group.p;\n")
  }

  // MARK: Declarations

  @Test func declarationsPrintEveryDeclaratorWithItsPointerLevel() throws {
    #expect(
      try Self.print("int a = 1, c, d = a + 2;") == "int32_t _a = 1, _c, _d = _a + 2;\n")
    #expect(
      try Self.print("const scalar x = 1.0, y = x;") == "const float _x = 1.0f, _y = _x;\n")
    // As in GeNN, the '*' belongs to the type, so both names are pointers; C++ needs a
    // '*' on each declarator to say the same.
    #expect(
      try Self.print("const scalar *q = p, r = p + 1;")
        == "const float *_q = group.p, *_r = group.p + 1;\n")
    #expect(
      try Self.print("scalar * const s = buf, t = buf;")
        == "float * const _s = group.buf, * const _t = group.buf;\n")
    #expect(
      try Self.print("scalar **a = pp, c = pp;") == "float **_a = group.pp, **_c = group.pp;\n")
    #expect(try Self.print("scalar * const *a = pp;") == "float * const *_a = group.pp;\n")
    #expect(try Self.print("timepoint t0 = V;") == "float _t0 = group.V[id];\n")
    #expect(
      try Self.print("unsigned long long u = 5U; size_t z; char c;")
        == "uint64_t _u = 5u;\nuint64_t _z;\nint8_t _c;\n")
  }

  @Test func declarationTypesFollowScalarAndTimepoint() throws {
    let environment = Environment(
      context: "test", types: TypeContext(scalar: .float, timepoint: .double))
    #expect(
      try Self.print("scalar a = 1.0; timepoint b = 2.0;", in: environment)
        == "float _a = 1.0f;\ndouble _b = 2.0f;\n")
  }

  // MARK: Statements

  @Test func ifAndElse() throws {
    #expect(
      try Self.print("if (V > tau) V = 0.0; else { V += 1.0; k = 0; }")
        == """
        if (group.V[id] > group.tau) {
            group.V[id] = 0.0f;
        } else {
            group.V[id] += 1.0f;
            k_local = 0;
        }

        """)
    #expect(try Self.print("if (b) ;") == "if (flag) {\n    ;\n}\n")
  }

  @Test func braceMakeTheDanglingElseExplicit() throws {
    #expect(
      try Self.print("if (b) if (k) k = 2; else k = 3;")
        == """
        if (flag) {
            if (k_local) {
                k_local = 2;
            } else {
                k_local = 3;
            }
        }

        """)
  }

  @Test func forLoopsWithEveryKindOfClause() throws {
    #expect(
      try Self.print("for (int i = 0; i < 10; i++) V += i;")
        == """
        for (int32_t _i = 0; _i < 10; _i++) {
            group.V[id] += _i;
        }

        """)
    #expect(try Self.print("for (;;) break;") == "for (;;) {\n    break;\n}\n")
    #expect(
      try Self.print("for (k = 0, V = 1.0; k < 3; ++k, V *= 2.0) continue;")
        == """
        for (k_local = 0, group.V[id] = 1.0f; k_local < 3; ++k_local, group.V[id] *= 2.0f) {
            continue;
        }

        """)
    #expect(try Self.print("for (; b;) {}") == "for (; flag;) {\n}\n")
    #expect(try Self.print("for (;; k++) {}") == "for (;; k_local++) {\n}\n")
    #expect(
      try Self.print("for (scalar x = 0.0, y = 1.0; x < y;) x += 0.5;")
        == "for (float _x = 0.0f, _y = 1.0f; _x < _y;) {\n    _x += 0.5f;\n}\n")
  }

  @Test func whileAndDoWhile() throws {
    #expect(
      try Self.print("while (k > 0) { k--; }") == "while (k_local > 0) {\n    k_local--;\n}\n")
    #expect(
      try Self.print("do { V -= 1.0; } while (V > 0.0);")
        == "do {\n    group.V[id] -= 1.0f;\n} while (group.V[id] > 0.0f);\n")
    #expect(
      try Self.print("do k++; while (k < 3);") == "do {\n    k_local++;\n} while (k_local < 3);\n")
  }

  @Test func switchWithCasesAndDefault() throws {
    let code = try Self.print(
      "switch (k) { case 0: V = 1.0; break; case 1: case 2 + 1: { V = 2.0; } break;"
        + " default: V = 0.0; }")
    #expect(
      code == """
        switch (k_local) {
            case 0:
            group.V[id] = 1.0f;
            break;
            case 1:
            case 2 + 1:
            {
                group.V[id] = 2.0f;
            }
            break;
            default:
            group.V[id] = 0.0f;
        }

        """)
  }

  @Test func nestedBlocksAndEmptyStatements() throws {
    #expect(
      try Self.print("{ int a = 1; { a++; } ; }")
        == """
        {
            int32_t _a = 1;
            {
                _a++;
            }
            ;
        }

        """)
  }

  @Test func levelIndentsEveryLine() throws {
    #expect(
      try Self.print("if (b) {\n k = 1;\n}\nk = 2;", level: 2)
        == "        if (flag) {\n            k_local = 1;\n        }\n        k_local = 2;\n")
    #expect(try Self.print("", level: 1) == "")
  }

  // MARK: Function templates

  @Test func callsExpandTheirTemplates() throws {
    var environment = Self.environment()
    environment.add(
      Symbol(
        "lerp", .function(returning: .float, [.float, .float, .float]),
        spelling: "(($(1)) + (($(2)) - ($(1))) * ($(0)))"))
    environment.add(Symbol("tick", .function(returning: .void, []), spelling: "tick(&state)"))
    #expect(
      try Self.printExpression("lerp(0.5, V, tau)", in: environment)
        == "((group.V[id]) + ((group.tau) - (group.V[id])) * (0.5f))")
    #expect(try Self.print("tick();", in: environment) == "tick(&state);\n")
    #expect(try Self.printExpression("fma(V, tau, 1.0)") == "fma(group.V[id], group.tau, 1.0f)")
    #expect(try Self.printExpression("pow(V, 2.0)") == "pow(group.V[id], 2.0f)")
    #expect(try Self.printExpression("exp(-V / tau)") == "exp(-group.V[id] / group.tau)")
  }

  @Test func printfPassesItsVariadicArguments() throws {
    #expect(try Self.print("printf(\"hello\");") == "printf(\"hello\");\n")
    #expect(
      try Self.print("printf(\"hello %d, %f\", 12, 15.0f);")
        == "printf(\"hello %d, %f\", 12, 15.0f);\n")
    #expect(
      try Self.print("printf(\"%f %d %u\", V, k, n);")
        == "printf(\"%f %d %u\", group.V[id], k_local, group.n);\n")
  }

  @Test func argumentTextIsNeverExpandedAgain() throws {
    #expect(
      try Self.print("printf(\"$(0) $(1) $(@) %d\", k);")
        == "printf(\"$(0) $(1) $(@) %d\", k_local);\n")
    var environment = Self.environment()
    environment.define("weird", .int32, spelling: "w$(0)")
    environment.add(Symbol("twice", .function(returning: .int32, [.int32]), spelling: "2 * $(0)"))
    #expect(try Self.printExpression("twice(weird)", in: environment) == "2 * w$(0)")
  }

  @Test func subscriptOnlyFunctionsPrintTheirTemplate() throws {
    var environment = Self.environment()
    let delayed = FunctionType(
      result: .float, parameters: [.uint32], isSubscriptOnly: true)
    environment.add(Symbol("delayed", .function(delayed), spelling: "group.d[(($(0)) * 8) + slot]"))
    #expect(
      try Self.printExpression("delayed[n - 1U]", in: environment)
        == "group.d[((group.n - 1u) * 8) + slot]")
  }

  @Test func mathsFunctionsDifferBetweenDialects() throws {
    let cpp = Self.environment(dialect: .cpp)
    let cuda = Self.environment(dialect: .cuda)
    #expect(try Self.printExpression("exp(V)", in: cpp) == "exp(group.V[id])")
    #expect(try Self.printExpression("exp(V)", in: cuda) == "expf(group.V[id])")
    #expect(try Self.printExpression("pow(V, tau)", in: cuda) == "powf(group.V[id], group.tau)")
    #expect(try Self.printExpression("sqrt(fabs(V))", in: cuda) == "sqrtf(fabsf(group.V[id]))")
    // The double overload keeps its plain name in both dialects.
    #expect(try Self.printExpression("exp(1.0d)", in: cuda) == "exp(1.0)")
    #expect(try Self.printExpression("exp(1.0d)", in: cpp) == "exp(1.0)")
    let cudaDouble = Self.environment(scalar: .double, dialect: .cuda)
    #expect(try Self.printExpression("exp(V)", in: cudaDouble) == "exp(group.V[id])")
    #expect(
      try Self.printExpression("min(k, 3)", in: cpp) == "std::min((int32_t)(k_local), (int32_t)(3))"
    )
    #expect(
      try Self.printExpression("min(k, 3)", in: cuda) == "min((int32_t)(k_local), (int32_t)(3))")
    #expect(try Self.printExpression("abs(w64)", in: cuda) == "llabs((long long)(w64))")
    #expect(try Self.printExpression("abs(w64)", in: cpp) == "std::abs((int64_t)(w64))")
  }

  @Test func randomFunctionsPassTheGenerator() throws {
    #expect(try Self.printExpression("gennrand_uniform()") == "genn_rand_uniform_float(&rng)")
    #expect(try Self.printExpression("gennrand()") == "genn_rand_uint32(&rng)")
    #expect(
      try Self.printExpression("gennrand_log_normal(0.0, 1.0)")
        == "genn_rand_log_normal_float(&rng, 0.0f, 1.0f)")
    #expect(
      try Self.printExpression("gennrand_binomial(10U, 0.5)")
        == "genn_rand_binomial_float(&rng, 10u, 0.5f)")
    let double = Self.environment(scalar: .double, generator: "&rngState[id]")
    #expect(
      try Self.printExpression("gennrand_normal() * gennrand_gamma(2.0)", in: double)
        == "genn_rand_normal_double(&rngState[id]) * genn_rand_gamma_double(&rngState[id], 2.0)")
  }

  // MARK: for_each_synapse

  @Test func forEachSynapsePrintsTheScopeHeaderAndFooter() throws {
    var environment = Self.environment()
    environment.forEachSynapse = ForEachSynapseScope(
      symbols: [Symbol("weight", .float, spelling: "group.g[row + s]")],
      header: "const uint32_t row = id * 64;\nfor (uint32_t s = 0; s < 64; s++) {",
      footer: "}")
    let code = try Self.print("for_each_synapse { weight += V; k++; }", in: environment, level: 1)
    #expect(
      code == """
            const uint32_t row = id * 64;
            for (uint32_t s = 0; s < 64; s++) {
                group.g[row + s] += group.V[id];
                k_local++;
            }

        """)
    let single = try Self.print("for_each_synapse weight = 0.0;", in: environment)
    #expect(single.contains("\n    group.g[row + s] = 0.0f;\n}\n"))
  }

  // MARK: Printing for another environment

  @Test func printingForAnotherEnvironmentUsesItsSpellings() throws {
    let checked = try Transpiler.checkStatements(
      "V = exp(V) + tau * gennrand_uniform();", in: Self.environment())
    var other = Environment(context: "other", types: TypeContext(scalar: .float))
    other.add(StandardLibrary.mathematics(for: .cuda))
    other.add(StandardLibrary.random(precision: .float, generator: "&localRng"))
    other.define("V", .float, spelling: "lV")
    other.define("tau", GeNNType.float.addingConst, spelling: "d_tau")
    #expect(
      checked.code(in: other) == "lV = expf(lV) + d_tau * genn_rand_uniform_float(&localRng);\n")
    // The environment it was checked in is unchanged.
    #expect(
      checked.code()
        == "group.V[id] = exp(group.V[id]) + group.tau * genn_rand_uniform_float(&rng);\n")
  }

  @Test func namesMissingFromTheOtherEnvironmentKeepTheirSpelling() throws {
    let checked = try Transpiler.checkExpression("V + tau", in: Self.environment())
    var other = Environment(context: "other", types: TypeContext(scalar: .float))
    other.define("V", .float, spelling: "lV")
    // A symbol of the same name but another type is a different symbol.
    other.define("tau", .double, spelling: "wrongTau")
    #expect(checked.code(in: other) == "lV + group.tau")
    #expect(checked.code() == "group.V[id] + group.tau")
  }

  // MARK: Round trip

  /// The environment of the round trip: every name is spelled as itself.
  private static func plainEnvironment(scalar: NumericType) -> Environment {
    var environment = Environment(context: "round trip", types: TypeContext(scalar: scalar))
    let real = GeNNType.numeric(scalar)
    for symbol in StandardLibrary.mathematics(for: .cpp)
    where !["min", "max", "abs"].contains(symbol.name) {
      environment.add(symbol)
    }
    environment.define("V", real)
    environment.define("tau", real.addingConst)
    environment.define("k", .int32)
    environment.define("n", GeNNType.uint32.addingConst)
    environment.define("b", .bool)
    environment.define("p", real.addingConst.pointer())
    environment.define("buf", real.pointer())
    return environment
  }

  /// Printed code with the `_` of local names removed, so it can be checked again.
  private static func unmangled(_ code: String) -> String {
    var result = ""
    var previous: Character = " "
    var inString = false
    for (index, character) in zip(code.indices, code) {
      if character == "\"" && previous != "\\" { inString.toggle() }
      let next = code.index(after: index) < code.endIndex ? code[code.index(after: index)] : " "
      let startsName =
        character == "_" && !inString
        && !(previous.isLetter || previous.isNumber || previous == "_")
        && next.isLetter
      if !startsName { result.append(character) }
      previous = character
    }
    return result
  }

  /// Snippets whose printed code is GeNN code again (integer `/` and `%`, which print as
  /// the module's functions, are in ``integerDivisionPrintsAsAFunction()``).
  static let roundTripSnippets = [
    "V = V + 1.0;",
    "V += tau * (1.0 - V) / 2.0;",
    "k = k * 3 + (k << 2) - (k >> 1);",
    "k &= 7; k |= 8; k ^= 1; k <<= 1; k >>= 2; k *= 3; k -= 1;",
    "b = V < tau && k != 0 || !b;",
    "b = V <= tau == V >= tau;",
    "V = b ? V : -V;",
    "V = - -V;",
    "V = -(-V) + +V - -tau;",
    "k = ~k & 0xFF ^ 0x1F | 3;",
    "k++; ++k; k--; --k; k = - --k;",
    "V = (scalar)k / (float)n;",
    "k = (int)(V * 10.0f) + (int)(unsigned int)n;",
    "V = exp(V) + sqrt(fabs(V)) + pow(V, 2.0) + fmax(V, tau) + fma(V, V, tau);",
    "if (V > tau) V = 0.0; else V += 1.0;",
    "if (b) { if (k > 0) k = 0; else k = 1; }",
    "if (b) if (k) k = 2; else k = 3;",
    "if (k == 0) k = 1; else if (k == 1) k = 2; else k = 3;",
    "while (k > 0) { k--; }",
    "do { k++; } while (k < 10);",
    "do k++; while (k < 10);",
    "for (int i = 0; i < 10; i++) { V += i; }",
    "for (;;) { break; }",
    "for (k = 0; k < 3; ++k) continue;",
    "for (; b;) b = false;",
    "switch (k) { case 0: V = 1.0; break; case 1: case 2: V = 2.0; break; default: V = 0.0; }",
    "{ scalar a = V, c = 2.0 * a; V = a + c; }",
    "{ int a = 1; { int a = 2; k = a; } k += a; }",
    "const scalar *q = p; V = *q + q[1];",
    "scalar * const s = buf; s[0] = 1.0; *s += 2.0;",
    "V = p[n - 1U] + buf[k];",
    "printf(\"%f %d\\n\", V, k);",
    "k = (k, 3);",
    "V = V > 0.0 ? V > 1.0 ? 1.0 : 0.5 : -1.0;",
    "V = 1e-3 + .5 + 5. + 1.5e3f;",
    "unsigned int u = 5U + 0xFFU; k = (int)u;",
    "bool f = true; f = !f && false;",
    "int64_t w = 3000000000; uint64_t h = 0xFFFFFFFFFFU; w += (int64_t)h;",
    "V = ((V + 1.0) * (V - 1.0));",
    "k = k - -1 + +1;",
    "assert(V == V);",
    ";",
  ]

  @Test(arguments: roundTripSnippets)
  func printingPrintedCodeIsStable(snippet: String) throws {
    for scalar in [NumericType.float, .double] {
      let environment = Self.plainEnvironment(scalar: scalar)
      let once = try Self.print(snippet, in: environment)
      #expect(!once.isEmpty)
      let twice = try Self.print(Self.unmangled(once), in: environment)
      #expect(once == twice, "\(scalar): \(snippet)")
      let thrice = try Self.print(Self.unmangled(twice), in: environment)
      #expect(twice == thrice)
    }
  }

  @Test func expressionsKeepTheirTypeWhenReprinted() throws {
    let environment = Self.plainEnvironment(scalar: .float)
    for code in ["V * 2.0", "k + 1U", "(double)V", "b && k > 0", "p[1] + 1", "k << 2", "-(-k)"] {
      let first = try Transpiler.checkExpression(code, in: environment)
      let second = try Transpiler.checkExpression(first.code(), in: environment)
      #expect(first.type == second.type, "\(code)")
      #expect(first.code() == second.code())
    }
  }

  @Test func plainSpellingsPrintCloseToTheInput() throws {
    let environment = Self.plainEnvironment(scalar: .double)
    #expect(try Self.print("V += tau * exp(-V);", in: environment) == "V += tau * exp(-V);\n")
    #expect(Self.unmangled("int32_t _a = _b + c_d;") == "int32_t a = b + c_d;")
  }
}
