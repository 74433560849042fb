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
        "izhikevich-network.yaml", "izhikevich-types.yaml", "potjans-diesmann.yaml", "stdp.yaml",
        "vogels-abbott-coba.yaml", "vogels-abbott-cuba.yaml",
      ])
  }

  @Test(arguments: names)
  func loadsAndValidates(_ name: String) throws {
    let file = try ModelFile.load(path: Self.folder.appendingPathComponent(name).path)
    try file.model.validate()
    #expect(file.run.length != nil)
    #expect(!file.recording.spikes.isEmpty)
  }

  /// The total number of neurons of the example `name` read with `overrides`.
  static func neurons(_ name: String, _ overrides: [String: Double] = [:]) throws -> Int {
    let file = try ModelFile.load(
      path: folder.appendingPathComponent(name).path, overrides: ModelOverrides(overrides))
    return file.model.neuronPopulations.reduce(0) { $0 + $1.size }
  }

  @Test func sizes() throws {
    #expect(try Self.neurons("izhikevich-types.yaml") == 6)
    #expect(try Self.neurons("izhikevich-network.yaml") == 1000)
    #expect(try Self.neurons("vogels-abbott-coba.yaml") == 4000)
    #expect(try Self.neurons("vogels-abbott-cuba.yaml") == 4000)
    #expect(try Self.neurons("vogels-abbott-coba.yaml", ["N": 1000]) == 1000)
    #expect(try Self.neurons("vogels-abbott-cuba.yaml", ["N": 10001]) == 10001)
    #expect(try Self.neurons("potjans-diesmann.yaml") == 3859)
    #expect(try Self.neurons("potjans-diesmann.yaml", ["scale": 1]) == 77169)
  }

  @Test func potjansDiesmannHasTheMicrocircuitsProjections() throws {
    let file = try ModelFile.load(
      path: Self.folder.appendingPathComponent("potjans-diesmann.yaml").path)
    #expect(
      file.model.neuronPopulations.map(\.name) == [
        "L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I",
      ])
    // 64 pairs less the 9 with probability 0 and L5I to L4E, whose 0.3 inputs per neuron
    // PyGeNN rounds down to none.
    #expect(file.model.synapsePopulations.count == 54)
    #expect(file.model.currentSources.count == 8)
    #expect(
      file.model.synapsePopulations.allSatisfy {
        $0.weightUpdate.name == "StaticPulseDendriticDelay"
      })
  }

  /// The synapses of the microcircuit at `scale`.
  static func synapses(atScale scale: Double) throws -> Double {
    let file = try ModelFile.load(
      path: folder.appendingPathComponent("potjans-diesmann.yaml").path,
      overrides: ModelOverrides(["scale": scale]))
    return file.model.synapsePopulations.reduce(0) { total, synapses in
      guard case .snippet(_, let params) = synapses.connectivity else { return total }
      return total + (params["num"] ?? 0)
    }
  }

  @Test func potjansDiesmannScalesItsSynapsesAsPyGeNN() throws {
    // PyGeNN's potjans_microcircuit.py builds 298,624,465 synapses at full scale (its
    // "Total synapses" line); at 5 % each neuron keeps 5 % of its inputs.
    #expect(try Self.synapses(atScale: 1) == 298_624_465)
    let small = try Self.synapses(atScale: 0.05)
    #expect(abs(small - 298_624_465 * 0.05 * 0.05) < 298_624_465 * 0.05 * 0.05 * 0.01)
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
