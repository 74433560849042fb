import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// The CUDA code of ``SizeNameTests`` and ``NeuronInputTests``' models: NVRTC compiles it
/// for sm_70, sm_80 and sm_90, and emulated on the CPU (`GENN_CUDA_EMULATE=1`) it gives
/// the CPU backend's values.
@Suite struct NeuronInputCUDATests {
  static let models: [String: @Sendable () -> ModelSpec] = [
    "size_names": SizeNameTests.model, "neuron_inputs": NeuronInputTests.model,
    "auto_refractory": { NeuronInputTests.refractoryModel(auto: true) },
    "typed_derived": NeuronInputTests.typedModel,
  ]

  @Test(
    "size names, inputs, references, auto-refractory and typed derived parameters compile with NVRTC",
    .enabled(
      if: CUDAReferenceCompileTests.location.path != nil,
      Comment(rawValue: CUDAReferenceCompileTests.location.reason)),
    arguments: models.keys.sorted())
  func compiles(_ name: String) throws {
    try CUDAReferenceCompileTests.compile(
      try CUDABackend().generate(Self.models[name]!()), name: name)
  }

  @Test(
    "emulated on the CPU, they give the CPU backend's values",
    .enabled(if: CUDAEmulationTests.enabled, CUDAEmulationTests.reason),
    arguments: models.keys.sorted())
  func agreesWithCPU(_ name: String) async throws {
    let model = Self.models[name]!()
    let steps = 5
    let (arrays, index, _, _) = try CUDAEmulationTests.emulate(model, steps: steps)
    let cpu = try await simulate(model)
    try cpu.run(steps: steps)
    var checks: [(element: String, variable: String, role: ArrayLayout.Role)] = []
    for population in model.neuronPopulations {
      for variable in population.model.vars {
        checks.append(
          (
            population.name, variable.name,
            .neuronVariable(population: population.name, variable: variable.name)
          ))
      }
    }
    for source in model.currentSources {
      for variable in source.model.vars {
        checks.append(
          (
            source.name, variable.name,
            .currentSourceVariable(source: source.name, variable: variable.name)
          ))
      }
    }
    for synapses in model.synapsePopulations {
      let name = synapses.name
      let roles: [(String, ArrayLayout.Role)] =
        synapses.weightUpdate.vars.map {
          ($0.name, .weightUpdateVariable(synapses: name, variable: $0.name))
        }
        + synapses.weightUpdate.preVars.map {
          ($0.name, .weightUpdatePreVariable(synapses: name, variable: $0.name))
        }
        + synapses.weightUpdate.postVars.map {
          ($0.name, .weightUpdatePostVariable(synapses: name, variable: $0.name))
        }
        + synapses.postsynaptic.vars.map {
          ($0.name, .postsynapticVariable(synapses: name, variable: $0.name))
        }
      checks += roles.map { (name, $0.0, $0.1) }
    }
    for check in checks {
      let actual = VariableView(array: arrays[index[check.role]!]).load()
      let expected = try cpu.values(of: check.variable, in: check.element)
      #expect(actual == expected, "\(name): \(check.element).\(check.variable)")
    }
  }
}
