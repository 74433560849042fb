import GeNNModel
import GeNNTranspiler
import Testing

@testable import GeNNCodeGen

/// How generated code indexes extra global parameters: as plain subscripts by default
/// (GeNN's code), through `genn_checked_element` when indexes are checked; their sizes
/// always come from the runtime at binding (issue 17, item 3).
@Suite struct IndexCheckCodeTests {
  static func model(sim: String = "V += e[id % 3u];") -> ModelSpec {
    var model = ModelSpec(name: "egp_code")
    model.addNeuronPopulation(
      "N", size: 4,
      model: NeuronModel(
        name: "Indexing", vars: [Variable("V")],
        extraGlobalParams: [ExtraGlobalParameter("e", "scalar*")], simCode: sim),
      vars: ["V": 0], extraGlobalParams: ["e": [1, 2, 3]])
    return model
  }

  @Test func indexesArePlainSubscriptsUnlessChecked() throws {
    let cpu = try CPUBackend(checkIndices: false).generate(Self.model())
    let cuda = try CUDABackend(checkIndices: false).generate(Self.model())
    for source in [cpu.source, cuda.source] {
      #expect(source.contains("group.egp_e[genn_rem(id, 3u, __LINE__)]"))
      #expect(!source.contains(IndexCheckSource.function))
      #expect(source.contains(".egpSize_e = counts[1];"))
    }
    #expect(!cpu.arrays.contains { $0.role == .outOfRangeIndex })
  }

  @Test func checkedIndexesGoThroughTheCheckAndTheRecord() throws {
    let cpu = try CPUBackend(checkIndices: true).generate(Self.model())
    let cuda = try CUDABackend(checkIndices: true).generate(Self.model())
    let call =
      "genn_checked_element(group.egp_e, group.egpSize_e, group.egpId_e, group.outOfRange, "
      + "(uint64_t)(genn_rem(id, 3u, __LINE__)), false)"
    for source in [cpu.source, cuda.source] {
      #expect(source.contains(call))
      #expect(source.contains(".egpSize_e = counts[1];"))
      #expect(source.contains(".egpId_e = 1u;"))
    }
    #expect(cpu.source.contains("__atomic_compare_exchange_n"))
    #expect(cuda.source.contains("atomicCAS(record"))
    let record = try #require(cpu.arrays.first { $0.role == .outOfRangeIndex })
    #expect(record.count == 4 && record.elementType == .uint64)
    #expect(cuda.arrays == cpu.arrays)
  }

  @Test func anExtraGlobalParameterUsedOtherThanByIndexIsAnError() throws {
    for code in ["V += *e;", "V += (e + 1)[0];", "if (e) { V = 0.0; }"] {
      do {
        _ = try CPUBackend().generate(Self.model(sim: code))
        Issue.record("\(code) generated")
      } catch {
        #expect(
          "\(error)".contains(
            "'e' (extra global parameter) can only be indexed, as 'e[i]', so that each index is "
              + "checked against its size"), "\(code): \(error)")
      }
    }
  }
}
