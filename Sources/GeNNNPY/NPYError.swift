/// What goes wrong making, reading or writing a `.npy` file; each case names the file
/// (or the in-memory source) and what is wrong with it.
public enum NPYError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The shape does not describe the number of values given.
  case shapeMismatch(shape: [Int], count: Int)
  /// The file could not be read.
  case cannotRead(file: String, reason: String)
  /// The file could not be written; nothing was left at its path.
  case cannotWrite(file: String, reason: String)
  /// The file does not start with NumPy's magic string `\x93NUMPY`.
  case badMagic(file: String)
  /// The format version is not 1.x, 2.x or 3.x.
  case unsupportedVersion(file: String, major: UInt8, minor: UInt8)
  /// The header dictionary is truncated or not as NumPy writes it.
  case malformedHeader(file: String, reason: String)
  /// The element type is not one of `NPYDType`'s.
  case unsupportedDType(file: String, descr: String)
  /// The element type is big-endian.
  case bigEndian(file: String, descr: String)
  /// The array is stored in Fortran (column-major) order.
  case fortranOrder(file: String)
  /// The data after the header is not the size the shape and element type call for.
  case dataSizeMismatch(file: String, shape: [Int], dtype: NPYDType, expected: Int, actual: Int)

  public var description: String {
    switch self {
    case .shapeMismatch(let shape, let count):
      "shape \(shape) does not hold \(count) values"
    case .cannotRead(let file, let reason):
      "\(file): cannot read: \(reason)"
    case .cannotWrite(let file, let reason):
      "\(file): cannot write: \(reason)"
    case .badMagic(let file):
      "\(file): not a NumPy .npy file (it does not start with \\x93NUMPY)"
    case .unsupportedVersion(let file, let major, let minor):
      "\(file): .npy format version \(major).\(minor) is not supported (1.x, 2.x and 3.x are)"
    case .malformedHeader(let file, let reason):
      "\(file): malformed .npy header: \(reason)"
    case .unsupportedDType(let file, let descr):
      "\(file): element type '\(descr)' is not supported; supported: "
        + NPYDType.allCases.map(\.descr).joined(separator: ", ")
    case .bigEndian(let file, let descr):
      "\(file): element type '\(descr)' is big-endian; save it little-endian "
        + "(for example with array.astype('<\(descr.dropFirst())'))"
    case .fortranOrder(let file):
      "\(file): the array is in Fortran order; save it in C order "
        + "(for example with numpy.ascontiguousarray)"
    case .dataSizeMismatch(let file, let shape, let dtype, let expected, let actual):
      "\(file): shape \(shape) of '\(dtype)' needs \(expected) bytes of data, "
        + "but the file has \(actual)"
    }
  }
}
