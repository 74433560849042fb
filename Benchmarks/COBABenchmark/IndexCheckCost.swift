import Foundation
import GeNNCodeGen
import GeNNModel
import GeNNRuntime
import GeNNToolchain

/// What checking the indexes of extra global parameters costs (`egp` mode): COBA whose
/// neurons read their input offset from an extra global parameter every step
/// (`bias[id]`, all zero, so the network is COBA itself), run as generated (each index
/// checked) and from the same source with every check replaced by a plain subscript,
/// compiled alike; one thread, alternating, medians.
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

  /// `source` with each `genn_checked_element(array, size, id, record, index, signed)`
  /// replaced by `array[index]`.
  static func unchecked(_ source: String) -> String {
    let call = "genn_checked_element("
    var result = ""
    var rest = Substring(source)
    while let start = rest.range(of: call) {
      result += rest[..<start.lowerBound]
      // Split the arguments at top-level commas, up to the closing parenthesis.
      var arguments: [String] = [""]
      var depth = 0
      var index = start.upperBound
      while index < rest.endIndex {
        let c = rest[index]
        if c == "(" { depth += 1 }
        if c == ")" {
          if depth == 0 { break }
          depth -= 1
        }
        if c == "," && depth == 0 {
          arguments.append("")
        } else {
          arguments[arguments.count - 1].append(c)
        }
        index = rest.index(after: index)
      }
      // The definition itself (`T *array, ...`) is kept.
      if arguments.count == 6 && !arguments[0].contains("*") {
        result += "\(arguments[0].trimmingCharacters(in: .whitespaces))[\(arguments[4])]"
      } else {
        result += rest[start.lowerBound...index]
      }
      rest = rest[rest.index(after: index)...]
    }
    return result + rest
  }

  /// Runs the measurement for COBA model `model` over `steps` steps and prints it.
  static func measure(_ model: ModelSpec, steps: Int) async throws {
    let tabled = tabled(model)
    let options = Simulation.Options(threads: 1)
    let checkedBuild = try await ModelBuild(model: tabled, options: options)
    var uncheckedBuild = checkedBuild
    uncheckedBuild.module.source = unchecked(checkedBuild.module.source)
    guard uncheckedBuild.module.source != checkedBuild.module.source else {
      print("no checked index found in the generated code")
      return
    }
    uncheckedBuild.entry = try await BuildCache(root: options.cacheDirectory).library(
      for: uncheckedBuild.module.source, named: tabled.name + "_unchecked",
      toolchain: checkedBuild.toolchain)
    var times: [String: [Double]] = ["checked": [], "unchecked": []]
    var spikes: [String: Int] = [:]
    for _ in 0..<3 {
      for (label, build) in [("unchecked", uncheckedBuild), ("checked", checkedBuild)] {
        let simulation = try Simulation(build: build, options: options)
        let clock = ContinuousClock()
        let elapsed = try clock.measure { try simulation.run(steps: steps) }
        times[label]!.append(
          Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        spikes[label] = try simulation.spikes(of: "E").count + simulation.spikes(of: "I").count
      }
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    let checked = median(times["checked"]!)
    let unchecked = median(times["unchecked"]!)
    print("COBA with bias[id] read from an extra global parameter by every neuron every step:")
    print(
      "  \(model.neuronPopulations.reduce(0) { $0 + $1.size }) neurons, \(steps) steps, 1 thread, 3 runs each (median)"
    )
    print(String(format: "  indexes checked:   %.3f s (%d spikes)", checked, spikes["checked"]!))
    print(
      String(format: "  unchecked (baseline): %.3f s (%d spikes)", unchecked, spikes["unchecked"]!))
    print(
      String(
        format: "  ratio: checked runs take %.3fx the unchecked time (%+.1f %%)",
        checked / unchecked, (checked / unchecked - 1) * 100))
  }
}
