import Foundation
import GeNNNPY
import Testing

/// Reading and writing NumPy `.npy` files: round trips, the header layout, errors, and
/// agreement with NumPy itself and with GeNN's reference output.
@Suite struct NPYTests {
  static let shapes: [[Int]] = [[], [5], [3, 4], [2, 3, 4], [0], [0, 3]]

  /// An array of `dtype` with `shape`, cycling through values that include each type's
  /// extremes.
  static func sample(_ dtype: NPYDType, shape: [Int]) -> NPYArray {
    let count = shape.reduce(1, *)
    func cycle<T>(_ values: [T]) -> [T] { (0..<count).map { values[$0 % values.count] } }
    let values: NPYArray.Values =
      switch dtype {
      case .float32:
        .float32(
          cycle([0, -1.5, .pi, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -1e-30, .infinity])
        )
      case .float64:
        .float64(
          cycle([0.1, -2, .pi, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 1e300, -.infinity])
        )
      case .int32: .int32(cycle([0, -1, .min, .max, 7]))
      case .int64: .int64(cycle([0, -1, .min, .max, -123_456_789_012]))
      case .uint32: .uint32(cycle([0, 1, .max, 123_456]))
      case .uint8: .uint8(cycle([0, 1, 255, 128]))
      case .bool: .bool(cycle([true, false, false, true, true]))
      }
    return try! NPYArray(values, shape: shape)
  }

  /// The arrays of every element type and shape.
  static var samples: [NPYArray] {
    NPYDType.allCases.flatMap { dtype in shapes.map { sample(dtype, shape: $0) } }
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("npy-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  static func name(_ array: NPYArray) -> String {
    "\(array.dtype)_\(array.shape.map(String.init).joined(separator: "x"))"
      .replacingOccurrences(of: "<", with: "").replacingOccurrences(of: "|", with: "")
  }

  @Test(arguments: samples)
  func roundTripsThroughBytesAndFiles(array: NPYArray) throws {
    #expect(try NPYReader.decode(array.encoded()) == array)
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("array.npy")
    try array.write(to: url)
    #expect(try NPYReader.read(from: url) == array)
  }

  @Test(arguments: samples)
  func headerIsAlignedAndDescribesTheArray(array: NPYArray) throws {
    let bytes = array.encoded()
    #expect(Array(bytes.prefix(8)) == [0x93] + Array("NUMPY".utf8) + [1, 0])
    let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    let dataStart = 10 + headerLength
    #expect(dataStart % 64 == 0)
    #expect(bytes[dataStart - 1] == UInt8(ascii: "\n"))
    #expect(bytes.count - dataStart == array.count * array.dtype.size)
    let header = String(decoding: bytes[10..<dataStart], as: UTF8.self)
    let shape =
      array.shape.count == 1
      ? "(\(array.shape[0]),)" : "(\(array.shape.map(String.init).joined(separator: ", ")))"
    #expect(
      header.hasPrefix(
        "{'descr': '\(array.dtype.descr)', 'fortran_order': False, 'shape': \(shape), }"))
  }

