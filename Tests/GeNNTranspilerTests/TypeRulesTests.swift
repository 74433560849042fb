import Testing

@testable import GeNNTranspiler

/// C's usual arithmetic conversions and integer promotions (LP64, as GeNN's
/// `getCommonType` and `getPromotedType` apply them), implicit conversions, and the
/// ranking that chooses among a function's overloads.
@Suite struct TypeRulesTests {
  /// The types of the table below, in its row and column order.
  static let order: [NumericType] = [
    .bool, .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64, .float, .double,
  ]

  /// The type of `a + b` in C on LP64 (`int64_t` is `long`), row `a`, column `b`; checked
  /// against `decltype(a + b)` with g++ on x86-64 Linux.
  static let commonTable: [[String]] = [
    // bool    int8   uint8  int16  uint16 int32  uint32 int64  uint64 float double
    ["i32", "i32", "i32", "i32", "i32", "i32", "u32", "i64", "u64", "f", "d"],  // bool
    ["i32", "i32", "i32", "i32", "i32", "i32", "u32", "i64", "u64", "f", "d"],  // int8
    ["i32", "i32", "i32", "i32", "i32", "i32", "u32", "i64", "u64", "f", "d"],  // uint8
    ["i32", "i32", "i32", "i32", "i32", "i32", "u32", "i64", "u64", "f", "d"],  // int16
    ["i32", "i32", "i32", "i32", "i32", "i32", "u32", "i64", "u64", "f", "d"],  // uint16
    ["i32", "i32", "i32", "i32", "i32", "i32", "u32", "i64", "u64", "f", "d"],  // int32
    ["u32", "u32", "u32", "u32", "u32", "u32", "u32", "i64", "u64", "f", "d"],  // uint32
    ["i64", "i64", "i64", "i64", "i64", "i64", "i64", "i64", "u64", "f", "d"],  // int64
    ["u64", "u64", "u64", "u64", "u64", "u64", "u64", "u64", "u64", "f", "d"],  // uint64
    ["f", "f", "f", "f", "f", "f", "f", "f", "f", "f", "d"],  // float
    ["d", "d", "d", "d", "d", "d", "d", "d", "d", "d", "d"],  // double
  ]

  static let abbreviations: [String: NumericType] = [
    "i32": .int32, "u32": .uint32, "i64": .int64, "u64": .uint64, "f": .float, "d": .double,
  ]

  @Test func commonTypeFollowsTheUsualArithmeticConversionsForEveryPair() throws {
    #expect(Self.commonTable.count == Self.order.count)
    for (row, a) in Self.order.enumerated() {
      #expect(Self.commonTable[row].count == Self.order.count)
      for (column, b) in Self.order.enumerated() {
        let expected = try #require(Self.abbreviations[Self.commonTable[row][column]])
        #expect(NumericType.common(a, b) == expected, "common(\(a), \(b))")
      }
    }
  }

  @Test(arguments: [
    (NumericType.int32, NumericType.uint32, NumericType.uint32),
    (.int64, .uint32, .int64),
    (.uint8, .int8, .int32),
    (.bool, .bool, .int32),
    (.uint16, .uint16, .int32),
    (.int64, .uint64, .uint64),
    (.int32, .int64, .int64),
    (.uint64, .float, .float),
    (.int64, .float, .float),
    (.bool, .float, .float),
    (.float, .double, .double),
    (.double, .uint64, .double),
  ])
  func namedCommonTypes(a: NumericType, b: NumericType, expected: NumericType) {
    #expect(NumericType.common(a, b) == expected)
    #expect(NumericType.common(b, a) == expected)
  }

  @Test func commonTypeIsSymmetricAndIdempotentOnPromotedTypes() {
    for a in NumericType.allCases {
      #expect(NumericType.common(a, a) == a.promoted)
      for b in NumericType.allCases {
        #expect(NumericType.common(a, b) == NumericType.common(b, a))
      }
    }
  }

  @Test func integerPromotionsWidenOnlyTypesSmallerThanInt() {
    let expected: [NumericType: NumericType] = [
      .bool: .int32, .int8: .int32, .uint8: .int32, .int16: .int32, .uint16: .int32,
      .int32: .int32, .uint32: .uint32, .int64: .int64, .uint64: .uint64,
      .float: .float, .double: .double,
    ]
    #expect(expected.count == NumericType.allCases.count)
    for type in NumericType.allCases {
      #expect(type.promoted == expected[type], "\(type)")
    }
  }

