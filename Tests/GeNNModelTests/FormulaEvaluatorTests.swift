import GeNNTranspiler
import Testing

@testable import GeNNModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Derived parameters given as formulas in GeNN's code-string language, evaluated in
/// double precision over the parameters, `dt` and `pi` as GeNN's C++ lambdas compute
/// them; errors point at the formula's line and column.
@Suite struct FormulaEvaluatorTests {
  static func value(_ formula: String, _ parameters: [String: Double] = [:], dt: Double = 0.1)
    throws
    -> Double
  {
    try FormulaEvaluator.evaluate(formula, parameters: parameters, dt: dt)
  }

  /// The error `formula` throws; records an issue if it evaluates.
  static func error(
    _ formula: String, _ parameters: [String: Double] = [:],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> TranspilerError? {
    do {
      let value = try FormulaEvaluator.evaluate(formula, parameters: parameters, dt: 0.1)
      Issue.record("'\(formula)' evaluated to \(value)", sourceLocation: sourceLocation)
      return nil
    } catch let error as TranspilerError {
      return error
    } catch {
      Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
      return nil
    }
  }

  // MARK: GeNN's reference formulas

  @Test func expOfMinusDtOverTau() throws {
    #expect(try Self.value("exp(-dt / tau)", ["tau": 20], dt: 0.1) == exp(-0.1 / 20.0))
    #expect(try Self.value("exp(-dt / tau)", ["tau": 5], dt: 1.0) == exp(-1.0 / 5.0))
  }

  @Test func angularFrequencyUsesPi() throws {
    #expect(
      try Self.value("2.0 * pi * freq / 1000.0", ["freq": 10]) == 2.0 * Double.pi * 10.0 / 1000.0)
    #expect(try Self.value("pi") == Double.pi)
  }

  @Test func dtOverC() throws {
    #expect(try Self.value("dt / C", ["C": 0.25], dt: 0.1) == 0.1 / 0.25)
  }

