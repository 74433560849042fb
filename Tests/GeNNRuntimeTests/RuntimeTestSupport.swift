import Foundation
import GeNNModel

@testable import GeNNRuntime

/// The cache tests build into, shared across runs so an unchanged model is built once.
let testCacheDirectory = FileManager.default.temporaryDirectory
  .appendingPathComponent("swiftgenn-test-cache")

/// Builds and loads `model` with the test cache; every step runs on every thread, however
/// small the model, so that tests exercise the parallel code; indexes of extra global
/// parameters are checked.
func simulate(_ model: ModelSpec, threads: Int? = nil) async throws -> Simulation {
  try await Simulation(
    model: model,
    options: .init(
      threads: threads, cacheDirectory: testCacheDirectory, parallelMinimum: 0,
      checkIndices: true))
}

/// A network whose every neuron draws random numbers every step, with random initial
/// state: what thread-count determinism must hold for.
func noisyNetwork(size: Int = 3000, precision: Precision = .float) -> ModelSpec {
  var model = ModelSpec(name: "noisy_\(size)_\(precision)", precision: precision, dt: 0.1, seed: 77)
  model.addNeuronPopulation(
    "Exc", size: size, model: .lif,
    params: [
      "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -65, "Vthresh": -50, "Ioffset": 0,
      "TauRefrac": 2,
    ],
    vars: [
      "V": .snippet(.uniform, params: ["min": -65, "max": -50]),
      "RefracTime": .snippet(.exponential, params: ["lambda": 0.5]),
    ],
    recordSpikes: true)
  model.addCurrentSource(
    "Noise", model: .gaussianNoise, target: "Exc", params: ["mean": 0.6, "sd": 0.5])
  model.addNeuronPopulation(
    "Input", size: size / 3 + 7, model: .poisson, params: ["rate": 20],
    vars: ["timeStepToSpike": .snippet(.normal, params: ["mean": 5, "sd": 2])], recordSpikes: true)
  model.addNeuronPopulation(
    "Driven", size: 100, model: .lif,
    params: [
      "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -51, "Ioffset": 0, "TauRefrac": 2,
    ],
    vars: ["V": -70, "RefracTime": 0], recordSpikes: true)
  model.addCurrentSource(
    "Shots", model: .poissonExp, target: "Driven", params: ["weight": 2, "tauSyn": 5, "rate": 400],
    vars: ["current": 0])
  return model
}
