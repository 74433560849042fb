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
// Run: swift run -c release COBABenchmark [neurons] [milliseconds] [stdp|egp]

import Foundation
import GeNNModel
import GeNNRuntime

if let mode = LoadMemoryBenchmark.Mode(arguments: CommandLine.arguments) {
  try await LoadMemoryBenchmark.run(mode)
  exit(0)
}
let neurons = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 4000
let duration = CommandLine.arguments.dropFirst(2).first.flatMap { Double($0) } ?? 1000
let plastic = CommandLine.arguments.dropFirst(3).first == "stdp"
let model = cobaModel(neurons: neurons, plastic: plastic)

let steps = Int((duration / model.dt).rounded())
if CommandLine.arguments.dropFirst(3).first == "egp" {
  try await IndexCheckCost.measure(model, steps: steps)
  exit(0)
}
var seconds: [Int: Double] = [:]
var synapseCount = 0
var spikes = 0
var bytes = 0
for threads in [1, 2] {
  let simulation = try await Simulation(model: model, options: .init(threads: threads))
  let clock = ContinuousClock()
  let elapsed = try clock.measure { try simulation.run(steps: steps) }
  seconds[threads] =
    Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  spikes = try simulation.spikeCount(of: "E") + simulation.spikeCount(of: "I")
  bytes = simulation.stateBytes
  synapseCount = try storedSynapses(of: model, in: simulation)
}
let rate = Double(spikes) / Double(neurons) / (duration / 1000)
print(
  "COBA\(plastic ? " with STDP (E to E)" : ""): \(neurons) neurons, \(synapseCount) synapses (\(synapseCount / neurons) per neuron), \(duration) ms"
)
print(String(format: "  1 thread:  %.3f s simulated time", seconds[1]!))
print(String(format: "  2 threads: %.3f s simulated time", seconds[2]!))
print(String(format: "  ratio: 2 threads run %.2fx as fast as 1", seconds[1]! / seconds[2]!))
print(String(format: "  mean firing rate %.1f Hz (%d spikes)", rate, spikes))
print(
  String(
    format: "  memory: %.1f bytes per synapse (all model state / synapses)",
    Double(bytes) / Double(synapseCount)))
