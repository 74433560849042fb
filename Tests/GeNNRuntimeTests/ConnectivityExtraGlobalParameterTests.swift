import GeNNModel
import Testing

@testable import GeNNRuntime

/// Connectivity snippets whose build code indexes extra global parameters: SPARSE rows
/// built at initialisation, BITMASK bits, PROCEDURAL rows regenerated on each spike, and
/// TOEPLITZ diagonals, on 1, 2 and 3 threads (GeNN's `connectivity_extra_global_params`).
@Suite struct ConnectivityExtraGlobalParameterTests {
  static let spikeOnce = NeuronModel(name: "SpikeOnce", thresholdConditionCode: "t < 0.5")
  static let sum = NeuronModel(name: "Sum", vars: [Variable("x")], simCode: "x += Isyn;\n")
  /// Row `id_pre` has one synapse, to `targets[id_pre]`.
  static let listed = ConnectivitySnippet(
    name: "Listed", rowBuildCode: "addSynapse(targets[id_pre]);\n",
    maxRowLength: { _, _, _ in 1 }, extraGlobalParams: [ExtraGlobalParameter("targets", "int*")],
    extraGlobalParamValues: ["targets": [2, 0, 1]])
  /// Diagonal `id_diag` connects each spiking `id_pre` to `id_pre + shifts[id_diag]`.
  static let shifted = ToeplitzSnippet(
    name: "Shifted",
    diagonalBuildCode: """
      for_each_synapse {
          const int j = (int)id_pre + shifts[id_diag];
          if (j >= 0 && j < (int)num_post) { addSynapse((uint32_t)j); }
      }
      """, maxRowLength: { _, _, _ in 2 }, kernelSize: { _ in [] },
    extraGlobalParams: [ExtraGlobalParameter("shifts", "int*")],
    extraGlobalParamValues: ["shifts": [1, -1]])

  static func network() -> ModelSpec {
    var model = ModelSpec(name: "connectivity_egps", precision: .double)
    model.dt = 1
    model.addNeuronPopulation("Pre", size: 3, model: spikeOnce)
    for (name, matrixType, connectivity): (String, SynapseMatrixType, Connectivity) in [
      ("Sparse", .sparse, .snippet(listed, params: [:])),
      ("Bitmask", .bitmask, .snippet(listed, params: [:])),
      ("Procedural", .procedural, .snippet(listed, params: [:])),
      ("Toeplitz", .toeplitz, .toeplitz(shifted, params: [:])),
    ] {
      model.addNeuronPopulation("Post\(name)", size: 3, model: sum, vars: ["x": 0])
      let constantWeight = matrixType != .sparse
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: "Pre", target: "Post\(name)", matrixType: matrixType,
          connectivity: connectivity,
          weightUpdate: constantWeight ? .staticPulseConstantWeight : .staticPulse,
          weightUpdateParams: constantWeight ? ["g": 1] : [:],
          weightUpdateVars: constantWeight ? [:] : ["g": 1], postsynaptic: .deltaCurr))
    }
    return model
  }

  @Test(arguments: [1, 2, 3])
  func buildCodeIndexesItsArrays(threads: Int) async throws {
    let simulation = try await simulate(Self.network(), threads: threads)
    let (pre, post) = try simulation.connectivity(of: "Sparse")
    #expect(pre == [0, 1, 2] && post == [2, 0, 1])
    try simulation.run(steps: 3)
    // Every source spikes once: each target of a listed row gets 1.
    for name in ["Sparse", "Bitmask", "Procedural"] {
      #expect(try simulation.values(of: "x", in: "Post\(name)") == [1, 1, 1], "\(name)")
    }
    // Shifts +1 and -1: targets 1, 0 and 2, 1 (from 0, 2, 1), target 3 and -1 dropped.
    #expect(try simulation.values(of: "x", in: "PostToeplitz") == [1, 2, 1])
  }
}
