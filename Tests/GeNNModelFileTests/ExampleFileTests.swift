import Foundation
import GeNNModel
import GeNNModelFile
import Testing

/// Every example model file in `Examples/models` loads and validates, with the sizes the
/// examples promise.
@Suite struct ExampleFileTests {
  static let folder = Fixtures.package.appendingPathComponent("Examples/models")

  static var names: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
  }

  @Test func everyExampleIsPresent() {
    #expect(
      Self.names == [
        "izhikevich-network.yaml", "izhikevich-types.yaml", "potjans-diesmann-small.yaml",
        "potjans-diesmann.yaml", "stdp.yaml", "vogels-abbott-coba.yaml", "vogels-abbott-cuba.yaml",
      ])
  }

  @Test(arguments: names)
  func loadsAndValidates(_ name: String) throws {
    let file = try ModelFile.load(path: Self.folder.appendingPathComponent(name).path)
    try file.model.validate()
    #expect(file.run.length != nil)
    #expect(!file.recording.spikes.isEmpty)
  }

  /// The total number of neurons of the example `name`.
  static func neurons(_ name: String) throws -> Int {
    let file = try ModelFile.load(path: folder.appendingPathComponent(name).path)
    return file.model.neuronPopulations.reduce(0) { $0 + $1.size }
  }

  @Test func sizes() throws {
    #expect(try Self.neurons("izhikevich-types.yaml") == 6)
    #expect(try Self.neurons("izhikevich-network.yaml") == 1000)
    #expect(try Self.neurons("vogels-abbott-coba.yaml") == 4000)
    #expect(try Self.neurons("vogels-abbott-cuba.yaml") == 4000)
    #expect(try Self.neurons("potjans-diesmann.yaml") == 77169)
    #expect(try Self.neurons("potjans-diesmann-small.yaml") == 3858)
  }

  @Test func potjansDiesmannHasTheMicrocircuitsProjections() throws {
    let file = try ModelFile.load(
      path: Self.folder.appendingPathComponent("potjans-diesmann.yaml").path)
    #expect(
      file.model.neuronPopulations.map(\.name) == [
        "L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I",
      ])
    // 64 pairs less the 9 with probability 0.
    #expect(file.model.synapsePopulations.count == 55)
    #expect(file.model.currentSources.count == 8)
    #expect(
      file.model.synapsePopulations.allSatisfy {
        $0.weightUpdate.name == "StaticPulseDendriticDelay"
      })
  }

  @Test func vogelsAbbottMatchesTheSwiftExample() throws {
    let file = try ModelFile.load(
      path: Self.folder.appendingPathComponent("vogels-abbott-coba.yaml").path)
    let excitatory = try #require(file.model.synapsePopulations.first { $0.name == "EE" })
    #expect(excitatory.weightUpdateParams == ["g": 0.006])
    #expect(excitatory.postsynapticParams == ["tau": 5, "E": 0])
    #expect(file.model.neuronPopulation(named: "E")?.params["Vrest"] == -49)
    #expect(try file.run.length?.steps(dt: file.model.dt) == 10_000)
  }
}
