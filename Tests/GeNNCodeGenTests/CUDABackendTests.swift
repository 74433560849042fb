import Foundation
import GeNNModel
import GeNNReferenceCases
import GeNNToolchain
import Testing

@testable import GeNNCodeGen

/// The CUDA backend's code, compiled for real by NVRTC for Volta, Ampere and Hopper (no
/// GPU needed), for every neuron-only reference case and example, and its structure: no
/// `#include`, one `atomicAdd` per block for spikes, the launch plan.
@Suite struct CUDABackendTests {
  /// The reference cases the CUDA backend can generate: no synapse populations and no
  /// custom updates (found from each `case.json`, not by name).
  static let neuronOnlyCases = ReferenceCase.names.filter {
    (try? ReferenceCase(name: $0))?.isNeuronOnly == true
  }

  /// Compiles `module` for every architecture; a failure records NVRTC's log, the lines
  /// around the error and the model element that produced them, then the whole source.
  static func compileEverywhere(_ module: CUDAModule, name: String) throws -> [String] {
    let nvrtc = try #require(NVRTC.shared).get()
    // GENN_CUDA_DUMP=folder writes each generated source there, to read it.
    if let folder = ProcessInfo.processInfo.environment["GENN_CUDA_DUMP"] {
      try module.source.write(toFile: "\(folder)/\(name).cu", atomically: true, encoding: .utf8)
    }
    var compiled: [String] = []
    for architecture in NVRTCTests.architectures {
      let result = Result { () throws(NVRTCError) in
        try nvrtc.compile(module.source, name: "\(name).cu", architecture: architecture)
      }
      switch result {
      case .success(let compilation):
        #expect(!compilation.cubin.isEmpty)
        compiled.append("\(architecture) (\(compilation.cubin.count) bytes)")
      case .failure(let error):
        var origin = ""
        if case .compilationFailed(let failure) = error, let line = failure.errorLine {
          origin = "\nproduced by: " + (module.origin(ofLine: line)?.description ?? "unknown")
        }
        Issue.record(
          """
          NVRTC \(nvrtc.version) failed on \(name) for \(architecture): \(error)\(origin)
          \(NVRTCTests.numbered(module.source))
          """)
      }
    }
    return compiled
  }

  @Test(
    "every neuron-only reference case compiles with NVRTC for sm_70, sm_80 and sm_90",
    .enabled(if: NVRTC.location.path != nil, Comment(rawValue: NVRTC.location.reason)),
    arguments: neuronOnlyCases)
  func referenceCaseCompiles(name: String) throws {
    let model = try ReferenceCase(name: name).model()
    let module = try CUDABackend().generate(model)
    let compiled = try Self.compileEverywhere(module, name: name)
    print("CUDABackendTests: \(name) compiled for \(compiled.joined(separator: ", "))")
  }

  @Test("the neuron-only reference cases are the six GeNN runs without synapses")
  func neuronOnlyCasesFound() {
    // Which cases qualify is read from case.json; this only checks the reader found them.
    #expect(Self.neuronOnlyCases.count >= 6, "found \(Self.neuronOnlyCases)")
    #expect(Self.neuronOnlyCases.contains("izhikevich_types"))
  }

  @Test(
    "the example models without synapses compile with NVRTC",
    .enabled(if: NVRTC.location.path != nil, Comment(rawValue: NVRTC.location.reason)),
    arguments: ["izhikevich-types", "initialised", "float"])
  func exampleCompiles(name: String) throws {
    let module = try CUDABackend().generate(Self.example(name))
    let compiled = try Self.compileEverywhere(module, name: name)
    print("CUDABackendTests: example \(name) compiled for \(compiled.joined(separator: ", "))")
  }

