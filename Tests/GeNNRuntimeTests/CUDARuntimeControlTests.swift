import Foundation
import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// The CUDA code of dynamic parameters and timing: it compiles with NVRTC (sm_70, sm_80,
/// sm_90), and dynamic parameters set between emulated steps give the CPU backend's
/// values (`GENN_CUDA_EMULATE=1`).
@Suite struct CUDARuntimeControlTests {
  @Test(
    "dynamic parameters and timing compile with NVRTC",
    .enabled(
      if: CUDAReferenceCompileTests.location.path != nil,
      Comment(rawValue: CUDAReferenceCompileTests.location.reason)))
  func compiles() throws {
    let model = DynamicParameterTests.model(precision: .float)
    try CUDAReferenceCompileTests.compile(try CUDABackend().generate(model), name: model.name)
    let timed = RuntimeControlTests.counter(timing: true)
    try CUDAReferenceCompileTests.compile(try CUDABackend().generate(timed), name: timed.name)
  }

  /// The scenario of ``DynamicParameterTests``: before step `k` every dynamic parameter
  /// is set to `k²`, then the custom update runs, then the step.
  @Test(
    "emulated on the CPU: dynamic parameters set between steps give the CPU's values",
    .enabled(if: CUDAEmulationTests.enabled, CUDAEmulationTests.reason))
  func emulatedAgreesWithCPU() async throws {
    let model = DynamicParameterTests.model(precision: .double)
    let steps = 6
    let settings = (1..<steps).flatMap { step in
      model.dynamicParameters.indices.map { (step: step, position: $0, value: Double(step * step)) }
    }
    let (arrays, index, _, _) = try CUDAEmulationTests.emulate(
      model, steps: steps, schedule: (0..<steps).map { (step: $0, group: "CustomUpdate") },
      settings: settings)
    let cpu = try await simulate(model, threads: 2)
    for step in 0..<steps {
      if step > 0 {
        for parameter in model.dynamicParameters {
          try cpu.setDynamicParameter(
            parameter.name, of: parameter.element, to: Double(step * step))
        }
      }
      try cpu.customUpdate("CustomUpdate")
      try cpu.run(steps: 1)
    }
    let roles: [(ArrayLayout.Role, String, String)] = [
      (.neuronVariable(population: "Pre", variable: "x"), "Pre", "x"),
      (.currentSourceVariable(source: "Source", variable: "x"), "Source", "x"),
      (.customUpdateVariable(update: "Update", variable: "x"), "Update", "x"),
      (.postsynapticVariable(synapses: "Synapse", variable: "psmX"), "Synapse", "psmX"),
    ]
    for (role, element, variable) in roles {
      let emulated = VariableView(array: arrays[index[role]!]).load()
      #expect(emulated == (try cpu.values(of: variable, in: element)), "\(element).\(variable)")
    }
  }
}