  @Test func geNNsBuiltinDerivedParametersAsFormulas() throws {
    let p = ["TauM": 10.0, "C": 0.25, "rate": 20.0, "weight": 0.1, "tauSyn": 20.0]
    let dt = 0.1
    #expect(try Self.value("exp(-dt / TauM)", p, dt: dt) == exp(-dt / 10.0))
    #expect(try Self.value("TauM / C", p, dt: dt) == 10.0 / 0.25)
    #expect(try Self.value("1000.0 / (rate * dt)", p, dt: dt) == 1000.0 / (20.0 * dt))
    #expect(
      try Self.value("weight * (1.0 - exp(-dt / tauSyn)) * (tauSyn / dt)", p, dt: dt)
        == 0.1 * (1.0 - exp(-dt / 20.0)) * (20.0 / dt))
    #expect(try Self.value("exp(-(rate / 1000.0) * dt)", p, dt: dt) == exp(-(20.0 / 1000.0) * dt))
  }

  @Test func parametersNamedDtOrPiDoNotReplaceThem() throws {
    #expect(try Self.value("dt", ["dt": 5], dt: 0.25) == 0.25)
    #expect(try Self.value("pi", ["pi": 3]) == Double.pi)
  }

  // MARK: Literals

  @Test(arguments: [
    ("42", 42.0), ("1.5", 1.5), ("1e3", 1000), ("2.5e-1", 0.25), (".5", 0.5), ("5.", 5),
    ("1.5f", 1.5),
    ("0x10", 16), ("10u", 10), ("true", 1), ("false", 0), ("0", 0),
  ])
  func literals(formula: String, expected: Double) throws {
    #expect(try Self.value(formula) == expected)
  }

  // MARK: Operators and precedence

  @Test(arguments: [
    ("1.0 + 2.0 * 3.0", 7.0), ("(1.0 + 2.0) * 3.0", 9), ("10.0 - 4.0 - 3.0", 3),
    ("8.0 / 4.0 / 2.0", 1),
    ("2.0 * 3.0 % 4.0", 2), ("7.5 % 2.0", 1.5), ("-2.0 * 3.0", -6), ("- -2.0", 2), ("+3.0", 3),
    ("-(1.0 + 2.0)", -3),
    ("1.0 < 2.0", 1), ("2.0 < 1.0", 0), ("2.0 <= 2.0", 1), ("3.0 > 2.0", 1), ("2.0 >= 3.0", 0),
    ("1.0 == 1.0", 1), ("1.0 != 1.0", 0), ("!0.0", 1), ("!2.0", 0),
    ("1.0 < 2.0 && 3.0 > 4.0", 0), ("1.0 < 2.0 || 3.0 > 4.0", 1), ("0.0 || 0.0", 0),
    ("2.0 && 3.0", 1),
    ("1.0 + 2.0 < 4.0", 1), ("1.0 || 0.0 && 0.0", 1), ("(1.0 || 0.0) && 0.0", 0),
    ("1.0 + 1.0 == 2.0", 1),
  ])
  func operators(formula: String, expected: Double) throws {
    #expect(try Self.value(formula) == expected, "\(formula)")
  }

  @Test func conditional() throws {
    #expect(try Self.value("tau > 10.0 ? 1.0 : 2.0", ["tau": 20]) == 1)
    #expect(try Self.value("tau > 10.0 ? 1.0 : 2.0", ["tau": 5]) == 2)
    // Right-associative, lowest precedence but assignment and comma.
    #expect(try Self.value("0.0 ? 1.0 : 1.0 ? 2.0 : 3.0") == 2)
    #expect(try Self.value("1.0 + 1.0 > 1.0 ? 10.0 : 20.0") == 10)
    #expect(try Self.value("(tau > 10.0 ? tau : 10.0) * 2.0", ["tau": 4]) == 20)
  }

  @Test func conditionalEvaluatesOnlyTheChosenBranch() throws {
    // log(0) is -inf: the branch not taken must not leak into the result.
    #expect(try Self.value("x > 0.0 ? log(x) : 0.0", ["x": 0]) == 0)
  }

  @Test func castsConvertAsInC() throws {
    #expect(try Self.value("(scalar)2.5") == 2.5)
    #expect(try Self.value("(double)tau", ["tau": 3.25]) == 3.25)
    #expect(try Self.value("(int)2.7") == 2)
    #expect(try Self.value("(int)(-2.7)") == -2)
    #expect(try Self.value("(unsigned int)(tau / dt)", ["tau": 1.05], dt: 0.1) == 10)
    #expect(try Self.value("(bool)0.5") == 1)
  }

  // MARK: Functions

  @Test(arguments: [
    ("exp(0.0)", 1.0), ("log(1.0)", 0), ("log10(1000.0)", 3), ("log2(8.0)", 3), ("sqrt(16.0)", 4),
    ("cbrt(27.0)", cbrt(27.0)), ("sin(0.0)", 0), ("cos(0.0)", 1), ("tan(0.0)", 0),
    ("asin(1.0)", Double.pi / 2),
    ("acos(1.0)", 0), ("atan(1.0)", Double.pi / 4), ("sinh(0.0)", 0), ("cosh(0.0)", 1),
    ("tanh(0.0)", 0),
    ("fabs(-2.5)", 2.5), ("floor(-2.5)", -3), ("ceil(2.1)", 3), ("round(2.5)", 3),
    ("round(-2.5)", -3),
    ("trunc(-2.7)", -2), ("expm1(0.0)", 0), ("log1p(0.0)", 0), ("pow(2.0, 10.0)", 1024),
    ("atan2(1.0, 1.0)", Double.pi / 4), ("fmin(1.0, 2.0)", 1), ("fmax(1.0, 2.0)", 2),
    ("fmod(7.0, 3.0)", 1),
    ("hypot(3.0, 4.0)", 5), ("exp(log(2.0))", exp(log(2.0))),
    ("pow(sqrt(2.0), 2.0)", pow(sqrt(2.0), 2.0)),
  ])
  func functions(formula: String, expected: Double) throws {
    #expect(try Self.value(formula) == expected, "\(formula)")
  }

  @Test func nonFiniteResultsAreValuesNotErrors() throws {
    // Validation reports them with the derived parameter's name.
    #expect(try Self.value("1.0 / 0.0") == .infinity)
    #expect(try Self.value("log(0.0)") == -.infinity)
    #expect(try Self.value("sqrt(-1.0)").isNaN)
  }

  // MARK: Errors at line and column

  @Test func syntaxErrorAtItsColumn() throws {
    let error = try #require(Self.error("exp(-dt / )", ["tau": 1]))
    #expect(error.context == "formula")
    #expect(error.code == "exp(-dt / )")
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.location == GeNNTranspiler.SourceLocation(line: 1, column: 11))
    #expect(error.description.contains("line 1, column 11"))
  }

  @Test(arguments: ["1.0 +", "(1.0 + 2.0", "1.0 2.0", "exp(1.0", "1.0 ? 2.0", "", "@"])
  func malformedFormulas(formula: String) throws {
    let error = try #require(Self.error(formula))
    #expect(!error.diagnostics.isEmpty)
    #expect(error.diagnostics.allSatisfy { $0.location.line == 1 })
  }

  @Test func unknownNameAtItsColumnListsTheNames() throws {
    let error = try #require(Self.error("exp(-dt / tauu)", ["tau": 1]))
    #expect(error.diagnostics.count == 1)
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.location == GeNNTranspiler.SourceLocation(line: 1, column: 11))
    #expect(diagnostic.token == "tauu")
    guard case .unknownName(let name, _, let available) = diagnostic.problem else {
      Issue.record("expected unknownName, got \(diagnostic.problem)")
      return
    }
    #expect(name == "tauu")
    #expect(available == ["dt", "pi", "tau"])
    #expect(error.description.contains("'tauu'"))
  }

  @Test func errorOnALaterLine() throws {
    let error = try #require(Self.error("tau *\n  (1.0 + rate)", ["tau": 1]))
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.location == GeNNTranspiler.SourceLocation(line: 2, column: 10))
    #expect(error.description.contains("line 2, column 10"))
  }

  @Test func everyUnknownNameIsReported() throws {
    let error = try #require(Self.error("a + b * c", ["b": 1]))
    #expect(error.diagnostics.map(\.location.column) == [1, 9])
    #expect(error.diagnostics.map(\.token) == ["a", "c"])
  }

  @Test(arguments: ["foo(1.0)", "exp(1.0, 2.0)", "pow(2.0)", "hypot()"])
  func unknownFunctionsAndWrongArity(formula: String) throws {
    let error = try #require(Self.error(formula))
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.location.line == 1)
    guard case .noMatchingOverload(_, _, let candidates) = diagnostic.problem else {
      Issue.record("expected noMatchingOverload, got \(diagnostic.problem)")
      return
    }
    #expect(candidates.contains("exp"))
  }

  @Test(arguments: [
    "tau = 3.0", "tau++", "--tau", "tau += 1.0", "~1", "1 << 2", "3 & 1", "1 | 2", "1 ^ 2",
    "\"text\"",
    "tau[0]", "*tau",
  ])
  func constructsAFormulaCannotUse(formula: String) throws {
    let error = try #require(Self.error(formula, ["tau": 1]))
    #expect(error.context == "formula")
    #expect(error.diagnostics.allSatisfy { $0.location.line == 1 })
  }

  // MARK: DerivedParameter

  @Test func derivedParameterFromAFormula() throws {
    let parameter = DerivedParameter("ExpTC", formula: "exp(-dt / TauM)")
    #expect(parameter.name == "ExpTC")
    #expect(parameter.formula == "exp(-dt / TauM)")
    #expect(try parameter.compute(["TauM": 20], 0.1) == exp(-0.1 / 20))
    #expect(throws: TranspilerError.self) { try parameter.compute([:], 0.1) }
  }

  @Test func derivedParameterFromAClosureHasNoFormula() throws {
    let parameter = DerivedParameter("Rmembrane") { p, _ in p["TauM"]! / p["C"]! }
    #expect(parameter.formula == nil)
    #expect(try parameter.compute(["TauM": 20, "C": 0.5], 0.1) == 40)
  }
}
