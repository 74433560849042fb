import GeNNModel
import Testing

@testable import GeNNCodeGen

/// The code a batched model gets: every group's fields once per batch, arrays with GeNN's
/// `BATCH` dimension once per batch and the others once; on CUDA, a grid row of blocks per
/// batch (`blockIdx.y`).
@Suite struct BatchedCodeTests {
  static func model(batchSize: Int) -> ModelSpec {
    var model = ModelSpec(name: "batched_code", batchSize: batchSize)
    model.addNeuronPopulation(
      "Pop", size: 5, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -51, "Ioffset": 0,
        "TauRefrac": 2,
      ], vars: ["V": .snippet(.uniform, params: ["min": -70, "max": -60]), "RefracTime": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "Pop", target: "Pop", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 1], postsynaptic: .deltaCurr))
    return model
  }

  @Test func arraysWithTheBatchDimensionHaveACopyPerBatch() throws {
    let module = try CPUBackend().generate(Self.model(batchSize: 4))
    func layout(_ role: ArrayLayout.Role) -> ArrayLayout? {
      module.arrays.first { $0.role == role }
    }
    let v = try #require(layout(.neuronVariable(population: "Pop", variable: "V")))
    #expect(v.batches == 4 && v.count == 20 && v.batchCount == 5)
    let g = try #require(layout(.weightUpdateVariable(synapses: "S", variable: "g")))
    #expect(g.batches == 1 && g.count == 25, "READ_ONLY weights are shared")
    #expect(layout(.postsynapticInput(synapses: "S"))?.batches == 4)
    #expect(layout(.spikes(population: "Pop"))?.batches == 4)
    #expect(module.source.contains("NeuronUpdateGroup0 neuronUpdateGroup0[4][1];"))
    #expect(module.source.contains("for (uint32_t batch = 0; batch < 4u; batch++) {"))
  }

  @Test func oneBatchIsTheUnbatchedCode() throws {
    let source = try CPUBackend().generate(Self.model(batchSize: 1)).source
    #expect(!source.contains("batchSeed"))
    #expect(source.contains("NeuronUpdateGroup0 neuronUpdateGroup0[1];"))
  }

  @Test func theCUDABackendLaunchesEachBatchAsABlockRowOfTheGrid() throws {
    let module = try CUDABackend().generate(Self.model(batchSize: 3))
    let launches = Dictionary(uniqueKeysWithValues: module.kernels.map { ($0.kernel, $0) })
    #expect(launches["updateNeurons"]?.batches == 3)
    #expect(launches["updateSynapses"]?.batches == 3)
    #expect(launches["initialise"]?.batches == 3)
    // One thread empties every batch's spike lists; one binds every batch's fields.
    #expect(launches["resetSpikeCounts"]?.batches == 1)
    #expect(launches["genn_bind"]?.batches == 1)
    #expect(
      launches["updateNeurons"]?.description.hasPrefix("updateNeurons<<<(1, 3), 32>>>") == true)
    #expect(module.source.contains("d_neuronUpdateGroup0[blockIdx.y][0]"))
  }
}
