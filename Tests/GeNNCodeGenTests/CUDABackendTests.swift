import Foundation
import GeNNModel
import GeNNToolchain
import Testing

@testable import GeNNCodeGen

/// The CUDA backend's code, compiled for real by NVRTC for Volta, Ampere and Hopper (no
/// GPU needed), for every neuron-only reference case and example, and its structure: no
/// `#include`, one `atomicAdd` per block for spikes, the launch plan.
@Suite struct CUDABackendTests {
  /// The reference cases the CUDA backend can generate: no synapse populations and no
  /// custom updates (found from each `case.json`, not by name).
  static let neuronOnlyCases = NeuronReferenceCase.names.filter {
    (try? NeuronReferenceCase(name: $0))?.isNeuronOnly == true
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
          origin = "\nproduced by: " + (module.origin(ofLine: line) ?? "unknown")
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
    let model = try NeuronReferenceCase(name: name).model()
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
          kernel: "genn_bind", gridSize: 1, blockSize: 32, parameters: [.arrayTable]))
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
    #expect(cuda.contains("genn_rng_init(&rng, kSeed, group.stream_V, id, 0xFFFFFFFFu);"))
    #expect(cuda.contains("genn_rng_init(&rng, kSeed, group.stream, id, (uint32_t)timestep);"))
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
    #expect(module.source.contains("genn_rng_init(&rng, kSeed, 0xA8000000u | 0u, id_post"))
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
      guard case .codeGeneration(.invalidCode(let errors)) = error else {
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

  @Test("generated lines point back to the model element")
  func origins() throws {
    let module = try CUDABackend().generate(Self.example("izhikevich-types"))
    let lines = module.source.split(separator: "\n", omittingEmptySubsequences: false)
    let sim = try #require(lines.firstIndex { $0.contains("// sim code") })
    #expect(
      module.origin(ofLine: sim + 2)
        == "Neuron update group 0: model 'IzhikevichVariable' for neuron population 'Neurons'. (sim code)"
    )
  }
}

/// A reference case read from its `case.json` as far as the CUDA backend's models need:
/// neurons, current sources, and synapse populations with built-in models (the runtime
/// tests' `ReferenceCase` reads everything; this target has no access to it).
struct NeuronReferenceCase {
  let name: String
  let json: [String: Any]

