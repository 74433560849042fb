import Foundation
import GeNNModelFile
import Testing

/// Every example model file runs with `genn run` as the README shows, and its output
/// folder holds what its summary says, for the populations and variables the file
/// describes.
@Suite struct ExampleRunTests {
  /// The examples, each of which runs in seconds (the microcircuit at its default 5 %
  /// scale).
  static let examples = [
    "izhikevich-types.yaml", "izhikevich-network.yaml", "vogels-abbott-coba.yaml",
    "vogels-abbott-cuba.yaml", "stdp.yaml", "potjans-diesmann.yaml",
  ]

  @Test func everyRunnableExampleIsListed() throws {
    let files = try FileManager.default.contentsOfDirectory(
      atPath: Genn.package.appendingPathComponent("Examples/models").path
    ).filter { $0.hasSuffix(".yaml") }
    #expect(Set(files) == Set(Self.examples))
  }

  @Test(arguments: examples)
  func runs(_ name: String) throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["run", Genn.example(name), "--out", "out"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    // Not a terminal: no progress bar, nothing on standard error.
    #expect(outcome.stderr.isEmpty)
    #expect(outcome.stdout.contains("output"))

    let output = try RunFolder(folder.appendingPathComponent("out"))
    try output.checkConsistency()
    let file = try ModelFile.load(path: Genn.example(name))
    #expect(output.summary["model"] as? String == file.model.name)
    #expect(try output.steps == (file.run.length?.steps(dt: file.model.dt) ?? 10_000))
    #expect(
      output.populations.map { $0["name"] as? String } == file.model.neuronPopulations.map(\.name))
    #expect(
      output.populations.map { $0["neurons"] as? Int } == file.model.neuronPopulations.map(\.size))
    #expect(
      output.populations.filter { $0["spikes_recorded"] as? Bool == true }.map {
        $0["name"] as? String
      }
        == file.model.neuronPopulations.filter(\.recordSpikes).map(\.name))
    #expect(
      output.variables.map { "\($0["element"] ?? "").\($0["variable"] ?? "")" }
        == file.recording.variables.map { "\($0.element.name).\($0.variable)" })
    // Every example shows activity: some population fires.
    #expect(output.populations.contains { ($0["spikes"] as? Int ?? 0) > 0 })
    #expect(!output.pictures.isEmpty)
    // Nothing but the output folder was left beside it.
    #expect(Genn.contents(of: folder) == ["out"])
  }
}
