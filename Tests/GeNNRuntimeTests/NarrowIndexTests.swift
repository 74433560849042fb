import GeNNCodeGen
import GeNNModel
import GeNNTranspiler
import Testing

@testable import GeNNRuntime

/// SPARSE rows store each postsynaptic index in the narrowest type the target population
/// allows (GeNN's `narrow_sparse_ind_enabled`), and every reader follows: the presynaptic
/// update delivers to the right targets, the connectivity reads back, on any thread count.
@Suite struct NarrowIndexTests {
  @Test func indexTypeIsTheNarrowestThatHoldsEveryTarget() {
    #expect(SparseConnectivity.indexType(targetSize: 1) == .uint8)
    #expect(SparseConnectivity.indexType(targetSize: 255) == .uint8)
    #expect(SparseConnectivity.indexType(targetSize: 256) == .uint16)
    #expect(SparseConnectivity.indexType(targetSize: 65_535) == .uint16)
    #expect(SparseConnectivity.indexType(targetSize: 65_536) == .uint32)
  }

  /// `Pre` (all firing in the first step) onto `targets` accumulators through
  /// FixedProbability rows, unit weights: each target's input is its number of synapses.
  static func volley(targets: Int) -> ModelSpec {
    var model = ModelSpec(name: "narrow_\(targets)", precision: .double, seed: 11)
    model.addNeuronPopulation(
      "Pre", size: 40, model: GeneratedConnectivityTests.fireOnce, vars: ["fire": 1])
    model.addNeuronPopulation(
      "Post", size: targets, model: GeneratedConnectivityTests.accumulator, vars: ["total": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": 200.0 / Double(targets)]),
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 1], postsynaptic: .deltaCurr))
    return model
  }

  @Test(arguments: [(200, NumericType.uint8), (1000, .uint16), (70_000, .uint32)])
  func rowsDeliverToTheirTargets(targets: Int, type: NumericType) async throws {
    var inputs: [[Double]] = []
    for threads in [1, 2] {
      let simulation = try await simulate(Self.volley(targets: targets), threads: threads)
      let rows = try simulation.sparseRows(of: "Syn")
      #expect(rows.indices.elementType == type)
      try simulation.run(steps: 3)
      let connectivity = try simulation.connectivity(of: "Syn")
      #expect(connectivity.post.allSatisfy { (0..<targets).contains($0) })
      var expected = Array(repeating: 0.0, count: targets)
      for target in connectivity.post { expected[target] += 1 }
      let total = try simulation.values(of: "total", in: "Post")
      #expect(total == expected)
      #expect(!connectivity.post.isEmpty)
      inputs.append(total)
    }
    #expect(inputs[0] == inputs[1])
  }
}
