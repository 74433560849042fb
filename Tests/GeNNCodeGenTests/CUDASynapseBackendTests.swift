import Foundation
import GeNNModel
import GeNNReferenceCases
import GeNNToolchain
import Testing

@testable import GeNNCodeGen

/// The CUDA backend's synapse populations: every reference case whose synapses it
/// supports and a COBA network compiled by NVRTC for sm_70, sm_80 and sm_90, the
/// structure of the post-span presynaptic update, the launch order, the CPU backend's
/// arrays and random streams, the code of each synapse feature, and a clear error for an
/// invalid population.
@Suite struct CUDASynapseBackendTests {
  /// The reference cases with synapse populations.
  static let synapseCases = ReferenceCase.names.filter {
    (try? ReferenceCase(name: $0))?.synapsePopulations.isEmpty == false
  }

  @Test("the synapse reference cases are found from case.json")
  func synapseCasesFound() {
    for name in [
      "deltacurr", "expcond", "axonal_delay", "va_small", "ssa_staticpulse_expcurr_lif",
      "ssa_expcurr_float", "dense_vs_sparse_vs_bitmask", "dendritic_delay", "spike_events",
      "stdp", "custom_models",
    ] {
      #expect(Self.synapseCases.contains(name), "found \(Self.synapseCases)")
    }
  }

  @Test(
    "every synapse reference case compiles with NVRTC for sm_70, sm_80 and sm_90",
    .enabled(if: NVRTC.location.path != nil, Comment(rawValue: NVRTC.location.reason)),
    arguments: synapseCases)
  func referenceCaseCompiles(name: String) throws {
    let model = try ReferenceCase(name: name).model()
    let module = try CUDABackend().generate(model)
    #expect(module.arrays == (try CPUBackend().generate(model)).arrays)
    let compiled = try CUDABackendTests.compileEverywhere(module, name: name)
    #expect(compiled.count == NVRTCTests.architectures.count)
    print("CUDASynapseBackendTests: \(name) compiled for \(compiled.joined(separator: ", "))")
  }

  /// The Vogels-Abbott COBA network of `Benchmarks/COBABenchmark`: SPARSE
  /// FixedProbability rows, StaticPulseConstantWeight, ExpCond.
  static func coba(neurons: Int = 4000) -> ModelSpec {
    let excitatory = neurons * 4 / 5
    let probability = 80.0 / Double(neurons)
    let lif: [String: Double] = [
      "C": 0.2, "TauM": 20, "Vrest": -49, "Vreset": -60, "Vthresh": -50, "Ioffset": 0,
      "TauRefrac": 5,
    ]
    var model = ModelSpec(name: "coba_\(neurons)", precision: .float, dt: 0.1, seed: 1)
    for (name, size) in [("E", excitatory), ("I", neurons - excitatory)] {
      model.addNeuronPopulation(
        name, size: size, model: .lif, params: lif,
        vars: ["V": .snippet(.uniform, params: ["min": -60, "max": -50]), "RefracTime": 0],
        recordSpikes: true)
    }
    for (source, target) in [("E", "E"), ("E", "I"), ("I", "E"), ("I", "I")] {
      let excitatorySource = source == "E"
      model.addSynapsePopulation(
        SynapsePopulation(
          name: source + target, source: source, target: target, matrixType: .sparse,
          connectivity: .snippet(.fixedProbability, params: ["prob": probability]),
          weightUpdate: .staticPulseConstantWeight,
          weightUpdateParams: ["g": excitatorySource ? 0.006 : 0.067], postsynaptic: .expCond,
          postsynapticParams: excitatorySource ? ["tau": 5, "E": 0] : ["tau": 10, "E": -80]))
    }
    return model
  }

