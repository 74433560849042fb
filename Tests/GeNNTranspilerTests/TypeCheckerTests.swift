import Testing

@testable import GeNNTranspiler

/// The type checker: what each construct's type is, and which code it rejects, following
/// GeNN 5.4's typeChecker tests and C's rules where GeNN's language extends them.
@Suite struct TypeCheckerTests {
  // MARK: Helpers

  /// An environment with `names` (each a value with the given type, role "variable") and,
  /// if asked, the maths library and random numbers.
  private func makeEnvironment(
    _ names: KeyValuePairs<String, GeNNType> = [:], scalar: NumericType = .float,
    timepoint: NumericType? = nil, library: Bool = false, random: Bool = false
  ) -> Environment {
    var environment = Environment(
      context: "type checker test", types: TypeContext(scalar: scalar, timepoint: timepoint))
    if library { environment.add(StandardLibrary.mathematics(for: .cpp)) }
    if random { environment.add(StandardLibrary.random(precision: scalar, generator: "&rng")) }
    for (name, type) in names {
      environment.define(name, type, role: "variable")
    }
    return environment
  }

  /// The names GeNN's tests use.
  private var testNames: Environment {
    makeEnvironment([
      "intVal": .int32,
      "uintVal": .uint32,
      "uint8Val": .uint8,
      "int64Val": .int64,
      "floatVal": .float,
      "doubleVal": .double,
      "boolVal": .bool,
      "intValConst": GeNNType.int32.addingConst,
      "writeOnlyInt": GeNNType.int32.with([.writeOnly]),
      "intArray": GeNNType.int32.pointer(),
      "intArray2": GeNNType.int32.pointer(),
      "floatArray": GeNNType.float.pointer(),
      "intArrayConst": GeNNType.int32.addingConst.pointer(),
      "intConstPointer": GeNNType.int32.pointer(const: true),
      "intConstPointerConst": GeNNType.int32.addingConst.pointer(const: true),
      "intPtrArray": GeNNType.int32.pointer().pointer(),
    ])
  }

  private func type(_ code: String, in environment: Environment) throws -> GeNNType {
    try Transpiler.checkExpression(code, in: environment).type
  }

  private func type(_ code: String) throws -> GeNNType {
    try type(code, in: testNames)
  }

  /// The problems checking `code` as an expression reports; empty if it checks.
  private func expressionProblems(_ code: String, in environment: Environment) -> [Diagnostic
    .Problem]
  {
    do {
      _ = try Transpiler.checkExpression(code, in: environment)
      return []
    } catch {
      return error.diagnostics.map(\.problem)
    }
  }

  private func expressionProblems(_ code: String) -> [Diagnostic.Problem] {
    expressionProblems(code, in: testNames)
  }

  /// The problems checking `code` as statements reports; empty if it checks.
  private func statementProblems(_ code: String, in environment: Environment) -> [Diagnostic
    .Problem]
  {
    do {
      _ = try Transpiler.checkStatements(code, in: environment)
      return []
    } catch {
      return error.diagnostics.map(\.problem)
    }
  }

  private func statementProblems(_ code: String) -> [Diagnostic.Problem] {
    statementProblems(code, in: testNames)
  }

  /// The names reported unknown.
  private func unknownNames(_ problems: [Diagnostic.Problem]) -> [String] {
    problems.compactMap { if case .unknownName(let name, _, _) = $0 { name } else { nil } }
  }

  /// The type given to the first declaration of `code`.
  private func declaredType(_ code: String, in environment: Environment) throws -> GeNNType? {
    let checked = try Transpiler.checkStatements(code, in: environment)
    guard case .declaration(let declaration) = checked.statements.first?.kind else { return nil }
    return declaration.type
  }

  // MARK: Array subscripts

  @Test func subscriptingAPointerGivesItsPointee() throws {
    #expect(try type("intArray[4]") == .int32)
    #expect(try type("intArray[4]").isConst == false)
    #expect(try type("intPtrArray[4]") == GeNNType.int32.pointer())
    #expect(try type("intPtrArray[4][4]") == .int32)
    #expect(try type("intArrayConst[0]") == GeNNType.int32.addingConst)
    #expect(try type("intConstPointer[0]") == .int32)
    // Any integer type indexes.
    #expect(try type("intArray[uint8Val]") == .int32)
    #expect(try type("intArray[int64Val]") == .int32)
    #expect(try type("intArray[uintVal % 4U]") == .int32)
  }