  /// `Examples/models/izhikevich-types.yaml` built in Swift, and two models that use
  /// what it does not: initialisation snippets, random numbers in sim code, merged
  /// groups, float precision.
  static func example(_ name: String) -> ModelSpec {
    switch name {
    case "izhikevich-types":
      var model = ModelSpec(name: "izhikevich_types", precision: .double, dt: 0.1)
      model.addNeuronPopulation(
        "Neurons", size: 6, model: .izhikevichVariable,
        vars: [
          "V": -65.0, "U": .values([-13, -13, -13, -13, -16.25, -16.9]),
          "a": .values([0.02, 0.02, 0.02, 0.1, 0.02, 0.1]),
          "b": .values([0.2, 0.2, 0.2, 0.2, 0.25, 0.26]),
          "c": .values([-65, -55, -50, -65, -65, -65]), "d": .values([8, 4, 2, 2, 2, 2]),
        ], recordSpikes: true)
      model.addCurrentSource("Drive", model: .dc, target: "Neurons", params: ["amp": 10])
      return model
    case "initialised":
      var model = ModelSpec(name: "initialised", precision: .double, dt: 0.1)
      let lif: [String: Double] = [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 2,
        "TauRefrac": 2,
      ]
      for (population, size) in [("Small", 10), ("Large", 1000)] {
        model.addNeuronPopulation(
          population, size: size, model: .lif, params: lif,
          vars: [
            "V": .snippet(.uniform, params: ["min": -70, "max": -50]),
            "RefracTime": .snippet(.normal, params: ["mean": 0, "sd": 1]),
          ], recordSpikes: true)
      }
      model.addNeuronPopulation(
        "Poisson", size: 300, model: .poisson, params: ["rate": 20],
        vars: ["timeStepToSpike": .snippet(.exponential, params: ["lambda": 1])],
        recordSpikes: true)
      return model
    default:
      var model = ModelSpec(name: "float_lif", precision: .float, dt: 0.1)
      model.addNeuronPopulation(
        "Pop", size: 100, model: .lif,
        params: [
          "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
          "TauRefrac": 5,
        ],
        vars: ["V": .snippet(.uniform, params: ["min": -70, "max": -50]), "RefracTime": 0.0])
      model.addCurrentSource(
        "Noise", model: .gaussianNoise, target: "Pop", params: ["mean": 1, "sd": 0.5])
      return model
    }
  }

  @Test("the source includes nothing and defines its own random numbers")
  func selfContained() throws {
    let module = try CUDABackend().generate(Self.example("initialised"))
    // The only #include is the C++ branch of RandomNumberSource, which NVRTC skips.
    var inNVRTCElse = false
    var includes = 0
    for line in module.source.split(separator: "\n") {
      if line.hasPrefix("#ifdef __CUDACC_RTC__") { inNVRTCElse = false }
      if line.hasPrefix("#else") { inNVRTCElse = true }
      if line.hasPrefix("#endif") { inNVRTCElse = false }
      if line.contains("#include") {
        includes += 1
        #expect(inNVRTCElse, "an #include NVRTC would see: \(line)")
      }
    }
    #expect(includes == 2)
    #expect(module.source.contains("#define GENN_FUNCTION __device__ __forceinline__"))
    #expect(module.source.contains("GENN_FUNCTION void genn_philox4x32_10("))
    #expect(!module.source.contains("curand"))
    #expect(!module.source.contains("std::"))
  }

