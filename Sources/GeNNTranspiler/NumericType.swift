/// The arithmetic types of GeNN's language, with GeNN's conversion ranks.
public enum NumericType: String, Hashable, Sendable, CaseIterable {
  case bool
  case int8, uint8, int16, uint16, int32, uint32, int64, uint64
  case float, double

  /// The rank GeNN's type checker gives the type in the usual arithmetic conversions.
  public var rank: Int {
    switch self {
    case .bool: 0
    case .int8, .uint8: 10
    case .int16, .uint16: 20
    case .int32, .uint32: 30
    case .int64, .uint64: 40
    case .float: 50
    case .double: 60
    }
  }

  /// Whether this is an integer type (`bool` included, as in C).
  public var isIntegral: Bool { self != .float && self != .double }

  /// Whether values of the type can be negative.
  public var isSigned: Bool {
    switch self {
    case .bool, .uint8, .uint16, .uint32, .uint64: false
    default: true
    }
  }

  /// The name of the type in generated C++ and CUDA.
  public var cName: String {
    switch self {
    case .bool: "bool"
    case .float: "float"
    case .double: "double"
    default: rawValue + "_t"
    }
  }

  /// The smallest and largest values of an integer type (a signed lower bound and an
  /// unsigned upper bound, so that every 64-bit type fits).
  var integerRange: (min: Int64, max: UInt64) {
    switch self {
    case .bool: (0, 1)
    case .int8: (Int64(Int8.min), UInt64(Int8.max))
    case .uint8: (0, UInt64(UInt8.max))
    case .int16: (Int64(Int16.min), UInt64(Int16.max))
    case .uint16: (0, UInt64(UInt16.max))
    case .int32: (Int64(Int32.min), UInt64(Int32.max))
    case .uint32: (0, UInt64(UInt32.max))
    case .int64: (Int64.min, UInt64(Int64.max))
    case .uint64: (0, UInt64.max)
    case .float, .double: (Int64.min, UInt64.max)
    }
  }

  /// The type an operand of this type is promoted to (C's integer promotions).
  public var promoted: NumericType { rank < NumericType.int32.rank ? .int32 : self }

  /// The unsigned type of the same rank.
  var unsignedCounterpart: NumericType {
    switch self {
    case .int8: .uint8
    case .int16: .uint16
    case .int32: .uint32
    case .int64: .uint64
    default: self
    }
  }

  /// The type of a binary arithmetic operation on `a` and `b`: C's usual arithmetic
  /// conversions, as GeNN's `getCommonType` applies them.
  public static func common(_ a: NumericType, _ b: NumericType) -> NumericType {
    if a == .double || b == .double { return .double }
    if a == .float || b == .float { return .float }
    let pa = a.promoted
    let pb = b.promoted
    if pa == pb { return pa }
    if pa.isSigned == pb.isSigned { return pa.rank > pb.rank ? pa : pb }
    let (signedType, unsignedType) = pa.isSigned ? (pa, pb) : (pb, pa)
    if unsignedType.rank >= signedType.rank { return unsignedType }
    let s = signedType.integerRange
    let u = unsignedType.integerRange
    if s.min <= u.min && s.max >= u.max { return signedType }
    return signedType.unsignedCounterpart
  }
}
