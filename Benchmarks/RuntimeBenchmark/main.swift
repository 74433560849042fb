// Measures, side by side in one run:
// 1. the first build of a 10-population model (generate + compile) against loading it
//    again from the build cache;
// 2. steps per second of 100,000 LIF neurons on 1 thread against 2 threads.
//
// Run: swift run -c release RuntimeBenchmark [steps]

import Foundation
import GeNNModel
import GeNNRuntime

func lifParameters(_ offset: Double) -> [String: Double] {
  [
    "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -65, "Vthresh": -50, "Ioffset": offset,
    "TauRefrac": 2,
  ]
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let steps = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2000
let cache = FileManager.default.temporaryDirectory
  .appendingPathComponent("swiftgenn-benchmark-\(ProcessInfo.processInfo.processIdentifier)")
defer { try? FileManager.default.removeItem(at: cache) }

// 1. Build versus cache hit.
var tenPopulations = ModelSpec(name: "ten_populations", precision: .float)
for index in 0..<10 {
  tenPopulations.addNeuronPopulation(
    "Pop\(index)", size: 1000, model: index.isMultiple(of: 2) ? .lif : .izhikevich,
    params: index.isMultiple(of: 2)
      ? lifParameters(0.3 + 0.1 * Double(index)) : ["a": 0.02, "b": 0.2, "c": -65, "d": 8],
    vars: index.isMultiple(of: 2) ? ["V": -65, "RefracTime": 0] : ["V": -65, "U": -13],
    recordSpikes: true)
  tenPopulations.addCurrentSource(
    "Drive\(index)", model: .dc, target: "Pop\(index)", params: ["amp": 4])
}
let clock = ContinuousClock()
let options = Simulation.Options(cacheDirectory: cache)
var first: Simulation? = try await Simulation(model: tenPopulations, options: options)
let firstBuild = first!.build
first = nil
let start = clock.now
let second = try await Simulation(model: tenPopulations, options: options)
let hitTotal = (clock.now - start)
let hitSeconds =
  Double(hitTotal.components.seconds) + Double(hitTotal.components.attoseconds) / 1e18
let buildSeconds =
  firstBuild.generationSeconds + firstBuild.toolchainSeconds + firstBuild.compileSeconds
  + firstBuild.loadSeconds
print("10-population model (5 LIF, 5 Izhikevich, 10 DC sources; 10,000 neurons):")
print(
  String(
    format:
      "  first build: %.2f s (generate %.3f s, find compiler %.3f s, compile %.2f s, load %.3f s)",
    buildSeconds, firstBuild.generationSeconds, firstBuild.toolchainSeconds,
    firstBuild.compileSeconds,
    firstBuild.loadSeconds))
print(
  String(
    format: "  cache hit:   %.3f s (cache hit: %@)", hitSeconds,
    second.build.cacheHit ? "yes" : "no"))
print(
  String(
    format: "  ratio: a cache hit is %.0fx faster than the first build", buildSeconds / hitSeconds))

// 2. Steps per second of 100,000 LIF neurons, 1 versus 2 threads.
var large = ModelSpec(name: "lif_100k", precision: .float)
large.addNeuronPopulation(
  "LIF", size: 100_000, model: .lif, params: lifParameters(0.4),
  vars: ["V": .snippet(.uniform, params: ["min": -65, "max": -50]), "RefracTime": 0],
  recordSpikes: true)
let simulation = try await Simulation(model: large, options: options)
var rates: [Int: [Double]] = [1: [], 2: []]
for _ in 0..<3 {
  for threads in [1, 2] {
    simulation.threads = threads
    let elapsed = try clock.measure { try simulation.run(steps: steps) }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    rates[threads]!.append(Double(steps) / seconds)
  }
}
let spikes = try simulation.spikes(of: "LIF").count
print("100,000 LIF neurons, \(steps) steps x 6 runs, \(spikes) spikes recorded:")
print(String(format: "  1 thread:  %8.0f steps/s (median)", median(rates[1]!)))
print(String(format: "  2 threads: %8.0f steps/s (median)", median(rates[2]!)))
print(
  String(format: "  ratio: 2 threads run %.2fx as fast as 1", median(rates[2]!) / median(rates[1]!))
)
