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
}
