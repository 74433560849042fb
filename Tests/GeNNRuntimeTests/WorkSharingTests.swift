import GeNNModel
import Testing

@testable import GeNNRuntime

/// The phases of a step are shared out in chunks that any thread takes: results are the
/// same bits whatever the number of threads, also with more threads than cores and more
/// chunks than threads, synapses delivering and learning included. The runs last several
/// of the pacing's epochs of some milliseconds, so that steps run both shared and alone.
@Suite struct WorkSharingTests {
  /// A noisy excitatory-inhibitory network large enough for several neuron chunks per
  /// population, whose excitatory synapses learn (pre- and postsynaptic STDP updates).
  static func learningNetwork() -> ModelSpec {
    var model = noisyNetwork(size: 13_000)
    model.name = "work_sharing"
    model.addNeuronPopulation(
      "Inh", size: 3_000, model: .lif,
      params: [
        "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -65, "Vthresh": -50, "Ioffset": 0.7,
        "TauRefrac": 2,
      ],
      vars: ["V": .snippet(.uniform, params: ["min": -65, "max": -50]), "RefracTime": 0],
      recordSpikes: true)
    let wiring: [(String, String, Bool)] = [
      ("Exc", "Exc", true), ("Exc", "Inh", false), ("Inh", "Exc", false), ("Input", "Exc", false),
    ]
    for (source, target, learns) in wiring {
      let inhibitory = source == "Inh"
      model.addSynapsePopulation(
        SynapsePopulation(
          name: source + target, source: source, target: target, matrixType: .sparse,
          connectivity: .snippet(.fixedProbability, params: ["prob": 0.003]),
          weightUpdate: learns ? .stdp : .staticPulseConstantWeight,
          weightUpdateParams: learns
            ? [
              "tauPlus": 20, "tauMinus": 20, "Aplus": 0.001, "Aminus": 0.00105, "Wmin": 0,
              "Wmax": 0.1,
            ] : ["g": inhibitory ? 0.05 : 0.02],
          weightUpdateVars: learns ? ["g": .constant(0.05)] : [:], postsynaptic: .expCond,
          postsynapticParams: inhibitory ? ["tau": 10, "E": -80] : ["tau": 5, "E": 0]))
    }
    return model
  }

  @Test func moreThreadsThanCoresAndChunksGiveTheSameBits() async throws {
    let model = Self.learningNetwork()
    let reference = try await DeterminismTests.outcome(model, threads: 1, steps: 1_500)
    #expect(reference.spikes["Exc"]!.count > 1_000, "the network must spike to test anything")
    #expect(reference.spikes["Inh"]!.count > 100)
    let weights = try await Self.weights(model, threads: 1, steps: 1_500)
    #expect(Set(weights).count > 1, "the weights must learn to test anything")
    for threads in [2, 3, 5] {
      let other = try await DeterminismTests.outcome(model, threads: threads, steps: 1_500)
      #expect(other == reference, "\(threads) threads differ from 1 thread")
      #expect(try await Self.weights(model, threads: threads, steps: 1_500) == weights)
    }
  }

  /// The learnt excitatory weights after `steps` steps on `threads` threads.
  static func weights(_ model: ModelSpec, threads: Int, steps: Int) async throws -> [Double] {
    let simulation = try await simulate(model, threads: threads)
    try simulation.run(steps: steps)
    return try simulation.values(of: "g", in: "ExcExc")
  }
}
