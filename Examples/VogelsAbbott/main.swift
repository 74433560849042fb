// The Vogels-Abbott network (J Neurosci 2005; the COBA benchmark of Brian2 and GeNN):
// 4,000 LIF neurons, 80 % excitatory, each pair connected with probability 2 %,
// conductance-based exponentially decaying synapses (excitatory 0.006 uS, tau 5 ms,
// E 0 mV; inhibitory 0.067 uS, tau 10 ms, E -80 mV), dt 0.1 ms, 1 s of biological time.
//
// Prints the simulation's wall time, the mean firing rate and the memory per synapse,
// and writes the spikes of both populations as NumPy files.
//
// Run: swift run -c release VogelsAbbott [output folder] [threads]

import Foundation
import GeNNModel
import GeNNNPY
import GeNNRuntime

let neurons = 4000
let lif: [String: Double] = [
  "C": 0.2, "TauM": 20, "Vrest": -49, "Vreset": -60, "Vthresh": -50, "Ioffset": 0, "TauRefrac": 5,
]
var model = ModelSpec(name: "vogels_abbott", precision: .float, dt: 0.1, seed: 1234)
for (name, size) in [("E", neurons * 4 / 5), ("I", neurons / 5)] {
  model.addNeuronPopulation(
    name, size: size, model: .lif, params: lif,
    vars: ["V": .snippet(.uniform, params: ["min": -60, "max": -50]), "RefracTime": 0],
    recordSpikes: true)
}
for (source, target) in [("E", "E"), ("E", "I"), ("I", "E"), ("I", "I")] {
  let excitatory = source == "E"
  model.addSynapsePopulation(
    SynapsePopulation(
      name: source + target, source: source, target: target, matrixType: .sparse,
      connectivity: .snippet(.fixedProbability, params: ["prob": 0.02]),
      weightUpdate: .staticPulseConstantWeight,
      weightUpdateParams: ["g": excitatory ? 0.006 : 0.067], postsynaptic: .expCond,
      postsynapticParams: excitatory ? ["tau": 5, "E": 0] : ["tau": 10, "E": -80]))
}

let arguments = CommandLine.arguments.dropFirst()
let output = URL(fileURLWithPath: arguments.first ?? "vogels-abbott-output")
let threads = arguments.dropFirst().first.flatMap { Int($0) }
do {
  let simulation = try await Simulation(model: model, options: .init(threads: threads))
  print(
    "built in \(String(format: "%.2f", simulation.build.compileSeconds)) s"
      + (simulation.build.cacheHit ? " (from cache)" : "") + "; running on "
      + "\(simulation.threads) thread(s)")
  let clock = ContinuousClock()
  let elapsed = try clock.measure { try simulation.run(duration: 1000) }
  let synapses = try model.synapsePopulations.reduce(0) {
    $0 + (try simulation.connectivity(of: $1.name).pre.count)
  }
  try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
  var spikeCount = 0
  for population in ["E", "I"] {
    let spikes = try simulation.spikes(of: population)
    spikeCount += spikes.count
    try NPYArray(spikes.times).write(
      to: output.appendingPathComponent("\(population)_spikes_times.npy"))
    try NPYArray(spikes.ids).write(
      to: output.appendingPathComponent("\(population)_spikes_ids.npy"))
  }
  let seconds =
    Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  print(
    "\(neurons) neurons, \(synapses) synapses; 1 s simulated in \(String(format: "%.3f", seconds)) s"
  )
  print(
    "mean firing rate \(String(format: "%.1f", Double(spikeCount) / Double(neurons))) Hz; "
      + "\(String(format: "%.1f", Double(simulation.stateBytes) / Double(synapses))) bytes of "
      + "model state per synapse")
  print("wrote {E,I}_spikes_{times,ids}.npy to \(output.path)")
} catch {
  print("error: \(error)")
  exit(1)
}
