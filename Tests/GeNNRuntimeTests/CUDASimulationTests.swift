import Foundation
import GeNNCodeGen
import GeNNModel
import GeNNReferenceCases
import GeNNToolchain
import Testing

@testable import GeNNRuntime

/// Models on an NVIDIA GPU through ``CUDASimulation`` (neurons, current sources, DENSE
/// and SPARSE static synapses), against the CPU backend. Without a driver (no `libcuda.so.1`) the GPU tests are skipped with the
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

  /// The reference cases with synapse populations and no custom updates.
  static let synapseCases = ReferenceCase.names.filter { name in
    guard let reference = try? ReferenceCase(name: name) else { return false }
    return !(reference.json["synapse_populations"] as? [Any] ?? []).isEmpty
      && (reference.json["custom_updates"] as? [Any] ?? []).isEmpty
  }

  @Test("the synapse reference cases are found")
  func synapseCasesFound() {
    #expect(Self.synapseCases.contains("va_small") && Self.synapseCases.contains("axonal_delay"))
    #expect(Self.synapseCases.contains("spike_events"))
    #expect(Self.synapseCases.contains("stdp"))
  }

  /// SPARSE rows from a FixedProbability snippet and weights from snippets, DENSE
  /// weights from a snippet, an axonal delay: built and initialised on the GPU.
  static func synapseModel() -> ModelSpec {
    var model = ModelSpec(name: "cuda_synapses", precision: .double, dt: 0.1, seed: 3)
    model.addNeuronPopulation(
      "Input", size: 200, model: .poisson, params: ["rate": 40],
      vars: ["timeStepToSpike": .snippet(.exponential, params: ["lambda": 1])], recordSpikes: true
    )
    model.addNeuronPopulation(
      "Output", size: 300, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
        "TauRefrac": 2,
      ], vars: ["V": -70.0, "RefracTime": 0.0], recordSpikes: true)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Sparse", source: "Input", target: "Output", matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.1]),
        weightUpdate: .staticPulse,
        weightUpdateVars: ["g": .snippet(.uniform, params: ["min": 0.5, "max": 1.5])],
        postsynaptic: .expCurr, postsynapticParams: ["tau": 5], axonalDelaySteps: 2))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Dense", source: "Input", target: "Output", matrixType: .dense,
        connectivity: .allToAll, weightUpdate: .staticPulse,
        weightUpdateVars: ["g": .snippet(.normal, params: ["mean": 0.02, "sd": 0.01])],
        postsynaptic: .deltaCurr))
    // Row lengths drawn first (one thread), then rows built from them.
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Total", source: "Input", target: "Output", matrixType: .sparse,
        connectivity: .snippet(.fixedNumberTotalWithReplacement, params: ["num": 3000]),
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 0.4],
        postsynaptic: .expCurr, postsynapticParams: ["tau": 2]))
    return model
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

  @Test("an invalid synapse population is refused by the generator, naming it")
  func invalidSynapsesRefused() {
    var model = Self.lifModel()
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Loop", source: "Pop", target: "Pop", matrixType: .dense,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.5]),
        weightUpdate: .staticPulseConstantWeight, weightUpdateParams: ["g": 1],
        postsynaptic: .deltaCurr))
    do {
      _ = try CUDASimulation(model: model)
      Issue.record("a CUDA simulation of an invalid model started")
    } catch {
      guard case .generation(.invalidModel) = error else {
        Issue.record("expected generation(invalidModel), got \(error)")
        return
      }
      #expect(error.description.contains("'Loop'"))
    }
  }

  @Test(
    "on a GPU: every reference case without custom updates agrees with the CPU",
    .enabled(if: driverLibrary != nil && nvrtc.path != nil, gpuReason),
    arguments: neuronOnlyCases + synapseCases)
  func agreesWithCPU(name: String) async throws {
    let reference = try ReferenceCase(name: name)
    let model = try reference.model()
    let steps = reference.numSteps
    let cpu = try await simulate(model)
    try cpu.run(steps: steps)
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
    for synapses in model.synapsePopulations
    where model.neuronPopulation(named: synapses.source)!.recordSpikeEvents
      && synapses.weightUpdate.hasPreEvents
    {
      let cpuEvents = try cpu.spikeEvents(of: synapses.name)
      let gpuEvents = try gpu.spikeEvents(of: synapses.name)
      let cpuSet = Set(zip(cpuEvents.steps, cpuEvents.ids).map { "\($0):\($1)" })
      let gpuSet = Set(zip(gpuEvents.steps, gpuEvents.ids).map { "\($0):\($1)" })
      let differing = cpuSet.symmetricDifference(gpuSet).count
      #expect(differing <= cpuSet.count / 100, "\(name): spike-like events of \(synapses.name)")
    }
  }

  @Test(
    "on a GPU: rows built by a snippet and synapse weights match the CPU's, then spikes agree",
    .enabled(if: driverLibrary != nil && nvrtc.path != nil, gpuReason))
  func synapsesMatch() async throws {
    let model = Self.synapseModel()
    let cpu = try await simulate(model)
    let gpu = try CUDASimulation(model: model)
    // The same Philox stream per row, then sorted: the same rows (GPU log() may differ
    // from glibc's in the last bit, which would move a synapse; none is expected here).
    let cpuRows = try cpu.connectivity(of: "Sparse")
    let gpuRows = try gpu.connectivity(of: "Sparse")
    #expect(gpuRows.pre == cpuRows.pre)
    #expect(gpuRows.post == cpuRows.post)
    for synapses in ["Sparse", "Dense"] {
      let expected = try cpu.values(of: "g", in: synapses)
      let actual = try gpu.values(of: "g", in: synapses)
      #expect(actual.count == expected.count)
      for (e, a) in zip(expected, actual) {
        #expect(abs(e - a) <= 1e-12 * max(1, abs(e)), "\(synapses): CPU \(e), GPU \(a)")
      }
    }
    try cpu.run(steps: 500)
    try gpu.run(steps: 500)
    for population in ["Input", "Output"] {
      let cpuSpikes = try cpu.spikes(of: population)
      let gpuSpikes = try gpu.spikes(of: population)
      let cpuSet = Set(zip(cpuSpikes.steps, cpuSpikes.ids).map { "\($0):\($1)" })
      let gpuSet = Set(zip(gpuSpikes.steps, gpuSpikes.ids).map { "\($0):\($1)" })
      #expect(cpuSet.symmetricDifference(gpuSet).count <= cpuSet.count / 100, "\(population)")
    }
    let cpuInput = try cpu.values(of: "inSyn", in: "Sparse")
    let gpuInput = try gpu.values(of: "inSyn", in: "Sparse")
    for (e, a) in zip(cpuInput, gpuInput) {
      #expect(abs(e - a) <= 1e-6 * max(1, abs(e)), "inSyn: CPU \(e), GPU \(a)")
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
    try cpu.run(steps: 250)
    let cpuSpikes = try cpu.spikes(of: "Pop")
    let gpuSpikes = try gpu.spikes(of: "Pop")
    #expect(gpuSpikes.count == cpuSpikes.count)
    #expect(Set(gpuSpikes.steps) == Set(cpuSpikes.steps))
  }

  @Test(
    "on a GPU: host copies of variables and extra global parameters follow pull and push",
    .enabled(if: driverLibrary != nil && nvrtc.path != nil, gpuReason))
  func hostCopiesFollowPullAndPush() throws {
    var model = ModelSpec(name: "cuda_host_copies", precision: .float, dt: 1)
    model.addNeuronPopulation(
      "Counters", size: 4,
      model: NeuronModel(
        name: "Counter", vars: [Variable("V")],
        extraGlobalParams: [ExtraGlobalParameter("rates", "scalar*")],
        simCode: "V += rates[id];"),
      vars: ["V": 0.0], extraGlobalParams: ["rates": [1, 2, 3, 4]])
    let gpu = try CUDASimulation(model: model)
    let memory = try gpu.stateMemory(of: "V", in: "Counters")
    let rates = try gpu.stateMemory(ofExtraGlobalParameter: "rates", in: "Counters")
    #expect(memory.count == 4 && rates.count == 4 && rates.elementType == .float)
    let values = memory.pointer.assumingMemoryBound(to: Float.self)
    let rate = rates.pointer.assumingMemoryBound(to: Float.self)
    #expect(rate[0] == 1 && rate[3] == 4)
    // Not pushed: the GPU still adds 1.
    rate[0] = 100
    try gpu.run(steps: 1)
    #expect(values[0] == 0)
    try gpu.pull("V", of: "Counters")
    #expect(values[0] == 1 && values[1] == 2)
    try gpu.push("rates", of: "Counters")
    values[1] = 50
    try gpu.push("V", of: "Counters")
    try gpu.run(steps: 1)
    try gpu.pull("V", of: "Counters")
    #expect(values[0] == 101 && values[1] == 52 && values[2] == 6)
    #expect(try gpu.layout(of: "V", in: "Counters").slots == 1)
    #expect(throws: CUDASimulationError.self) { try gpu.pull("W", of: "Counters") }
  }

  @Test(
    "on a GPU: SPARSE rows built there are copied back as the CPU stores them",
    .enabled(if: driverLibrary != nil && nvrtc.path != nil, gpuReason))
  func sparseRowsMatch() async throws {
    let model = Self.synapseModel()
    let cpu = try await simulate(model)
    let gpu = try CUDASimulation(model: model)
    func elements(_ memory: StateMemory) -> [UInt32] {
      Array(
        UnsafeBufferPointer(
          start: memory.pointer.assumingMemoryBound(to: UInt32.self), count: memory.count))
    }
    // The rows the synapsesMatch test finds equal, compared as stored (padding aside).
    let expected = try cpu.sparseRows(of: "Sparse")
    let actual = try gpu.sparseRows(of: "Sparse")
    #expect(actual.rowStride == expected.rowStride)
    let lengths = elements(expected.rowLengths)
    #expect(elements(actual.rowLengths) == lengths)
    let (cpuIndices, gpuIndices) = (elements(expected.indices), elements(actual.indices))
    for (row, length) in lengths.enumerated() {
      let stored = row * expected.rowStride..<row * expected.rowStride + Int(length)
      #expect(gpuIndices[stored] == cpuIndices[stored], "row \(row)")
    }
  }
}
