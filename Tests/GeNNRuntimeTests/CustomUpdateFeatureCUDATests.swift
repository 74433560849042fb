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

  static let names = ["kernel_and_synapse_init"]

  static func feature(_ name: String) -> Feature {
    switch name {
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
    let layout = MemoryLayoutIndex(model: feature.model, index: index)
    for (element, variable) in feature.arrays {
      let memory = try cpu.stateMemory(of: variable, in: element)
      let array = arrays[try #require(layout.position(of: variable, in: element))]
      let bytes = array.bytes
      #expect(array.count == memory.count, "\(name): \(element).\(variable) count")
      #expect(
        memcmp(array.pointer, memory.pointer, bytes) == 0,
        "\(name): \(element).\(variable): \(array.load()) (emulated)")
    }
  }
}

/// Finds an array by element and variable name among the roles of a memory plan.
struct MemoryLayoutIndex {
  var model: ModelSpec
  var index: [ArrayLayout.Role: Int]

  func position(of variable: String, in element: String) -> Int? {
    let roles: [ArrayLayout.Role] = [
      .neuronVariable(population: element, variable: variable),
      .currentSourceVariable(source: element, variable: variable),
      .weightUpdateVariable(synapses: element, variable: variable),
      .weightUpdatePreVariable(synapses: element, variable: variable),
      .weightUpdatePostVariable(synapses: element, variable: variable),
      .postsynapticVariable(synapses: element, variable: variable),
      .customUpdateVariable(update: element, variable: variable),
      .neuronExtraGlobalParameter(population: element, parameter: variable),
    ]
    return roles.lazy.compactMap { index[$0] }.first
  }
}
