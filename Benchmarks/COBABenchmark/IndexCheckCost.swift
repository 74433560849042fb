import Foundation
import GeNNModel
import GeNNRuntime

/// What checking the indexes of extra global parameters costs (`egp` mode): COBA whose
/// neurons read their input offset from an extra global parameter every step
/// (`bias[id]`, all zero, so the network is COBA itself), built with
/// `Simulation.Options.checkIndices` and without (the default, GeNN's plain subscript);
/// one thread, alternating, medians.
enum IndexCheckCost {
  /// LIF with `Ioffset` read from `bias[id]`.
  static let tabledLIF: NeuronModel = {
    var model = NeuronModel.lif
    model.name = "LIFTabled"
    model.params.removeAll { $0 == "Ioffset" }
    model.extraGlobalParams = [ExtraGlobalParameter("bias", "scalar*")]
    model.simCode = model.simCode.replacingOccurrences(of: "Ioffset", with: "bias[id]")
    return model
  }()

  /// `model` with its neurons' LIF replaced by ``tabledLIF``, every bias zero.
  static func tabled(_ model: ModelSpec) -> ModelSpec {
    var tabled = model
    tabled.name += "_egp"
    for index in tabled.neuronPopulations.indices {
      tabled.neuronPopulations[index].model = tabledLIF
      tabled.neuronPopulations[index].params["Ioffset"] = nil
      tabled.neuronPopulations[index].extraGlobalParams = [
        "bias": Array(repeating: 0, count: tabled.neuronPopulations[index].size)
      ]
    }
    return tabled
  }

  /// Runs the measurement for COBA model `model` over `steps` steps and prints it.
  static func measure(_ model: ModelSpec, steps: Int) async throws {
    let tabled = tabled(model)
    var builds: [(label: String, build: ModelBuild, options: Simulation.Options)] = []
    for check in [false, true] {
      let options = Simulation.Options(threads: 1, checkIndices: check)
      builds.append(
        (
          check ? "checked" : "unchecked", try await ModelBuild(model: tabled, options: options),
          options
        ))
    }
    var times: [String: [Double]] = [:]
    var spikes: [String: Int] = [:]
    for _ in 0..<3 {
      for (label, build, options) in builds {
        let simulation = try Simulation(build: build, options: options)
        let clock = ContinuousClock()
        let elapsed = try clock.measure { try simulation.run(steps: steps) }
        times[label, default: []].append(
          Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        spikes[label] = try simulation.spikes(of: "E").count + simulation.spikes(of: "I").count
      }
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    let checked = median(times["checked"]!)
    let unchecked = median(times["unchecked"]!)
    let neurons = model.neuronPopulations.reduce(0) { $0 + $1.size }
    print("COBA whose neurons read bias[id] from an extra global parameter every step:")
    print("  \(neurons) neurons, \(steps) steps, 1 thread, 3 runs each (median)")
    print(
      String(
        format: "  checkIndices: false (baseline): %.3f s (%d spikes)", unchecked,
        spikes["unchecked"]!))
    print(
      String(
        format: "  checkIndices: true:             %.3f s (%d spikes)", checked, spikes["checked"]!)
    )
    print(
      String(
        format: "  ratio: checked indexes take %.2fx the time (%+.0f %%)", checked / unchecked,
        (checked / unchecked - 1) * 100))
  }
}
