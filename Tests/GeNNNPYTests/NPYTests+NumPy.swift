import Foundation
import GeNNNPY
import Testing

/// Agreement with NumPy itself, when `python3` can import it.
extension NPYTests {
  /// Whether `python3 -c 'import numpy'` succeeds.
  static let numPyAvailable = (try? python("import numpy").status) == 0

  /// Runs `python3 -c script arguments...`, returning its exit status and output.
  static func python(_ script: String, _ arguments: [String] = []) throws -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  /// `array`'s values as Python literals.
  static func pythonLiterals(_ array: NPYArray) -> [String] {
    let literals: [String] =
      switch array.values {
      case .float32(let values): values.map { "\(Double($0))" }
      case .float64(let values): values.map { "\($0)" }
      case .int32, .int64, .uint32, .uint8: array.int64s!.map { "\($0)" }
      case .bool(let values): values.map { $0 ? "True" : "False" }
      }
    return literals.map { $0.replacingOccurrences(of: "inf", with: "float('inf')") }
  }

  /// Whether two Python literals denote the same integer, float or other value.
  static func samePythonValue(_ a: String, _ b: String) -> Bool {
    if let x = Int64(a), let y = Int64(b) { return x == y }
    if let x = Double(a), let y = Double(b) { return x == y }
    return a == b
  }

  @Test(
    .enabled(
      if: numPyAvailable, "python3 with numpy is not available, so NumPy's files are not checked"))
  func readsFilesNumPyWrote() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var script = "import numpy as np\nfrom numpy.lib import format\n"
    for array in Self.samples {
      let shape = "(" + array.shape.map { "\($0)," }.joined() + ")"
      let values =
        "np.array([\(Self.pythonLiterals(array).joined(separator: ", "))], dtype='\(array.dtype)').reshape(\(shape))"
      let path = folder.appendingPathComponent(Self.name(array)).path
      script += "a = \(values)\nnp.save('\(path).npy', a)\n"
      for version in [2, 3] {
        script +=
          "with open('\(path)_v\(version).npy', 'wb') as f: format.write_array(f, a, version=(\(version), 0))\n"
      }
    }
    let result = try Self.python(script)
    try #require(result.status == 0, "python3 failed: \(result.output)")
    for array in Self.samples {
      for suffix in ["", "_v2", "_v3"] {
        let url = folder.appendingPathComponent(Self.name(array) + suffix + ".npy")
        #expect(try NPYReader.read(from: url) == array, "\(url.lastPathComponent)")
      }
    }
  }

  @Test(
    .enabled(
      if: numPyAvailable, "python3 with numpy is not available, so NumPy's files are not checked"))
  func rejectsNumPyFilesOutsideTheSupportedSet() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.path
    let result = try Self.python(
      """
      import numpy as np
      np.save('\(path)/fortran.npy', np.asfortranarray(np.arange(6.0).reshape(2, 3)))
      np.save('\(path)/big.npy', np.arange(3, dtype='>i4'))
      np.save('\(path)/half.npy', np.arange(3, dtype='<f2'))
      np.save('\(path)/record.npy', np.zeros(2, dtype=[('x', '<f4'), ('y', '<i4')]))
      """)
    try #require(result.status == 0, "python3 failed: \(result.output)")
    #expect(throws: NPYError.fortranOrder(file: "\(path)/fortran.npy")) {
      try NPYReader.read(from: URL(fileURLWithPath: "\(path)/fortran.npy"))
    }
    #expect(throws: NPYError.bigEndian(file: "\(path)/big.npy", descr: ">i4")) {
      try NPYReader.read(from: URL(fileURLWithPath: "\(path)/big.npy"))
    }
    #expect(throws: NPYError.unsupportedDType(file: "\(path)/half.npy", descr: "<f2")) {
      try NPYReader.read(from: URL(fileURLWithPath: "\(path)/half.npy"))
    }
    #expect(
      throws: NPYError.unsupportedDType(
        file: "\(path)/record.npy", descr: "a structured dtype (a list of fields)")
    ) { try NPYReader.read(from: URL(fileURLWithPath: "\(path)/record.npy")) }
  }

  @Test(
    .enabled(
      if: numPyAvailable, "python3 with numpy is not available, so NumPy's reading is not checked"))
  func numPyReadsOurFilesExactly() throws {
    let folder = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var paths: [String] = []
    for array in Self.samples {
      let url = folder.appendingPathComponent(Self.name(array) + ".npy")
      try array.write(to: url)
      paths.append(url.path)
    }
    let result = try Self.python(
      """
      import io, sys, numpy as np
      for path in sys.argv[1:]:
          a = np.load(path)
          saved = io.BytesIO()
          np.save(saved, a)
          same = saved.getvalue() == open(path, 'rb').read()
          values = ' '.join(repr(x) for x in a.ravel().tolist())
          print(a.dtype.str, a.shape, same, values, sep=';')
      """, paths)
    try #require(result.status == 0, "python3 failed: \(result.output)")
    let lines = result.output.split(separator: "\n")
    try #require(lines.count == Self.samples.count)
    for (array, line) in zip(Self.samples, lines) {
      let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
      let shape =
        "(" + array.shape.map(String.init).joined(separator: ", ")
        + (array.shape.count == 1 ? ",)" : ")")
      #expect(fields[0] == array.dtype.descr, "\(Self.name(array))")
      #expect(fields[1] == shape, "\(Self.name(array))")
      #expect(fields[2] == "True", "\(Self.name(array)): np.save writes other bytes")
      let values = fields[3].split(separator: " ").map(String.init)
      let expected = Self.pythonLiterals(array).map {
        $0.replacingOccurrences(of: "float('inf')", with: "inf")
      }
      #expect(
        zip(values, expected).allSatisfy(Self.samePythonValue), "\(Self.name(array)): \(values)")
      #expect(values.count == array.count)
    }
  }
}