  @Test func signednessIntegralityAndNames() {
    #expect(
      NumericType.allCases.filter(\.isSigned) == [.int8, .int16, .int32, .int64, .float, .double])
    #expect(NumericType.allCases.filter { !$0.isIntegral } == [.float, .double])
    #expect(NumericType.bool.cName == "bool")
    #expect(NumericType.uint16.cName == "uint16_t")
    #expect(NumericType.double.cName == "double")
    // Ranks grow with width, and a signed type and its unsigned counterpart share one.
    #expect(NumericType.int8.rank == NumericType.uint8.rank)
    #expect(NumericType.int64.rank == NumericType.uint64.rank)
    #expect(NumericType.bool.rank < NumericType.int8.rank)
    #expect(NumericType.uint64.rank < NumericType.float.rank)
    #expect(NumericType.float.rank < NumericType.double.rank)
  }

  // MARK: Implicit conversions

  @Test func conversionRanksAreExactPromotionOrConversion() {
    // Exact, qualifiers aside.
    #expect(TypeRules.conversionRank(.float, to: .float) == 0)
    #expect(TypeRules.conversionRank(GeNNType.float.addingConst, to: .float) == 0)
    #expect(TypeRules.conversionRank(.uint32, to: .uint32) == 0)
    // Promotions: small integers (and bool) to int, float to double.
    #expect(TypeRules.conversionRank(.bool, to: .int32) == 1)
    #expect(TypeRules.conversionRank(.int8, to: .int32) == 1)
    #expect(TypeRules.conversionRank(.uint16, to: .int32) == 1)
    #expect(TypeRules.conversionRank(.float, to: .double) == 1)
    // Everything else between numbers is a conversion.
    #expect(TypeRules.conversionRank(.uint16, to: .uint32) == 2)
    #expect(TypeRules.conversionRank(.int32, to: .int64) == 2)
    #expect(TypeRules.conversionRank(.int32, to: .float) == 2)
    #expect(TypeRules.conversionRank(.double, to: .float) == 2)
    #expect(TypeRules.conversionRank(.uint32, to: .int32) == 2)
    // Pointers only to pointers of the same shape.
    let intPointer = GeNNType.int32.pointer()
    #expect(TypeRules.conversionRank(intPointer, to: GeNNType.int32.addingConst.pointer()) == 0)
    #expect(TypeRules.conversionRank(intPointer, to: GeNNType.float.pointer()) == nil)
    #expect(TypeRules.conversionRank(intPointer, to: .int32) == nil)
    #expect(TypeRules.conversionRank(.int32, to: intPointer) == nil)
    #expect(TypeRules.conversionRank(.void, to: .int32) == nil)
  }

  @Test func assignmentsBetweenNumbersAndPointers() {
    let intPointer = GeNNType.int32.pointer()
    let constIntPointer = GeNNType.int32.addingConst.pointer()
    // Any number to any number with '=' and arithmetic compound operators.
    #expect(TypeRules.canAssign(.double, to: .int8))
    #expect(TypeRules.canAssign(.int32, to: .float, with: .multiply))
    // Integer-only compound operators need integers on both sides.
    #expect(TypeRules.canAssign(.int32, to: .uint8, with: .remainder))
    #expect(!TypeRules.canAssign(.int32, to: .float, with: .remainder))
    #expect(!TypeRules.canAssign(.float, to: .int32, with: .shiftLeft))
    // Pointers: '=' only, same shape, never losing const.
    #expect(TypeRules.canAssign(intPointer, to: constIntPointer))
    #expect(!TypeRules.canAssign(constIntPointer, to: intPointer))
    #expect(!TypeRules.canAssign(intPointer, to: GeNNType.float.pointer()))
    #expect(!TypeRules.canAssign(intPointer, to: intPointer, with: .add))
    // Pointer arithmetic assignment with integers only.
    #expect(TypeRules.canAssign(.int64, to: intPointer, with: .add))
    #expect(TypeRules.canAssign(.uint8, to: intPointer, with: .subtract))
    #expect(!TypeRules.canAssign(.float, to: intPointer, with: .add))
    #expect(!TypeRules.canAssign(.int32, to: intPointer))
    #expect(!TypeRules.canAssign(intPointer, to: .int64))
  }

  @Test func castsKeepShapeAndConstness() {
    let intPointer = GeNNType.int32.pointer()
    #expect(TypeRules.canCast(.double, to: .uint8))
    #expect(TypeRules.canCast(intPointer, to: GeNNType.int32.addingConst.pointer()))
    #expect(TypeRules.canCast(intPointer, to: GeNNType.int32.pointer(const: true)))
    #expect(!TypeRules.canCast(GeNNType.int32.addingConst.pointer(), to: intPointer))
    #expect(!TypeRules.canCast(GeNNType.int32.pointer(const: true), to: intPointer))
    #expect(!TypeRules.canCast(intPointer, to: GeNNType.float.pointer()))
    #expect(!TypeRules.canCast(intPointer, to: .int64))
    #expect(!TypeRules.canCast(.int64, to: intPointer))
    #expect(!TypeRules.canCast(GeNNType.int32.with([.writeOnly]), to: .float))
    // Two levels: constness is kept level by level.
    let pointerToPointer = GeNNType.int32.pointer().pointer()
    #expect(TypeRules.canCast(pointerToPointer, to: GeNNType.int32.addingConst.pointer().pointer()))
    #expect(!TypeRules.canCast(GeNNType.int32.pointer(const: true).pointer(), to: pointerToPointer))
  }

  // MARK: Overload resolution

  private func overloads(_ name: String, _ parameterLists: [[GeNNType]]) -> [Symbol] {
    parameterLists.map { parameters in
      Symbol(name, .function(returning: parameters.first ?? .void, parameters))
    }
  }

  private func chosenParameters(_ candidates: [Symbol], _ arguments: [GeNNType]) -> [GeNNType]? {
    OverloadResolution.best(of: candidates, for: arguments)?.type.function?.parameters
  }

  @Test func exactMatchBeatsPromotionBeatsConversion() {
    let all = overloads("f", [[.int64], [.int32], [.int16]])
    #expect(chosenParameters(all, [.int16]) == [.int16])
    // Without the exact match, the promotion to int wins over the wider conversion.
    #expect(chosenParameters(Array(all.prefix(2)), [.int16]) == [.int32])
    #expect(chosenParameters(Array(all.prefix(1)), [.int16]) == [.int64])

    let reals = overloads("g", [[.int32], [.double], [.float]])
    #expect(chosenParameters(reals, [.float]) == [.float])
    #expect(chosenParameters(Array(reals.prefix(2)), [.float]) == [.double])
    #expect(chosenParameters(reals, [.double]) == [.double])
  }

  @Test func ranksCompareLexicographicallyArgumentByArgument() {
    let pairs = overloads("h", [[.float, .float], [.double, .double]])
    // (exact, conversion) beats (promotion, conversion).
    #expect(chosenParameters(pairs, [.float, .int32]) == [.float, .float])
    // (promotion, exact) loses to (exact, conversion): the first argument decides.
    #expect(chosenParameters(pairs, [.float, .double]) == [.float, .float])
    #expect(chosenParameters(pairs, [.double, .float]) == [.double, .double])
  }

  @Test func tiesGoToTheWidestParameters() {
    // An int argument converts to float and to double alike; as C++'s <cmath>, double
    // wins (see OverloadResolution).
    let unary = overloads("exp", [[.float], [.double]])
    #expect(chosenParameters(unary, [.int32]) == [.double])
    #expect(chosenParameters(Array(unary.reversed()), [.int32]) == [.double])
    #expect(chosenParameters(unary, [.uint64]) == [.double])
  }

  @Test func argumentCountsAndVariadics() {
    let printf = [
      Symbol(
        "printf",
        .function(returning: .int32, [GeNNType.int8.addingConst.pointer()], variadic: true))
    ]
    let string = GeNNType.int8.addingConst.pointer()
    #expect(OverloadResolution.best(of: printf, for: []) == nil)
    #expect(OverloadResolution.best(of: printf, for: [string]) != nil)
    #expect(OverloadResolution.best(of: printf, for: [string, .int32, .double, string]) != nil)
    // Extra arguments must be values.
    #expect(OverloadResolution.best(of: printf, for: [string, .void]) == nil)
    #expect(OverloadResolution.best(of: printf, for: [.int32]) == nil)

    let fixed = overloads("f", [[.float]])
    #expect(OverloadResolution.best(of: fixed, for: []) == nil)
    #expect(OverloadResolution.best(of: fixed, for: [.float, .float]) == nil)
    // Values are never candidates.
    #expect(OverloadResolution.best(of: [Symbol("v", .float)], for: [.float]) == nil)
  }

  // MARK: Through the type checker, with GeNN's library

  private func callType(_ code: String, scalar: NumericType = .float) throws -> GeNNType {
    var environment = Environment(context: "overloads", types: TypeContext(scalar: scalar))
    environment.add(StandardLibrary.mathematics(for: .cpp))
    return try Transpiler.checkExpression(code, in: environment).type
  }

  @Test(arguments: [
    ("exp(1)", GeNNType.double),
    ("sqrt(2U)", .double),
    ("exp(1.0f)", .float),
    ("exp(1.0d)", .double),
    ("pow(1.0f, 2)", .float),
    ("pow(2, 1.0f)", .float),
    ("ldexp(1.0f, 2)", .float),
    ("scalbn(1.0d, 2U)", .double),
    ("ilogb(3)", .int32),
    ("min(1, 2)", .int32),
    ("min(1, 2U)", .int32),
    ("min(2U, 1)", .uint32),
    ("max(1U, 2U)", .uint32),
    ("min((int64_t)1, 2)", .int64),
    ("max((uint8_t)1, (uint8_t)2)", .int32),
    ("max(3000000000, 1)", .int64),
    ("abs((int16_t)-3)", .int32),
    ("abs(3000000000)", .int64),
    // As in GeNN, the first argument's exact match decides, so this is float.
    ("fmax(1.0f, 2.0d)", .float),
  ])
  func libraryOverloads(code: String, expected: GeNNType) throws {
    #expect(try callType(code) == expected)
  }

  @Test func unsuffixedLiteralsPickTheScalarOverload() throws {
    #expect(try callType("exp(1.0)", scalar: .float) == .float)
    #expect(try callType("exp(1.0)", scalar: .double) == .double)
    #expect(try callType("fma(1.0, 2.0, 3.0)", scalar: .double) == .double)
    #expect(try callType("fma(1.0, 2.0, 3.0)", scalar: .float) == .float)
  }
}
