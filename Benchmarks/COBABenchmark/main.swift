// The Vogels-Abbott COBA network (Brian2's and GeNN's benchmark): 80 % excitatory LIF
// neurons, random connectivity with 80 synapses per neuron (2 % at 4,000 neurons),
// conductance-based exponential synapses, dt 0.1 ms. Runs 1 s of biological time on
// 1 thread and on 2 threads side by side and prints the simulation wall time, the ratio,
// the firing rate and the bytes of memory per synapse.
//
// Connectivity is drawn here, with a fixed seed, and given as explicit index lists
// (GeNN's FixedProbability init snippet is not in SwiftGeNN yet).
//
// Run: swift run -c release COBABenchmark [neurons] [milliseconds]

import Foundation
import GeNNModel
import GeNNRuntime

let neurons = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 4000
let duration = CommandLine.arguments.dropFirst(2).first.flatMap { Double($0) } ?? 1000
let excitatory = neurons * 4 / 5
let inhibitory = neurons - excitatory
// 80 synapses per neuron at every size, as in GeNN's and Brian2's benchmark (2 % of 4,000).
let probability = 80.0 / Double(neurons)

/// SplitMix64, so the network is the same in every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Fixed-probability connectivity without autapses, drawn row by row with geometric
/// gaps as GeNN's FixedProbability snippet does.
func connect(_ source: Int, _ target: Int, noAutapse: Bool, _ random: inout SplitMix64) -> ([Int], [Int]) {
  var pre: [Int] = []
  var post: [Int] = []
  let logRecip = 1 / log(1 - probability)
  for i in 0..<source {
    var j = -1
    while true {
      let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &random)
      j += 1 + Int(log(u) * logRecip)
      guard j < target else { break }
      if noAutapse && j == i { continue }
      pre.append(i)
      post.append(j)
    }
  }
  return (pre, post)
}

let lif: [String: Double] = [
  "C": 0.2, "TauM": 20, "Vrest": -49, "Vreset": -60, "Vthresh": -50, "Ioffset": 0, "TauRefrac": 5,
]
var model = ModelSpec(name: "coba_\(neurons)", precision: .float, dt: 0.1, seed: 1)
var random = SplitMix64(state: 42)
for (name, size) in [("E", excitatory), ("I", inhibitory)] {
  model.addNeuronPopulation(
    name, size: size, model: .lif, params: lif,
    vars: ["V": .snippet(.uniform, params: ["min": -60, "max": -50]), "RefracTime": 0],
    recordSpikes: true)
}
var synapseCount = 0
for (source, target) in [("E", "E"), ("E", "I"), ("I", "E"), ("I", "I")] {
  let (pre, post) = connect(
    source == "E" ? excitatory : inhibitory, target == "E" ? excitatory : inhibitory,
    noAutapse: source == target, &random)
  synapseCount += pre.count
  let excitatorySource = source == "E"
  model.addSynapsePopulation(
    SynapsePopulation(
      name: source + target, source: source, target: target, matrixType: .sparse,
      connectivity: .explicit(pre: pre, post: post), weightUpdate: .staticPulseConstantWeight,
      weightUpdateParams: ["g": excitatorySource ? 0.006 : 0.067], postsynaptic: .expCond,
      postsynapticParams: excitatorySource ? ["tau": 5, "E": 0] : ["tau": 10, "E": -80]))
}

let steps = Int((duration / model.dt).rounded())
var seconds: [Int: Double] = [:]
var spikes = 0
var bytes = 0
for threads in [1, 2] {
  let simulation = try await Simulation(model: model, options: .init(threads: threads))
  let clock = ContinuousClock()
  let elapsed = clock.measure { simulation.run(steps: steps) }
  seconds[threads] = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  spikes = try simulation.spikes(of: "E").count + simulation.spikes(of: "I").count
  bytes = simulation.stateBytes
}
let rate = Double(spikes) / Double(neurons) / (duration / 1000)
print("COBA: \(neurons) neurons, \(synapseCount) synapses (\(synapseCount / neurons) per neuron), \(duration) ms")
print(String(format: "  1 thread:  %.3f s simulated time", seconds[1]!))
print(String(format: "  2 threads: %.3f s simulated time", seconds[2]!))
print(String(format: "  ratio: 2 threads run %.2fx as fast as 1", seconds[1]! / seconds[2]!))
print(String(format: "  mean firing rate %.1f Hz (%d spikes)", rate, spikes))
print(String(format: "  memory: %.1f bytes per synapse (all model state / synapses)", Double(bytes) / Double(synapseCount)))
