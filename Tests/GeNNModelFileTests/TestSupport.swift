import Foundation
import GeNNModelFile
import Testing

/// Paths and helpers shared by the model-file tests.
enum Fixtures {
  /// The package's root folder.
  static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The path of fixture `name` in `Tests/Fixtures/model-files`.
  static func path(_ name: String) -> String {
    package.appendingPathComponent("Tests/Fixtures/model-files/\(name)").path
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "model-file-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The error that parsing `text` (as the file `name`, in `folder`) throws; records an
  /// issue if it parses.
  static func error(
    _ text: String, name: String = "test.yaml", folder: URL? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> ModelFileError? {
    do {
      _ = try ModelFile.parse(text, path: name, directory: folder)
      Issue.record("the file parsed without error", sourceLocation: sourceLocation)
      return nil
    } catch {
      return error
    }
  }
}
