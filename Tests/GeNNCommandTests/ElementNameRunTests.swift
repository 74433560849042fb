import Foundation
import Testing

/// A model file whose populations, synapse populations, current sources, custom updates
/// and update groups are named as GeNN's microcircuit names them (`23E`, `4I`, `23E_4I`)
/// runs with `genn run`, and its output files are named after them.
@Suite struct ElementNameRunTests {
  static let text = """
    name: microcircuit_names
    x-lif: &lif {C: 0.25, TauM: 10, Vrest: -65, Vreset: -65, Vthresh: -50, Ioffset: 0, TauRefrac: 2}
    neurons:
      23E:
        size: 20
        model: LIF
        params: *lif
        vars: {V: {snippet: Uniform, params: {min: -65, max: -50}}, RefracTime: 0}
      4I:
        size: 10
        model: LIF
        params: *lif
        vars: {V: -65, RefracTime: 0}
    current_sources:
      1DC: {model: DC, target: 23E, params: {amp: 0.6}}
    synapses:
      23E_4I:
        source: 23E
        target: 4I
        matrix_type: DENSE
        weight_update: {model: StaticPulse, vars: {g: 0.5}}
        postsynaptic: {model: ExpCurr, params: {tau: 5}}
    custom_updates:
      1Bump:
        group: 2Group
        model:
          params: [amount]
          var_refs: {V: scalar}
          update_code: V += amount;
        params: {amount: 4}
        var_refs:
          V: {population: 23E, var: V}
    record:
      spikes: [23E, 4I]
      vars:
        - {population: 4I, var: V, every: 10}
        - {synapses: 23E_4I, var: g, every: 100}
    run:
      duration: 100
      custom_updates:
        - {group: 2Group, every: 500}

    """

  @Test func runsWithOutputNamedAfterThem() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.text.write(
      to: folder.appendingPathComponent("names.yaml"), atomically: true, encoding: .utf8)
    let outcome = try Genn.run(["run", "names.yaml", "--out", "out"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")

    let output = try RunFolder(folder.appendingPathComponent("out"))
    try output.checkConsistency()
    #expect(output.populations.map { $0["name"] as? String } == ["23E", "4I"])
    #expect(try output.population("23E")["times_file"] as? String == "spikes/23E.times.npy")
    #expect(try output.population("4I")["ids_file"] as? String == "spikes/4I.ids.npy")
    #expect(try !output.spikes("23E").times.isEmpty)
    #expect(try !output.spikes("4I").times.isEmpty, "23E drives 4I through 23E_4I")
    let files = HostileNameTests.files(under: folder.appendingPathComponent("out"))
    for file in [
      "spikes/23E.times.npy", "spikes/23E.ids.npy", "spikes/4I.times.npy", "spikes/4I.ids.npy",
      "raster.svg", "raster.png", "traces.svg", "traces.png",
    ] {
      #expect(files.contains(file), "\(file) in \(files)")
    }
    #expect(files.contains { $0.hasPrefix("vars/4I.V") }, "\(files)")
    #expect(files.contains { $0.hasPrefix("vars/23E_4I.g") }, "\(files)")
  }
}
