/// The element types of `.npy` files that SwiftGeNN reads and writes, all little-endian.
public enum NPYDType: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
  /// 32-bit IEEE float.
  case float32 = "<f4"
  /// 64-bit IEEE float.
  case float64 = "<f8"
  /// 32-bit signed integer.
  case int32 = "<i4"
  /// 64-bit signed integer.
  case int64 = "<i8"
  /// 32-bit unsigned integer.
  case uint32 = "<u4"
  /// Unsigned byte.
  case uint8 = "|u1"
  /// Boolean, one byte holding 0 or 1.
  case bool = "|b1"

  /// The type as NumPy's `descr` spells it (`<f8`, `|u1`, ...).
  public var descr: String { rawValue }

  /// The size of one element in bytes.
  public var size: Int { Int(rawValue.dropFirst(2))! }

  public var description: String { descr }
}
