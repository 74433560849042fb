import Foundation
import GeNNCodeGen
import GeNNModel
import GeNNToolchain
import Testing

@testable import GeNNRuntime

/// Neuron-only models on an NVIDIA GPU through ``CUDASimulation``, against the CPU
/// backend. Without a driver (no `libcuda.so.1`) the GPU tests are skipped with the
/// reason, and only the errors are checked.
@Suite struct CUDASimulationTests {
  /// The driver library discovery finds on this machine, if any.
  static let driverLibrary = CUDADiscovery(environment: .current()).report().driver.library
  /// Where NVRTC is, if anywhere.
  static let nvrtc = NVRTCLocation.find()
  /// Whether the GPU tests can run, and why not.
  static let gpuReason = Comment(
    rawValue: driverLibrary == nil
      ? "no NVIDIA driver: libcuda.so.1 was not found, so there is no GPU to run on"
      : nvrtc.reason)

  /// The neuron-only reference cases (no synapses, no custom updates), from case.json.
  static let neuronOnlyCases = ReferenceCase.names.filter { name in
    guard let reference = try? ReferenceCase(name: name) else { return false }
    return (reference.json["synapse_populations"] as? [Any] ?? []).isEmpty
      && (reference.json["custom_updates"] as? [Any] ?? []).isEmpty
  }

  static func lifModel() -> ModelSpec {
    var model = ModelSpec(name: "cuda_lif", precision: .double, dt: 0.1)
    model.addNeuronPopulation(
      "Pop", size: 100, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 1.5,
        "TauRefrac": 2,
      ],
      vars: ["V": .snippet(.uniform, params: ["min": -70, "max": -50]), "RefracTime": 0.0],
      recordSpikes: true)
    return model
  }

  @Test(
    "without a driver, the error says so before anything is allocated",
    .enabled(if: driverLibrary == nil, "this machine has an NVIDIA driver"))
  func noDriver() {
    do {
      _ = try CUDASimulation(model: Self.lifModel())
      Issue.record("a CUDA simulation started without a driver")
    } catch {
      guard case .driver(.noDriverLibrary) = error else {
        Issue.record("expected driver(noDriverLibrary), got \(error)")
        return
      }
      #expect(error.description.contains("libcuda.so.1"))
    }
  }

  @Test("an NVRTC newer than the driver is refused with the pip package that fits")
  func nvrtcNewerThanDriver() {
    let error = CUDASimulationError.nvrtcNewerThanDriver(
      nvrtc: CUDAVersion(major: 13, minor: 0), nvrtcPath: "/venv/nvidia/cu13/lib/libnvrtc.so.13",
      driver: CUDAVersion(major: 12, minor: 4))
    #expect(error.description.contains("NVRTC 13.0 (/venv/nvidia/cu13/lib/libnvrtc.so.13)"))
    #expect(error.description.contains("python3 -m pip install nvidia-cuda-nvrtc-cu12"))
    let failure = NVRTCCompilationFailure(
      programName: "m.cu", options: [], result: 6, message: "NVRTC_ERROR_COMPILATION",
      log: "m.cu(2): error: bad", source: "a\nb\nc")
    let compilation = CUDASimulationError.compilation(
      .compilationFailed(failure), origin: "Neuron update group 0 (sim code)")
    #expect(compilation.description.contains("generated for: Neuron update group 0 (sim code)"))
    #expect(compilation.description.contains("bug of SwiftGeNN's"))
  }

  @Test("a model with synapses is refused by the generator, naming the population")
  func synapsesRefused() {
    var model = Self.lifModel()
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Loop", source: "Pop", target: "Pop", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 1.0], postsynaptic: .deltaCurr))
    do {
      _ = try CUDASimulation(model: model)
      Issue.record("a CUDA simulation of synapses started")
    } catch {
      guard case .generation(.unsupportedSynapsePopulation(let name)) = error else {
        Issue.record("expected generation(unsupportedSynapsePopulation), got \(error)")
        return
      }
      #expect(name == "Loop")
    }
  }

  @Test(
    "on a GPU: every neuron-only reference case agrees with the CPU backend",
    .enabled(if: driverLibrary != nil && nvrtc.path != nil, gpuReason),
    arguments: neuronOnlyCases)
  func agreesWithCPU(name: String) async throws {
    let reference = try ReferenceCase(name: name)
    let model = try reference.model()
    let steps = reference.numSteps
    let cpu = try await simulate(model)
    cpu.run(steps: steps)
    let gpu = try CUDASimulation(model: model)
    try gpu.run(steps: steps)
    #expect(gpu.timestep == UInt64(steps))
    // GPU maths (its exp, fused multiply-adds) differs from glibc's in the last bits.
    let tolerance = model.precision == .float ? 1e-3 : 1e-6
    for population in model.neuronPopulations {
      for variable in population.model.vars {
        let expected = try cpu.values(of: variable.name, in: population.name)
        let actual = try gpu.values(of: variable.name, in: population.name)
        for (e, a) in zip(expected, actual) {
          #expect(
            abs(e - a) <= tolerance * max(1, abs(e)),
            "\(name): \(population.name).\(variable.name): CPU \(e), GPU \(a)")
        }
      }
      guard population.recordSpikes else { continue }
      let cpuSpikes = try cpu.spikes(of: population.name)
      let gpuSpikes = try gpu.spikes(of: population.name)
      let cpuSet = Set(zip(cpuSpikes.steps, cpuSpikes.ids).map { "\($0):\($1)" })
      let gpuSet = Set(zip(gpuSpikes.steps, gpuSpikes.ids).map { "\($0):\($1)" })
      let differing = cpuSet.symmetricDifference(gpuSet).count
      #expect(
        differing <= cpuSet.count / 100,
        """
        \(name): \(population.name): \(cpuSet.count) CPU spikes, \(gpuSet.count) GPU, \
        \(differing) differ
        """)
      print(
        "CUDASimulationTests: \(name) \(population.name): \(gpuSet.count) spikes on \(gpu.device), "
          + "\(differing) differ from the CPU's")
    }
  }

  @Test(
    "on a GPU: snippet initialisation matches the CPU's values, and setValues round trips",
    .enabled(if: driverLibrary != nil && nvrtc.path != nil, gpuReason))
  func initialisationMatches() async throws {
    let model = Self.lifModel()
    let cpu = try await simulate(model)
    let gpu = try CUDASimulation(model: model, options: .init(recordingCapacity: 7))
    let expected = try cpu.values(of: "V", in: "Pop")
    let actual = try gpu.values(of: "V", in: "Pop")
    // The same Philox streams; only a fused multiply-add may round differently.
    #expect(actual.count == expected.count)
    for (e, a) in zip(expected, actual) {
      #expect(abs(e - a) <= 1e-12 * max(1, abs(e)), "CPU \(e), GPU \(a)")
    }
    try gpu.setValues([Double](repeating: -60, count: 100), of: "V", in: "Pop")
    #expect(try gpu.values(of: "V", in: "Pop") == [Double](repeating: -60, count: 100))
    // Spikes gathered across several full recording buffers.
    try gpu.setValues(expected, of: "V", in: "Pop")
    try gpu.run(steps: 250)
    cpu.run(steps: 250)
    let cpuSpikes = try cpu.spikes(of: "Pop")
    let gpuSpikes = try gpu.spikes(of: "Pop")
    #expect(gpuSpikes.count == cpuSpikes.count)
    #expect(Set(gpuSpikes.steps) == Set(cpuSpikes.steps))
  }
}
