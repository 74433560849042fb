import Foundation
import GeNNCodeGen
import GeNNModel
import GeNNReferenceCases
import Testing

@testable import GeNNRuntime

/// The CUDA backend's kernels run without a GPU: the generated CUDA compiled as host C++
/// (C++20) with a shim that runs each block as `blockDim` threads, `__syncthreads` as a
/// barrier, the atomics as `std::atomic_ref` (`atomicMax` as a compare-and-swap loop) and
/// `__popc` as the compiler's popcount; the
/// host's initial arrays are written by
/// ``InitialValues/write(_:index:model:fusion:sparseRows:zeroed:)``, and the results
/// (neuron and synapse variables, inputs, spikes and spike-like events) are compared with
/// the CPU backend's. Slow (a thread per CUDA thread per launch), so opt-in:
/// `GENN_CUDA_EMULATE=1 swift test --filter CUDAEmulation` (with `$CXX` or `g++`).
@Suite struct CUDAEmulationTests {
  /// Whether to run, and why not.
  static let enabled = ProcessInfo.processInfo.environment["GENN_CUDA_EMULATE"] == "1"
  static let reason = Comment(
    rawValue: "set GENN_CUDA_EMULATE=1 to run the CUDA kernels emulated on the CPU (slow)")

  /// The CUDA built-ins the generated code uses, for a host C++20 compiler.
  static let shim = """
    #include <math.h>
    #include <stdint.h>
    #include <stddef.h>
    #include <algorithm>
    #include <atomic>
    #include <barrier>
    #include <fstream>
    #include <string>
    #include <thread>
    #include <vector>
    using std::max;
    using std::min;
    struct Dim { unsigned x = 0, y = 0, z = 0; };
    thread_local Dim threadIdx, blockIdx;
    std::barrier<> *g_barrier;
    inline void __syncthreads() { g_barrier->arrive_and_wait(); }
    template <class T, class U> T atomicAdd(T *p, U v) { return std::atomic_ref<T>(*p).fetch_add((T)v); }
    template <class T> T atomicCAS(T *p, T expected, T v) {
        std::atomic_ref<T>(*p).compare_exchange_strong(expected, v);
        return expected;
    }
    inline uint32_t atomicOr(uint32_t *p, uint32_t v) { return std::atomic_ref<uint32_t>(*p).fetch_or(v); }
    inline unsigned long long atomicMax(unsigned long long *p, unsigned long long v) {
        std::atomic_ref<unsigned long long> slot(*p);
        unsigned long long old = slot.load();
        while (old < v && !slot.compare_exchange_weak(old, v)) {}
        return old;
    }
    inline int __popc(uint32_t x) { return __builtin_popcount(x); }
    #define __global__
    #define __device__
    #define __forceinline__ inline
    #define __shared__ static
    std::vector<std::vector<uint8_t>> arrays;
    std::vector<void *> table;
    std::vector<uint64_t> counts;
    // Runs the blocks (of each batch, `blockIdx.y`) one after another, each as `block`
    // threads.
    template <class F> void launch(unsigned grid, unsigned block, F f, unsigned batches = 1) {
        for (unsigned y = 0; y < batches; y++) {
            for (unsigned b = 0; b < grid; b++) {
                std::barrier<> bar(block);
                g_barrier = &bar;
                std::vector<std::thread> threads;
                for (unsigned t = 0; t < block; t++) {
                    threads.emplace_back([=] { threadIdx.x = t; blockIdx.x = b; blockIdx.y = y; f(); });
                }
                for (auto &thread : threads) { thread.join(); }
            }
        }
    }
    void load(const std::vector<size_t> &sizes) {
        for (size_t i = 0; i < sizes.size(); i++) {
            arrays.emplace_back(sizes[i], 0);
            std::ifstream in(std::to_string(i) + ".bin", std::ios::binary);
            in.read((char *)arrays[i].data(), sizes[i]);
        }
        for (auto &array : arrays) { table.push_back(array.data()); }
    }
    void save() {
        for (size_t i = 0; i < arrays.size(); i++) {
            std::ofstream out("out" + std::to_string(i) + ".bin", std::ios::binary);
            out.write((char *)arrays[i].data(), arrays[i].size());
        }
    }

    """

