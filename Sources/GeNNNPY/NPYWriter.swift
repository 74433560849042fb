import Foundation

#if !_endian(little)
  #error(
    "NPY reading and writing copy values as they lie in memory: a little-endian host is required")
#endif

/// Writes arrays as NumPy `.npy` files, byte for byte as `numpy.save` does: format 1.0
/// (2.0 for a header too long for it), the header dictionary with its keys sorted and
/// room to grow the first axis, padded with spaces and a newline so that the data
/// starts at a multiple of 64 bytes.
public enum NPYWriter {
  /// The alignment of the data, in bytes.
  static let alignment = 64

  /// The file's bytes: magic, version, header length, header, data.
  public static func encode(_ array: NPYArray) -> [UInt8] {
    let dictionary = Array(header(array).utf8)
    func layout(lengthSize: Int) -> (padding: Int, headerLength: Int) {
      let padding = alignment - (8 + lengthSize + dictionary.count + 1) % alignment
      return (padding, dictionary.count + padding + 1)
    }
    var (lengthSize, (padding, headerLength)) = (2, layout(lengthSize: 2))
    if headerLength > Int(UInt16.max) {
      (lengthSize, (padding, headerLength)) = (4, layout(lengthSize: 4))
    }
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [lengthSize == 2 ? 1 : 2, 0]
    for index in 0..<lengthSize {
      bytes.append(UInt8(truncatingIfNeeded: headerLength >> (8 * index)))
    }
    bytes += dictionary + Array(repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
    bytes.reserveCapacity(bytes.count + array.count * array.dtype.size)
    switch array.values {
    case .float32(let values): values.withUnsafeBytes { bytes += $0 }
    case .float64(let values): values.withUnsafeBytes { bytes += $0 }
    case .int32(let values): values.withUnsafeBytes { bytes += $0 }
    case .int64(let values): values.withUnsafeBytes { bytes += $0 }
    case .uint32(let values): values.withUnsafeBytes { bytes += $0 }
    case .uint8(let values): bytes += values
    case .bool(let values): bytes += values.map { $0 ? 1 : 0 }
    }
    return bytes
  }

  /// Writes `array` to `url` atomically: to a temporary file beside it, then renamed
  /// over it, so that the path holds either the old file or the whole new one.
  public static func write(_ array: NPYArray, to url: URL) throws(NPYError) {
    do {
      try Data(encode(array)).write(to: url, options: .atomic)
    } catch {
      throw .cannotWrite(file: url.path, reason: error.localizedDescription)
    }
  }

  /// The header dictionary as Python's `repr` writes it, followed by the spaces NumPy
  /// leaves for the first axis to grow to 21 digits.
  private static func header(_ array: NPYArray) -> String {
    let shape =
      array.shape.count == 1
      ? "(\(array.shape[0]),)" : "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
    let growth = array.shape.first.map { max(0, 21 - String($0).count) } ?? 0
    return "{'descr': '\(array.dtype.descr)', 'fortran_order': False, 'shape': \(shape), }"
      + String(repeating: " ", count: growth)
  }
}

extension NPYArray {
  /// The `.npy` file's bytes, as `NPYWriter.encode` makes them.
  public func encoded() -> [UInt8] { NPYWriter.encode(self) }

  /// Writes the array to `url` as a `.npy` file, atomically (see `NPYWriter.write`).
  public func write(to url: URL) throws(NPYError) { try NPYWriter.write(self, to: url) }
}
