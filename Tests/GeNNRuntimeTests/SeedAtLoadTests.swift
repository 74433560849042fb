import Foundation
import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// The seed is given when a simulation is loaded, not compiled into its code: models that
/// differ only in their seed generate the same source, share one build cache entry, and
/// still draw exactly the numbers their seed gave when it was part of the code.
@Suite struct SeedAtLoadTests {
  /// Every kind of random stream the seed keys: per-step draws of a neuron model
  /// (Poisson), neuron variables' initialisation snippets, SPARSE rows from a connectivity
  /// snippet with weights from a snippet, row lengths drawn before rows are built
  /// (FixedNumberTotalWithReplacement), and PROCEDURAL rows with weights regenerated from
  /// their row's stream. Inputs go through DeltaCurr in whole numbers, whose sums are
  /// exact in any order, so that the CUDA emulation can compare with the CPU exactly.
  static func model(seed: UInt64) -> ModelSpec {
    var model = ModelSpec(name: "seed_at_load", precision: .double, dt: 0.1, seed: seed)
    model.addNeuronPopulation(
      "Input", size: 50, model: .poisson, params: ["rate": 40],
      vars: ["timeStepToSpike": .snippet(.exponential, params: ["lambda": 1])],
      recordSpikes: true)
    model.addNeuronPopulation(
      "Output", size: 40, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -55, "Ioffset": 0,
        "TauRefrac": 2,
      ],
      vars: ["V": .snippet(.uniform, params: ["min": -70, "max": -56]), "RefracTime": 0.0],
      recordSpikes: true)
    func coin(_ low: Double, _ high: Double) -> VarInit {
      .snippet(
        InitSnippet(
          name: "Coin", code: "value = (gennrand_uniform() < 0.5) ? \(low) : \(high);"),
        params: [:])
    }
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Sparse", source: "Input", target: "Output", matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.2]),
        weightUpdate: .staticPulse, weightUpdateVars: ["g": coin(2, 6)],
        postsynaptic: .deltaCurr))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Total", source: "Input", target: "Output", matrixType: .sparse,
        connectivity: .snippet(.fixedNumberTotalWithReplacement, params: ["num": 300]),
        weightUpdate: .staticPulseConstantWeight, weightUpdateParams: ["g": 4],
        postsynaptic: .deltaCurr))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Procedural", source: "Input", target: "Output", matrixType: .procedural,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.1]),
        weightUpdate: .staticPulse, weightUpdateVars: ["g": coin(1, 3)],
        postsynaptic: .deltaCurr))
    return model
  }

  /// The steps ``model(seed:)`` runs.
  static let steps = 200

  /// What ``model(seed:)`` gave for seeds 1 and 2 when the seed was compiled into the
  /// code (SwiftGeNN 908cecb, CPU backend, the same model as a model file run by
  /// `genn run --seed N --steps 200`): each population's spike count and ``digest(_:)``
  /// of its (step, id) pairs, and the digest of Output's `V` after the last step.
  static let expected: [UInt64: (input: (Int, UInt64), output: (Int, UInt64), v: UInt64)] = [
    1: ((92, 0x4bdc_2d76_83b4_41ba), (17, 0x4fef_2d20_e760_047c), 0x6f85_dba4_7f97_6077),
    2: ((83, 0xae21_81b0_6944_c0f8), (20, 0xfd4d_498c_ee5a_e8a5), 0xc677_65bc_1d19_7161),
  ]

  /// FNV-1a over 64-bit words.
  static func digest(_ words: some Sequence<UInt64>) -> UInt64 {
    words.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ $1) &* 0x100_0000_01b3 }
  }

  /// ``digest(_:)`` of a recording's spikes, each as `step << 32 | id`.
  static func digest(_ recording: SpikeRecording) -> UInt64 {
    digest(zip(recording.steps, recording.ids).map { UInt64($0) << 32 | UInt64($1) })
  }

  @Test func modelsDifferingOnlyInTheirSeedGenerateTheSameCode() throws {
    let (first, second) = (Self.model(seed: 1), Self.model(seed: 2))
    let cpu = CPUBackend()
    #expect(try cpu.generate(first).source == cpu.generate(second).source)
    let cuda = CUDABackend()
    #expect(try cuda.generate(first).source == cuda.generate(second).source)
    #expect(try !cpu.generate(first).source.contains("kSeed"))
  }

  @Test func aSecondSeedIsABuildCacheHitAndDrawsWhatItDrewWhenCompiledIn() async throws {
    let cache = FileManager.default.temporaryDirectory
      .appendingPathComponent("genn-seed-at-load-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cache) }
    let options = Simulation.Options(
      threads: 2, cacheDirectory: cache, parallelMinimum: 0, checkIndices: true)
    var simulations: [UInt64: Simulation] = [:]
    for seed: UInt64 in [1, 2] {
      simulations[seed] = try await Simulation(model: Self.model(seed: seed), options: options)
    }
    let (first, second) = (try #require(simulations[1]), try #require(simulations[2]))
    #expect(!first.build.cacheHit)
    #expect(second.build.cacheHit)
    #expect(first.build.directory == second.build.directory)
    // Both are loaded from one library at once, each with its own seed.
    for simulation in simulations.values { try simulation.run(steps: Self.steps) }
    for (seed, simulation) in simulations {
      let expected = try #require(Self.expected[seed])
      let input = try simulation.spikes(of: "Input")
      let output = try simulation.spikes(of: "Output")
      let v = try simulation.values(of: "V", in: "Output").map(\.bitPattern)
      #expect(input.count == expected.input.0 && Self.digest(input) == expected.input.1)
      #expect(output.count == expected.output.0 && Self.digest(output) == expected.output.1)
      #expect(Self.digest(v) == expected.v, "seed \(seed): Output.V")
    }
  }
}