  /// The `main` that binds `module`'s arrays with `seed` and launches its kernels for
  /// `steps` steps, and the custom update groups of `schedule` before the steps they are
  /// due at, after the dynamic parameters `settings` set then (by position, see
  /// ``GeNNModel/ModelSpec/dynamicParameters``); `sizes` are the arrays' bytes, `counts`
  /// their elements.
  static func main(
    _ module: CUDAModule, seed: UInt64, sizes: [Int], counts: [Int], steps: Int,
    schedule: [(step: Int, group: String)] = [],
    settings: [(step: Int, position: Int, value: Double)] = []
  ) -> String {
    func customUpdates(at step: String, _ group: String, indent: String) -> String {
      module.customUpdates[group, default: []].map { launch in
        let arguments = launch.parameters.map { _ in step }.joined(separator: ", ")
        return "\(indent)launch(\(launch.gridSize), \(launch.blockSize), [=] { "
          + "\(launch.kernel)(\(arguments)); }, \(launch.batches));\n"
      }.joined()
    }
    var main = "#include \"shim.h\"\n#include \"model.cu\"\nint main() {\n"
    main += "    load({\(sizes.map(String.init).joined(separator: ", "))});\n"
    main += "    counts = {\(counts.map { "\($0)u" }.joined(separator: ", "))};\n"
    main += "    launch(1, 32, [&] { genn_bind(table.data(), counts.data(), \(seed)ull); });\n"
    main += "    uint32_t overflows = 0;\n"
    for launch in module.initialisation {
      let arguments = launch.parameters.map { _ in "&overflows" }.joined(separator: ", ")
      main +=
        "    launch(\(launch.gridSize), \(launch.blockSize), [&] { \(launch.kernel)(\(arguments)); }, \(launch.batches));\n"
    }
    main += "    std::ofstream(\"overflows.txt\") << overflows;\n"
    main += "    for (uint64_t step = 0; step < \(steps)u; step++) {\n"
    for setting in settings where setting.step < steps {
      main += "        if (step == \(setting.step)u) {\n"
      main +=
        "            launch(1, 1, [=] { \(module.dynamicParameterKernel!)(\(setting.position)u, \(setting.value)); });\n"
      main += "        }\n"
    }
    for call in schedule where call.step < steps {
      main += "        if (step == \(call.step)u) {\n"
      main += customUpdates(at: "step", call.group, indent: "            ")
      main += "        }\n"
    }
    for launch in module.step {
      let arguments = launch.parameters.map { $0 == .timestep ? "step" : "(uint32_t)step" }
      main +=
        "        launch(\(launch.gridSize), \(launch.blockSize), [=] { "
        + "\(launch.kernel)(\(arguments.joined(separator: ", "))); }, \(launch.batches));\n"
    }
    main += "    }\n"
    for call in schedule where call.step >= steps {
      main += customUpdates(at: "\(steps)u", call.group, indent: "    ")
    }
    return main + "    save();\n}\n"
  }

