import GeNNModel
import Testing

/// GeNN's `max_connections`, checked as `SynapseGroup::setMaxConnections` does: SPARSE
/// only, at least the longest row the connectivity builds.
@Suite struct MaxConnectionsValidationTests {
  static func problems(
    _ matrixType: SynapseMatrixType, _ connectivity: Connectivity, maxConnections: Int
  ) -> [ModelProblem] {
    var synapses = SynapsePopulation(
      name: "Syn", source: "Pre", target: "Post", matrixType: matrixType,
      connectivity: connectivity, weightUpdate: .staticPulseConstantWeight,
      weightUpdateParams: ["g": 0.1], postsynaptic: .deltaCurr)
    synapses.maxConnections = maxConnections
    return SynapseValidationTests.problems(SynapseValidationTests.model(synapses))
  }

  static func invalid(_ value: Int, _ reason: String) -> [ModelProblem] {
    [.invalidMaxConnections(element: "synapse population 'Syn'", value: value, reason: reason)]
  }

  @Test func roomAtLeastTheLongestRowIsAccepted() {
    let listed = Connectivity.explicit(pre: [0, 0, 1], post: [0, 2, 1])
    #expect(Self.problems(.sparse, listed, maxConnections: 2) == [])
    #expect(Self.problems(.sparse, listed, maxConnections: 40) == [])
    #expect(Self.problems(.sparse, .allToAll, maxConnections: 3) == [])
    let fixed = Connectivity.snippet(.fixedNumberPostWithReplacement, params: ["num": 2])
    #expect(Self.problems(.sparse, fixed, maxConnections: 2) == [])
  }

  @Test func roomBelowTheLongestRowIsRefused() {
    #expect(
      Self.problems(
        .sparse, .explicit(pre: [0, 0, 1], post: [0, 2, 1]), maxConnections: 1)
        == Self.invalid(1, "it must be at least 2, the longest listed row"))
    #expect(
      Self.problems(.sparse, .allToAll, maxConnections: 2)
        == Self.invalid(2, "it must be at least 3, all-to-all connectivity onto 3 neurons"))
    let fixed = Connectivity.snippet(.fixedNumberPostWithReplacement, params: ["num": 2])
    #expect(
      Self.problems(.sparse, fixed, maxConnections: 1)
        == Self.invalid(
          1,
          "it must be at least 2, connectivity snippet 'FixedNumberPostWithReplacement''s "
            + "maximum row length"))
    #expect(
      Self.problems(.sparse, .allToAll, maxConnections: 0)
        == Self.invalid(0, "it must be between 1 and 2147483647"))
  }

  @Test func onlySparseMatricesKeepRoom() {
    #expect(
      Self.problems(.dense, .allToAll, maxConnections: 3)
        == Self.invalid(
          3,
          "only SPARSE matrices keep room in their rows; a DENSE matrix's rows are fixed by "
            + "its connectivity"))
    #expect(
      Self.problems(.bitmask, .allToAll, maxConnections: 3).first?.description
        == "synapse population 'Syn': max_connections 3 is invalid; only SPARSE matrices keep "
        + "room in their rows; a BITMASK matrix's rows are fixed by its connectivity")
  }
}
