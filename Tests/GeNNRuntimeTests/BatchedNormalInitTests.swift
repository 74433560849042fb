import GeNNModel
import Testing

@testable import GeNNRuntime

/// Per-synapse variables of GeNN's normal snippets work out their streams' first normals
/// in vectorised batches on the CPU; every value is the one the same snippet drawn one by
/// one gives (a renamed copy, which is not batched), on any thread count.
@Suite struct BatchedNormalInitTests {
  /// Rows of 0 to 299 synapses (longer and shorter than a batch) with `g` from `snippet`
  /// and `d` from NormalClippedDelay, or from its renamed copy where `renamed`.
  static func model(weights snippet: InitSnippet, renamed: Bool) -> ModelSpec {
    var delays = InitSnippet.normalClippedDelay
    if renamed { delays.name = "CopiedDelay" }
    var model = ModelSpec(name: "batched_\(renamed)", precision: .float, dt: 0.1, seed: 21)
    for name in ["Pre", "Post"] {
      model.addNeuronPopulation(
        name, size: 300, model: GeneratedConnectivityTests.accumulator, vars: ["total": 0])
    }
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .explicit(
          pre: (0..<300).flatMap { Array(repeating: $0, count: $0) },
          post: (0..<300).flatMap { Array(0..<$0) }),
        weightUpdate: .staticPulseDendriticDelay,
        weightUpdateVars: [
          "g": .snippet(
            snippet,
            params: ["mean": 0.5, "sd": 1, "min": 0, "max": 1].filter {
              snippet.params.contains($0.key)
            }),
          "d": .snippet(delays, params: ["mean": 1.5, "sd": 0.75, "min": 0.1, "max": 3.75]),
        ],
        postsynaptic: .expCurr, postsynapticParams: ["tau": 0.5], maxDendriticDelaySteps: 40))
    return model
  }

  @Test(arguments: [InitSnippet.normal, .normalClipped])
  func batchedValuesAreTheOneByOneValues(snippet: InitSnippet) async throws {
    var copy = snippet
    copy.name = "Copied" + snippet.name
    let reference = try await simulate(Self.model(weights: copy, renamed: true), threads: 1)
    let expected = try ["g", "d"].map { try reference.values(of: $0, in: "Syn") }
    #expect(Set(expected[0]).count > 40_000)
    for threads in [1, 2] {
      let batched = try await simulate(
        Self.model(weights: snippet, renamed: false), threads: threads)
      #expect(try ["g", "d"].map { try batched.values(of: $0, in: "Syn") } == expected)
    }
  }
}
