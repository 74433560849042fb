import Foundation
import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// A model whose state does not fit in memory is refused before anything is allocated,
/// with the estimate, what is available and the largest parts; sizes too large for an
/// `Int` saturate instead of trapping.
@Suite struct MemoryEstimateTests {
  static let lifParams: [String: Double] = [
    "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -65, "Vthresh": -50, "Ioffset": 0,
    "TauRefrac": 2,
  ]

  /// `A` (`pre` LIF neurons) to `B` (`post`) through `synapses`' matrix type and
  /// connectivity, with weights `g`.
  static func model(
    pre: Int, post: Int, matrixType: SynapseMatrixType = .dense,
    connectivity: Connectivity = .allToAll
  ) -> ModelSpec {
    var model = ModelSpec(name: "memory_\(pre)_\(post)")
    for (name, size) in [("A", pre), ("B", post)] {
      model.addNeuronPopulation(
        name, size: size, model: .lif, params: lifParams, vars: ["V": -65, "RefracTime": 0])
    }
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "A", target: "B", matrixType: matrixType, connectivity: connectivity,
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 0.5], postsynaptic: .deltaCurr))
    return model
  }

  static func estimate(_ model: ModelSpec) throws -> MemoryEstimate {
    MemoryEstimate(
      model: model, arrays: try CPUBackend().generate(model).arrays, recordingRows: 1000)
  }

  @Test func denseWeightsAreTheLargestPart() throws {
    let estimate = try Self.estimate(Self.model(pre: 70000, post: 70000))
    let weights = try #require(estimate.largest(1).first)
    #expect(weights.what == "synapse population 'S' variable 'g'")
    #expect(weights.bytes == 70000 * 70000 * 4)
    #expect(throws: Never.self) { try estimate.check(available: estimate.total) }
    #expect {
      try estimate.check(available: 8_000_000_000)
    } throws: { error in
      guard
        case .insufficientMemory(let needed, 8_000_000_000, let largest)? = error as? RuntimeError
      else { return false }
      return needed == estimate.total
        && largest.map(\.what) == ["synapse population 'S' variable 'g'"]
        && "\(error)".hasPrefix(
          "the model needs 18.3 GiB (\(needed) bytes) of memory but 7.5 GiB "
            + "(8000000000 bytes) is available; the largest parts are synapse population 'S' "
            + "variable 'g': 18.3 GiB (19600000000 bytes). Make the model smaller")
    }
  }

  @Test func snippetRowsAreSizedByTheirLongestRow() throws {
    let total = try Self.estimate(
      Self.model(
        pre: 1000, post: 1000, matrixType: .sparse,
        connectivity: .snippet(.fixedNumberTotalWithReplacement, params: ["num": 4e9])))
    // About four million synapses a row, in weights of 4 bytes and (1,000 targets)
    // 16-bit indices.
    let largest = total.largest(2)
    try #require(largest.count == 2)
    #expect(largest[0].what == "synapse population 'S' variable 'g'")
    #expect(largest[0].bytes > 1000 * 4_000_000 * 4)
    #expect(largest[1].what == "synapse population 'S' connectivity (rows of postsynaptic indices)")
    #expect(largest[1].bytes > 1000 * 4_000_000 * 2)
    #expect(largest[1].bytes < 1000 * 4_000_000 * 3)
  }

  @Test func sizesBeyondAnIntSaturate() throws {
    let largest = Int(Int32.max)
    let estimate = try Self.estimate(Self.model(pre: largest, post: largest))
    #expect(estimate.total == .max)
    #expect(MemoryEstimate.format(estimate.total) == "more than 8 EiB")
    #expect(throws: RuntimeError.self) { try estimate.check(available: .max - 1) }
  }

  @Test func listedSparseRowsCountTheirLayout() throws {
    let estimate = try Self.estimate(Self.model(pre: 100, post: 50, matrixType: .sparse))
    let layout = try #require(estimate.uses.last)
    #expect(layout.what == "synapse population 'S' rows laid out while initialising")
    #expect(layout.bytes == 8 * (4 * 100 * 50 + 100 * 50))
  }

  @Test func aSimulationTooLargeForTheMachineIsRefusedBeforeAllocating() async throws {
    let largest = Int(Int32.max)
    do {
      _ = try await simulate(Self.model(pre: largest, post: largest))
      Issue.record("a simulation of 2^62 synapses was allocated")
    } catch let error as RuntimeError {
      guard case .insufficientMemory(.max, _, let largest) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(largest.first?.what == "synapse population 'S' variable 'g'")
    }
  }

  @Test func availableMemoryIsTheSmallerOfTheMachineAndTheControlGroup() {
    let meminfo = "MemTotal:       24683772 kB\nMemAvailable:   23914400 kB\nSwapTotal: 0 kB\n"
    #expect(HostMemory.available(meminfo: meminfo, limits: []) == 23_914_400 * 1024)
    #expect(
      HostMemory.available(
        meminfo: meminfo, limits: [("max\n", "1000\n"), ("9223372036854771712\n", "3376132096\n")])
        == 23_914_400 * 1024)
    #expect(
      HostMemory.available(meminfo: meminfo, limits: [("4294967296\n", "1073741824\n")])
        == 3_221_225_472)
    #expect(HostMemory.available(meminfo: nil, limits: []) == nil)
    #expect(HostMemory.available() > 0)
  }

  @Test func theAddressSpaceInUseIsReadAtAnyWidth() {
    // The kernel right-aligns the number in 8 columns; wider numbers follow the tab.
    #expect(HostMemory.virtualSize(status: "Name:\tgenn\nVmSize:\t    3892 kB\n") == 3892 * 1024)
    #expect(
      HostMemory.virtualSize(status: "VmPeak:\t1 kB\nVmSize:\t12345678 kB\nVmLck:\t0 kB\n")
        == 12_345_678 * 1024)
    #expect(HostMemory.virtualSize(status: "Name:\tgenn\n") == nil)
  }
}