  /// Poisson input onto LIF neurons through BITMASK populations: bits set by a
  /// FixedProbability snippet (on the device for CUDA, from the same random streams) and
  /// listed pairs.
  static func bitmaskModel() -> ModelSpec {
    var model = ModelSpec(name: "cuda_bitmask", precision: .double, dt: 0.1, seed: 11)
    model.addNeuronPopulation(
      "Input", size: 100, model: .poisson, params: ["rate": 60],
      vars: ["timeStepToSpike": .snippet(.exponential, params: ["lambda": 1])], recordSpikes: true
    )
    model.addNeuronPopulation(
      "Output", size: 70, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
        "TauRefrac": 2,
      ], vars: ["V": -70.0, "RefracTime": 0.0], recordSpikes: true)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Built", source: "Input", target: "Output", matrixType: .bitmask,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.15]),
        weightUpdate: .staticPulseConstantWeight, weightUpdateParams: ["g": 0.75],
        postsynaptic: .expCurr, postsynapticParams: ["tau": 5]))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Listed", source: "Input", target: "Output", matrixType: .bitmask,
        connectivity: .explicit(pre: [0, 5, 5, 99, 40], post: [69, 0, 1, 33, 33]),
        weightUpdate: .staticPulseConstantWeight, weightUpdateParams: ["g": 4],
        postsynaptic: .deltaCurr, axonalDelaySteps: 1))
    return model
  }

  /// The (step, id) pairs of a recording, as text.
  static func pairs(_ recording: SpikeRecording) -> Set<String> {
    Set(zip(recording.steps, recording.ids).map { "\($0):\($1)" })
  }

  /// The (step, id) pairs whose bits are set in `steps` rows of recording buffer `bits`
  /// for a population of `size` neurons, of batch `batch` (each row holds every batch's
  /// bits, one batch after another).
  static func recorded(_ bits: StateArray, size: Int, steps: Int, batch: Int = 0) -> Set<String> {
    let words = (size + 31) / 32
    let rowWords = words * bits.layout.batches
    var pairs = Set<String>()
    for row in 0..<steps {
      for word in 0..<words {
        var mask = UInt32(bits.load(at: row * rowWords + batch * words + word))
        while mask != 0 {
          pairs.insert("\(row):\(word * 32 + mask.trailingZeroBitCount)")
          mask &= mask - 1
        }
      }
    }
    return pairs
  }

  /// Poisson input onto LIF neurons through DENSE and SPARSE populations whose synapse
  /// dynamics code ages and, while the target is depolarised, decays each weight.
  static func dynamicsModel() -> ModelSpec {
    var model = bitmaskModel()
    model.name = "cuda_synapse_dynamics"
    model.synapsePopulations.removeAll()
    let decaying = WeightUpdateModel(
      name: "Decaying", vars: [Variable("g"), Variable("age")],
      postNeuronVarRefs: [NeuronVarReference("V")], preSpikeSynCode: "addToPost(g);",
      synapseDynamicsCode: "age += dt;\nif (V > -60.0) { g *= 0.999; }")
    for (name, matrixType, connectivity) in [
      ("Dense", SynapseMatrixType.dense, Connectivity.allToAll),
      ("Sparse", .sparse, .snippet(.fixedProbability, params: ["prob": 0.2])),
    ] {
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: "Input", target: "Output", matrixType: matrixType,
          connectivity: connectivity, weightUpdate: decaying,
          weightUpdateVars: ["g": 0.5, "age": 0], postVarRefs: ["V": "V"],
          postsynaptic: .expCurr, postsynapticParams: ["tau": 5]))
    }
    return model
  }

  /// The models of ``generatedModel(_:)`` whose snippets regenerate synapses beyond the
  /// target population, which stops the run.
  static let beyondTheTarget: Set = ["toeplitz_other_sizes", "procedural_kernel_small_target"]

  /// The models of ``generatedModel(_:)``.
  static let generatedNames = [
    "procedural", "procedural_random", "procedural_total", "procedural_kernel",
    "procedural_kernelg", "sparse_kernel", "toeplitz", "dense_proceduralg",
    "toeplitz_other_sizes", "procedural_kernel_small_target",
  ]

  /// One volley through synapses the CUDA backend generates rather than stores (or stores
  /// from a kernel), with weights that are small dyadic fractions: the atomic additions
  /// of generated synapses come in no fixed order, but these sums are exact in any.
  static func generatedModel(_ name: String) -> ModelSpec? {
    let conv: [String: Double] = [
      "conv_kh": 3, "conv_kw": 3, "conv_sh": 1, "conv_sw": 1, "conv_padh": 1, "conv_padw": 1,
      "conv_ih": 12, "conv_iw": 12, "conv_ic": 1, "conv_oh": 12, "conv_ow": 12, "conv_oc": 1,
    ]
    let toeplitz = conv.filter {
      !["conv_sh", "conv_sw", "conv_padh", "conv_padw"].contains($0.key)
    }
    let kernel = GeneratedConnectivityTests.kernel([3, 3, 1, 1])
    let coin = InitSnippet(
      name: "Coin", params: [], code: "value = (gennrand_uniform() < 0.5) ? 0.25 : 0.75;")
    let byIndex = InitSnippet(
      name: "ByIndex", params: [], code: "value = 0.125 * (scalar)((id_pre + id_post) % 5);")
    let fixedProbability = Connectivity.snippet(.fixedProbability, params: ["prob": 0.1])
    let matrix: SynapseMatrixType
    let connectivity: Connectivity
    let weights: VarInit
    var pre = 144
    var post = 144
    switch name {
    case "procedural":
      (matrix, connectivity, weights, post) = (
        .procedural, fixedProbability, .snippet(byIndex, params: [:]), 200
      )
    case "procedural_random":
      matrix = .procedural
      connectivity = .snippet(.fixedNumberPostWithReplacement, params: ["num": 20])
      (weights, post) = (.snippet(coin, params: [:]), 200)
    case "procedural_total":
      matrix = .procedural
      connectivity = .snippet(.fixedNumberTotalWithReplacement, params: ["num": 3000])
      (weights, post) = (0.5, 200)
    case "procedural_kernel":
      (matrix, connectivity, weights) = (
        .procedural, .snippet(.conv2D, params: conv), .kernel(kernel)
      )
    case "procedural_kernelg":
      (matrix, connectivity, weights) = (
        .proceduralKernelG, .snippet(.conv2D, params: conv), .values(kernel)
      )
    case "sparse_kernel":
      (matrix, connectivity, weights) = (.sparse, .snippet(.conv2D, params: conv), .kernel(kernel))
    case "toeplitz":
      (matrix, connectivity, weights) = (
        .toeplitz, .toeplitz(.conv2D, params: toeplitz), .values(kernel)
      )
    case "dense_proceduralg":
      (matrix, connectivity, weights, post) = (
        .denseProceduralG, .allToAll, .snippet(byIndex, params: [:]), 90
      )
    case "toeplitz_other_sizes":
      // A source beyond the 12 x 12 input and a target short of the output.
      (matrix, connectivity, weights, pre, post) = (
        .toeplitz, .toeplitz(.conv2D, params: toeplitz), .values(kernel), 160, 100
      )
    case "procedural_kernel_small_target":
      (matrix, connectivity, weights, pre, post) = (
        .procedural, .snippet(.conv2D, params: conv), .kernel(kernel), 100, 60
      )
    default:
      return nil
    }
    return GeneratedConnectivityTests.oneVolley(
      "cuda_\(name)", pre: pre, post: post,
      fire: GeneratedConnectivityTests.spikes(count: pre, seed: 7), matrix: matrix,
      connectivity: connectivity, weights: weights)
  }

  /// Runs `model`'s CUDA kernels for `steps` steps emulated on the CPU: the arrays after
  /// them (positions in `index`), the SPARSE rows given as lists, and the count of rows
  /// the connectivity builders found longer than their storage.
  static func emulate(
    _ model: ModelSpec, steps: Int, schedule: [(step: Int, group: String)] = [],
    settings: [(step: Int, position: Int, value: Double)] = []
  ) throws -> (
    arrays: [StateArray], index: [ArrayLayout.Role: Int],
    sparseRows: [String: SparseConnectivity], overflows: Int
  ) {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("genn-cuda-emulation-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let module = try CUDABackend(checkIndices: true).generate(model)
    let memory = try ModelState(model: model, module: module, recordingRows: steps)
    let (arrays, index) = (memory.arrays, memory.index)
    let sparseRows = SynapseRows(model: model).listed
    InitialValues.write(
      arrays, index: index, model: model, fusion: model.postsynapticFusion,
      sparseRows: sparseRows)
    let bytes = arrays.map(\.bytes)
    for (position, array) in arrays.enumerated() {
      try Data(bytes: array.pointer, count: bytes[position])
        .write(to: folder.appendingPathComponent("\(position).bin"))
    }
    try Self.shim.write(
      to: folder.appendingPathComponent("shim.h"), atomically: true, encoding: .utf8)
    try module.source.write(
      to: folder.appendingPathComponent("model.cu"), atomically: true, encoding: .utf8)
    try Self.main(
      module, seed: model.seed, sizes: bytes.map { max(8, $0) }, counts: arrays.map(\.count),
      steps: steps,
      schedule: schedule, settings: settings
    )
    .write(to: folder.appendingPathComponent("main.cpp"), atomically: true, encoding: .utf8)
    let compiler = ProcessInfo.processInfo.environment["CXX"] ?? "g++"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.currentDirectoryURL = folder
    process.arguments = [
      "-c", "\(compiler) -std=c++20 -O1 -w -o emulated main.cpp -lpthread && ./emulated",
    ]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "the emulated kernels did not build or run")
    for (position, array) in arrays.enumerated() {
      let data = try Data(contentsOf: folder.appendingPathComponent("out\(position).bin"))
      data.withUnsafeBytes {
        array.pointer.copyMemory(from: $0.baseAddress!, byteCount: bytes[position])
      }
    }
    let overflows = try String(
      contentsOf: folder.appendingPathComponent("overflows.txt"), encoding: .utf8)
    return (arrays, index, sparseRows, Int(overflows) ?? -1)
  }

  @Test(
    "emulated on the CPU: the CUDA kernels give the CPU backend's values and spikes",
    .enabled(if: enabled, reason),
    arguments: [
      "deltacurr", "expcond", "axonal_delay", "dense_vs_sparse_vs_bitmask", "dendritic_delay",
      "spike_events", "stdp", "custom_models", "synapses", "bitmask", "synapse_dynamics",
      "custom_update", "custom_update_snippet", "custom_update_shared_snippet",
      "custom_update_read_only", "element_names",
      "seed_1", "seed_2", "batched_network", "batched_reductions", "batched_kernel_weights",
    ] + generatedNames + featureNames)
  func agreesWithCPU(name: String) async throws {
    let model: ModelSpec
    var steps = 300
    var schedule: [(step: Int, group: String)] = []
    if let generated = Self.generatedModel(name) {
      model = generated
      steps = 3
    } else if let connectivity = Self.customConnectivityModel(name) {
      (model, steps, schedule) = connectivity
    } else if let feature = Self.featureModel(name) {
      model = feature
    } else if name.hasPrefix("seed_"), let seed = UInt64(name.dropFirst(5)) {
      // One module for both seeds, each given to `genn_bind`.
      model = SeedAtLoadTests.model(seed: seed)
      steps = SeedAtLoadTests.steps
    } else if name == "custom_update_snippet" {
      model = CustomUpdateTests.snippetModel()
      schedule = [(step: 10, group: "Noise")]
    } else if name == "custom_update_shared_snippet" {
      model = CustomUpdateTests.sharedSnippetModel()
      steps = 3
      schedule = [(step: 1, group: "Shift")]
    } else if name == "custom_update_read_only" {
      model = CustomUpdateTests.readOnlyTargetsModel()
      steps = 4
      schedule = [(step: 2, group: "Double")]
    } else if name == "element_names" {
      model = ElementNameTests.model()
      steps = ElementNameTests.steps
      schedule = [(step: ElementNameTests.updateStep, group: "2Group")]
    } else if name == "batched_network" {
      model = BatchingTests.network(batchSize: 3, amps: BatchingTests.amps[1], randomStart: true)
    } else if name == "batched_kernel_weights" {
      model = BatchingTests.kernelWeights()
      steps = 3
    } else if name == "batched_reductions" {
      model = BatchingTests.reductions()
      steps = 2
      schedule = [(step: 1, group: "Reset"), (step: 2, group: "Reduce")]
    } else if name == "synapses" {
      model = CUDASimulationTests.synapseModel()
    } else if name == "bitmask" {
      model = Self.bitmaskModel()
    } else if name == "synapse_dynamics" {
      model = Self.dynamicsModel()
    } else {
      let reference = try ReferenceCase(name: name)
      model = try reference.model()
      steps = reference.numSteps
      schedule = reference.schedule
    }
    let (arrays, index, _, overflows) = try Self.emulate(
      model, steps: steps, schedule: schedule)
    #expect(overflows == 0, "\(name): rows longer than their storage")
    if Self.beyondTheTarget.contains(name) {
      // Synapses regenerated beyond the target stop either backend's run: the device
      // notes them in the population's record, which the host turns into the CPU's error.
      let record = arrays[index[.synapseRangeErrors(synapses: "Syn")]!]
      #expect((0..<record.count).contains { record.load(at: $0) != 0 }, "\(name): not noted")
      await #expect(throws: RuntimeError.self, "\(name)") {
        try await simulate(model).run(steps: steps)
      }
      return
    }
    let cpu = try await simulate(model)
    var done = 0
    for call in schedule {
      try cpu.run(steps: min(call.step, steps) - done)
      done = min(call.step, steps)
      try cpu.customUpdate(call.group)
    }
    try cpu.run(steps: steps - done)
    for synapses in model.synapsePopulations where synapses.matrixType == .sparse {
      // Rows built (and changed) on the device are the CPU's rows, in the same order.
      let (pre, post) = try cpu.connectivity(of: synapses.name)
      let lengths = arrays[index[.synapseRowLengths(synapses: synapses.name)]!]
      let indices = arrays[index[.synapseIndices(synapses: synapses.name)]!]
      let stride = indices.count / max(1, lengths.count)
      var devicePre: [Int] = []
      var devicePost: [Int] = []
      for row in 0..<lengths.count {
        for slot in 0..<Int(lengths.load(at: row)) {
          devicePre.append(row)
          devicePost.append(Int(indices.load(at: row * stride + slot)))
        }
      }
      #expect(devicePre == pre && devicePost == post, "\(name): rows of \(synapses.name)")
    }
    for update in model.customUpdates {
      for variable in update.model.vars {
        let expected = try cpu.values(of: variable.name, in: update.name)
        let role = ArrayLayout.Role.customUpdateVariable(
          update: update.name, variable: variable.name)
        // Per-synapse ones through the CPU's synapse order.
        var positions: [Int]?
        if case .synapses(let name)? = model.shape(of: update),
          let synapses = model.synapsePopulations.first(where: { $0.name == name })
        {
          positions = SynapseRows(model: model).positions(of: synapses) {
            arrays[index[.synapseRowLengths(synapses: synapses.name)]!]
          }
        }
        let actual = VariableView(array: arrays[index[role]!], positions: positions).load()
        #expect(actual == expected, "\(name): \(update.name).\(variable.name)")
      }
    }
    try Self.compareCustomConnectivityUpdates(model, cpu: cpu, arrays: arrays, index: index)
    for population in model.neuronPopulations {
      for variable in population.model.vars {
        let expected = try cpu.values(of: variable.name, in: population.name)
        let role = ArrayLayout.Role.neuronVariable(
          population: population.name, variable: variable.name)
        // A queued variable through the slot written last, as the CPU backend gives it.
        let array = arrays[index[role]!]
        let actual = VariableView(
          array: array, positions: array.latestSlot(size: population.size, timestep: UInt64(steps))
        ).load()
        #expect(actual == expected, "\(name): \(population.name).\(variable.name)")
      }
      guard population.recordSpikes else { continue }
      for batch in 0..<model.batchSize {
        let spikes = try cpu.spikes(of: population.name, batch: batch)
        let actual = Self.recorded(
          arrays[index[.spikeRecording(population: population.name)]!], size: population.size,
          steps: steps, batch: batch)
        #expect(actual == Self.pairs(spikes), "\(name): spikes of \(population.name) \(batch)")
        print(
          "CUDAEmulationTests: \(name) \(population.name) batch \(batch): \(actual.count) "
            + "spikes, as the CPU's")
      }
    }
    let fusion = model.postsynapticFusion
    for synapses in model.synapsePopulations {
      // Weights (learnt ones too) through the CPU's synapse order, and the input.
      let positions = SynapseRows(model: model).positions(of: synapses) {
        arrays[index[.synapseRowLengths(synapses: synapses.name)]!]
      }
      for variable in synapses.weightUpdate.vars
      where synapses.matrixType.weightStorage != .procedural {
        let role = ArrayLayout.Role.weightUpdateVariable(
          synapses: synapses.name, variable: variable.name)
        let actual = VariableView(array: arrays[index[role]!], positions: positions).load()
        let expected = try cpu.values(of: variable.name, in: synapses.name)
        #expect(actual == expected, "\(name): \(synapses.name).\(variable.name)")
      }
      for variable in synapses.weightUpdate.preVars + synapses.weightUpdate.postVars {
        let roles: [ArrayLayout.Role] = [
          .weightUpdatePreVariable(synapses: synapses.name, variable: variable.name),
          .weightUpdatePostVariable(synapses: synapses.name, variable: variable.name),
        ]
        let array = arrays[roles.compactMap { index[$0] }[0]]
        let neurons = index[roles[0]] != nil ? synapses.source : synapses.target
        let size = model.neuronPopulation(named: neurons)!.size
        let expected = try cpu.values(of: variable.name, in: synapses.name)
        #expect(
          VariableView(
            array: array, positions: array.latestSlot(size: size, timestep: UInt64(steps))
          )
          .load() == expected,
          "\(name): \(synapses.name).\(variable.name)")
      }
      // A fused population's input is its set's target's.
      let owner = fusion.target(of: synapses.name)
      let input = arrays[index[.postsynapticInput(synapses: owner)]!]
      #expect(
        VariableView(array: input).load() == (try cpu.values(of: "inSyn", in: synapses.name)),
        "\(name): \(synapses.name).inSyn")
      for side in [SynapseSide.presynaptic, .postsynaptic] {
        guard let position = index[.spikeEventRecording(synapses: synapses.name, side: side)]
        else { continue }
        let neurons = side == .presynaptic ? synapses.source : synapses.target
        let actual = Self.recorded(
          arrays[position], size: model.neuronPopulation(named: neurons)!.size, steps: steps)
        let expected = Self.pairs(try cpu.spikeEvents(of: synapses.name, side: side))
        #expect(actual == expected, "\(name): spike-like events of \(synapses.name)")
        print("CUDAEmulationTests: \(name) \(synapses.name): \(actual.count) events, as the CPU's")
      }
    }
  }
}
