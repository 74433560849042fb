import Foundation

/// The machine's C++ compiler and the programs tests build with it.
enum CXXTool {
  /// Why a program could not be built or run.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// `$CXX` (split at spaces), else the first of `c++`, `g++`, `clang++` on `PATH`.
  static func compiler() throws -> [String] {
    let environment = ProcessInfo.processInfo.environment
    if let cxx = environment["CXX"], !cxx.isEmpty {
      return cxx.split(separator: " ").map(String.init)
    }
    let path = (environment["PATH"] ?? "").split(separator: ":")
    for name in ["c++", "g++", "clang++"] {
      for folder in path where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
        return ["\(folder)/\(name)"]
      }
    }
    throw Failure(description: "no C++ compiler: set CXX or put c++, g++ or clang++ on PATH")
  }

  /// Runs `arguments`, with standard output to `stdout` (else captured with errors).
  static func run(_ arguments: [String], stdout: FileHandle? = nil) throws -> (
    status: Int32, text: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = stdout ?? pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Compiles `source` (C++) with the machine's compiler, `flags` before the source and
  /// `libraries` after it, in a folder of its own named after `name`, runs it and returns
  /// what it wrote to standard output (bytes, which need not be text).
  ///
  /// - Throws: ``Failure`` with the compiler's messages, or the program's errors and
  ///   status when it does not exit with 0.
  static func output(
    ofProgram source: String, name: String, flags: [String], libraries: [String] = []
  ) throws -> Data {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("genn-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("\(name).cpp")
    let executable = folder.appendingPathComponent(name)
    let output = folder.appendingPathComponent("output")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let command = try compiler() + flags
    let build = try run(command + ["-o", executable.path, file.path] + libraries)
    guard build.status == 0 else {
      throw Failure(description: "\(command.joined(separator: " ")) failed:\n\(build.text)")
    }
    guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
      throw Failure(description: "cannot create \(output.path)")
    }
    let program = try run([executable.path], stdout: FileHandle(forWritingTo: output))
    guard program.status == 0 else {
      throw Failure(description: "\(name) exited with \(program.status): \(program.text)")
    }
    return try Data(contentsOf: output)
  }
}
