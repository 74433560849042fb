import Foundation
import Testing

@testable import GeNNToolchain

/// The machine's real compiler, detected once for all tests.
enum RealToolchain {
  private static let detection = Task { try await Toolchain.detect() }

  static func get() async throws -> Toolchain {
    try await detection.value
  }
}

/// A fresh empty folder under the temporary folder.
func makeTemporaryFolder(_ label: String) throws -> URL {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("genn-\(label)-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}

/// Fast flags for tests: what the defaults do, without the optimiser's time.
let quickFlags = Toolchain.defaultFlags.map { $0 == "-O3" ? "-O0" : $0 }
