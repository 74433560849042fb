// The classic firing types of Izhikevich's neuron (Izhikevich 2003, Fig. 2): one neuron
// per type, each with its own a, b, c, d, driven by the same DC current for one second.
// Writes spikes and membrane potentials as NumPy files ready to plot.
//
// Run: swift run IzhikevichTypes [output folder]   (default: izhikevich-types-output)

import Foundation
import GeNNModel
import GeNNNPY
import GeNNRuntime

let types: [(name: String, a: Double, b: Double, c: Double, d: Double)] = [
  ("regular spiking", 0.02, 0.2, -65, 8),
  ("intrinsically bursting", 0.02, 0.2, -55, 4),
  ("chattering", 0.02, 0.2, -50, 2),
  ("fast spiking", 0.1, 0.2, -65, 2),
  ("low-threshold spiking", 0.02, 0.25, -65, 2),
  ("resonator", 0.1, 0.26, -65, 2),
]

var model = ModelSpec(name: "izhikevich_types", precision: .double, dt: 0.1)
model.addNeuronPopulation(
  "Neurons", size: types.count, model: .izhikevichVariable,
  vars: [
    "V": .constant(-65),
    "U": .values(types.map { $0.b * -65 }),
    "a": .values(types.map(\.a)), "b": .values(types.map(\.b)),
    "c": .values(types.map(\.c)), "d": .values(types.map(\.d)),
  ],
  recordSpikes: true)
model.addCurrentSource("Drive", model: .dc, target: "Neurons", params: ["amp": 10])

let output = URL(
  fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "izhikevich-types-output")
do {
  let simulation = try await Simulation(model: model)
  print(
    "built in \(String(format: "%.2f", simulation.build.compileSeconds)) s"
      + (simulation.build.cacheHit ? " (from cache)" : "")
      + "; code in \(simulation.build.directory.path)")
  try simulation.record("V", of: "Neurons")
  let steps = 10_000
  simulation.reserveRecording(steps: steps)
  try simulation.run(steps: steps)

  let spikes = try simulation.spikes(of: "Neurons")
  let trace = try simulation.recording(of: "V", in: "Neurons")
  try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
  try NPYArray(spikes.times).write(to: output.appendingPathComponent("spikes_times.npy"))
  try NPYArray(spikes.ids).write(to: output.appendingPathComponent("spikes_ids.npy"))
  try NPYArray(trace.values, shape: [trace.steps.count, trace.width])
    .write(to: output.appendingPathComponent("V.npy"))
  try NPYArray(trace.steps.map { Double($0 + 1) * model.dt })
    .write(to: output.appendingPathComponent("V_times.npy"))

  for (index, type) in types.enumerated() {
    let count = spikes.ids.filter { $0 == index }.count
    print("neuron \(index) (\(type.name)): \(count) spikes in 1 s")
  }
  print(
    "wrote spikes_times.npy, spikes_ids.npy, V.npy [step, neuron], V_times.npy to \(output.path)")
} catch {
  print("error: \(error)")
  exit(1)
}
