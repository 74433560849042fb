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
