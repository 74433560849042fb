import Foundation
import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// The custom update and extra global parameter features of issue 20 in CUDA: their
/// models compile with NVRTC for sm_70, sm_80 and sm_90, and their kernels, emulated on
/// the CPU (``CUDAEmulationTests/emulate(_:steps:schedule:)``), leave every listed array
/// exactly as the CPU backend does, padding and delay slots included.
@Suite struct CustomUpdateFeatureCUDATests {
  /// A model, the steps it runs, its custom update calls, and the arrays compared.
  struct Feature {
    var model: ModelSpec
    var steps: Int
    var schedule: [(step: Int, group: String)]
    /// (element, variable) pairs compared as whole arrays.
    var arrays: [(String, String)]
  }

  static let names = [
    "kernel_and_synapse_init", "delayed_references", "egp_references", "init_snippet_egps",
    "connectivity_egps",
  ]

  static func feature(_ name: String) -> Feature {
    switch name {
    case "connectivity_egps":
      return Feature(
        model: ConnectivityExtraGlobalParameterTests.network(), steps: 3, schedule: [],
        arrays: [
          ("PostSparse", "x"), ("PostBitmask", "x"), ("PostProcedural", "x"),
          ("PostToeplitz", "x"),
        ])
    case "init_snippet_egps":
      return Feature(
        model: InitSnippetExtraGlobalParameterTests.network(), steps: 1, schedule: [],
        arrays: [
          ("Pre", "repeat"), ("Source", "repeat"), ("Dense", "repeat"), ("Dense", "preRepeat"),
          ("Dense", "postRepeat"), ("Dense", "psmRepeat"), ("Sparse", "repeat"),
          ("Sparse", "preRepeat"), ("Sparse", "postRepeat"), ("Sparse", "psmRepeat"),
          ("NeuronCopy", "repeat"), ("SynapseCopy", "repeat"),
        ])
    case "egp_references":
      return Feature(
        model: ExtraGlobalParameterReferenceTests.network(), steps: 3,
        schedule: [(step: 1, group: "Set")],
        arrays: [
          ("Neurons", "x"), ("Neurons", "y"), ("Neurons", "e"), ("Syn", "w"), ("Syn", "scale"),
        ])
    case "delayed_references":
      return Feature(
        model: DelayedCustomUpdateReferenceTests.network(), steps: 6,
        schedule: [
          (step: 2, group: "DendriticAdd"), (step: 3, group: "Set"), (step: 4, group: "Broadcast"),
          (step: 5, group: "DendriticZero"),
        ],
        arrays: [
          ("Pre", "V"), ("Pre", "U"), ("Delayed", "pre"), ("Pre", "st"), ("Pre", "prev_st"),
          ("Dendritic", "denDelay"), ("Dendritic", "inSyn"),
        ])
    default:
      let model = KernelCustomUpdateTests.network()
      return Feature(
        model: model, steps: 3, schedule: [(step: 1, group: "Kernel"), (step: 2, group: "Reduce")],
        arrays: [
          ("Conv", "g"), ("Conv", "total"), ("Scale", "where"), ("Scale", "init"),
          ("KernelReduce", "largest"), ("DenseWhere", "where"), ("SparseWhere", "where"),
        ])
    }
  }

  @Test(
    "custom update and extra global parameter features compile with NVRTC",
    .enabled(
      if: CUDAReferenceCompileTests.location.path != nil,
      Comment(rawValue: CUDAReferenceCompileTests.location.reason)),
    arguments: names)
  func compiles(_ name: String) throws {
    let model = Self.feature(name).model
    try CUDAReferenceCompileTests.compile(try CUDABackend().generate(model), name: name)
  }

  @Test(
    "emulated on the CPU: custom update features give the CPU backend's arrays",
    .enabled(if: CUDAEmulationTests.enabled, CUDAEmulationTests.reason), arguments: names)
  func agreesWithCPU(_ name: String) async throws {
    let feature = Self.feature(name)
    let (arrays, index, _, _) = try CUDAEmulationTests.emulate(
      feature.model, steps: feature.steps, schedule: feature.schedule)
    let cpu = try await simulate(feature.model)
    var done = 0
    for call in feature.schedule {
      try cpu.run(steps: call.step - done)
      done = call.step
      try cpu.customUpdate(call.group)
    }
    try cpu.run(steps: feature.steps - done)
    for (element, variable) in feature.arrays {
      let role = try #require(
        Self.role(of: variable, in: element, index), "\(name): \(element).\(variable)")
      let expected = try #require(cpu.memory[role])
      let actual = arrays[index[role]!]
      #expect(actual.count == expected.count, "\(name): \(element).\(variable) count")
      #expect(
        memcmp(actual.pointer, expected.pointer, actual.bytes) == 0,
        "\(name): \(element).\(variable): \(actual.load()) (emulated), \(expected.load()) (CPU)")
    }
  }

  /// The role of the array of `variable` of `element` among those of `index`: a
  /// variable, spike times (`st`, `prev_st`), a dendritic delay buffer (`denDelay`), an
  /// input (`inSyn`) or an extra global parameter.
  static func role(of variable: String, in element: String, _ index: [ArrayLayout.Role: Int])
    -> ArrayLayout.Role?
  {
    let roles: [ArrayLayout.Role] = [
      .neuronVariable(population: element, variable: variable),
      .currentSourceVariable(source: element, variable: variable),
      .weightUpdateVariable(synapses: element, variable: variable),
      .weightUpdatePreVariable(synapses: element, variable: variable),
      .weightUpdatePostVariable(synapses: element, variable: variable),
      .postsynapticVariable(synapses: element, variable: variable),
      .customUpdateVariable(update: element, variable: variable),
      .neuronExtraGlobalParameter(population: element, parameter: variable),
      .currentSourceExtraGlobalParameter(source: element, parameter: variable),
      .weightUpdateExtraGlobalParameter(synapses: element, parameter: variable),
      .customUpdateExtraGlobalParameter(update: element, parameter: variable),
      .postsynapticExtraGlobalParameter(synapses: element, parameter: variable),
    ]
    let special: [String: ArrayLayout.Role] = [
      "st": .spikeTimes(population: element), "prev_st": .previousSpikeTimes(population: element),
      "denDelay": .dendriticDelayBuffer(synapses: element),
      "inSyn": .postsynapticInput(synapses: element),
    ]
    return (special[variable].map { [$0] } ?? roles).first { index[$0] != nil }
  }
}
