import Foundation
import GeNNModelFile
import GeNNNPY
import Testing

/// The examples of `docs/model-files.md` load.
@Suite struct DocumentationTests {
  /// The YAML code block at `index` of the schema's documentation (0: the complete
  /// example).
  static func example(_ index: Int = 0) throws -> String {
    let text = try String(
      contentsOf: Fixtures.package.appendingPathComponent("docs/model-files.md"), encoding: .utf8)
    let blocks = Array(text.components(separatedBy: "```yaml\n").dropFirst())
    try #require(index < blocks.count)
    let block = try #require(blocks[index].components(separatedBy: "```").first)
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

  @Test func parameterExampleLoads() throws {
    let file = try ModelFile.parse(Self.example(1), path: "parameters.yaml")
    #expect(file.model.neuronPopulations.map(\.size) == [400, 100])
    #expect(file.model.synapsePopulations.first?.weightUpdateParams == ["g": 0.006])
    let full = try ModelFile.parse(
      Self.example(1), path: "parameters.yaml", overrides: ModelOverrides(["scale": 1]))
    #expect(full.model.neuronPopulations.map(\.size) == [4000, 1000])
    #expect(full.run.length == .milliseconds(1000))
  }

  @Test func customUpdateExampleLoads() throws {
    let neurons = """
      neurons:
        E:
          size: 5
          model: LIF
          params: {C: 1, TauM: 20, Vrest: -65, Vreset: -70, Vthresh: -50, Ioffset: 0, TauRefrac: 2}
          vars: {V: -65, RefracTime: 0}

      """
    let file = try ModelFile.parse(neurons + Self.example(4), path: "updates.yaml")
    #expect(file.model.customUpdates.map(\.name) == ["ClearV", "TotalV"])
    #expect(file.model.customUpdateGroups == ["Measure", "Reset"])
    #expect(
      file.run.customUpdates == [
        CustomUpdateSchedule(group: "Measure", everySteps: 10),
        CustomUpdateSchedule(group: "Reset", everySteps: 1000),
      ])
    #expect(file.recording.variables.map(\.element) == [.customUpdate("TotalV")])
  }

  @Test func typedParameterExampleLoads() throws {
    let population = try Self.example(2).split(separator: "\n").map { "    " + $0 }
      .joined(separator: "\n")
    let file = try ModelFile.parse(
      "neurons:\n  N:\n    size: 2\n" + population + "\n    vars: {x: 0}\n", path: "typed.yaml")
    let model = file.model.neuronPopulations[0].model
    #expect(model.paramTypes == ["d": "int", "n": "unsigned int", "on": "bool"])
    #expect(model.derivedParams.map(\.type) == ["int"])
  }

  @Test func unitExampleLoads() throws {
    let population = try Self.example(3).split(separator: "\n").map { "    " + $0 }
      .joined(separator: "\n")
    let file = try ModelFile.parse(
      "neurons:\n  N:\n    size: 2\n" + population + "\n", path: "units.yaml")
    #expect(file.unit(ofVariable: "V", of: .neuronPopulation("N")) == "mV")
    #expect(file.units.parameters[.neuronPopulation("N")] == ["tau": "ms"])
  }
}