  /// DENSE and SPARSE populations whose weights come from snippets (random streams), a
  /// DENSE population onto a population with a current source, and an axonal delay.
  static func initialisedSynapses() -> ModelSpec {
    var model = ModelSpec(name: "initialised_synapses", precision: .double, dt: 0.1, seed: 7)
    let lif: [String: Double] = [
      "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
      "TauRefrac": 2,
    ]
    model.addNeuronPopulation(
      "Input", size: 50, model: .poisson, params: ["rate": 50],
      vars: ["timeStepToSpike": .snippet(.exponential, params: ["lambda": 1])], recordSpikes: true
    )
    model.addNeuronPopulation(
      "Output", size: 300, model: .lif, params: lif, vars: ["V": -70.0, "RefracTime": 0.0],
      recordSpikes: true)
    model.addCurrentSource("Drive", model: .dc, target: "Output", params: ["amp": 0.5])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Dense", source: "Input", target: "Output", matrixType: .dense,
        connectivity: .allToAll, weightUpdate: .staticPulse,
        weightUpdateVars: ["g": .snippet(.uniform, params: ["min": 0, "max": 0.1])],
        postsynaptic: .expCurr, postsynapticParams: ["tau": 5]))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Sparse", source: "Input", target: "Output", matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.1]),
        weightUpdate: .staticPulse,
        weightUpdateVars: ["g": .snippet(.normal, params: ["mean": 0.5, "sd": 0.1])],
        postsynaptic: .deltaCurr, axonalDelaySteps: 3))
    return model
  }

  /// A BITMASK population whose bits a FixedProbability snippet sets on the device, and
  /// one whose pairs are listed.
  static func bitmaskSynapses() -> ModelSpec {
    var model = ModelSpec(name: "bitmask_synapses", precision: .float, dt: 0.1, seed: 5)
    model.addNeuronPopulation(
      "Input", size: 70, model: .poisson, params: ["rate": 50],
      vars: ["timeStepToSpike": .snippet(.exponential, params: ["lambda": 1])])
    model.addNeuronPopulation(
      "Output", size: 90, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
        "TauRefrac": 2,
      ], vars: ["V": -70.0, "RefracTime": 0.0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Built", source: "Input", target: "Output", matrixType: .bitmask,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.2]),
        weightUpdate: .staticPulseConstantWeight, weightUpdateParams: ["g": 0.5],
        postsynaptic: .expCurr, postsynapticParams: ["tau": 5]))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Listed", source: "Input", target: "Output", matrixType: .bitmask,
        connectivity: .explicit(pre: [0, 3, 3, 69], post: [89, 0, 1, 45]),
        weightUpdate: .staticPulseConstantWeight, weightUpdateParams: ["g": 2],
        postsynaptic: .deltaCurr, axonalDelaySteps: 2))
    return model
  }

  /// DENSE and SPARSE populations whose synapse dynamics code reads the target's
  /// membrane potential, ages, decays and feeds its weight to the target.
  static func dynamicSynapses() -> ModelSpec {
    var model = bitmaskSynapses()
    model.name = "dynamic_synapses"
    model.synapsePopulations.removeAll()
    let decaying = WeightUpdateModel(
      name: "Decaying", vars: [Variable("g"), Variable("age")],
      postNeuronVarRefs: [NeuronVarReference("V")], preSpikeSynCode: "addToPost(g);",
      synapseDynamicsCode: "age += dt;\nif (V > -60.0) { g *= 0.9999; addToPost(0.0001 * g); }")
    for (name, matrixType, connectivity) in [
      ("Dense", SynapseMatrixType.dense, Connectivity.allToAll),
      ("Sparse", .sparse, .snippet(.fixedProbability, params: ["prob": 0.1])),
    ] {
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: "Input", target: "Output", matrixType: matrixType,
          connectivity: connectivity, weightUpdate: decaying,
          weightUpdateVars: ["g": 0.2, "age": 0], postVarRefs: ["V": "V"],
          postsynaptic: .deltaCurr))
    }
    return model
  }

  @Test(
    "the COBA network and snippet-initialised synapses compile with NVRTC",
    .enabled(if: NVRTC.location.path != nil, Comment(rawValue: NVRTC.location.reason)),
    arguments: ["coba", "initialised_synapses", "bitmask_synapses", "dynamic_synapses"])
  func networkCompiles(name: String) throws {
    let model =
      switch name {
      case "coba": Self.coba()
      case "bitmask_synapses": Self.bitmaskSynapses()
      case "dynamic_synapses": Self.dynamicSynapses()
      default: Self.initialisedSynapses()
      }
    let module = try CUDABackend().generate(model)
    #expect(module.arrays == (try CPUBackend().generate(model)).arrays)
    let compiled = try CUDABackendTests.compileEverywhere(module, name: name)
    #expect(compiled.count == NVRTCTests.architectures.count)
    print("CUDASynapseBackendTests: \(name) compiled for \(compiled.joined(separator: ", "))")
  }

  /// The body of device function `name` in `source`.
  static func function(_ name: String, in source: String) -> String {
    let parts = source.components(separatedBy: "__device__ __forceinline__ void \(name)(")
    guard parts.count > 1 else { return "" }
    return parts[1].components(separatedBy: "\n}\n")[0]
  }

  @Test("SPARSE: one thread per row slot, spikes loaded into shared memory, atomicAdd into inSyn")
  func sparsePostSpan() throws {
    let source = try CUDABackend().generate(Self.coba()).source
    let body = Self.function("updateSynapseGroup0", in: source)
    #expect(body.contains("shSpk[threadIdx.x] = spk;"))
    #expect(body.contains("shRowLength[threadIdx.x] = group.rowLength[spk];"))
    #expect(body.components(separatedBy: "__syncthreads();").count - 1 == 3)
    #expect(body.contains("// the next spike's additions wait for this one's"))
    #expect(body.contains("if (lid < shRowLength[s]) {"))
    #expect(body.contains("const uint32_t syn = id_pre * group.rowStride + lid;"))
    #expect(body.contains("atomicAdd(&group.inSyn[id_post], (float)("))
    #expect(!body.contains("linSyn"))
    #expect(source.contains("__shared__ uint32_t shSpk[kSynapseBlockSize];"))
    #expect(source.contains("__shared__ uint32_t shRowLength[kSynapseBlockSize];"))
  }

  @Test("DENSE: one thread per target, adding to inSyn in a register, stored once")
  func densePostSpan() throws {
    let source = try CUDABackend().generate(Self.initialisedSynapses()).source
    let dense = Self.function("updateSynapseGroup0", in: source)
    #expect(dense.contains("const uint32_t syn = id_pre * group.numTrgNeurons + lid;"))
    #expect(dense.contains("linSyn += "))
    #expect(
      dense.contains(
        "float linSyn = lid < group.numTrgNeurons ? group.inSyn[lid] : 0;")
        || dense.contains("double linSyn = lid < group.numTrgNeurons ? group.inSyn[lid] : 0;"))
    #expect(dense.contains("if (lid < group.numTrgNeurons) { group.inSyn[lid] = linSyn; }"))
    #expect(!dense.contains("atomicAdd"))
    // The SPARSE population reads the slot of the spikes emitted 1 + 3 steps ago.
    let sparse = Self.function("updateSynapseGroup1", in: source)
    #expect(
      sparse.contains(
        "const uint32_t preSlot = (uint32_t)((timestep + group.srcDelaySlots - group.axonalDelaySteps) % group.srcDelaySlots);"
      ))
    #expect(source.contains("d_synapseGroup1[0].srcDelaySlots = 4u;"))
    #expect(source.contains("d_synapseGroup1[0].axonalDelaySteps = 3u;"))
  }

  @Test("BITMASK: one thread per target testing the pair's bit; snippets set bits atomically")
  func bitmaskPostSpan() throws {
    let model = Self.bitmaskSynapses()
    let module = try CUDABackend().generate(model)
    let body = Self.function("updateSynapseGroup0", in: module.source)
    #expect(body.contains("const uint32_t syn = id_pre * group.numTrgNeurons + lid;"))
    #expect(
      body.contains("if (!(group.bitmask[syn / 32u] & (1u << (syn % 32u)))) { continue; }"))
    #expect(body.contains("linSyn += "))
    #expect(!body.contains("atomicAdd"))
    let builder = Self.function("buildSynapseGroup0", in: module.source)
    #expect(
      builder.contains("genn_set_bit(group.bitmask, (size_t)id_pre * group.numTrgNeurons + "))
    #expect(!builder.contains("genn_sort_row"))
    #expect(module.source.contains("atomicOr(&bitmask[bit / 32u], 1u << (uint32_t)(bit % 32u));"))
    // Only the snippet's bits are built on the device; listed pairs come from the host.
    #expect(!module.source.contains("buildSynapseGroup1("))
    #expect(module.initialisation.map(\.kernel).contains("buildConnectivity"))
    #expect(module.arrays == (try CPUBackend().generate(model)).arrays)
  }

  @Test("dendritic delays: addToPostDelay adds to the ring, the neuron moves its front to inSyn")
  func dendriticDelays() throws {
    let model = try ReferenceCase(name: "dendritic_delay").model()
    let source = try CUDABackend().generate(model).source
    let slot = "(size_t)((denDelayPtr + group.v_d[syn]) % group.maxDendriticDelay)"
    // SPARSE (group 0): other rows add to the same slot; DENSE (group 1): the thread's own.
    let sparse = Self.function("updateSynapseGroup0", in: source)
    #expect(
      sparse.contains(
        "const uint32_t denDelayPtr = (uint32_t)((timestep + 1u) % group.maxDendriticDelay);"))
    #expect(sparse.contains("atomicAdd(&group.denDelay[\(slot) * group.numTrgNeurons + id_post]"))
    let dense = Self.function("updateSynapseGroup1", in: source)
    #expect(dense.contains("group.denDelay[\(slot) * group.numTrgNeurons + id_post] += "))
    #expect(source.contains("d_synapseGroup1[0].maxDendriticDelay = 31u;"))
    // Post_sparse and Post_dense are one merged group, each with its own ring.
    let arriving = source.components(separatedBy: "// input arriving now through dendritic delays")
    #expect(arriving.count == 2)
    #expect(source.components(separatedBy: "].psm0_maxDendriticDelay = 31u;").count == 3)
    #expect(
      source.contains(
        "double *front = &group.psm0_denDelay[(size_t)((uint32_t)((timestep + 1u) % group.psm0_maxDendriticDelay)) * group.numNeurons + id];"
      ))
    #expect(source.contains("group.psm0_inSyn[id] += *front;"))
  }

  @Test("spike-like events: detected before the threshold, ranked, then delivered before spikes")
  func spikeEvents() throws {
    let model = try ReferenceCase(name: "spike_events").model()
    let source = try CUDABackend().generate(model).source
    let neurons = Self.function("updateNeuronGroup0", in: source)
    let condition = try #require(neurons.range(of: "if (l_V > group.wpre0_p_thresh) {"))
    let threshold = try #require(neurons.range(of: "// threshold condition"))
    #expect(condition.lowerBound < threshold.lowerBound)
    #expect(
      neurons.contains("atomicOr(&shEvtBits1[threadIdx.x / 32u], 1u << (threadIdx.x % 32u));"))
    #expect(neurons.contains("const uint32_t rank1 = genn_block_rank(shEvtBits1, numEvents1);"))
    #expect(
      neurons.contains(
        "shEvtPos[0] = atomicAdd(&group.wpre0_spkCntEvent[writeSlot], numEvents1);"))
    #expect(
      neurons.contains(
        "if (event1) { group.wpre0_spkEvent[writeOffset + shEvtPos[0] + rank1] = id; }"))
    #expect(neurons.contains("group.wpre0_recordSpkEvent[(size_t)recordingRow"))
    #expect(source.contains("group.wpre0_spkCntEvent[(timestep + 1u) % group.numDelaySlots] = 0;"))
    let synapses = Self.function("updateSynapseGroup0", in: source)
    let events = try #require(synapses.range(of: "// pre event syn code"))
    let spikes = try #require(synapses.range(of: "// pre spike syn code"))
    #expect(events.lowerBound < spikes.lowerBound)
    #expect(synapses.contains("group.srcSpkEvent[preOffset + (size_t)r * kSynapseBlockSize"))
    #expect(synapses.contains("group.preRef_V[id_pre]"))
  }

  @Test("STDP: spike times in synapse code; postsynaptic learning after the presynaptic update")
  func postsynapticLearning() throws {
    let model = try ReferenceCase(name: "stdp").model()
    let module = try CUDABackend().generate(model)
    #expect(
      module.step.map(\.kernel) == [
        "updateSynapses", "updatePostsynaptic", "resetSpikeCounts", "updateNeurons",
      ])
    // Only SPARSE needs the column index, built once the rows are.
    #expect(module.initialisation.map(\.kernel) == ["buildColumns"])
    let source = module.source
    let columns = try #require(source.components(separatedBy: "void buildColumns()").last)
    #expect(columns.contains("const SynapseGroup1 &group = d_synapseGroup1[g];"))
    #expect(!columns.contains("d_synapseGroup0[g]"))
    #expect(columns.contains("group.remap[group.colStart[group.ind[position]]++] = position;"))
    // DENSE (group 0): thread id_pre takes its synapse onto each spiking target.
    let dense = Self.function("updatePostsynapticGroup0", in: source)
    #expect(dense.contains("const uint32_t numSpikes = group.trgSpikeCount[postSlot];"))
    #expect(dense.contains("const uint32_t syn = id_pre * group.numTrgNeurons + id_post;"))
    // SPARSE (group 1): thread lid takes the lid-th synapse of the target's column.
    let sparse = Self.function("updatePostsynapticGroup1", in: source)
    #expect(sparse.contains("if (lid < group.colStart[id_post + 1u] - colBegin) {"))
    #expect(sparse.contains("const uint32_t syn = group.remap[colBegin + lid];"))
    #expect(sparse.contains("const uint32_t id_pre = syn / group.rowStride;"))
    // Spike times as the CPU backend reads them: the end of the step they were emitted in.
    #expect(sparse.contains("(group.preSpikeTimeDelay + group.srcSt[preOffset + id_pre])"))
    let presynaptic = Self.function("updateSynapseGroup1", in: source)
    #expect(presynaptic.contains("(group.postSpikeTimeDelay + group.trgSt[postOffset + id_post])"))
    #expect(source.contains("d_synapseGroup1[0].preSpikeTimeDelay = 1.00000000000000006e-01;"))
    #expect(source.contains("d_synapseGroup1[0].postSpikeTimeDelay = 1.00000000000000006e-01;"))
    #expect(module.arrays == (try CPUBackend().generate(model)).arrays)
  }

  @Test("weight update variables: dynamics after the sim code, spike code before the spike")
  func weightUpdateNeuronCode() throws {
    let model = try ReferenceCase(name: "custom_models").model()
    let source = try CUDABackend().generate(model).source
    // Post (AdEx) receives Plastic: its postsynaptic trace.
    let post = try #require(
      source.components(separatedBy: "__device__ __forceinline__ void updateNeuronGroup")
        .dropFirst().map { $0.components(separatedBy: "\n}\n")[0] }
        .first { $0.contains("postTrace") })
    let sim = try #require(post.range(of: "// sim code"))
    let dynamics = try #require(
      post.range(of: "// postsynaptic dynamics code: synapse population 'Plastic'"))
    let threshold = try #require(post.range(of: "// threshold condition"))
    let spikeCode = try #require(
      post.range(of: "// postsynaptic spike code: synapse population 'Plastic'"))
    let spike = try #require(post.range(of: "// the spike: this thread's bit in the block's mask"))
    #expect(sim.lowerBound < dynamics.lowerBound && dynamics.lowerBound < threshold.lowerBound)
    #expect(threshold.lowerBound < spikeCode.lowerBound && spikeCode.lowerBound < spike.lowerBound)
    #expect(post.contains("group.wpost0_v_postTrace[id] = lwpost0_postTrace;"))
    // Synapse code reads the traces through the populations' arrays.
    #expect(source.contains("group.post_postTrace[id_post]"))
    #expect(source.contains("group.pre_preTrace[id_pre]"))
  }

  @Test("synapse dynamics: one thread per synapse before the presynaptic update")
  func synapseDynamics() throws {
    let module = try CUDABackend().generate(Self.dynamicSynapses())
    #expect(
      module.step.map(\.kernel) == [
        "updateSynapseDynamics", "updateSynapses", "resetSpikeCounts", "updateNeurons",
      ])
    // 70 x 90 DENSE pairs, 70 x stride SPARSE slots, 256 threads per block.
    let dynamics = module.step[0]
    let stride = try #require(
      module.source.components(separatedBy: "d_synapseGroup1[0].rowStride = ").last?
        .prefix { $0.isNumber })
    #expect(dynamics.blockSize == 256)
    #expect(dynamics.gridSize == (70 * 90 + 255) / 256 + (70 * Int(stride)! + 255) / 256)
    let dense = Self.function("updateSynapseDynamicsGroup0", in: module.source)
    #expect(dense.contains("const uint32_t id_pre = lid / group.numTrgNeurons;"))
    #expect(dense.contains("atomicAdd(&group.inSyn[id_post], (float)("))
    #expect(dense.contains("group.postRef_V[id_post]"))
    let sparse = Self.function("updateSynapseDynamicsGroup1", in: module.source)
    #expect(
      sparse.contains(
        "if (id_pre < group.numSrcNeurons && lid % group.rowStride < group.rowLength[id_pre]) {"))
    #expect(sparse.contains("const uint32_t id_post = group.ind[syn];"))
  }

  @Test("the launch plan: synapse initialisation after the variables, synapses before neurons")
  func launchOrder() throws {
    let model = Self.initialisedSynapses()
    let module = try CUDABackend().generate(model)
    #expect(
      module.initialisation.map(\.kernel) == [
        "initialise", "buildConnectivity", "initialiseSynapses",
      ])
    #expect(module.step.map(\.kernel) == ["updateSynapses", "resetSpikeCounts", "updateNeurons"])
    // 300 threads at most: 256 per block; Dense 2 blocks (300 targets), Sparse 1 (rows).
    let synapses = module.step[0]
    #expect(synapses.blockSize == 256 && synapses.parameters == [.timestep])
    #expect(synapses.gridSize == 3)
    for launch in module.kernels {
      let signature =
        "extern \"C\" __global__ void \(launch.kernel)("
        + launch.parameters.map { "\($0.cType)\($0.cType.hasSuffix("*") ? "" : " ")\($0.name)" }
        .joined(separator: ", ") + ")"
      #expect(module.source.contains(signature), "\(signature)")
    }
    #expect(module.arrays == (try CPUBackend().generate(model)).arrays)
    // Without snippets there is nothing to build or initialise on the device.
    let lists = try CUDABackend().generate(
      try ReferenceCase(name: "deltacurr").model())
    #expect(!lists.initialisation.contains { $0.kernel == "buildConnectivity" })
    #expect(!lists.initialisation.contains { $0.kernel == "initialiseSynapses" })
  }

  @Test("connectivity and synapse variables use the CPU backend's random streams")
  func synapseStreams() throws {
    let model = Self.initialisedSynapses()
    let cuda = try CUDABackend().generate(model).source
    let cpu = try CPUBackend().generate(model).source
    let bindings = cpu.split(separator: "\n").filter {
      $0.hasPrefix("    m.synapseGroup") && $0.contains("_stream = ")
    }
    #expect(bindings.count == 2)
    for line in bindings {
      let expected = line.replacingOccurrences(of: "m.synapseGroup", with: "d_synapseGroup")
      #expect(cuda.contains(expected), "\(expected)")
    }
    for stream in [
      "genn_rng_init(&rng, group.seed, 0xA0000000u | group.populationIndex, id_pre, 0xFFFFFFFEu);",
      "m.synapseGroup1[0].populationIndex = 1u;",
    ] {
      let device = stream.replacingOccurrences(of: "m.synapseGroup", with: "d_synapseGroup")
      #expect(cpu.contains(stream) && cuda.contains(device))
    }
    #expect(cuda.contains("genn_sort_row(row, length);"))
    #expect(
      cuda.contains("genn_rng_init(&rng, group.seed, group.init0_g_stream, syn, 0xFFFFFFFFu);"))
  }

  @Test("postsynaptic models inject and decay inSyn before current sources, in the CPU's order")
  func postsynapticOrder() throws {
    let model = try ReferenceCase(name: "va_small").model()
    let cuda = try CUDABackend().generate(model).source
    let cpu = try CPUBackend().generate(model).source
    func slots(_ source: String) -> [String] {
      source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
        $0.hasPrefix("// postsynaptic model")
      }
    }
    #expect(!slots(cuda).isEmpty)
    #expect(slots(cuda) == slots(cpu))
    let neurons = Self.function("updateNeuronGroup0", in: cuda)
    let psm = try #require(neurons.range(of: "// postsynaptic model slot 0"))
    let sim = try #require(neurons.range(of: "// sim code"))
    #expect(psm.lowerBound < sim.lowerBound)
    #expect(neurons.contains("Isyn += ") && neurons.contains("group.psm0_inSyn[id] *= "))
    let withSource = try CUDABackend().generate(Self.initialisedSynapses()).source
    let output = Self.function("updateNeuronGroup1", in: withSource)
    let lastPSM = try #require(output.range(of: "// postsynaptic model slot 1"))
    let current = try #require(output.range(of: "// current source slot 0"))
    #expect(lastPSM.lowerBound < current.lowerBound)
  }

  /// A synapse population of `Neurons` onto itself using one feature the CUDA backend
  /// added after the first ones, and a line its generated code must contain.
  static let supported: [(String, SynapsePopulation, String)] = {
    func synapses(
      weightUpdate: WeightUpdateModel, vars: [String: VarInit] = ["g": 1.0],
      backPropagation: Int = 0, axonal: Int = 0, egps: [String: [Double]] = [:]
    ) -> SynapsePopulation {
      SynapsePopulation(
        name: "Recurrent", source: "Neurons", target: "Neurons", matrixType: .sparse,
        connectivity: .allToAll, weightUpdate: weightUpdate, weightUpdateVars: vars,
        weightUpdatePreVars: Dictionary(
          uniqueKeysWithValues: weightUpdate.preVars.map { ($0.name, VarInit.constant(0)) }),
        weightUpdateExtraGlobalParams: egps, postsynaptic: .deltaCurr,
        axonalDelaySteps: axonal, backPropDelaySteps: backPropagation)
    }
    var traces = WeightUpdateModel.staticPulse
    traces.preVars = [Variable("x", "scalar")]
    traces.preSpikeCode = "x += 1.0;"
    var postInput = WeightUpdateModel.staticPulse
    postInput.postSpikeSynCode = "addToPost(g);\naddToPre(g);"
    var postEvents = WeightUpdateModel.staticPulse
    postEvents.postEventThresholdConditionCode = "true"
    postEvents.postEventSynCode = "addToPost(g);"
    var eventTimes = WeightUpdateModel.staticPulse
    eventTimes.preEventThresholdConditionCode = "t - set > 2.0"
    eventTimes.preEventSynCode = "addToPost(g);"
    var scaled = WeightUpdateModel.staticPulse
    scaled.extraGlobalParams = [ExtraGlobalParameter("scale", "scalar*")]
    scaled.preSpikeSynCode = "addToPost(g * scale[0]);"
    return [
      (
        "presynaptic variables with axonal delays",
        synapses(weightUpdate: traces, vars: ["g": 0.5], axonal: 2),
        "group.wpre0_v_x[writeOffset + id] = group.wpre0_v_x[readOffset + id];"
      ),
      (
        "addToPost and addToPre in post spike syn code", synapses(weightUpdate: postInput),
        "atomicAdd(&group.outPre[id_pre], (double)(group.v_g[syn]));"
      ),
      (
        "postsynaptic spike-like events", synapses(weightUpdate: postEvents),
        "const uint32_t numSpikes = group.trgSpkCntEvent[postSlot];"
      ),
      (
        "spike-like event times", synapses(weightUpdate: eventTimes),
        "group.wpre0_seT[writeOffset + id] = t;"
      ),
      (
        "back-propagation delays", synapses(weightUpdate: postInput, backPropagation: 2),
        "].backPropDelaySteps = 2u;"
      ),
      (
        "extra global parameters", synapses(weightUpdate: scaled, egps: ["scale": [2]]),
        "genn_checked_element(group.egp_scale, group.egpSize_scale, group.egpId_scale, "
          + "group.outOfRange, (uint64_t)(int64_t)(0), true)"
      ),
    ]
  }()

  @Test(
    "a synapse feature added after the first ones generates its CUDA code",
    arguments: supported.indices)
  func supportedFeature(position: Int) throws {
    let (label, synapses, line) = Self.supported[position]
    var model = CUDABackendTests.example("izhikevich-types")
    model.addSynapsePopulation(synapses)
    let module = try CUDABackend().generate(model)
    #expect(module.source.contains(line), "\(label)")
  }

  @Test("an invalid synapse population gives a CodeGenError naming it")
  func invalidSynapses() {
    var model = CUDABackendTests.example("izhikevich-types")
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Recurrent", source: "Neurons", target: "Neurons", matrixType: .dense,
        connectivity: .explicit(pre: [0, 1], post: [1, 0]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": 1.0], postsynaptic: .deltaCurr))
    do {
      _ = try CUDABackend().generate(model)
      Issue.record("an invalid model was generated")
    } catch {
      guard case .invalidModel = error else {
        Issue.record("expected invalidModel, got \(error)")
        return
      }
      #expect(error.description.contains("'Recurrent'"))
    }
  }

}
