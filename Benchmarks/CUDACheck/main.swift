// Runs model files on the CPU backend and on the CUDA backend side by side,
// compares their spikes and final state, and prints both simulation times and their
// ratio. Built as a static binary, it is the check to take to a GPU machine that has no
// Swift:
//
//   swift build -c release --static-swift-stdlib --product CUDACheck
//   .build/release/CUDACheck Examples/models/izhikevich-types.yaml
//
// Without an NVIDIA driver and NVRTC it says what is missing and exits with 1; a model
// using what the CUDA backend does not support yet is reported with what that is.

import Foundation
import GeNNModel
import GeNNModelFile
import GeNNRuntime

let paths = Array(CommandLine.arguments.dropFirst())
guard !paths.isEmpty else {
  print("usage: CUDACheck MODEL.yaml ...")
  exit(2)
}

var failures = 0
for path in paths {
  do {
    let file = try ModelFile.load(path: path)
    let model = file.model
    let steps = try (file.run.length ?? .milliseconds(1000)).steps(dt: model.dt)
    let clock = ContinuousClock()
    let cpu = try await Simulation(model: model)
    let cpuTime = try clock.measure { try cpu.run(steps: steps) }
    let gpu = try CUDASimulation(model: model)
    let gpuTime = try clock.measure { try gpu.run(steps: steps) }
    var report: [String] = []
    var same = true
    for population in model.neuronPopulations {
      if population.recordSpikes {
        let a = try cpu.spikes(of: population.name)
        let b = try gpu.spikes(of: population.name)
        let key = { (r: SpikeRecording) in Set(zip(r.steps, r.ids).map { "\($0):\($1)" }) }
        let differing = key(a).symmetricDifference(key(b)).count
        same = same && differing == 0
        report.append(
          "\(population.name): \(a.count) CPU / \(b.count) CUDA spikes, \(differing) differ")
      }
      for variable in population.model.vars {
        let a = try cpu.values(of: variable.name, in: population.name)
        let b = try gpu.values(of: variable.name, in: population.name)
        let worst = zip(a, b).map { abs($0 - $1) / max(1e-12, abs($0)) }.max() ?? 0
        report.append("\(population.name).\(variable.name): largest relative difference \(worst)")
      }
    }
    let seconds = { (d: Duration) in
      Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    print("\(path) on \(gpu.device): \(steps) steps")
    for line in report { print("  " + line) }
    print(
      String(
        format: "  CPU %.4f s, CUDA %.4f s: CUDA %.2fx as fast", seconds(cpuTime),
        seconds(gpuTime), seconds(cpuTime) / max(1e-9, seconds(gpuTime))))
    if !same { failures += 1 }
  } catch {
    print("\(path): \(error)")
    failures += 1
  }
}
exit(failures == 0 ? 0 : 1)