  @Test("spikes set bits of a shared mask, go at their rank, one atomicAdd per block")
  func spikeCompaction() throws {
    let module = try CUDABackend().generate(Self.example("initialised"))
    let source = module.source
    let groups = source.components(separatedBy: "__device__ __forceinline__ void updateNeuronGroup")
      .dropFirst()
    #expect(groups.count == 2)  // LIF (Small and Large merged) and Poisson
    for group in groups {
      let body = group.components(separatedBy: "\n}\n")[0]
      let global = body.components(separatedBy: "atomicAdd(&group.spikeCount[writeSlot]").count - 1
      #expect(global == 1)
      #expect(body.contains("if (threadIdx.x == 0 && numSpikes > 0u) {"))
      #expect(
        body.contains("atomicOr(&shSpkBits[threadIdx.x / 32u], 1u << (threadIdx.x % 32u));"))
      #expect(body.contains("const uint32_t rank = genn_block_rank(shSpkBits, numSpikes);"))
      #expect(body.contains("if (spiked) { group.spike[writeOffset + shSpkPos + rank] = id; }"))
      #expect(
        body.contains(
          "group.recordSpike[(size_t)recordingRow * numRecordingWords + word] = shSpkBits[threadIdx.x];"
        ))
      #expect(body.components(separatedBy: "__syncthreads();").count - 1 == 3)
    }
    #expect(source.contains("__shared__ uint32_t shSpkBits[kNeuronBlockSize / 32u];"))
    #expect(source.contains("__device__ __forceinline__ uint32_t genn_block_rank("))
  }

  @Test("the launch plan: bind, initialise, then per step reset and update, block-padded")
  func launchPlan() throws {
    let model = Self.example("initialised")
    let module = try CUDABackend().generate(model)
    // 1000 neurons at most: 256 threads per block; Small 1, Large 4, Poisson 2 blocks.
    #expect(
      module.bind
        == CUDAKernelLaunch(
          kernel: "genn_bind", gridSize: 1, blockSize: 32,
          parameters: [.arrayTable, .countTable, .seed]))
    #expect(
      module.initialisation == [
        CUDAKernelLaunch(kernel: "initialise", gridSize: 7, blockSize: 256, parameters: [])
      ])
    #expect(
      module.step == [
        CUDAKernelLaunch(
          kernel: "resetSpikeCounts", gridSize: 1, blockSize: 32, parameters: [.timestep]),
        CUDAKernelLaunch(
          kernel: "updateNeurons", gridSize: 7, blockSize: 256,
          parameters: [.timestep, .recordingRow]),
      ])
    #expect(
      module.step[1].description
        == "updateNeurons<<<7, 256>>>(uint64_t timestep, uint32_t recordingRow)")
    for launch in module.kernels {
      let signature =
        "extern \"C\" __global__ void \(launch.kernel)("
        + launch.parameters.map { "\($0.cType)\($0.cType.hasSuffix("*") ? "" : " ")\($0.name)" }
        .joined(separator: ", ") + ")"
      #expect(module.source.contains(signature), "\(signature)")
    }
    // The blocks of each population, in order.
    #expect(module.source.contains("    if (blockIdx.x < 1u) {"))
    #expect(module.source.contains("    else if (blockIdx.x < 5u) {"))
    #expect(module.source.contains("    else if (blockIdx.x < 7u) {"))
    // The same arrays, in the same order, as the CPU backend.
    #expect(module.arrays == (try CPUBackend().generate(model)).arrays)
  }

  @Test("initialisation uses the CPU backend's random streams")
  func initialisationStreams() throws {
    let model = Self.example("initialised")
    let cuda = try CUDABackend().generate(model).source
    let cpu = try CPUBackend().generate(model).source
    let bindings = cpu.split(separator: "\n").filter {
      $0.hasPrefix("    m.initGroup") && $0.contains(".stream_")
    }
    #expect(bindings.count == 5)
    for line in bindings {
      // m.initGroup0[1].stream_V = 2147483904u;  ->  d_initGroup0[1].stream_V = ...
      let expected = line.replacingOccurrences(of: "m.initGroup", with: "d_initGroup")
      #expect(cuda.contains(expected), "\(expected)")
    }
    #expect(cuda.contains("genn_rng_init(&rng, group.seed, group.stream_V, id, 0xFFFFFFFFu);"))
    #expect(cuda.contains("genn_rng_init(&rng, group.seed, group.stream, id, (uint32_t)timestep);"))
  }

  @Test("float models print float maths functions (the CUDA dialect)")
  func floatDialect() throws {
    let source = try CUDABackend().generate(Self.example("float")).source
    #expect(source.contains("expf(") || source.contains("genn_rand_normal_float(&rng)"))
    #expect(source.contains("genn_rand_normal_float(&rng)"))
    #expect(!source.contains("genn_rand_normal_double(&rng)"))
  }

  @Test("a column-building snippet builds rows atomically, one thread per column, then sorts them")
  func columnsBuildRows() throws {
    var model = Self.example("izhikevich-types")
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Recurrent", source: "Neurons", target: "Neurons", matrixType: .sparse,
        connectivity: .snippet(.fixedNumberPreWithReplacement, params: ["num": 2]),
        weightUpdate: .staticPulseConstantWeight, weightUpdateParams: ["g": 1.0],
        postsynaptic: .deltaCurr))
    let module = try CUDABackend().generate(model)
    #expect(
      module.source.contains(
        "genn_rng_init(&rng, group.seed, 0xA8000000u | group.populationIndex, id_post"))
    #expect(module.source.contains("d_synapseGroup0[0].populationIndex = 0u;"))
    #expect(module.source.contains("genn_add_synapse_atomic(group.ind"))
    let kernels = module.initialisation.map(\.kernel)
    let build = try #require(kernels.firstIndex(of: "buildConnectivity"))
    #expect(kernels.firstIndex(of: "sortRows") == build + 1)
  }

  @Test("a code string error is reported as for the CPU backend")
  func codeErrors() {
    var model = ModelSpec(name: "broken", precision: .double, dt: 0.1)
    var neuron = NeuronModel.lif
    neuron.simCode = "V += undefinedName;"
    model.addNeuronPopulation(
      "Pop", size: 4, model: neuron,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
        "TauRefrac": 5,
      ], vars: ["V": -70.0, "RefracTime": 0.0])
    do {
      _ = try CUDABackend().generate(model)
      Issue.record("a model with an undefined name generated")
    } catch {
      guard case .invalidCode(let errors) = error else {
        Issue.record("expected invalidCode, got \(error)")
        return
      }
      #expect(errors.count == 1)
      #expect(error.description.contains("undefinedName"))
      #expect(error.description.contains("neuron population 'Pop', sim code"))
    }
  }

  @Test("generation is deterministic")
  func deterministic() throws {
    let model = Self.example("initialised")
    #expect(try CUDABackend().generate(model) == CUDABackend().generate(model))
  }

  @Test("block sizes are powers of two from 32 to 256")
  func blockSizes() {
    #expect(CUDABackend.blockSize(forLargest: 0) == 32)
    #expect(CUDABackend.blockSize(forLargest: 6) == 32)
    #expect(CUDABackend.blockSize(forLargest: 33) == 64)
    #expect(CUDABackend.blockSize(forLargest: 100) == 128)
    #expect(CUDABackend.blockSize(forLargest: 256) == 256)
    #expect(CUDABackend.blockSize(forLargest: 100_000) == 256)
  }
}