  @Test func subscriptOnlyFunctionsAreIndexedNotCalled() throws {
    var override = makeEnvironment()
    override.define(
      "overrideIntArray",
      .function(FunctionType(result: .int32, parameters: [.uint32], isSubscriptOnly: true)))
    #expect(try type("overrideIntArray[4]", in: override) == .int32)
    #expect(try type("overrideIntArray[4]", in: override).isConst == false)
    // GeNN's "array-subscript override" cannot be called with parentheses, nor used
    // without an index.
    #expect(
      expressionProblems("overrideIntArray(4)", in: override) == [
        .indexOnly("overrideIntArray", role: nil)
      ])
    #expect(
      expressionProblems("overrideIntArray + 1", in: override) == [
        .indexOnly("overrideIntArray", role: nil)
      ])
    // Its index must be an integer too.
    #expect(
      expressionProblems("overrideIntArray[4.0f]", in: override) == [
        .invalidSubscript(index: "float")
      ])

    // An override returning a pointer can be indexed again.
    var pointerOverride = makeEnvironment()
    pointerOverride.define(
      "overrideIntArray",
      .function(
        FunctionType(result: GeNNType.int32.pointer(), parameters: [.uint32], isSubscriptOnly: true)
      ))
    #expect(try type("overrideIntArray[4][4]", in: pointerOverride) == .int32)

    // An ordinary function cannot be indexed.
    var ordinary = makeEnvironment()
    ordinary.define("overrideIntArray", .function(returning: .int32, [.uint32]))
    #expect(
      expressionProblems("overrideIntArray[4]", in: ordinary) == [
        .functionNotCalled("overrideIntArray")
      ])
    #expect(try type("overrideIntArray(4)", in: ordinary) == .int32)
  }

  @Test func subscriptOnlyFunctionBindsTheChosenOverload() throws {
    var environment = makeEnvironment()
    let symbol = Symbol(
      "w", .function(FunctionType(result: .float, parameters: [.uint32], isSubscriptOnly: true)),
      spelling: "group->w[$(0)]")
    environment.add(symbol)
    let checked = try Transpiler.checkExpression("w[1]", in: environment)
    guard case .subscripted(let array, _) = checked.expression.kind,
      case .identifier(let identifier) = array.kind
    else {
      Issue.record("expected a subscript of a name, got \(checked.expression.kind)")
      return
    }
    #expect(identifier.binding == .symbol(symbol))
  }

  @Test func invalidSubscripts() {
    #expect(expressionProblems("intArray[4.0f]") == [.invalidSubscript(index: "float")])
    #expect(expressionProblems("intArray[doubleVal]") == [.invalidSubscript(index: "double")])
    #expect(expressionProblems("intArray[intArray2]") == [.invalidSubscript(index: "int32_t*")])
    #expect(expressionProblems("intArray[writeOnlyInt]") == [.writeOnly(name: "writeOnlyInt")])
    #expect(expressionProblems("intVal[0]") == [.notSubscriptable("int32_t")])
    #expect(expressionProblems("intArray[0][0]") == [.notSubscriptable("int32_t")])
  }

  // MARK: Assignment

  @Test func assignmentsThroughPointersAndToWriteOnlyValues() throws {
    #expect(try type("*intArray = 7") == .int32)
    #expect(try type("intArray[5] = 7") == .int32)
    #expect(try type("intPtrArray[1][2] = 7") == .int32)
    #expect(try type("writeOnlyInt = 7") == GeNNType.int32.with([.writeOnly]))
    // Numbers convert implicitly in both directions, as in GeNN.
    #expect(try type("floatVal = intVal") == .float)
    #expect(try type("intVal = doubleVal") == .int32)
    #expect(try type("boolVal = floatVal") == .bool)
  }

  @Test func writeOnlyValuesAreOnlyAssignedWithEquals() {
    #expect(expressionProblems("writeOnlyInt += 7") == [.writeOnly(name: "writeOnlyInt")])
    #expect(expressionProblems("writeOnlyInt |= 7") == [.writeOnly(name: "writeOnlyInt")])
    #expect(expressionProblems("intVal = writeOnlyInt") == [.writeOnly(name: nil)])
    #expect(expressionProblems("writeOnlyInt = writeOnlyInt") == [.writeOnly(name: nil)])
  }

  @Test func pointerAssignments() throws {
    #expect(try type("intArray = intArray2") == GeNNType.int32.pointer())
    #expect(try type("intArrayConst = intArray") == GeNNType.int32.addingConst.pointer())
    #expect(try type("intArray += 2") == GeNNType.int32.pointer())
    #expect(try type("intArray -= uint8Val") == GeNNType.int32.pointer())
    #expect(
      expressionProblems("intArray = intArrayConst")
        == [.invalidOperands(operator: "=", left: "int32_t*", right: "const int32_t*")])
    #expect(
      expressionProblems("intArray = floatArray")
        == [.invalidOperands(operator: "=", left: "int32_t*", right: "float*")])
    #expect(
      expressionProblems("intArray += 1.5f")
        == [.invalidOperands(operator: "+=", left: "int32_t*", right: "float")])
    #expect(
      expressionProblems("intArray *= 2") == [
        .invalidOperands(operator: "*=", left: "int32_t*", right: "int32_t")
      ])
    #expect(
      expressionProblems("intVal = intArray") == [
        .invalidOperands(operator: "=", left: "int32_t", right: "int32_t*")
      ])
    #expect(
      expressionProblems("intArray = 0") == [
        .invalidOperands(operator: "=", left: "int32_t*", right: "int32_t")
      ])
  }

  @Test func constStorageIsReadOnly() {
    #expect(
      expressionProblems("intValConst = 1") == [.readOnly(name: "intValConst", role: "variable")])
    #expect(
      expressionProblems("intValConst += 1") == [.readOnly(name: "intValConst", role: "variable")])
    #expect(
      expressionProblems("*intArrayConst = 1") == [
        .readOnly(name: "intArrayConst", role: "variable")
      ])
    #expect(
      expressionProblems("intArrayConst[3] = 1") == [
        .readOnly(name: "intArrayConst", role: "variable")
      ])
    #expect(
      expressionProblems("intConstPointer = intArray") == [
        .readOnly(name: "intConstPointer", role: "variable")
      ])
    // A const pointer to mutable values still writes its values.
    #expect(expressionProblems("intConstPointer[0] = 1") == [])
    #expect(
      expressionProblems("*intConstPointerConst = 1") == [
        .readOnly(name: "intConstPointerConst", role: "variable")
      ])
  }

  @Test func constParametersAndLocalsAreReadOnly() {
    var environment = makeEnvironment()
    environment.define("Vthresh", GeNNType.float.addingConst, role: "parameter")
    environment.define("V", .float, role: "state variable")
    #expect(statementProblems("V = Vthresh;", in: environment) == [])
    #expect(
      statementProblems("Vthresh = V;", in: environment) == [
        .readOnly(name: "Vthresh", role: "parameter")
      ])
    #expect(
      statementProblems("Vthresh *= 2.0;", in: environment) == [
        .readOnly(name: "Vthresh", role: "parameter")
      ])
    #expect(
      statementProblems("Vthresh++;", in: environment) == [
        .readOnly(name: "Vthresh", role: "parameter")
      ])
    #expect(
      statementProblems("const scalar tau = 10.0;\ntau = 5.0;", in: environment)
        == [.readOnly(name: "tau", role: "declared const")])
    #expect(
      statementProblems("const int k = 1;\n--k;", in: environment)
        == [.readOnly(name: "k", role: "declared const")])
    #expect(statementProblems("const scalar tau = 10.0;\nV = tau;", in: environment) == [])
  }

  @Test(arguments: ["%=", "<<=", ">>=", "&=", "^=", "|="])
  func integerOnlyCompoundAssignments(op: String) throws {
    #expect(try type("intVal \(op) 2") == .int32)
    #expect(try type("uint8Val \(op) int64Val") == .uint8)
    #expect(
      expressionProblems("floatVal \(op) 2") == [
        .invalidOperands(operator: op, left: "float", right: "int32_t")
      ])
    #expect(
      expressionProblems("intVal \(op) 2.0d") == [
        .invalidOperands(operator: op, left: "int32_t", right: "double")
      ])
  }

  // MARK: Binary operators

  @Test func pointerArithmetic() throws {
    // GeNN 5.4 types a pointer difference as int32_t; here it is ptrdiff_t, int64_t.
    #expect(try type("intArray - intArray2") == .int64)
    #expect(try type("intArray + intVal") == GeNNType.int32.pointer())
    #expect(try type("intArray - intVal") == GeNNType.int32.pointer())
    #expect(try type("intVal + intArray") == GeNNType.int32.pointer())
    #expect(try type("intArrayConst + uint8Val") == GeNNType.int32.addingConst.pointer())
    #expect(try type("*(intArray + 1)") == .int32)
    #expect(try type("intArray - intArrayConst") == .int64)
    #expect(
      expressionProblems("intArray + floatVal")
        == [.invalidOperands(operator: "+", left: "int32_t*", right: "float")])
    #expect(
      expressionProblems("intArray + intArray2")
        == [.invalidOperands(operator: "+", left: "int32_t*", right: "int32_t*")])
    #expect(
      expressionProblems("intVal - intArray")
        == [.invalidOperands(operator: "-", left: "int32_t", right: "int32_t*")])
    #expect(
      expressionProblems("intArray - floatArray")
        == [.invalidOperands(operator: "-", left: "int32_t*", right: "float*")])
    #expect(
      expressionProblems("intArray * 2") == [
        .invalidOperands(operator: "*", left: "int32_t*", right: "int32_t")
      ])
  }

  @Test func pointerComparisonsAndLogic() throws {
    #expect(try type("intArray == intArray2") == .bool)
    #expect(try type("intArray < intArrayConst") == .bool)
    #expect(try type("intArray && intVal") == .bool)
    #expect(try type("floatVal || floatArray") == .bool)
    #expect(
      expressionProblems("intArray == floatArray")
        == [.invalidOperands(operator: "==", left: "int32_t*", right: "float*")])
    #expect(
      expressionProblems("intArray == 0") == [
        .invalidOperands(operator: "==", left: "int32_t*", right: "int32_t")
      ])
  }

  @Test func writeOnlyOperandsCannotBeRead() {
    #expect(expressionProblems("writeOnlyInt + intVal") == [.writeOnly(name: nil)])
    #expect(expressionProblems("intVal + writeOnlyInt") == [.writeOnly(name: nil)])
    #expect(expressionProblems("intArray + writeOnlyInt") == [.writeOnly(name: nil)])
    #expect(expressionProblems("writeOnlyInt < 3") == [.writeOnly(name: nil)])
  }

  @Test(arguments: ["%", "<<", ">>", "&", "^", "|"])
  func integerOnlyOperatorsRejectFloatingOperands(op: String) {
    #expect(
      expressionProblems("floatVal \(op) 2") == [
        .invalidOperands(operator: op, left: "float", right: "int32_t")
      ])
    #expect(
      expressionProblems("2 \(op) doubleVal") == [
        .invalidOperands(operator: op, left: "int32_t", right: "double")
      ])
    #expect(
      expressionProblems("1.0f \(op) 2.0f") == [
        .invalidOperands(operator: op, left: "float", right: "float")
      ])
    #expect(expressionProblems("intVal \(op) uint8Val") == [])
  }

  @Test func integerOperatorResultTypes() throws {
    #expect(try type("intVal % 3") == .int32)
    #expect(try type("intVal & uintVal") == .uint32)
    #expect(try type("uint8Val ^ uint8Val") == .int32)
    #expect(try type("int64Val | uintVal") == .int64)
    // Shifts take the promoted type of the left operand, not the common type.
    #expect(try type("uint8Val << 2") == .int32)
    #expect(try type("intVal << int64Val") == .int32)
    #expect(try type("int64Val >> 2") == .int64)
    #expect(try type("uintVal >> intVal") == .uint32)
    #expect(try type("boolVal & boolVal") == .int32)
  }

  @Test func arithmeticResultTypes() throws {
    #expect(try type("intVal + floatVal") == .float)
    #expect(try type("floatVal * 2.0d") == .double)
    #expect(try type("intVal / uintVal") == .uint32)
    #expect(try type("int64Val - uintVal") == .int64)
    #expect(try type("uint8Val + uint8Val") == .int32)
    #expect(try type("boolVal + boolVal") == .int32)
    // Qualifiers do not carry over to results.
    #expect(try type("intValConst + 1") == .int32)
    #expect(try type("intValConst * intValConst") == .int32)
  }

  @Test(arguments: ["<", "<=", ">", ">=", "==", "!=", "&&", "||"])
  func comparisonsAndLogicGiveBool(op: String) throws {
    // GeNN 5.4 gives the common type; here, as in C++, a truth value is a bool.
    #expect(try type("floatVal \(op) intVal") == .bool)
    #expect(try type("uint8Val \(op) doubleVal") == .bool)
    #expect(try type("int64Val \(op) uintVal") == .bool)
  }

  @Test func commaGivesTheRightOperand() throws {
    #expect(try type("floatVal, intVal") == .int32)
    #expect(try type("(intArray, doubleVal)") == .double)
    #expect(try type("intVal = 1, intArray") == GeNNType.int32.pointer())
  }

  // MARK: Calls

  @Test func mathsCallsChooseTheMatchingOverload() throws {
    let library = makeEnvironment(library: true)
    #expect(try type("sin(1.0f)", in: library) == .float)
    #expect(try type("sin(1.0d)", in: library) == .double)
    #expect(try type("sin(1.0)", in: makeEnvironment(scalar: .float, library: true)) == .float)
    #expect(try type("sin(1.0)", in: makeEnvironment(scalar: .double, library: true)) == .double)
    #expect(try type("sin(fmax(0.0f, 1.0f))", in: library) == .float)
    #expect(try type("sin(fmax(0.0d, 1.0d))", in: library) == .double)
    #expect(try type("atan2(1.0f, 2.0f) + fma(1.0d, 2.0d, 3.0d)", in: library) == .double)
    #expect(try type("assert(1.0f < 2.0f)", in: library) == .void)
  }

  @Test func wrongArgumentCounts() {
    let library = makeEnvironment(library: true)
    let sinCandidates = ["float(float)", "double(double)"]
    #expect(
      expressionProblems("sin()", in: library)
        == [.noMatchingOverload(name: "sin", arguments: [], candidates: sinCandidates)])
    #expect(
      expressionProblems("sin(1.0f, 2.0f)", in: library)
        == [
          .noMatchingOverload(
            name: "sin", arguments: ["float", "float"], candidates: sinCandidates)
        ])
    #expect(
      expressionProblems("fmax(1.0f)", in: library)
        == [
          .noMatchingOverload(
            name: "fmax", arguments: ["float"],
            candidates: ["float(float, float)", "double(double, double)"])
        ])
  }

  @Test func printfIsVariadic() throws {
    let library = makeEnvironment(["intArray": GeNNType.int32.pointer()], library: true)
    #expect(
      expressionProblems("printf()", in: library)
        == [
          .noMatchingOverload(
            name: "printf", arguments: [], candidates: ["int32_t(const int8_t*, ...)"])
        ])
    #expect(try type("printf(\"hello world\")", in: library) == .int32)
    #expect(try type("printf(\"hello world %d, %f\", 12, cos(5.0f))", in: library) == .int32)
    #expect(try type("printf(\"%p %s\", intArray, \"text\")", in: library) == .int32)
    // The format must be a string, and each further argument a value.
    #expect(
      expressionProblems("printf(12)", in: library)
        == [
          .noMatchingOverload(
            name: "printf", arguments: ["int32_t"], candidates: ["int32_t(const int8_t*, ...)"])
        ])
    #expect(
      expressionProblems("printf(\"%d\", assert(true))", in: library)
        == [
          .noMatchingOverload(
            name: "printf", arguments: ["const int8_t*", "void"],
            candidates: ["int32_t(const int8_t*, ...)"])
        ])
  }

  @Test func callsRejectWriteOnlyArgumentsAndNonFunctions() {
    var environment = makeEnvironment(["int2": GeNNType.int32.with([.writeOnly]), "value": .float])
    environment.define("func", .function(returning: .int32, [.int32]))
    #expect(expressionProblems("func(int2)", in: environment) == [.writeOnly(name: "int2")])
    #expect(expressionProblems("func(1)", in: environment) == [])
    #expect(expressionProblems("value(1)", in: environment) == [.notCallable("float")])
    #expect(
      statementProblems("int local = 1;\nlocal(2);", in: environment) == [.notCallable("int32_t")])
  }

  @Test func userFunctionsOverload() throws {
    var environment = makeEnvironment()
    environment.define("f", .function(returning: .int32, [.int32]))
    environment.define("f", .function(returning: .float, [.float]))
    #expect(environment.lookup("f").count == 2)
    #expect(try type("f(1)", in: environment) == .int32)
    #expect(try type("f(1.0f)", in: environment) == .float)
    #expect(try type("f((int16_t)1)", in: environment) == .int32)
    // A value replaces the overloads, and a function replaces a value.
    environment.define("f", .double)
    #expect(try type("f", in: environment) == .double)
    environment.define("f", .function(returning: .bool, []))
    #expect(environment.lookup("f").count == 1)
    #expect(try type("f()", in: environment) == .bool)
  }

  // MARK: Casts

  @Test func numericAndPointerCasts() throws {
    #expect(try type("(float)intVal") == .float)
    #expect(try type("(const int)intVal") == GeNNType.int32.addingConst)
    #expect(try type("(unsigned char)doubleVal") == .uint8)
    #expect(try type("(bool)intArray[0]") == .bool)
    let toConstValues = try type("(const int*)intArray")
    #expect(toConstValues == GeNNType.int32.addingConst.pointer())
    #expect(toConstValues.isConst == false)
    let toConstPointer = try type("(int * const)intArray")
    #expect(toConstPointer.isConst)
    #expect(toConstPointer.pointee == .int32)
  }

  @Test func castsThatRemoveConstOrReinterpretAreRejected() {
    #expect(
      expressionProblems("(int*)intArrayConst") == [
        .invalidCast(from: "const int32_t*", to: "int32_t*")
      ])
    #expect(
      expressionProblems("(int*)intConstPointer") == [
        .invalidCast(from: "int32_t* const", to: "int32_t*")
      ])
    #expect(
      expressionProblems("(float*)intArray") == [.invalidCast(from: "int32_t*", to: "float*")])
    #expect(expressionProblems("(int)intArray") == [.invalidCast(from: "int32_t*", to: "int32_t")])
    #expect(expressionProblems("(int*)intVal") == [.invalidCast(from: "int32_t", to: "int32_t*")])
    #expect(expressionProblems("(float)writeOnlyInt") == [.writeOnly(name: "writeOnlyInt")])
  }

  // MARK: Conditional operator

  @Test func conditionalTakesTheCommonType() throws {
    #expect(try type("boolVal ? intVal : floatVal") == .float)
    #expect(try type("boolVal ? uint8Val : uint8Val") == .int32)
    #expect(try type("boolVal ? intVal : uintVal") == .uint32)
    #expect(try type("intVal > 0 ? 1.0f : 2.0d") == .double)
    // As in GeNN, a const operand makes the result const.
    #expect(try type("boolVal ? intValConst : intVal") == GeNNType.int32.addingConst)
    // Any number or pointer is a condition.
    #expect(try type("intArray ? 1 : 2") == .int32)
    #expect(try type("floatVal ? 1 : 2") == .int32)
  }

  @Test func conditionalOnPointersKeepsConst() throws {
    #expect(try type("boolVal ? intArray : intArray2") == GeNNType.int32.pointer())
    // Choosing between pointers to mutable and to const values gives a pointer to const
    // values, so the choice cannot be written through.
    #expect(try type("boolVal ? intArray : intArrayConst").pointee == GeNNType.int32.addingConst)
    #expect(try type("boolVal ? intArrayConst : intArray").pointee == GeNNType.int32.addingConst)
    #expect(
      expressionProblems("(boolVal ? intArray : intArrayConst)[0] = 5")
        == [.readOnly(name: nil, role: nil)])
    #expect(
      statementProblems("int *p = boolVal ? intArrayConst : intArray;")
        == [.invalidConversion(from: "const int32_t*", to: "int32_t*")])
  }

  @Test func conditionalRejectsMismatchedOperands() {
    #expect(
      expressionProblems("boolVal ? intArray : floatArray")
        == [.invalidOperands(operator: "?:", left: "int32_t*", right: "float*")])
    #expect(
      expressionProblems("boolVal ? intVal : intArray")
        == [.invalidOperands(operator: "?:", left: "int32_t", right: "int32_t*")])
    #expect(expressionProblems("boolVal ? writeOnlyInt : 1") == [.writeOnly(name: "writeOnlyInt")])
    #expect(expressionProblems("writeOnlyInt ? 1 : 2") == [.writeOnly(name: "writeOnlyInt")])
    let library = makeEnvironment(library: true)
    #expect(
      expressionProblems("assert(true) ? 1 : 2", in: library) == [
        .invalidCondition(construct: "?:", type: "void")
      ])
  }

  // MARK: Increment and decrement

  @Test func incrementingNumbersAndPointers() throws {
    for code in ["intVal++", "++intVal", "intVal--", "--intVal"] {
      let result = try type(code)
      #expect(result == .int32, "\(code)")
      #expect(result.isConst == false, "\(code)")
    }
    #expect(try type("floatVal++") == .float)
    #expect(try type("intArray++") == GeNNType.int32.pointer())
    let constValues = try type("intArrayConst++")
    #expect(constValues.isConst == false)
    #expect(constValues.pointee == GeNNType.int32.addingConst)
    #expect(try type("intArray[2]++") == .int32)
    #expect(try type("(*intArray)--") == .int32)
  }

  @Test func incrementingConstOrWriteOnlyValuesIsRejected() {
    #expect(
      expressionProblems("intValConst++") == [.readOnly(name: "intValConst", role: "variable")])
    #expect(
      expressionProblems("--intConstPointer") == [
        .readOnly(name: "intConstPointer", role: "variable")
      ])
    #expect(
      expressionProblems("intArrayConst[0]++") == [
        .readOnly(name: "intArrayConst", role: "variable")
      ])
    #expect(expressionProblems("writeOnlyInt++") == [.writeOnly(name: "writeOnlyInt")])
    #expect(expressionProblems("boolVal++") == [.invalidOperand(operator: "++", type: "bool")])
  }

  // MARK: Literals

  @Test func floatingLiteralsBeyondTheirTypesRangeAreRejected() throws {
    let single = makeEnvironment(["x": .float, "y": .double], scalar: .float)
    let double = makeEnvironment(["x": .float, "y": .double], scalar: .double)
    let doubleLargest = "\(Double.greatestFiniteMagnitude)"
    let floatLargest = "\(Float.greatestFiniteMagnitude)"
    // Overflowing double: an infinity in C++, whatever scalar is.
    #expect(
      statementProblems("y = 1e400;", in: double)
        == [.floatingLiteralOutOfRange("1e400", type: "double", largest: doubleLargest)])
    #expect(
      statementProblems("y = 1e400;", in: single)
        == [.floatingLiteralOutOfRange("1e400", type: "float", largest: floatLargest)])
    for environment in [single, double] {
      #expect(
        statementProblems("y = 2e308d;", in: environment)
          == [.floatingLiteralOutOfRange("2e308", type: "double", largest: doubleLargest)])
      // A float literal ('f', which GeNN also writes for unsuffixed ones in float models).
      #expect(
        statementProblems("x = 1e39f;", in: environment)
          == [.floatingLiteralOutOfRange("1e39", type: "float", largest: floatLargest)])
      #expect(
        statementProblems("x = 3.4028234e38f; y = 1e-400; y = 1e308d;", in: environment) == [])
    }
    #expect(
      statementProblems("y = 1e39;", in: single)
        == [.floatingLiteralOutOfRange("1e39", type: "float", largest: floatLargest)])
    #expect(statementProblems("y = 1e39;", in: double) == [])
    // Located at the literal.
    do {
      _ = try Transpiler.checkStatements("x = 0.0;\ny = 2.0 * 1e400;", in: single)
      Issue.record("1e400 checked")
    } catch {
      #expect(error.diagnostics.first?.location == SourceLocation(line: 2, column: 11))
      #expect(error.diagnostics.first?.token == "1e400")
    }
  }

  @Test(arguments: [
    ("1.0f", GeNNType.float),
    ("1.0d", .double),
    ("100", .int32),
    ("100U", .uint32),
    ("true", .bool),
    ("2147483647", .int32),
    ("2147483648", .int64),
    ("3000000000", .int64),
    ("9223372036854775807", .int64),
    ("0x7FFFFFFF", .int32),
    ("0x80000000", .uint32),
    ("0xFFFFFFFF", .uint32),
    ("0x100000000", .int64),
    ("0xFFFFFFFFFFFFFFFF", .uint64),
    ("4294967295U", .uint32),
    ("4294967296U", .uint64),
  ])
  func literalTypes(code: String, expected: GeNNType) throws {
    #expect(try type(code, in: makeEnvironment()) == expected)
  }

  @Test func unsuffixedFloatingLiteralsAreScalar() throws {
    #expect(try type("1.0", in: makeEnvironment(scalar: .float)) == .float)
    #expect(try type("1.0", in: makeEnvironment(scalar: .double)) == .double)
    #expect(try type("1e-3", in: makeEnvironment(scalar: .double)) == .double)
    #expect(try type("1.0 + 1", in: makeEnvironment(scalar: .float)) == .float)
  }

  @Test func decimalLiteralsBeyondInt64AreRejected() {
    #expect(
      expressionProblems("9223372036854775808", in: makeEnvironment())
        == [.integerLiteralTooLarge("9223372036854775808")])
  }

  // MARK: Unary operators

  @Test func dereference() throws {
    #expect(try type("*intArray") == .int32)
    #expect(try type("*intArrayConst") == GeNNType.int32.addingConst)
    #expect(try type("*intConstPointer") == .int32)
    #expect(try type("*intConstPointerConst") == GeNNType.int32.addingConst)
    #expect(try type("**intPtrArray") == .int32)
    #expect(expressionProblems("*intVal") == [.invalidOperand(operator: "*", type: "int32_t")])
  }

  @Test func arithmeticAndLogicalUnaryOperators() throws {
    #expect(try type("-uint8Val") == .int32)
    #expect(try type("+boolVal") == .int32)
    #expect(try type("-floatVal") == .float)
    #expect(try type("-intValConst") == .int32)
    #expect(try type("~uintVal") == .uint32)
    #expect(try type("~int64Val") == .int64)
    #expect(try type("!floatVal") == .bool)
    #expect(try type("!intArray") == .bool)
    #expect(expressionProblems("~floatVal") == [.invalidOperand(operator: "~", type: "float")])
    #expect(expressionProblems("-intArray") == [.invalidOperand(operator: "-", type: "int32_t*")])
    #expect(expressionProblems("-writeOnlyInt") == [.writeOnly(name: "writeOnlyInt")])
    #expect(expressionProblems("!writeOnlyInt") == [.writeOnly(name: "writeOnlyInt")])
  }

  // MARK: Declarations

  @Test func numericDeclarationsConvertImplicitly() {
    let environment = makeEnvironment([
      "intVal": .int32, "floatVal": .float, "intValConst": GeNNType.int32.addingConst,
    ])
    #expect(
      statementProblems(
        """
        int w = intVal;
        float x = floatVal;
        int y = floatVal;
        float z = intVal;
        int wc = intValConst;
        const int cw = intVal;
        const int cwc = intValConst;
        int a = 1, b = a + w;
        """, in: environment) == [])
  }

  @Test func pointerDeclarationsKeepConstAndShape() {
    #expect(
      statementProblems(
        """
        int *x = intArray;
        const int *y = intArray;
        const int *z = intArrayConst;
        int * const p = intArray;
        const int * const q = intArrayConst;
        """) == [])
    #expect(
      statementProblems("int *x = intArrayConst;") == [
        .invalidConversion(from: "const int32_t*", to: "int32_t*")
      ])
    #expect(
      statementProblems("float *x = intArray;") == [
        .invalidConversion(from: "int32_t*", to: "float*")
      ])
    #expect(
      statementProblems("int x = intArray;") == [
        .invalidConversion(from: "int32_t*", to: "int32_t")
      ])
    #expect(
      statementProblems("int *x = intVal;") == [.invalidConversion(from: "int32_t", to: "int32_t*")]
    )
    #expect(statementProblems("int x = writeOnlyInt;") == [.writeOnly(name: "writeOnlyInt")])
  }

  @Test func declaredPointerConstness() {
    #expect(statementProblems("int * const p = intArray;\np[0] = 1;\n*p = 2;") == [])
    #expect(
      statementProblems("int * const p = intArray;\np = intArray2;")
        == [.readOnly(name: "p", role: "declared const")])
    #expect(statementProblems("const int *p = intArray;\np = intArray2;\np++;") == [])
    #expect(
      statementProblems("const int *p = intArray;\np[1] = 3;") == [
        .readOnly(name: "p", role: "declared const")
      ])
  }

  @Test func pointerLocalsNeedAnInitialiser() {
    // An uninitialised pointer would read and write wherever its bits point.
    #expect(statementProblems("int *p;\n*p = 1;") == [.pointerWithoutInitialiser("p")])
    #expect(statementProblems("int *p = intArray, q;") == [.pointerWithoutInitialiser("q")])
    #expect(statementProblems("int *p = intArray;\np[1] = 2;") == [])
  }

  @Test func constLocalsNeedAnInitialiser() {
    #expect(statementProblems("const int k;") == [.constWithoutInitialiser("k")])
    #expect(statementProblems("const int j = 1, k;") == [.constWithoutInitialiser("k")])
    #expect(statementProblems("int k;\nk = 3;") == [])
  }

  @Test func scalarAndTimepointResolveToTheModelsPrecisions() throws {
    let mixed = makeEnvironment(
      ["t": GeNNType.double.addingConst, "times": GeNNType.double.pointer()], scalar: .float,
      timepoint: .double)
    #expect(try type("(timepoint)1", in: mixed) == .double)
    #expect(try type("(scalar)1", in: mixed) == .float)
    #expect(try declaredType("timepoint start = t;", in: mixed) == .double)
    #expect(try declaredType("scalar x = 1;", in: mixed) == .float)
    #expect(
      try declaredType("const timepoint *p = times;", in: mixed)
        == GeNNType.double.addingConst.pointer())
    let double = makeEnvironment(scalar: .double)
    #expect(try type("(timepoint)1", in: double) == .double)
    #expect(try declaredType("scalar x = 1;", in: double) == .double)
    let single = makeEnvironment(scalar: .float)
    #expect(try type("(timepoint)1", in: single) == .float)
  }

  // MARK: Statements

  @Test func breakAndContinueOnlyInsideLoops() {
    #expect(statementProblems("break;") == [.outsideLoop("break")])
    #expect(statementProblems("continue;") == [.outsideLoop("continue")])
    #expect(statementProblems("if (boolVal) break;") == [.outsideLoop("break")])
    #expect(statementProblems("{ continue; }") == [.outsideLoop("continue")])
    #expect(
      statementProblems("switch (intVal) { case 0: continue; }") == [.outsideLoop("continue")])
    #expect(
      statementProblems(
        """
        while (boolVal) { if (intVal > 2) break; continue; }
        do { break; } while (boolVal);
        for (;;) { continue; }
        switch (intVal) { case 0: break; default: break; }
        while (boolVal) { switch (intVal) { case 1: continue; } }
        """) == [])
  }

  @Test func caseLabelsOnlyInsideSwitch() {
    #expect(statementProblems("case 1: intVal = 0;") == [.caseOutsideSwitch("case")])
    #expect(statementProblems("default: intVal = 0;") == [.caseOutsideSwitch("default")])
    #expect(statementProblems("while (boolVal) { case 1: break; }") == [.caseOutsideSwitch("case")])
    #expect(statementProblems("switch (intVal) { case 1: { intVal = 2; } default: break; }") == [])
  }

  @Test func caseValuesAreConstantIntegers() {
    #expect(
      statementProblems(
        "switch (intVal) { case 1 + 2 * 3: break; case -1: break; case (int)2.5: break; }") == [])
    #expect(statementProblems("switch (intVal) { case intVal: break; }") == [.caseValueNotConstant])
    #expect(
      statementProblems("switch (intVal) { case uintVal + 1: break; }") == [.caseValueNotConstant])
    #expect(
      statementProblems("switch (intVal) { case 1.5: break; }") == [
        .invalidOperand(operator: "case", type: "float")
      ])
  }

  @Test func switchNeedsAnInteger() {
    #expect(statementProblems("switch (uint8Val) { default: break; }") == [])
    #expect(
      statementProblems("switch (floatVal) { default: break; }") == [
        .invalidCondition(construct: "switch", type: "float")
      ])
    #expect(
      statementProblems("switch (intArray) { default: break; }")
        == [.invalidCondition(construct: "switch", type: "int32_t*")])
    #expect(
      statementProblems("switch (writeOnlyInt) { default: break; }") == [
        .writeOnly(name: "writeOnlyInt")
      ])
  }

  @Test func conditionsAreNumbersOrPointers() {
    #expect(
      statementProblems("if (intArray) intVal = 1;\nwhile (floatVal) { }\nfor (; doubleVal;) { }")
        == [])
    #expect(statementProblems("if (writeOnlyInt) { }") == [.writeOnly(name: "writeOnlyInt")])
    let library = makeEnvironment(library: true)
    #expect(
      statementProblems("if (assert(true)) { }", in: library) == [
        .invalidCondition(construct: "if", type: "void")
      ])
    #expect(
      statementProblems("do { } while (assert(true));", in: library)
        == [.invalidCondition(construct: "do ... while", type: "void")])
  }

  @Test func redeclarationAndShadowing() {
    #expect(statementProblems("int a = 1;\nint a = 2;") == [.redeclaration("a")])
    #expect(statementProblems("int a, a;") == [.redeclaration("a")])
    #expect(statementProblems("int a = 1;\nfloat a = 2.0f;") == [.redeclaration("a")])
    #expect(statementProblems("int a = 1;\n{ int a = 2; a++; }\na--;") == [])
    #expect(statementProblems("{ int a = 1; }\n{ int a = 2; }") == [])
    // A local may shadow a name of the environment.
    #expect(statementProblems("float intVal = 1.0f;\nintVal += 0.5f;") == [])
  }

  @Test func localsAreScopedToTheirBlock() {
    #expect(unknownNames(statementProblems("{ int a = 1; }\na = 2;")) == ["a"])
    #expect(
      unknownNames(statementProblems("for (int i = 0; i < 4; i++) { intVal += i; }\nintVal = i;"))
        == ["i"])
    #expect(unknownNames(statementProblems("while (boolVal) { int n = 0; }\nn++;")) == ["n"])
    #expect(unknownNames(statementProblems("if (boolVal) { int n = 0; } else { n = 1; }")) == ["n"])
    #expect(statementProblems("int a = 1;\n{ { a = 2; } }") == [])
    // The inner declaration has the inner type while it is visible.
    #expect(
      statementProblems("int *a = intArray;\n{ float a = 1.0f; a = a % 2; }")
        == [.invalidOperands(operator: "%", left: "float", right: "int32_t")])
  }

  @Test func forEachSynapseOnlyWhereAllowed() {
    var environment = makeEnvironment(["V": .float])
    let loop = "for_each_synapse {\n    weight += V * 0.1;\n    if (id_post == 3) break;\n}"
    #expect(statementProblems(loop, in: environment) == [.forEachSynapseUnavailable])

    environment.forEachSynapse = ForEachSynapseScope(
      symbols: [
        Symbol("weight", .float, spelling: "group->weight[idx]", role: "synaptic variable"),
        Symbol("id_post", GeNNType.uint32.addingConst, spelling: "j", role: "postsynaptic index"),
      ],
      header: "for (unsigned int j = 0; j < n; j++) {", footer: "}")
    #expect(statementProblems(loop, in: environment) == [])
    // Its names exist only inside the loop.
    #expect(unknownNames(statementProblems("weight = 1.0;", in: environment)) == ["weight"])
    #expect(
      unknownNames(statementProblems("for_each_synapse { }\nV = (scalar)id_post;", in: environment))
        == ["id_post"])
    #expect(
      statementProblems("for_each_synapse { id_post = 2; }", in: environment)
        == [.readOnly(name: "id_post", role: "postsynaptic index")])
  }

  @Test func randomFunctionsOnlyWhereAdded() throws {
    #expect(
      expressionProblems("gennrand_uniform()", in: makeEnvironment(library: true))
        == [.randomNumbersUnavailable("gennrand_uniform")])
    #expect(
      statementProblems(
        "scalar x = gennrand_normal() + gennrand();", in: makeEnvironment(library: true))
        == [.randomNumbersUnavailable("gennrand_normal"), .randomNumbersUnavailable("gennrand")])
    let single = makeEnvironment(scalar: .float, random: true)
    #expect(try type("gennrand_uniform()", in: single) == .float)
    #expect(try type("gennrand_gamma(2.0)", in: single) == .float)
    #expect(try type("gennrand()", in: single) == .uint32)
    #expect(try type("gennrand_binomial(10U, 0.5)", in: single) == .uint32)
    let double = makeEnvironment(scalar: .double, random: true)
    #expect(try type("gennrand_normal()", in: double) == .double)
    #expect(try type("gennrand_log_normal(0.0, 1.0)", in: double) == .double)
    #expect(try type("gennrand_exponential()", in: double) == .double)
  }

  @Test func functionsMustBeCalled() {
    let library = makeEnvironment(["V": .float], library: true)
    #expect(expressionProblems("V + exp", in: library) == [.functionNotCalled("exp")])
    #expect(statementProblems("scalar f = sin;", in: library) == [.functionNotCalled("sin")])
    var user = makeEnvironment()
    user.define("g", .function(returning: .int32, []))
    #expect(expressionProblems("g + 1", in: user) == [.functionNotCalled("g")])
  }

  @Test func unknownNamesAreReportedOncePerUse() {
    let problems = expressionProblems("x + intVal * y", in: testNames)
    #expect(unknownNames(problems) == ["x", "y"])
    #expect(problems.count == 2)
  }

  @Test func checkedTreesCarryTypesAndBindings() throws {
    let checked = try Transpiler.checkExpression("intVal + floatVal", in: testNames)
    guard case .binary(.add, let left, let right) = checked.expression.kind else {
      Issue.record("expected an addition, got \(checked.expression.kind)")
      return
    }
    #expect(checked.expression.type == .float)
    #expect(left.type == .int32)
    #expect(right.type == .float)
    guard case .identifier(let identifier) = left.kind else {
      Issue.record("expected a name, got \(left.kind)")
      return
    }
    #expect(identifier.binding == .symbol(Symbol("intVal", .int32, role: "variable")))

    let statements = try Transpiler.checkStatements("int a = 1;\na += 2;", in: testNames)
    guard case .expression(let assignment?) = statements.statements.last?.kind,
      case .assignment(_, let target, _) = assignment.kind,
      case .identifier(let local) = target.kind
    else {
      Issue.record("expected an assignment to a name")
      return
    }
    #expect(local.binding == .local)
    #expect(target.type == .int32)
  }
}

