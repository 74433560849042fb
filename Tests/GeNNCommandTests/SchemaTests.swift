import Foundation
import GeNNModelFile
import Testing

/// A model file's `schema`: optional, 1 today; a newer one is refused at its position
/// with what to do, before any key this version does not know.
@Suite struct SchemaTests {
  /// Runs `genn check` on the tiny model with `schema` as its first line.
  static func check(schema: String) throws -> Genn.Outcome {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(
      to: folder, replacing: [("name: tiny\n", "schema: \(schema)\nname: tiny\n")])
    return try Genn.run(["check", "tiny.yaml"], in: folder)
  }

  @Test func schemaOneIsRead() throws {
    let outcome = try Self.check(schema: "1")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(ModelFile.newestSchema == 1)
  }

  @Test func aNewerSchemaIsRefusedAtItsPosition() throws {
    let outcome = try Self.check(schema: "2\nfuture_key: {}")
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.hasPrefix(
        "tiny.yaml:1:9: error: this file is written for model-file schema 2, which a newer "
          + "SwiftGeNN reads; this one reads schema 1"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("Install a newer SwiftGeNN"))
    #expect(!outcome.stderr.contains("future_key"))
  }

  @Test(arguments: ["0", "-1", "1.5", "one", "[1]"])
  func aSchemaThatIsNotAPositiveWholeNumberIsRefused(_ schema: String) throws {
    let outcome = try Self.check(schema: schema)
    #expect(outcome.status == 1)
    #expect(outcome.stderr.hasPrefix("tiny.yaml:1:9: error: 'schema'"), "\(outcome.stderr)")
  }

  @Test func everyExampleSaysItsSchema() throws {
    let folder = Genn.package.appendingPathComponent("Examples/models")
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasSuffix(".yaml") {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      #expect(text.contains("\nschema: 1\n"), "\(name)")
    }
  }
}
