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
// With `load`, it measures load time and memory instead (LoadMemoryBenchmark.swift).
//
// Run: swift run -c release COBABenchmark [neurons] [milliseconds] [stdp|egp] [--busy] [--pair]

import Foundation
import GeNNModel
import GeNNRuntime

if let mode = LoadMemoryBenchmark.Mode(arguments: CommandLine.arguments) {
  try await LoadMemoryBenchmark.run(mode)
  exit(0)
}
let arguments = CommandLine.arguments.filter { !$0.hasPrefix("--") }
let neurons = arguments.dropFirst().first.flatMap { Int($0) } ?? 4000
let duration = arguments.dropFirst(2).first.flatMap { Double($0) } ?? 1000
let plastic = arguments.dropFirst(3).first == "stdp"
let model = cobaModel(neurons: neurons, plastic: plastic)

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
let spikes = try one.spikeCount(of: "E") + one.spikeCount(of: "I")
let synapseCount = try storedSynapses(of: model, in: one)
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
