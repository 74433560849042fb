import Foundation

/// Runs checks through `python3`'s zlib when it is installed.
enum Python {
  /// Whether `python3 -c 'import zlib'` succeeds.
  static let available = (try? run("import zlib", input: []).status) == 0

  /// Runs `python3 -c script path`, `path` a temporary file holding `input`; returns the
  /// exit status and standard output.
  static func run(_ script: String, input: [UInt8]) throws -> (status: Int32, output: [UInt8]) {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("gennplot-\(UUID().uuidString).bin")
    try Data(input).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, file.path]
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, [UInt8](output))
  }

  /// `zlib.decompress` of `data`, or nil when Python rejects it.
  static func zlibDecompress(_ data: [UInt8]) throws -> [UInt8]? {
    let result = try run(
      "import sys, zlib; sys.stdout.buffer.write(zlib.decompress(open(sys.argv[1], 'rb').read()))",
      input: data)
    return result.status == 0 ? result.output : nil
  }
}
