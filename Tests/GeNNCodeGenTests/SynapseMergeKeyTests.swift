import GeNNModel
import Testing

@testable import GeNNCodeGen

/// Synapse populations merge when their structure is the same (models' code, field names
/// and types, matrix type, connectivity, which delays exist), whatever their names and
/// values; any structural difference keeps them apart.
@Suite struct SynapseMergeKeyTests {
  /// COBA's shape (the Vogels-Abbott benchmark): two LIF populations connected all four
  /// ways by SPARSE FixedProbability static pulses into exponential conductances, the
  /// excitatory and inhibitory sources differing only in values; both populations have
  /// between 256 and 65,535 neurons, so that every row stores 16-bit indices.
  static func coba() -> ModelSpec {
    CUDASynapseBackendTests.coba(neurons: 2000)
  }

  static func groups(_ model: ModelSpec) -> [[Int]] {
    GroupMerging.synapseGroups(of: model, usage: CodeUsage(model: model)).map(\.populations)
  }

  @Test func cobaMergesIntoOneGroup() throws {
    #expect(Self.groups(Self.coba()) == [[0, 1, 2, 3]])
    let source = try CPUBackend().generate(Self.coba()).source
    #expect(CPUBackendTests.count("struct SynapseGroup", in: source) == 1)
    #expect(CPUBackendTests.count("void updateSynapseGroup", in: source) == 1)
    #expect(CPUBackendTests.count("uint32_t buildSynapseGroup", in: source) == 1)
    #expect(source.contains("SynapseGroup0 synapseGroup0[4];"))
    // Each member keeps its own random streams: its index in the model.
    for index in 0..<4 {
      #expect(source.contains("m.synapseGroup0[\(index)].populationIndex = \(index)u;"))
    }
  }

  @Test func cobaMergesIntoOneGroupOnCUDA() throws {
    let source = try CUDABackend().generate(Self.coba()).source
    #expect(CPUBackendTests.count("struct SynapseGroup", in: source) == 1)
    #expect(CPUBackendTests.count("void updateSynapseGroup", in: source) == 1)
    #expect(CPUBackendTests.count("void buildSynapseGroup", in: source) == 1)
    #expect(source.contains("__device__ SynapseGroup0 d_synapseGroup0[4];"))
  }

  @Test func namesAndValuesDoNotMatter() {
    var model = Self.coba()
    model.synapsePopulations[1].name = "renamed"
    model.synapsePopulations[1].weightUpdate.name = "Renamed model"
    model.synapsePopulations[2].connectivity = .snippet(.fixedProbability, params: ["prob": 0.5])
    model.synapsePopulations[3].axonalDelaySteps = 2
    model.synapsePopulations[2].axonalDelaySteps = 5
    #expect(Self.groups(model) == [[0, 1], [2, 3]])
  }

  @Test func differentCodeDoesNotMerge() {
    var model = Self.coba()
    model.synapsePopulations[3].weightUpdate.preSpikeSynCode = "addToPost(2 * g);"
    #expect(Self.groups(model) == [[0, 1, 2], [3]])
  }

  @Test func differentMatrixTypeDoesNotMerge() {
    var model = Self.coba()
    model.synapsePopulations[2].matrixType = .bitmask
    #expect(Self.groups(model) == [[0, 1, 3], [2]])
  }

  @Test func differentConnectivityDoesNotMerge() {
    var model = Self.coba()
    model.synapsePopulations[1].connectivity = .snippet(
      .fixedNumberPostWithReplacement, params: ["num": 4])
    #expect(Self.groups(model) == [[0, 2, 3], [1]])
  }

  @Test func presenceOfDelaysMatters() {
    var model = Self.coba()
    model.synapsePopulations[0].axonalDelaySteps = 3
    model.synapsePopulations[3].maxDendriticDelaySteps = 4
    #expect(Self.groups(model) == [[0], [1, 2], [3]])
  }

  @Test func differentIndexTypesDoNotMerge() {
    var model = Self.coba()
    model.neuronPopulations[1].size = 200
    // Rows into the 200 inhibitory neurons store 8-bit indices, those into E 16-bit ones.
    #expect(Self.groups(model) == [[0, 2], [1, 3]])
  }

  @Test func differentInitSnippetsDoNotMerge() {
    var model = Self.coba()
    for index in model.synapsePopulations.indices {
      model.synapsePopulations[index].weightUpdate = .staticPulse
      model.synapsePopulations[index].weightUpdateParams = [:]
      model.synapsePopulations[index].weightUpdateVars = [
        "g": .snippet(.uniform, params: ["min": 0, "max": Double(index + 1)])
      ]
    }
    #expect(Self.groups(model) == [[0, 1, 2, 3]])
    model.synapsePopulations[1].weightUpdateVars["g"] = .constant(0.5)
    #expect(Self.groups(model) == [[0, 2, 3], [1]])
  }
}
