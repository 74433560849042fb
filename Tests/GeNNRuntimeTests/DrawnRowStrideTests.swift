import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Rows of FixedNumberTotalWithReplacement, whose lengths are drawn before any row is
/// built, are laid out as long as the longest drawn row on the CPU backend instead of
/// the snippet's bound: the same synapses, weights and spikes, in less memory.
@Suite struct DrawnRowStrideTests {
  /// 400 LIF neurons onto 300 through 12,000 synapses with normally drawn weights, one
  /// volley of input; with `room`, `max_connections` asks for rows of the bound's length
  /// (so they do not follow the drawn lengths).
  static func model(room: Int?) -> ModelSpec {
    var model = ModelSpec(name: "drawn_rows_\(room.map(String.init) ?? "drawn")", seed: 3)
    for (name, size, drive) in [("Pre", 400, 1.5), ("Post", 300, 0.9)] {
      model.addNeuronPopulation(
        name, size: size, model: .lif,
        params: [
          "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": drive,
          "TauRefrac": 2,
        ], vars: ["V": .snippet(.uniform, params: ["min": -70, "max": -50]), "RefracTime": 0.0],
        recordSpikes: true)
    }
    var synapses = SynapsePopulation(
      name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
      connectivity: .snippet(.fixedNumberTotalWithReplacement, params: ["num": 12_000]),
      weightUpdate: .staticPulse,
      weightUpdateVars: ["g": .snippet(.normal, params: ["mean": 0.05, "sd": 0.01])],
      postsynaptic: .expCurr, postsynapticParams: ["tau": 5])
    synapses.maxConnections = room
    model.addSynapsePopulation(synapses)
    return model
  }

  /// The snippet's bound for the longest row.
  static let bound = SparseConnectivity.rowStride(
    of: model(room: nil).synapsePopulations[0], sourceSize: 400, targetSize: 300)

  @Test func rowsAreAsLongAsTheLongestDrawnRow() async throws {
    let model = Self.model(room: nil)
    #expect(SparseConnectivity.rowsFollowDrawnLengths(of: model.synapsePopulations[0], in: model))
    let simulation = try await simulate(model, threads: 2)
    let rows = try simulation.sparseRows(of: "Syn")
    let lengths = (0..<400).map {
      Int(rows.rowLengths.pointer.load(fromByteOffset: 4 * $0, as: UInt32.self))
    }
    #expect(lengths.reduce(0, +) == 12_000)
    #expect(rows.rowStride == lengths.max())
    #expect(rows.rowStride < Self.bound, "the bound \(Self.bound) leaves room never used")
    let weights = try simulation.stateMemory(of: "g", in: "Syn")
    #expect(weights.count == 400 * rows.rowStride)
  }

  @Test(arguments: [1, 2])
  func theNetworkIsTheOneWithRowsOfTheBoundsLength(threads: Int) async throws {
    let drawn = try await simulate(Self.model(room: nil), threads: threads)
    let padded = try await simulate(Self.model(room: Self.bound), threads: 1)
    #expect(try padded.sparseRows(of: "Syn").rowStride == Self.bound)
    #expect(try drawn.connectivity(of: "Syn") == padded.connectivity(of: "Syn"))
    #expect(try drawn.values(of: "g", in: "Syn") == padded.values(of: "g", in: "Syn"))
    try drawn.run(steps: 500)
    try padded.run(steps: 500)
    let spikes = try drawn.spikes(of: "Post")
    #expect(spikes.count > 100)
    #expect(spikes == (try padded.spikes(of: "Post")))
    #expect(try drawn.values(of: "V", in: "Post") == padded.values(of: "V", in: "Post"))
  }

  @Test func whatNeedsTheBoundKeepsIt() {
    var model = Self.model(room: nil)
    model.synapsePopulations[0].maxConnections = Self.bound
    #expect(!SparseConnectivity.rowsFollowDrawnLengths(of: model.synapsePopulations[0], in: model))
    model = Self.model(room: nil)
    model.synapsePopulations[0].connectivity = .snippet(.fixedProbability, params: ["prob": 0.1])
    #expect(!SparseConnectivity.rowsFollowDrawnLengths(of: model.synapsePopulations[0], in: model))
    model = Self.model(room: nil)
    model.addCustomUpdate(
      CustomUpdate(
        name: "Scale", updateGroup: "Scale",
        model: CustomUpdateModel(
          name: "Halve", varRefs: [CustomUpdateVarReference("r")], updateCode: "r *= 0.5;"),
        varRefs: ["r": .weightUpdateVariable(synapses: "Syn", variable: "g")]))
    #expect(!SparseConnectivity.rowsFollowDrawnLengths(of: model.synapsePopulations[0], in: model))
  }
}
