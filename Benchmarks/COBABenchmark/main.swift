// The Vogels-Abbott COBA network (Brian2's and GeNN's benchmark): 80 % excitatory LIF
// neurons, random connectivity with 80 synapses per neuron (2 % at 4,000 neurons),
// conductance-based exponential synapses, dt 0.1 ms. Runs 1 s of biological time on
// 1 thread and on 2 threads side by side and prints the simulation wall time, the ratio,
// the firing rate and the bytes of memory per synapse.
//
// Connectivity is GeNN's FixedProbability snippet, built natively from the model's seed.
// With `stdp`, the excitatory-to-excitatory synapses learn by GeNN's built-in STDP rule
// (each weight its own, changed on every pre- and postsynaptic spike). With `egp`, it
// measures instead what checking indexes of extra global parameters costs: the neurons
// read their input offset from one every step, checked against an unchecked build of
// the same code (IndexCheckCost.swift).
//
// With `--busy`, it measures 1 and 2 threads again while `yes > /dev/null` keeps a core
// busy; with `--pair`, while a second simulation of the same network on 2 threads runs
// beside it (as in a parameter sweep). The 1- and 2-thread simulations each run on from
// where the previous measurement stopped.
//
// Run: swift run -c release COBABenchmark [neurons] [milliseconds] [stdp|egp] [--busy] [--pair]

import Foundation
import GeNNModel
import GeNNRuntime

let arguments = CommandLine.arguments.filter { !$0.hasPrefix("--") }
let neurons = arguments.dropFirst().first.flatMap { Int($0) } ?? 4000
let duration = arguments.dropFirst(2).first.flatMap { Double($0) } ?? 1000
let plastic = arguments.dropFirst(3).first == "stdp"
let excitatory = neurons * 4 / 5
let inhibitory = neurons - excitatory
// 80 synapses per neuron at every size, as in GeNN's and Brian2's benchmark (2 % of 4,000).
let probability = 80.0 / Double(neurons)

let lif: [String: Double] = [
  "C": 0.2, "TauM": 20, "Vrest": -49, "Vreset": -60, "Vthresh": -50, "Ioffset": 0, "TauRefrac": 5,
]
var model = ModelSpec(name: "coba_\(neurons)", precision: .float, dt: 0.1, seed: 1)
for (name, size) in [("E", excitatory), ("I", inhibitory)] {
  model.addNeuronPopulation(
    name, size: size, model: .lif, params: lif,
    vars: ["V": .snippet(.uniform, params: ["min": -60, "max": -50]), "RefracTime": 0],
    recordSpikes: true)
}
for (source, target) in [("E", "E"), ("E", "I"), ("I", "E"), ("I", "I")] {
  let excitatorySource = source == "E"
  let weight = excitatorySource ? 0.006 : 0.067
  let learns = plastic && source == "E" && target == "E"
  model.addSynapsePopulation(
    SynapsePopulation(
      name: source + target, source: source, target: target, matrixType: .sparse,
      connectivity: .snippet(.fixedProbability, params: ["prob": probability]),
      weightUpdate: learns ? .stdp : .staticPulseConstantWeight,
      weightUpdateParams: learns
        ? [
          "tauPlus": 20, "tauMinus": 20, "Aplus": 0.0001, "Aminus": 0.000105, "Wmin": 0,
          "Wmax": 0.012,
        ] : ["g": weight],
      weightUpdateVars: learns ? ["g": .constant(weight)] : [:], postsynaptic: .expCond,
      postsynapticParams: excitatorySource ? ["tau": 5, "E": 0] : ["tau": 10, "E": -80]))
}

let steps = Int((duration / model.dt).rounded())
if arguments.dropFirst(3).first == "egp" {
  try await IndexCheckCost.measure(model, steps: steps)
  exit(0)
}
let one = try await Simulation(model: model, options: .init(threads: 1))
let two = try await Simulation(model: model, options: .init(threads: 2))
let clock = ContinuousClock()
/// Seconds `simulation` takes to run `steps` steps (on from where it stopped).
func seconds(_ simulation: Simulation) throws -> Double {
  let elapsed = try clock.measure { try simulation.run(steps: steps) }
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
let quiet = (one: try seconds(one), two: try seconds(two))
let spikes = try one.spikes(of: "E").count + one.spikes(of: "I").count
let synapseCount = try model.synapsePopulations.reduce(0) {
  $0 + (try one.connectivity(of: $1.name).pre.count)
}
let rate = Double(spikes) / Double(neurons) / (duration / 1000)
print(
  "COBA\(plastic ? " with STDP (E to E)" : ""): \(neurons) neurons, \(synapseCount) synapses (\(synapseCount / neurons) per neuron), \(duration) ms"
)
print(String(format: "  1 thread:  %.3f s simulated time", quiet.one))
print(String(format: "  2 threads: %.3f s simulated time", quiet.two))
print(String(format: "  ratio: 2 threads run %.2fx as fast as 1", quiet.one / quiet.two))
for load in CompetingLoad.requested(in: CommandLine.arguments) {
  let busy = try load.whileRunning(model: model, steps: steps) {
    (one: try seconds(one), two: try seconds(two))
  }
  print(
    String(
      format: "  %@: 1 thread %.3f s, 2 threads %.3f s (2 threads run %.2fx as fast as 1)",
      load.label, busy.one, busy.two, busy.one / busy.two))
}
print(String(format: "  mean firing rate %.1f Hz (%d spikes)", rate, spikes))
print(
  String(
    format: "  memory: %.1f bytes per synapse (all model state / synapses)",
    Double(one.stateBytes) / Double(synapseCount)))
