import Foundation
import GeNNCodeGen
import SwiftGeNN
import Testing

/// The code of model files generates: their code strings and snippets check, and every
/// kind of custom update reference they can write binds to something the code generator
/// knows.
@Suite struct ModelFileCodeTests {
  static let examples = Fixtures.package.appendingPathComponent("Examples/models")

  /// The example model files (the microcircuit at its default 5 % scale).
  static var exampleNames: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
  }

  @Test(arguments: exampleNames)
  func exampleCodeGenerates(_ name: String) throws {
    let file = try ModelFile.load(path: Self.examples.appendingPathComponent(name).path)
    do {
      _ = try CPUBackend().generate(file.model)
    } catch {
      Issue.record("\(file.located(error))")
    }
  }

  @Test func everyKindOfCustomUpdateReferenceGeneratesCode() throws {
    let file = try ModelFile.load(path: Fixtures.path("custom-update-references.yaml"))
    _ = try CPUBackend().generate(file.model)
  }
}
