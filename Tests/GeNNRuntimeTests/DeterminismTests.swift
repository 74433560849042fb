import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Results are bit-identical for every thread count: each neuron's update depends only on
/// its own state, and random numbers on the seed, the neuron and the step.
@Suite struct DeterminismTests {
  struct Outcome: Equatable {
    var state: [String: [Double]]
    var spikes: [String: SpikeRecording]
  }

  static func outcome(_ model: ModelSpec, threads: Int, steps: Int) async throws -> Outcome {
    let simulation = try await simulate(model, threads: threads)
    #expect(simulation.threads == threads)
    try simulation.run(steps: steps)
    var state: [String: [Double]] = [:]
    for population in model.neuronPopulations {
      for variable in population.model.vars {
        state["\(population.name).\(variable.name)"] = try simulation.values(
          of: variable.name, in: population.name)
      }
    }
    for source in model.currentSources {
      for variable in source.model.vars {
        state["\(source.name).\(variable.name)"] = try simulation.values(
          of: variable.name, in: source.name)
      }
    }
    var spikes: [String: SpikeRecording] = [:]
    for population in model.neuronPopulations where population.recordSpikes {
      spikes[population.name] = try simulation.spikes(of: population.name)
    }
    return Outcome(state: state, spikes: spikes)
  }

  @Test(arguments: [Precision.float, .double])
  func everyThreadCountGivesTheSameBits(precision: Precision) async throws {
    let model = noisyNetwork(precision: precision)
    let reference = try await Self.outcome(model, threads: 1, steps: 300)
    #expect(reference.spikes["Exc"]!.count > 100, "the network must spike to test anything")
    #expect(reference.spikes["Input"]!.count > 100)
    #expect(reference.spikes["Driven"]!.count > 10)
    for threads in [2, 3, 8] {
      let other = try await Self.outcome(model, threads: threads, steps: 300)
      #expect(other == reference, "\(threads) threads differ from 1 thread")
    }
  }

  @Test func changingThreadsMidRunKeepsTheBits() async throws {
    let model = noisyNetwork(size: 3000)
    let reference = try await Self.outcome(model, threads: 1, steps: 200)
    let simulation = try await simulate(model, threads: 1)
    try simulation.run(steps: 70)
    simulation.threads = 4
    try simulation.run(steps: 60)
    simulation.threads = 2
    try simulation.run(steps: 70)
    #expect(try simulation.values(of: "V", in: "Exc") == reference.state["Exc.V"])
    #expect(try simulation.spikes(of: "Exc") == reference.spikes["Exc"])
  }

  @Test func sameSeedSameNetworkDifferentSeedDifferentNetwork() async throws {
    var model = noisyNetwork(size: 500)
    let first = try await simulate(model)
    let again = try await simulate(model)
    #expect(try first.values(of: "V", in: "Exc") == again.values(of: "V", in: "Exc"))
    model.seed = 78
    let other = try await simulate(model)
    #expect(try first.values(of: "V", in: "Exc") != other.values(of: "V", in: "Exc"))
  }
}
