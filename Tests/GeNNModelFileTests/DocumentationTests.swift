import Foundation
import GeNNModelFile
import GeNNRuntime
import Testing

/// The complete example of `docs/model-files.md` loads.
@Suite struct DocumentationTests {
  /// The first YAML code block of the schema's documentation.
  static func example() throws -> String {
    let text = try String(
      contentsOf: Fixtures.package.appendingPathComponent("docs/model-files.md"), encoding: .utf8)
    let blocks = text.components(separatedBy: "```yaml\n").dropFirst()
    let block = try #require(blocks.first?.components(separatedBy: "```").first)
    return block
  }

  @Test func completeExampleLoads() throws {
    let folder = try Fixtures.temporaryFolder()
    try NPYArray([Double](repeating: -55, count: 800)).write(
      to: folder.appendingPathComponent("initial-v.npy"))
    let path = folder.appendingPathComponent("example.yaml")
    try Self.example().write(to: path, atomically: true, encoding: .utf8)
    let file = try ModelFile.load(path: path.path)
    #expect(file.model.neuronPopulations.map(\.name) == ["E", "I", "Adaptive"])
    #expect(file.model.neuronPopulation(named: "I")?.params["TauRefrac"] == 2)
    #expect(file.model.synapsePopulations.map(\.name) == ["EE", "EAdaptive"])
    #expect(file.recording.spikes == ["E", "I", "Adaptive"])
    #expect(file.run.length == .milliseconds(1000))
  }
}
