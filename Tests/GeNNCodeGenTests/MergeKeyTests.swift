import GeNNModel
import Testing

@testable import GeNNCodeGen

/// Elements merge only when their code is the same: no choice of names and code strings
/// makes two different structures look alike to the merging.
@Suite struct MergeKeyTests {
  /// A model of two populations whose `V` snippets differ, though the name and code of
  /// one, run together, spell the name and code of the other.
  static func model() -> ModelSpec {
    var model = ModelSpec(name: "merge_keys", precision: .double)
    let snippets = [
      InitSnippet(name: "S", params: ["a", "b", "c"], code: "value = a ? b : c;"),
      InitSnippet(name: "S:value = a ? b ", params: ["a", "b", "c"], code: " c;"),
    ]
    for (index, snippet) in snippets.enumerated() {
      model.addNeuronPopulation(
        "P\(index)", size: 4, model: .lif, params: CPUBackendTests.lifParams(),
        vars: [
          "V": .snippet(snippet, params: ["a": 1, "b": -60, "c": -70]), "RefracTime": 0,
        ])
    }
    return model
  }

  @Test func initSnippetsWithDifferentCodeDoNotMerge() throws {
    let model = Self.model()
    #expect(GroupMerging.initGroups(of: model).count == 2)
    let source = try CPUBackend().generate(model).source
    #expect(CPUBackendTests.count("InitGroup1", in: source) > 0)
  }
}

/// Models that differ only in a parameter's type never share code: the merged field has
/// the type.
@Suite struct TypedParameterMergeKeyTests {
  @Test func parametersOfAnotherTypeDoNotMerge() throws {
    var model = ModelSpec(name: "typed_merge_keys")
    for (index, type) in ["int", "scalar", "unsigned int"].enumerated() {
      model.addNeuronPopulation(
        "P\(index)", size: 2,
        model: NeuronModel(
          name: "Halving", params: ["d"], paramTypes: ["d": type], vars: [Variable("x")],
          simCode: "x = d / 2;"),
        params: ["d": 5], vars: ["x": 0])
    }
    model.addNeuronPopulation(
      "P3", size: 2,
      model: NeuronModel(
        name: "Halving", params: ["d"], vars: [Variable("x")], simCode: "x = d / 2;"),
      params: ["d": 5], vars: ["x": 0])
    let keys = model.neuronPopulations.map { GroupMerging.structureKey($0.model) }
    #expect(Set(keys).count == 3)
    #expect(keys[1] == keys[3])
    let source = try CPUBackend().generate(model).source
    #expect(source.contains("int32_t p_d;") && source.contains("uint32_t p_d;"))
  }
}
