import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads NumPy `.npy` files: format versions 1.x, 2.x and 3.x, C order, the element
/// types of `NPYDType` in little-endian (`<`), native (`=`) or not-applicable (`|`) byte
/// order.
public enum NPYReader {
  /// Reads the array in the file at `url`.
  ///
  /// - Throws: ``NPYError/cannotRead(file:reason:)`` when it is not a regular file (a
  ///   folder, a device such as `/dev/zero`, a pipe) or cannot be read, with the
  ///   operating system's reason; the other cases when its contents are not a `.npy` file
  ///   this reader takes.
  public static func read(from url: URL) throws(NPYError) -> NPYArray {
    try checkRegularFile(url)
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .cannotRead(file: url.path, reason: reason(error))
    }
    return try decode([UInt8](data), file: url.path)
  }

  /// The shape and element type of the array in the file at `url`, read from its header
  /// alone (so a caller can refuse an array of the wrong shape without reading it), once
  /// the file's size is checked to be what they make.
  ///
  /// - Throws: as ``read(from:)``.
  public static func shape(of url: URL) throws(NPYError) -> (shape: [Int], dtype: NPYDType) {
    let size = try checkRegularFile(url)
    let prefix: Data
    do {
      let handle = try FileHandle(forReadingFrom: url)
      defer { try? handle.close() }
      prefix = try handle.read(upToCount: maxHeaderBytes) ?? Data()
    } catch {
      throw .cannotRead(file: url.path, reason: reason(error))
    }
    let parsed: (header: NPYHeader, dtype: NPYDType, dataStart: Int)
    do {
      parsed = try parseHeader([UInt8](prefix), file: url.path)
    } catch .malformedHeader(_, _) where declaredHeaderEnd(prefix) > prefix.count {
      // A header longer than the bytes read: read it all.
      let array = try read(from: url)
      return (array.shape, array.dtype)
    }
    let (header, dtype, dataStart) = parsed
    let expected = dataBytes(shape: header.shape, dtype: dtype)
    guard size - dataStart == expected else {
      throw .dataSizeMismatch(
        file: url.path, shape: header.shape, dtype: dtype, expected: expected,
        actual: size - dataStart)
    }
    return (header.shape, dtype)
  }

  /// The most bytes ``shape(of:)`` reads at first: a header longer than this is not one
  /// NumPy writes for the arrays this reader takes.
  static let maxHeaderBytes = 1 << 20

  /// Where the header that `prefix` (a file's first bytes) declares ends; 0 when the
  /// prefix does not say.
  private static func declaredHeaderEnd(_ prefix: Data) -> Int {
    let bytes = [UInt8](prefix.prefix(12))
    guard bytes.count >= 10 else { return 0 }
    let lengthSize = bytes[6] == 1 ? 2 : 4
    guard bytes.count >= 8 + lengthSize else { return 0 }
    let length = (0..<lengthSize).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
    return 8 + lengthSize + length
  }

  /// The bytes of the data of an array of `shape` and `dtype` (`Int.max` when they
  /// overflow).
  private static func dataBytes(shape: [Int], dtype: NPYDType) -> Int {
    shape.reduce(dtype.size) { product, size in
      let (result, overflow) = product.multipliedReportingOverflow(by: size)
      return overflow ? Int.max : result
    }
  }

  /// The size of the file at `url`, a regular file.
  @discardableResult
  private static func checkRegularFile(_ url: URL) throws(NPYError) -> Int {
    var status = stat()
    guard stat(url.path, &status) == 0 else {
      throw .cannotRead(file: url.path, reason: String(cString: strerror(errno)))
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return Int(status.st_size)
    case S_IFDIR: throw .cannotRead(file: url.path, reason: "it is a folder, not a file")
    default:
      throw .cannotRead(
        file: url.path, reason: "it is not a regular file (it is a device, a pipe or a socket)")
    }
  }

  /// The operating system's reason for a failed read, else the error's description.
  private static func reason(_ error: any Error) -> String {
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let underlying, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if (error as NSError).domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32((error as NSError).code)))
    }
    return error.localizedDescription
  }

  /// Decodes the bytes of a `.npy` file; `file` names it in errors.
  public static func decode(_ bytes: [UInt8], file: String = "(in memory)") throws(NPYError)
    -> NPYArray
  {
    let (header, dtype, dataStart) = try parseHeader(bytes, file: file)
    let expected = dataBytes(shape: header.shape, dtype: dtype)
    let data = bytes[dataStart...]
    guard data.count == expected else {
      throw .dataSizeMismatch(
        file: file, shape: header.shape, dtype: dtype, expected: expected, actual: data.count)
    }
    let values: NPYArray.Values =
      switch dtype {
      case .float32: .float32(load(data))
      case .float64: .float64(load(data))
      case .int32: .int32(load(data))
      case .int64: .int64(load(data))
      case .uint32: .uint32(load(data))
      case .uint8: .uint8(Array(data))
      case .bool: .bool(data.map { $0 != 0 })
      }
    return try NPYArray(values, shape: header.shape)
  }

  /// The header at the start of `bytes`, its element type, and where the data starts.
  private static func parseHeader(_ bytes: [UInt8], file: String) throws(NPYError) -> (
    header: NPYHeader, dtype: NPYDType, dataStart: Int
  ) {
    guard bytes.starts(with: [0x93] + Array("NUMPY".utf8)), bytes.count >= 8 else {
      throw .badMagic(file: file)
    }
    let lengthSize: Int
    switch bytes[6] {
    case 1: lengthSize = 2
    case 2, 3: lengthSize = 4
    default: throw .unsupportedVersion(file: file, major: bytes[6], minor: bytes[7])
    }
    let headerStart = 8 + lengthSize
    guard bytes.count >= headerStart else {
      throw .malformedHeader(file: file, reason: "the file ends inside the header length")
    }
    let headerLength = (0..<lengthSize).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
    let dataStart = headerStart + headerLength
    guard bytes.count >= dataStart else {
      throw .malformedHeader(
        file: file,
        reason:
          "the header is \(headerLength) bytes, the file ends after \(bytes.count - headerStart)")
    }
    let header = try NPYHeader(parsing: bytes[headerStart..<dataStart], file: file)
    let dtype = try dtype(header.descr, file: file)
    guard !header.fortranOrder else { throw .fortranOrder(file: file) }
    return (header, dtype, dataStart)
  }

  /// The element type `descr` names: a byte-order mark (`<`, `=`, `|`, or `>` for one-byte
  /// types), then `f4`, `f8`, `i4`, `i8`, `u4`, `u1` or `b1`.
  private static func dtype(_ descr: String, file: String) throws(NPYError) -> NPYDType {
    var code = Substring(descr)
    let order = code.first.flatMap { "<>|=".contains($0) ? $0 : nil }
    if order != nil { code = code.dropFirst() }
    guard let dtype = NPYDType.allCases.first(where: { $0.descr.dropFirst() == code }) else {
      throw .unsupportedDType(file: file, descr: descr)
    }
    if order == ">" && dtype.size > 1 { throw .bigEndian(file: file, descr: descr) }
    return dtype
  }

  /// Copies little-endian values out of `data`.
  private static func load<T: BitwiseCopyable>(_ data: ArraySlice<UInt8>) -> [T] {
    let count = data.count / MemoryLayout<T>.stride
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      data.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
      initialized = count
    }
  }
}