  /// `$GENN_REFERENCE_DIR`, else `../shared/reference` beside the package.
  static var root: URL {
    if let path = ProcessInfo.processInfo.environment["GENN_REFERENCE_DIR"] {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("shared/reference")
  }

  /// Every case folder (one with a `case.json`), sorted.
  static var names: [String] {
    let contents = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return contents.filter {
      FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/case.json").path)
    }.sorted()
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  init(name: String) throws {
    self.name = name
    let data = try Data(
      contentsOf: Self.root.appendingPathComponent(name).appendingPathComponent("case.json"))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw Failure(description: "\(name)/case.json is not an object")
    }
    json = object
  }

  /// No synapse populations and no custom updates.
  var isNeuronOnly: Bool {
    synapsePopulations.isEmpty && (json["custom_updates"] as? [Any] ?? []).isEmpty
  }

  /// The synapse populations listed in `case.json`.
  var synapsePopulations: [[String: Any]] {
    json["synapse_populations"] as? [[String: Any]] ?? []
  }

  func model() throws -> ModelSpec {
    var model = ModelSpec(
      name: "reference_\(name)",
      precision: (json["precision"] as? String) == "float" ? .float : .double,
      timePrecision: (json["time_precision"] as? String) == "float" ? .float : .double,
      dt: json["dt"] as? Double ?? 0.1)
    let custom = json["custom_models"] as? [String: [String: Any]] ?? [:]
    for population in json["neuron_populations"] as? [[String: Any]] ?? [] {
      let modelName = population["model"] as! String
      let neuron: NeuronModel
      if modelName.hasPrefix("custom:") {
        let definition = custom[String(modelName.dropFirst(7))] ?? [:]
        neuron = NeuronModel(
          name: String(modelName.dropFirst(7)), params: definition["params"] as? [String] ?? [],
          derivedParams: Self.derivedParams(definition["derived_params"]),
          vars: Self.variables(definition["vars"]),
          simCode: definition["sim_code"] as? String ?? "",
          thresholdConditionCode: definition["threshold_condition_code"] as? String ?? "",
          resetCode: definition["reset_code"] as? String ?? "")
      } else if let builtin = NeuronModel.builtins[modelName] {
        neuron = builtin
      } else {
        throw Failure(description: "unknown neuron model \(modelName)")
      }
      model.addNeuronPopulation(
        population["name"] as! String, size: population["size"] as! Int, model: neuron,
        params: Self.numbers(population["params"]), vars: try Self.initialisers(population["vars"]),
        extraGlobalParams: Self.arrays(population["extra_global_params"]),
        recordSpikes: population["spike_recording"] as? Bool ?? false)
    }
    for source in json["current_sources"] as? [[String: Any]] ?? [] {
      let modelName = source["model"] as! String
      let sourceModel: CurrentSourceModel
      if modelName.hasPrefix("custom:") {
        let definition = custom[String(modelName.dropFirst(7))] ?? [:]
        sourceModel = CurrentSourceModel(
          name: String(modelName.dropFirst(7)), params: definition["params"] as? [String] ?? [],
          derivedParams: Self.derivedParams(definition["derived_params"]),
          vars: Self.variables(definition["vars"]),
          injectionCode: definition["injection_code"] as? String ?? "")
      } else if let builtin = CurrentSourceModel.builtins[modelName] {
        sourceModel = builtin
      } else {
        throw Failure(description: "unknown current source model \(modelName)")
      }
      model.addCurrentSource(
        source["name"] as! String, model: sourceModel, target: source["target"] as! String,
        params: Self.numbers(source["params"]), vars: try Self.initialisers(source["vars"]),
        extraGlobalParams: Self.arrays(source["extra_global_params"]))
    }
    for synapses in synapsePopulations {
      model.addSynapsePopulation(try Self.synapsePopulation(synapses, custom))
    }
    return model
  }

  /// A user weight update model from its definition in `custom_models`.
  private static func weightUpdateModel(_ name: String, _ definition: [String: Any])
    -> WeightUpdateModel
  {
    func code(_ key: String) -> String { definition[key] as? String ?? "" }
    return WeightUpdateModel(
      name: name, params: definition["params"] as? [String] ?? [],
      derivedParams: derivedParams(definition["derived_params"]),
      vars: variables(definition["vars"]), preVars: variables(definition["pre_vars"]),
      postVars: variables(definition["post_vars"]),
      preNeuronVarRefs: references(definition["pre_neuron_var_refs"]),
      postNeuronVarRefs: references(definition["post_neuron_var_refs"]),
      preSpikeSynCode: code("pre_spike_syn_code"), preEventSynCode: code("pre_event_syn_code"),
      postSpikeSynCode: code("post_spike_syn_code"),
      synapseDynamicsCode: code("synapse_dynamics_code"),
      preEventThresholdConditionCode: code("pre_event_threshold_condition_code"),
      preSpikeCode: code("pre_spike_code"), postSpikeCode: code("post_spike_code"),
      preDynamicsCode: code("pre_dynamics_code"), postDynamicsCode: code("post_dynamics_code"))
  }

  /// References as GeNN's JSON lists them (`access_mode` or `access`).
  private static func references(_ value: Any?) -> [NeuronVarReference] {
    (value as? [[String: Any]] ?? []).map {
      let access = ($0["access_mode"] as? String) ?? ($0["access"] as? String) ?? "READ_ONLY"
      return NeuronVarReference(
        $0["name"] as! String, $0["type"] as? String ?? "scalar", readOnly: access == "READ_ONLY")
    }
  }

  /// A synapse population with built-in or user weight update and postsynaptic models
  /// (the runtime tests' `ReferenceCase` reads everything).
  private static func synapsePopulation(
    _ json: [String: Any], _ custom: [String: [String: Any]]
  ) throws -> SynapsePopulation {
    let connectivity = json["connectivity"] as? [String: Any] ?? [:]
    let weightUpdate = json["weight_update"] as? [String: Any] ?? [:]
    let postsynaptic = json["postsynaptic"] as? [String: Any] ?? [:]
    let weightUpdateName = weightUpdate["model"] as? String ?? ""
    let postsynapticName = postsynaptic["model"] as? String ?? ""
    let weightUpdateModel: WeightUpdateModel
    if weightUpdateName.hasPrefix("custom:") {
      let name = String(weightUpdateName.dropFirst(7))
      weightUpdateModel = Self.weightUpdateModel(name, custom[name] ?? [:])
    } else if let builtin = WeightUpdateModel.builtins[weightUpdateName] {
      weightUpdateModel = builtin
    } else {
      throw Failure(description: "unknown weight update model: \(weightUpdateName)")
    }
    func targets(_ value: Any?) -> [String: String] {
      (value as? [String: [String: Any]] ?? [:]).compactMapValues { $0["var"] as? String }
    }
    let postsynapticModel: PostsynapticModel
    if postsynapticName.hasPrefix("custom:") {
      let name = String(postsynapticName.dropFirst(7))
      let definition = custom[name] ?? [:]
      postsynapticModel = PostsynapticModel(
        name: name, params: definition["params"] as? [String] ?? [],
        derivedParams: derivedParams(definition["derived_params"]),
        vars: variables(definition["vars"]),
        neuronVarRefs: references(definition["neuron_var_refs"]),
        simCode: definition["sim_code"] as? String ?? "")
    } else if let builtin = PostsynapticModel.builtins[postsynapticName] {
      postsynapticModel = builtin
    } else {
      throw Failure(description: "unknown postsynaptic model: \(postsynapticName)")
    }
    let pairs: Connectivity =
      (connectivity["kind"] as? String) == "dense"
      ? .allToAll
      : .explicit(
        pre: (connectivity["pre_ind"] as? [Int]) ?? [],
        post: (connectivity["post_ind"] as? [Int]) ?? [])
    return SynapsePopulation(
      name: json["name"] as! String, source: json["source"] as! String,
      target: json["target"] as! String,
      matrixType: SynapseMatrixType(rawValue: json["matrix_type"] as! String)!, connectivity: pairs,
      weightUpdate: weightUpdateModel, weightUpdateParams: numbers(weightUpdate["params"]),
      weightUpdateVars: try initialisers(weightUpdate["vars"]),
      weightUpdatePreVars: try initialisers(weightUpdate["pre_vars"]),
      weightUpdatePostVars: try initialisers(weightUpdate["post_vars"]),
      preVarRefs: targets(weightUpdate["pre_var_refs"]),
      postVarRefs: targets(weightUpdate["post_var_refs"]), postsynaptic: postsynapticModel,
      postsynapticParams: numbers(postsynaptic["params"]),
      postsynapticVars: try initialisers(postsynaptic["vars"]),
      postsynapticVarRefs: targets(postsynaptic["var_refs"]),
      axonalDelaySteps: json["axonal_delay_steps"] as? Int ?? 0,
      maxDendriticDelaySteps: json["max_dendritic_delay_timesteps"] as? Int)
  }

  private static func derivedParams(_ value: Any?) -> [DerivedParameter] {
    (value as? [[String: Any]] ?? []).map {
      DerivedParameter($0["name"] as! String, formula: $0["formula"] as! String)
    }
  }

  private static func variables(_ value: Any?) -> [Variable] {
    (value as? [[String: Any]] ?? []).map {
      Variable(
        $0["name"] as! String, $0["type"] as? String ?? "scalar",
        access: VarAccess(rawValue: $0["access"] as? String ?? "READ_WRITE") ?? .readWrite)
    }
  }

  private static func numbers(_ value: Any?) -> [String: Double] {
    (value as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
  }

  private static func arrays(_ value: Any?) -> [String: [Double]] {
    (value as? [String: Any] ?? [:]).compactMapValues { entry in
      (entry as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue }
    }
  }

  private static func initialisers(_ value: Any?) throws -> [String: VarInit] {
    var result: [String: VarInit] = [:]
    for (name, entry) in value as? [String: Any] ?? [:] {
      if let number = entry as? NSNumber {
        result[name] = .constant(number.doubleValue)
      } else if let object = entry as? [String: Any], let values = object["per_element"] as? [Any] {
        result[name] = .values(values.compactMap { ($0 as? NSNumber)?.doubleValue })
      } else {
        throw Failure(description: "unsupported initialiser of \(name): \(entry)")
      }
    }
    return result
  }
}
