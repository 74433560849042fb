import GeNNTranspiler

/// The values a parameter or variable may take: finite numbers between two bounds (the
/// lower one included or not), optionally only whole ones. Validation checks parameters
/// against the domains their model or snippet declares and against their type, and
/// initial values against their variable's type.
public struct ValueDomain: Hashable, Sendable, CustomStringConvertible {
  /// The smallest value, or the value every value must exceed.
  public var lowerBound: Double
  /// Whether ``lowerBound`` itself is allowed.
  public var includesLowerBound: Bool
  /// The largest value.
  public var upperBound: Double
  /// Whether only whole numbers are allowed.
  public var wholeNumbers: Bool

  /// The finite numbers of `range`, or only its whole numbers.
  public init(_ range: ClosedRange<Double>, wholeNumbers: Bool = false) {
    lowerBound = range.lowerBound
    includesLowerBound = true
    upperBound = range.upperBound
    self.wholeNumbers = wholeNumbers
  }

  /// The finite numbers greater than `lowerBound`.
  public init(above lowerBound: Double) {
    self.lowerBound = lowerBound
    includesLowerBound = false
    upperBound = .greatestFiniteMagnitude
    wholeNumbers = false
  }

  /// Whether `value` is in the domain.
  public func contains(_ value: Double) -> Bool {
    value.isFinite && (includesLowerBound ? value >= lowerBound : value > lowerBound)
      && value <= upperBound && (!wholeNumbers || value == value.rounded())
  }

  /// `a number in [0, 1]`, `a whole number in [1, 2147483647]`, `a number greater than 0`.
  public var description: String {
    let kind = wholeNumbers ? "a whole number" : "a number"
    if upperBound == .greatestFiniteMagnitude {
      return "\(kind) \(includesLowerBound ? "of at least" : "greater than") "
        + Self.format(lowerBound)
    }
    return "\(kind) in \(includesLowerBound ? "[" : "(")\(Self.format(lowerBound)), "
      + "\(Self.format(upperBound))]"
  }

  /// A bound as an integer where it is one.
  private static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e19
      ? (value < 0 ? "\(Int64(value))" : "\(UInt64(value))") : "\(value)"
  }

  /// Probabilities: [0, 1].
  public static let probability = ValueDomain(0...1)
  /// Counts held in an `unsigned int`: whole numbers from 0 to 4294967295.
  public static let count = ValueDomain(0...Double(UInt32.max), wholeNumbers: true)
  /// Sizes and strides held in an `int`: whole numbers from 1 to 2147483647.
  public static let size = ValueDomain(1...Double(Int32.max), wholeNumbers: true)
  /// Paddings and offsets held in an `int`: whole numbers from 0 to 2147483647.
  public static let padding = ValueDomain(0...Double(Int32.max), wholeNumbers: true)
  /// Rates and scales: numbers of at least 0.
  public static let nonNegative = ValueDomain(0...Double.greatestFiniteMagnitude)

  /// The values type `type` holds: its whole numbers for an integer type (the largest
  /// doubles that fit for 64-bit ones), 0 and 1 for `bool`, finite numbers within its
  /// range for `float` and `double`.
  public static func of(_ type: NumericType) -> ValueDomain {
    switch type {
    case .bool: ValueDomain(0...1, wholeNumbers: true)
    case .int8: ValueDomain(Double(Int8.min)...Double(Int8.max), wholeNumbers: true)
    case .uint8: ValueDomain(0...Double(UInt8.max), wholeNumbers: true)
    case .int16: ValueDomain(Double(Int16.min)...Double(Int16.max), wholeNumbers: true)
    case .uint16: ValueDomain(0...Double(UInt16.max), wholeNumbers: true)
    case .int32: ValueDomain(Double(Int32.min)...Double(Int32.max), wholeNumbers: true)
    case .uint32: .count
    // 2^63 and 2^64 are doubles but do not fit; the doubles below them do.
    case .int64: ValueDomain(-0x1p63...0x1p63.nextDown, wholeNumbers: true)
    case .uint64: ValueDomain(0...0x1p64.nextDown, wholeNumbers: true)
    case .float:
      ValueDomain(-Double(Float.greatestFiniteMagnitude)...Double(Float.greatestFiniteMagnitude))
    case .double: ValueDomain(-Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
    }
  }
}
