/// A type in GeNN's code-string language: numbers, pointers (extra global parameter
/// arrays), functions (with overloads in the environment) and `void`.
public indirect enum GeNNType: Hashable, Sendable, CustomStringConvertible {
  /// The type of an expression with no value, such as a call to `assert`.
  case void
  /// A number of the given type.
  case numeric(NumericType, Qualifiers = [])
  /// A pointer to values of the pointee type.
  case pointer(GeNNType, Qualifiers = [])
  /// A function.
  case function(FunctionType)

  /// The qualifiers of a value or pointer type.
  public struct Qualifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The value cannot be assigned.
    public static let const = Qualifiers(rawValue: 1)
    /// The value can only be assigned with `=`, never read (GeNN's reduction targets).
    public static let writeOnly = Qualifiers(rawValue: 2)
  }

  // MARK: Convenient spellings

  public static let bool = GeNNType.numeric(.bool)
  public static let int8 = GeNNType.numeric(.int8)
  public static let uint8 = GeNNType.numeric(.uint8)
  public static let int16 = GeNNType.numeric(.int16)
  public static let uint16 = GeNNType.numeric(.uint16)
  public static let int32 = GeNNType.numeric(.int32)
  public static let uint32 = GeNNType.numeric(.uint32)
  public static let int64 = GeNNType.numeric(.int64)
  public static let uint64 = GeNNType.numeric(.uint64)
  public static let float = GeNNType.numeric(.float)
  public static let double = GeNNType.numeric(.double)

  /// A function type.
  public static func function(
    returning result: GeNNType, _ parameters: [GeNNType], variadic: Bool = false
  ) -> GeNNType {
    .function(FunctionType(result: result, parameters: parameters, isVariadic: variadic))
  }

  // MARK: Queries

  /// The qualifiers of a value or pointer (none for functions and `void`).
  public var qualifiers: Qualifiers {
    switch self {
    case .numeric(_, let q), .pointer(_, let q): q
    case .void, .function: []
    }
  }

  /// Whether the value cannot be assigned.
  public var isConst: Bool { qualifiers.contains(.const) }

  /// Whether the value can only be assigned, never read.
  public var isWriteOnly: Bool { qualifiers.contains(.writeOnly) }

  /// The numeric type, if this is a number.
  public var numeric: NumericType? {
    if case .numeric(let n, _) = self { n } else { nil }
  }

  /// The pointee, if this is a pointer.
  public var pointee: GeNNType? {
    if case .pointer(let p, _) = self { p } else { nil }
  }

  /// The function type, if this is a function.
  public var function: FunctionType? {
    if case .function(let f) = self { f } else { nil }
  }

  /// Whether the type is an integer type.
  public var isIntegral: Bool { numeric?.isIntegral ?? false }

  /// Whether a value of this type can be a condition: a readable number or a pointer.
  public var isScalar: Bool {
    switch self {
    case .pointer: true
    case .numeric(_, let q): !q.contains(.writeOnly)
    case .void, .function: false
    }
  }

  /// The same type with `qualifiers` replaced.
  public func with(_ qualifiers: Qualifiers) -> GeNNType {
    switch self {
    case .numeric(let n, _): .numeric(n, qualifiers)
    case .pointer(let p, _): .pointer(p, qualifiers)
    case .void, .function: self
    }
  }

  /// The same type with `const` added.
  public var addingConst: GeNNType { with(qualifiers.union(.const)) }

  /// The same type without qualifiers (the pointee keeps its own).
  public var unqualified: GeNNType { with([]) }

  /// A pointer to this type.
  public func pointer(const isConst: Bool = false) -> GeNNType {
    .pointer(self, isConst ? .const : [])
  }

  /// The type as C++ spells it, with C++'s placement of `const` for pointers.
  public var cName: String {
    switch self {
    case .void: "void"
    case .numeric(let n, let q): (q.contains(.const) ? "const " : "") + n.cName
    case .pointer(let p, let q): p.cName + "*" + (q.contains(.const) ? " const" : "")
    case .function(let f): f.description
    }
  }

  public var description: String { cName }
}

/// The type of a function: its result and parameters.
public struct FunctionType: Hashable, Sendable, CustomStringConvertible {
  /// The type of the call's value.
  public var result: GeNNType
  /// The parameter types.
  public var parameters: [GeNNType]
  /// Whether further arguments of any type may follow the parameters (`printf`).
  public var isVariadic: Bool
  /// Whether the "function" is used with subscript syntax, `name[index]`, rather than
  /// called: GeNN's array-subscript override, for arrays whose indexing the code
  /// generator rewrites.
  public var isSubscriptOnly: Bool

  /// Creates a function type.
  public init(
    result: GeNNType, parameters: [GeNNType], isVariadic: Bool = false,
    isSubscriptOnly: Bool = false
  ) {
    self.result = result
    self.parameters = parameters
    self.isVariadic = isVariadic
    self.isSubscriptOnly = isSubscriptOnly
  }

  public var description: String {
    let parameterList = parameters.map(\.cName) + (isVariadic ? ["..."] : [])
    return "\(result.cName)(\(parameterList.joined(separator: ", ")))"
  }
}

/// The two precisions a model chooses: `scalar` and `timepoint` resolve to these.
public struct TypeContext: Hashable, Sendable {
  /// The type `scalar` names, and the type of unsuffixed floating literals.
  public var scalar: NumericType
  /// The type `timepoint` names (the type of `t`).
  public var timepoint: NumericType

  /// Creates a context; both precisions must be `float` or `double`.
  public init(scalar: NumericType = .float, timepoint: NumericType? = nil) {
    precondition(scalar == .float || scalar == .double, "scalar must be float or double")
    self.scalar = scalar
    self.timepoint = timepoint ?? scalar
    precondition(
      self.timepoint == .float || self.timepoint == .double, "timepoint must be float or double")
  }
}
