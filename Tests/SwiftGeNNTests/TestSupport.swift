import Foundation

/// Paths shared by the façade's tests.
enum Fixtures {
  /// The package's root folder.
  static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The path of fixture `name` in `Tests/Fixtures/model-files`.
  static func path(_ name: String) -> String {
    package.appendingPathComponent("Tests/Fixtures/model-files/\(name)").path
  }
}
