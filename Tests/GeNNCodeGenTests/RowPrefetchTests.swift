import GeNNModel
import Testing

@testable import GeNNCodeGen

/// The presynaptic update asks for the row of the spike a few ahead to be fetched (and,
/// before its loop, for the rows of the first few spikes): of a SPARSE row, the split
/// table entries (further ahead), then the chunk's part of its targets and of the
/// per-synapse variables the code uses; of a DENSE row, the used variables; nothing that
/// is not stored (PROCEDURAL) or not used. Postsynaptic learning asks for the used
/// variables of the synapse a few further down a SPARSE column.
@Suite struct RowPrefetchTests {
  /// A weight update with a weight `g` that its code uses and a `tag` that it does not.
  static let taggedPulse = WeightUpdateModel(
    name: "TaggedPulse",
    vars: [
      Variable("g", "scalar", access: .readOnly), Variable("tag", "scalar", access: .readOnly),
    ],
    preSpikeSynCode: "addToPost(g);\n")

  /// The presynaptic update function of a population of 100 onto 100 neurons.
  static func synapseUpdate(
    _ matrixType: SynapseMatrixType, weightUpdate: WeightUpdateModel, connectivity: Connectivity
  ) throws -> String {
    var model = ModelSpec(name: "prefetch", precision: .float, dt: 0.1, seed: 3)
    for name in ["Pre", "Post"] {
      model.addNeuronPopulation(
        name, size: 100, model: .lif, params: CPUBackendTests.lifParams(),
        vars: CPUBackendTests.lifVars)
    }
    let values: [String: VarInit] = weightUpdate.vars.isEmpty ? [:] : ["g": 0.5, "tag": 1]
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: matrixType,
        connectivity: connectivity, weightUpdate: weightUpdate,
        weightUpdateParams: weightUpdate.params.isEmpty ? [:] : ["g": 0.5],
        weightUpdateVars: values, postsynaptic: .deltaCurr))
    let source = try CPUBackendTests.source(model)
    return try #require(CPUBackendTests.function("void updateSynapseGroup0(", in: source))
  }

  static let fixedProbability = Connectivity.snippet(.fixedProbability, params: ["prob": 0.1])

  @Test func sparseRowsFetchTheirSplitsThenTheirPartOfTargetsAndUsedVariables() throws {
    let code = try Self.synapseUpdate(
      .sparse, weightUpdate: Self.taggedPulse, connectivity: Self.fixedProbability)
    #expect(
      code.contains(
        "__builtin_prefetch(rowSplits + (size_t)spikes[s + 2u * genn::kRowPrefetchDistance] * genn::kRowSplits);"
      ))
    #expect(code.contains("const uint32_t ahead = spikes[s + genn::kRowPrefetchDistance];"))
    #expect(
      code.contains(
        "genn::prefetchSpan(group.ind + (size_t)ahead * group.rowStride + from, to - from);"))
    #expect(
      code.contains(
        "genn::prefetchSpan(group.v_g + (size_t)ahead * group.rowStride + from, to - from);"))
    #expect(!code.contains("group.v_tag + (size_t)ahead"))
  }

  @Test func theFirstSpikesRowsAreFetchedBeforeTheLoop() throws {
    let code = try Self.synapseUpdate(
      .sparse, weightUpdate: Self.taggedPulse, connectivity: Self.fixedProbability)
    let splits = try #require(
      code.range(
        of: "for (uint32_t s = 0; s < count && s < 2u * genn::kRowPrefetchDistance; s++) {"))
    let rows = try #require(
      code.range(of: "for (uint32_t s = 0; s < count && s < genn::kRowPrefetchDistance; s++) {"))
    let loop = try #require(code.range(of: "for (uint32_t s = 0; s < count; s++) {"))
    #expect(splits.upperBound < rows.lowerBound && rows.upperBound < loop.lowerBound)
    let first = code[rows.upperBound..<loop.lowerBound]
    #expect(first.contains("const uint32_t ahead = spikes[s];"))
    #expect(
      first.contains(
        "genn::prefetchSpan(group.v_g + (size_t)ahead * group.rowStride + from, to - from);"))
    #expect(!first.contains("group.v_tag"))
  }

  @Test func sparseRowsReadOnlyTheirChunksSplitRanges() throws {
    let code = try Self.synapseUpdate(
      .sparse, weightUpdate: .staticPulseConstantWeight, connectivity: Self.fixedProbability)
    #expect(code.contains("const uint16_t *rowSplits, uint32_t firstRange, uint32_t endRange"))
    #expect(
      code.contains(
        "for (uint32_t j = firstRange == 0u ? 0u : splits[firstRange - 1u]; j < last; j++) {"))
    #expect(!code.contains("std::lower_bound"))
    // Once for the first spikes' rows before the loop, once in it for the spike ahead.
    #expect(CPUBackendTests.count("genn::prefetchSpan(", in: code) == 2)
  }

  @Test func denseRowsFetchTheirUsedVariablesFromTheThreadsFirstTarget() throws {
    let code = try Self.synapseUpdate(
      .dense, weightUpdate: Self.taggedPulse, connectivity: .allToAll)
    #expect(
      code.contains(
        "genn::prefetchRow(group.v_g + (size_t)ahead * group.numTrgNeurons + postBegin, group.numTrgNeurons);"
      ))
    #expect(!code.contains("rowLength"))
    #expect(CPUBackendTests.count("genn::prefetchRow(", in: code) == 2)
  }

  @Test func postsynapticLearningFetchesTheVariablesFurtherDownTheColumn() throws {
    let learning = WeightUpdateModel(
      name: "TaggedLearning",
      vars: [
        Variable("g", "scalar", access: .readWrite), Variable("tag", "scalar", access: .readOnly),
      ],
      preSpikeSynCode: "addToPost(g);\n", postSpikeSynCode: "g += 0.125;\n")
    let code = try Self.synapseUpdate(
      .sparse, weightUpdate: learning, connectivity: Self.fixedProbability)
    let column = try #require(code.range(of: "// post spike syn code")).upperBound
    let postsynaptic = code[column...]
    #expect(
      postsynaptic.contains(
        "const uint32_t ahead = group.remap[k + genn::kRowPrefetchDistance];"))
    #expect(postsynaptic.contains("__builtin_prefetch(group.v_g + ahead);"))
    #expect(!postsynaptic.contains("group.v_tag + ahead"))
  }

  @Test func proceduralRowsFetchNothing() throws {
    let code = try Self.synapseUpdate(
      .procedural, weightUpdate: .staticPulseConstantWeight,
      connectivity: Self.fixedProbability)
    #expect(!code.contains("prefetch"))
  }
}