/// Mistakes the C++ compiler would reject, caught before it runs.
@Suite struct CompilerRejectionTests {
  @Test func redeclaringTheLoopVariableInTheBodyIsAnError() throws {
    let environment = neuronEnvironment()
    let error = try #require(throws: TranspilerError.self) {
      try Transpiler.checkStatements("for (int i = 0; i < 3; i++) { int i = 2; }", in: environment)
    }
    #expect(error.diagnostics.map(\.problem) == [.redeclaration("i")])
    // An inner block may still shadow it, as in C++.
    _ = try Transpiler.checkStatements(
      "for (int i = 0; i < 3; i++) { { int i = 2; V += i; } }", in: environment)
  }

  @Test func duplicateCaseValuesAreErrors() throws {
    let environment = neuronEnvironment()
    let error = try #require(throws: TranspilerError.self) {
      try Transpiler.checkStatements(
        "switch (id) { case 1: break; case 2: break; case 0x1: break; case 1 + 1: break; }",
        in: environment)
    }
    #expect(error.diagnostics.map(\.problem) == [.duplicateCase("1"), .duplicateCase("2")])
    #expect(error.diagnostics.map(\.location.column) == [50, 69])
    // Values are per switch: a nested switch may reuse them.
    _ = try Transpiler.checkStatements(
      "switch (id) { case 1: switch (id) { case 1: break; } break; case 2: break; }",
      in: environment)
  }
}
