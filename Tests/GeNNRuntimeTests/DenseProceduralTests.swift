import GeNNModel
import Testing

@testable import GeNNRuntime

/// Per-synapse code over procedural weights (DENSE_PROCEDURALG), which GeNN 5.4 runs
/// like DENSE connectivity: presynaptic spike code, synapse dynamics and postsynaptic
/// learning see the weights the snippet computes for each synapse, so the network
/// behaves exactly as the same network with the weights stored.
@Suite struct DenseProceduralTests {
  static func model(_ matrixType: SynapseMatrixType) throws -> ModelSpec {
    var model = try #require(CUDAEmulationTests.featureModel("dense_procedural"))
    model.name += "_\(matrixType.rawValue.lowercased())"
    model.synapsePopulations[0].matrixType = matrixType
    return model
  }

  @Test(arguments: [1, 2, 3])
  func proceduralWeightsBehaveAsStoredOnes(threads: Int) async throws {
    let procedural = try await simulate(try Self.model(.denseProceduralG), threads: threads)
    let stored = try await simulate(try Self.model(.dense), threads: 1)
    #expect(procedural.memory[.weightUpdateVariable(synapses: "Procedural", variable: "g")] == nil)
    try procedural.run(steps: 300)
    try stored.run(steps: 300)
    for population in ["Input", "Output"] {
      let spikes = try procedural.spikes(of: population)
      #expect(spikes.count > 50, "\(population) spikes, so every hook ran")
      #expect(spikes == (try stored.spikes(of: population)), "\(population) spikes")
      #expect(
        try procedural.values(of: "V", in: population) == stored.values(of: "V", in: population))
    }
    #expect(
      try procedural.values(of: "inSyn", in: "Procedural")
        == stored.values(of: "inSyn", in: "Procedural"))
  }
}
