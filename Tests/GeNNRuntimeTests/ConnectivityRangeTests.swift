import Foundation
import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// A connectivity snippet whose build code adds a synapse beyond a population stores
/// nothing there: initialisation fails (the run, for synapses regenerated on each spike:
/// PROCEDURAL rows, TOEPLITZ diagonals) naming the synapse population, the row, the
/// target and the population's size, the first such synapse in (row, target) order on
/// every thread count and on both backends (CUDA emulated, and compiled with NVRTC).
@Suite struct ConnectivityRangeTests {
  /// The models: a SPARSE row build, a SPARSE column build, a BITMASK row build whose
  /// first target is -1, a SPARSE row build with a kernel-initialised variable, a
  /// PROCEDURAL row build and a TOEPLITZ diagonal build.
  static let names = ["row", "column", "bitmask", "kernel", "procedural", "toeplitz"]

  /// The models whose synapses are regenerated during the run, where every source
  /// neuron spikes at step 47.
  static let regenerated: Set = ["procedural", "toeplitz"]

  /// Steps after which every source neuron of a regenerated model has spiked.
  static let steps = 60

  /// The error each model's initialisation (or run) gives.
  static let expected: [String: RuntimeError] = [
    "row": .connectivityOutOfRange(
      synapses: "S", code: .row, row: 3, target: 10, population: "Post", size: 10),
    "column": .connectivityOutOfRange(
      synapses: "S", code: .column, row: 4, target: 12, population: "Pre", size: 12),
    "bitmask": .connectivityOutOfRange(
      synapses: "S", code: .row, row: 0, target: 4_294_967_295, population: "Post",
      size: 10),
    "kernel": .connectivityOutOfRange(
      synapses: "S", code: .row, row: 0, target: 1_000_000, population: "Post", size: 10),
    "procedural": .connectivityOutOfRange(
      synapses: "S", code: .row, row: 3, target: 10, population: "Post", size: 10),
    "toeplitz": .connectivityOutOfRange(
      synapses: "S", code: .diagonal, row: 3, target: 10, population: "Post", size: 10),
  ]

  static func model(_ name: String) -> ModelSpec {
    var model = ModelSpec(name: "range_\(name)", seed: 5)
    for (population, size) in [("Pre", 12), ("Post", 10)] {
      // Sources of regenerated synapses are driven to spike (all at step 47).
      let drive: Double = population == "Pre" && regenerated.contains(name) ? 1 : 0
      let params: [String: Double] = [
        "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -65, "Vthresh": -50, "Ioffset": drive,
        "TauRefrac": 2,
      ]
      model.addNeuronPopulation(
        population, size: size, model: .lif, params: params, vars: ["V": -65, "RefracTime": 0])
    }
    var matrixType = SynapseMatrixType.sparse
    var weightUpdate = WeightUpdateModel.staticPulse
    var weights: [String: VarInit] = ["g": 0.5]
    var snippet = ConnectivitySnippet(
      name: "Beyond", rowBuildCode: "addSynapse(id_pre);\naddSynapse(id_pre + 7);\n",
      maxRowLength: { _, _, _ in 2 })
    var connectivity = Connectivity.snippet(snippet, params: [:])
    switch name {
    case "column":
      snippet.rowBuildCode = ""
      snippet.colBuildCode = "addSynapse(id_post + 8);\naddSynapse(id_post * 3);\n"
      connectivity = .snippet(snippet, params: [:])
    case "bitmask":
      matrixType = .bitmask
      weightUpdate = .staticPulseConstantWeight
      weights = [:]
      snippet.rowBuildCode = "addSynapse(id_pre + 5);\naddSynapse(id_pre - 1);\n"
      connectivity = .snippet(snippet, params: [:])
    case "kernel":
      snippet.rowBuildCode = "addSynapse(id_pre, 0);\naddSynapse(id_pre + 1000000, 1);\n"
      snippet.kernelSize = { _ in [2] }
      weights = ["g": .kernel([0.5, 0.25])]
      connectivity = .snippet(snippet, params: [:])
    case "procedural":
      matrixType = .procedural
    case "toeplitz":
      matrixType = .toeplitz
      weights = ["g": .values([0.5, 0.25])]
      connectivity = .toeplitz(
        ToeplitzSnippet(
          name: "BeyondDiagonals",
          diagonalBuildCode:
            "for_each_synapse {\n    addSynapse(id_pre + 7 * id_diag, id_diag);\n}\n",
          maxRowLength: { _, _, _ in 2 }, kernelSize: { _ in [2] }),
        params: [:])
    default:
      break
    }
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "Pre", target: "Post", matrixType: matrixType,
        connectivity: connectivity, weightUpdate: weightUpdate,
        weightUpdateParams: weightUpdate.params.isEmpty ? [:] : ["g": 0.5],
        weightUpdateVars: weights, postsynaptic: .deltaCurr))
    return model
  }

  @Test(arguments: names)
  func theFirstSynapseBeyondIsAnError(name: String) async throws {
    let expected = try #require(Self.expected[name])
    for threads in [1, 3] {
      do {
        let simulation = try await simulate(Self.model(name), threads: threads)
        guard Self.regenerated.contains(name) else {
          Issue.record("\(name): a synapse beyond the population was accepted")
          continue
        }
        #expect(throws: expected, "\(name) on \(threads) threads") {
          try simulation.run(steps: Self.steps)
        }
        // The error stands for every later run.
        #expect(throws: expected) { try simulation.step() }
      } catch let error as RuntimeError {
        #expect(!Self.regenerated.contains(name), "\(name): \(error) at initialisation")
        #expect(error == expected, "\(name) on \(threads) threads")
      }
    }
  }

  @Test func messageNamesThePopulationRowTargetAndSize() {
    #expect(
      "\(Self.expected["row"]!)"
        == "synapse population 'S': the row build code of its connectivity snippet, for "
        + "presynaptic neuron 3, added a synapse to neuron 10, but target population 'Post' "
        + "has 10 neurons (0 to 9); addSynapse takes an index below num_post")
    #expect(
      "\(Self.expected["bitmask"]!)".contains(
        "added a synapse to neuron 4294967295 (-1 as a signed int), but target population"))
    #expect(
      "\(Self.expected["column"]!)".contains(
        "the column build code of its connectivity snippet, for postsynaptic neuron 4, added a "
          + "synapse from neuron 12, but source population 'Pre' has 12 neurons"))
    #expect(
      "\(Self.expected["toeplitz"]!)".hasPrefix(
        "synapse population 'S': the diagonal build code of its Toeplitz connectivity "
          + "snippet, for presynaptic neuron 3, added a synapse to neuron 10, but target"))
  }

  @Test(
    "emulated on the CPU: the CUDA kernels note the same synapse",
    .enabled(if: CUDAEmulationTests.enabled, CUDAEmulationTests.reason), arguments: names)
  func cudaNotesTheSameSynapse(name: String) throws {
    let model = Self.model(name)
    let (arrays, index, _, _) = try CUDAEmulationTests.emulate(
      model, steps: Self.regenerated.contains(name) ? Self.steps : 0)
    #expect(
      ConnectivityRangeErrors(model: model, index: index).error(in: arrays)
        == Self.expected[name])
  }

  @Test(
    "the range checks compile with NVRTC",
    .enabled(
      if: CUDAReferenceCompileTests.location.path != nil,
      Comment(rawValue: CUDAReferenceCompileTests.location.reason)),
    arguments: names)
  func compilesWithNVRTC(name: String) throws {
    try CUDAReferenceCompileTests.compile(
      try CUDABackend().generate(Self.model(name)), name: "range_\(name)")
  }
}