  /// `bytes` with the first occurrence of `old` replaced by `new`.
  static func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
    let (old, new) = (Array(old.utf8), Array(new.utf8))
    guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: old) }) else {
      return bytes
    }
    return Array(bytes[..<start]) + new + Array(bytes[(start + old.count)...])
  }

  @Test func byteOrderMarksThatMeanLittleEndianAreAccepted() throws {
    let array = try NPYArray([1.5, -2] as [Double])
    let native = Self.replacing("'<f8'", with: "'=f8'", in: array.encoded())
    #expect(try NPYReader.decode(native) == array)
    let bytes = try NPYArray([7, 8] as [UInt8])
    let bigEndianByte = Self.replacing("'|u1'", with: "'>u1'", in: bytes.encoded())
    #expect(try NPYReader.decode(bigEndianByte) == bytes)
  }

  @Test func writingReplacesAtomicallyAndFailsCleanly() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("values.npy")
    try NPYArray([1, 2, 3] as [Int64]).write(to: url)
    try NPYArray([4.5] as [Float]).write(to: url)
    #expect(try NPYReader.read(from: url) == NPYArray([4.5] as [Float]))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["values.npy"])

    let missing = folder.appendingPathComponent("missing/values.npy")
    #expect {
      try NPYArray([1] as [Int32]).write(to: missing)
    } throws: { error in
      guard case .cannotWrite(let file, _) = error as? NPYError else { return false }
      return file == missing.path
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["values.npy"])
  }

  @Test func shapesMustHoldTheValues() {
    #expect(throws: NPYError.shapeMismatch(shape: [2, 2], count: 3)) {
      try NPYArray([1, 2, 3] as [Double], shape: [2, 2])
    }
    #expect(throws: NPYError.shapeMismatch(shape: [], count: 2)) {
      try NPYArray([1, 2] as [Int32], shape: [])
    }
    #expect(throws: NPYError.shapeMismatch(shape: [-1, -2], count: 2)) {
      try NPYArray([1, 2] as [Int32], shape: [-1, -2])
    }
  }

  @Test func malformedFilesAreRejectedWithTheFileAndTheProblem() throws {
    let good = try NPYArray([1, 2, 3] as [Double], shape: [3]).encoded()
    func decode(_ bytes: [UInt8]) throws { _ = try NPYReader.decode(bytes, file: "x.npy") }
    func replacing(_ old: String, _ new: String) -> [UInt8] {
      Self.replacing(old, with: new, in: good)
    }

    #expect(throws: NPYError.badMagic(file: "x.npy")) { try decode(Array("PK\u{3}\u{4}zip".utf8)) }
    var version4 = good
    version4[6] = 4
    #expect(throws: NPYError.unsupportedVersion(file: "x.npy", major: 4, minor: 0)) {
      try decode(version4)
    }
    #expect(throws: NPYError.unsupportedDType(file: "x.npy", descr: "<c8")) {
      try decode(replacing("'<f8'", "'<c8'"))
    }
    #expect(throws: NPYError.bigEndian(file: "x.npy", descr: ">f8")) {
      try decode(replacing("'<f8'", "'>f8'"))
    }
    #expect(throws: NPYError.fortranOrder(file: "x.npy")) {
      try decode(replacing("False", "True "))
    }
    #expect(
      throws: NPYError.dataSizeMismatch(
        file: "x.npy", shape: [3], dtype: .float64, expected: 24, actual: 16)
    ) { try decode(Array(good.dropLast(8))) }
    #expect(throws: NPYError.malformedHeader(file: "x.npy", reason: "no tuple 'shape'")) {
      try decode(replacing("'shape'", "'shapf'"))
    }
    #expect(
      throws: NPYError.malformedHeader(file: "x.npy", reason: "expected ',' or ')' in 'shape'")
    ) {
      try decode(replacing("(3,)", "(3;)"))
    }
    #expect(
      throws: NPYError.malformedHeader(
        file: "x.npy", reason: "the header is 118 bytes, the file ends after 20")
    ) {
      try decode(Array(good.prefix(30)))
    }

    let message = NPYError.unsupportedDType(file: "/data/x.npy", descr: "<c8").description
    #expect(
      message
        == "/data/x.npy: element type '<c8' is not supported; supported: <f4, <f8, <i4, <i8, <u4, |u1, |b1"
    )
    let missing = URL(fileURLWithPath: "/nonexistent/x.npy")
    #expect {
      try NPYReader.read(from: missing)
    } throws: { error in
      "\(error)".hasPrefix("/nonexistent/x.npy: cannot read: ")
    }
  }

  @Test func accessorsConvertOrRefuse() throws {
    let integers = try NPYArray([-3, 4_000_000_000] as [Int64])
    #expect(integers.doubles == [-3, 4e9])
    #expect(integers.int64s == [-3, 4_000_000_000])
    #expect(integers.int32s == nil)
    let flags = try NPYArray([true, false])
    #expect(flags.doubles == [1, 0])
    #expect(flags.int64s == [1, 0])
    #expect(flags.bools == [true, false])
    let floats = try NPYArray([0.5] as [Float])
    #expect(floats.int64s == nil)
    #expect(floats.floats == [0.5])
    #expect(try NPYArray([7] as [UInt32]).uint32s == [7])
    #expect(try NPYArray([7] as [UInt8]).uint8s == [7])
  }

  @Test func readsGeNNReferenceOutput() throws {
    let folder = Self.referenceFolder.appendingPathComponent("lif_constant_current")
    try #require(
      FileManager.default.fileExists(atPath: folder.path),
      "GeNN's reference output is not at \(folder.path); set GENN_REFERENCE_DIR")
    let voltages = try NPYReader.read(from: folder.appendingPathComponent("LIF_3_V.npy"))
    #expect(voltages.dtype == .float64)
    #expect(voltages.shape == [1000, 2])
    #expect(voltages.doubles.allSatisfy { $0.isFinite && $0 > -100 && $0 < 0 })
    let steps = try NPYReader.read(from: folder.appendingPathComponent("LIF_3_spikes_steps.npy"))
    #expect(steps.dtype == .int64)
    let values = try #require(steps.int64s)
    #expect(steps.shape == [values.count])
    #expect(!values.isEmpty && zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
  }

  /// `$GENN_REFERENCE_DIR`, else `../shared/reference` beside the package.
  static var referenceFolder: URL {
    if let path = ProcessInfo.processInfo.environment["GENN_REFERENCE_DIR"] {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "shared/reference")
  }
}
