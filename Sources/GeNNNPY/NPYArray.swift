/// An n-dimensional array as a NumPy `.npy` file holds it: its values in row-major (C)
/// order, its shape, and so its element type.
public struct NPYArray: Hashable, Sendable {
  /// The values in row-major order, typed by their element type.
  public enum Values: Hashable, Sendable {
    /// 32-bit floats (`<f4`).
    case float32([Float])
    /// 64-bit floats (`<f8`).
    case float64([Double])
    /// 32-bit signed integers (`<i4`).
    case int32([Int32])
    /// 64-bit signed integers (`<i8`).
    case int64([Int64])
    /// 32-bit unsigned integers (`<u4`).
    case uint32([UInt32])
    /// Bytes (`|u1`).
    case uint8([UInt8])
    /// Booleans (`|b1`).
    case bool([Bool])

    /// The number of values.
    public var count: Int {
      switch self {
      case .float32(let values): values.count
      case .float64(let values): values.count
      case .int32(let values): values.count
      case .int64(let values): values.count
      case .uint32(let values): values.count
      case .uint8(let values): values.count
      case .bool(let values): values.count
      }
    }

    /// The element type.
    public var dtype: NPYDType {
      switch self {
      case .float32: .float32
      case .float64: .float64
      case .int32: .int32
      case .int64: .int64
      case .uint32: .uint32
      case .uint8: .uint8
      case .bool: .bool
      }
    }
  }

  /// The values, in row-major order.
  public let values: Values
  /// The size of each dimension: `[]` for a scalar, `[n]` for a vector, `[rows, columns]`
  /// for a matrix, and so on.
  public let shape: [Int]

  /// An array of `values` with `shape`, by default one-dimensional.
  ///
  /// - Throws: `NPYError.shapeMismatch` if the shape has a negative size or does not
  ///   hold exactly `values.count` elements.
  public init(_ values: Values, shape: [Int]? = nil) throws(NPYError) {
    let shape = shape ?? [values.count]
    guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
      throw .shapeMismatch(shape: shape, count: values.count)
    }
    self.values = values
    self.shape = shape
  }

  /// An array of 32-bit floats with `shape`, by default one-dimensional.
  public init(_ values: [Float], shape: [Int]? = nil) throws(NPYError) {
    try self.init(.float32(values), shape: shape)
  }

  /// An array of 64-bit floats with `shape`, by default one-dimensional.
  public init(_ values: [Double], shape: [Int]? = nil) throws(NPYError) {
    try self.init(.float64(values), shape: shape)
  }

  /// An array of 32-bit signed integers with `shape`, by default one-dimensional.
  public init(_ values: [Int32], shape: [Int]? = nil) throws(NPYError) {
    try self.init(.int32(values), shape: shape)
  }

  /// An array of 64-bit signed integers with `shape`, by default one-dimensional.
  public init(_ values: [Int64], shape: [Int]? = nil) throws(NPYError) {
    try self.init(.int64(values), shape: shape)
  }

  /// An array of 32-bit unsigned integers with `shape`, by default one-dimensional.
  public init(_ values: [UInt32], shape: [Int]? = nil) throws(NPYError) {
    try self.init(.uint32(values), shape: shape)
  }

  /// An array of bytes with `shape`, by default one-dimensional.
  public init(_ values: [UInt8], shape: [Int]? = nil) throws(NPYError) {
    try self.init(.uint8(values), shape: shape)
  }

  /// An array of booleans with `shape`, by default one-dimensional.
  public init(_ values: [Bool], shape: [Int]? = nil) throws(NPYError) {
    try self.init(.bool(values), shape: shape)
  }

  /// The element type.
  public var dtype: NPYDType { values.dtype }

  /// The number of elements.
  public var count: Int { values.count }
}

extension NPYArray {
  /// The values as doubles, whatever the element type (booleans as 0 and 1; 64-bit
  /// integers beyond 2^53 rounded).
  public var doubles: [Double] {
    switch values {
    case .float32(let values): values.map(Double.init)
    case .float64(let values): values
    case .int32(let values): values.map(Double.init)
    case .int64(let values): values.map(Double.init)
    case .uint32(let values): values.map(Double.init)
    case .uint8(let values): values.map(Double.init)
    case .bool(let values): values.map { $0 ? 1 : 0 }
    }
  }

  /// The values as 64-bit integers, exactly, for any integer or boolean element type;
  /// `nil` for floats.
  public var int64s: [Int64]? {
    switch values {
    case .float32, .float64: nil
    case .int32(let values): values.map(Int64.init)
    case .int64(let values): values
    case .uint32(let values): values.map(Int64.init)
    case .uint8(let values): values.map(Int64.init)
    case .bool(let values): values.map { $0 ? 1 : 0 }
    }
  }

  /// The values if they are 32-bit floats, else `nil`.
  public var floats: [Float]? {
    if case .float32(let values) = values { values } else { nil }
  }

  /// The values if they are 32-bit signed integers, else `nil`.
  public var int32s: [Int32]? {
    if case .int32(let values) = values { values } else { nil }
  }

  /// The values if they are 32-bit unsigned integers, else `nil`.
  public var uint32s: [UInt32]? {
    if case .uint32(let values) = values { values } else { nil }
  }

  /// The values if they are bytes, else `nil`.
  public var uint8s: [UInt8]? {
    if case .uint8(let values) = values { values } else { nil }
  }

  /// The values if they are booleans, else `nil`.
  public var bools: [Bool]? {
    if case .bool(let values) = values { values } else { nil }
  }
}
