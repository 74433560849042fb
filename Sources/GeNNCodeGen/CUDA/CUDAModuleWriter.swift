import GeNNModel
import GeNNTranspiler

/// Writes one model's CUDA translation unit and its launch plan; collects every
/// code-string error on the way.
struct CUDAModuleWriter: ModelCodeWriting {
  let merged: MergedModel
  /// Threads per block of `updateNeurons`.
  let neuronBlockSize: Int
  /// Threads per block of `initialise`.
  let initBlockSize: Int
  /// Threads per block of `updateSynapseDynamics`, `updateSynapses`, `updatePostsynaptic`,
  /// `buildConnectivity` and `initialiseSynapses`.
  let synapseBlockSize: Int
  var output = GeneratedCode()
  var errors: [TranspilerError] = []
  var dynamicParameterFields: [DynamicParameterField] = []

  /// The kernels' names.
  static let bindKernel = "genn_bind"
  static let initKernel = "initialise"
  static let resetKernel = "resetSpikeCounts"
  static let neuronKernel = "updateNeurons"
  static let synapseKernel = "updateSynapses"
  static let postsynapticKernel = "updatePostsynaptic"
  static let synapseDynamicsKernel = "updateSynapseDynamics"
  static let columnKernel = "buildColumns"
  static let connectivityKernel = "buildConnectivity"
  static let rowSortKernel = "sortRows"
  static let kernelValueCopyKernel = "copyKernelValues"
  static let rowLengthKernel = "drawRowLengths"
  static let synapseInitKernel = "initialiseSynapses"
  static let dynamicParameterKernel = CModuleInterface.setDynamicParameter

  init(model: ModelSpec, checkIndices: Bool) {
    let merged = MergedModel(model, checkIndices: checkIndices)
    self.merged = merged
    self.neuronBlockSize = CUDABackend.blockSize(
      forLargest: model.neuronPopulations.map(\.size).max() ?? 0)
    var largestInit = 0
    for group in merged.initGroups {
      for element in group.elements {
        largestInit = max(largestInit, element.size(in: model))
      }
    }
    self.initBlockSize = CUDABackend.blockSize(forLargest: largestInit)
    var largestSynapses = 0
    for index in model.synapsePopulations.indices {
      largestSynapses = max(
        largestSynapses, Self.synapseThreads(of: index, model),
        Self.synapseInitThreads(of: index, model), Self.postsynapticThreads(of: index, model),
        Self.synapseDynamicsThreads(of: index, model))
    }
    self.synapseBlockSize = CUDABackend.blockSize(forLargest: largestSynapses)
  }

  var source: String { output.text }

  /// CUDA C++ for NVRTC.
  var dialect: Dialect { .cuda }

  /// The blocks each population of `groups` takes in a kernel of `blockSize` threads, in
  /// kernel order: (group, member, first block, blocks).
  func blockRanges(
    sizes: [(group: Int, member: Int, size: Int)], blockSize: Int
  ) -> [(group: Int, member: Int, start: Int, count: Int)] {
    var start = 0
    return sizes.map { entry in
      let count = (entry.size + blockSize - 1) / blockSize
      defer { start += count }
      return (entry.group, entry.member, start, count)
    }
  }

  /// Every neuron population in kernel order with its size.
  var neuronSizes: [(group: Int, member: Int, size: Int)] {
    neuronGroups.flatMap { group in
      group.populations.enumerated().map { member, index in
        (group.index, member, model.neuronPopulations[index].size)
      }
    }
  }

  /// Every initialisation element in kernel order with its size.
  var initSizes: [(group: Int, member: Int, size: Int)] {
    initGroups.flatMap { group in
      group.elements.enumerated().map { member, element in
        (group.index, member, element.size(in: model))
      }
    }
  }

  /// The module: source, arrays and launches.
  var module: CUDAModule {
    let neuronBlocks = blockRanges(sizes: neuronSizes, blockSize: neuronBlockSize)
      .reduce(0) { $0 + $1.count }
    let initBlocks = blockRanges(sizes: initSizes, blockSize: initBlockSize)
      .reduce(0) { $0 + $1.count }
    let bind = CUDAKernelLaunch(
      kernel: Self.bindKernel, gridSize: 1, blockSize: 32,
      parameters: [.arrayTable, .countTable, .seed])
    let initialisation =
      initBlocks == 0
      ? []
      : [
        CUDAKernelLaunch(
          kernel: Self.initKernel, gridSize: initBlocks, blockSize: initBlockSize, parameters: [],
          batches: batches)
      ]
    // GeNN's order: the synapse update reads last steps' spikes before the neuron update
    // empties and refills this step's slot.
    let synapseBlocks = blockRanges(sizes: synapseSizes, blockSize: synapseBlockSize)
      .reduce(0) { $0 + $1.count }
    let synapseStep =
      synapseBlocks == 0
      ? []
      : [
        CUDAKernelLaunch(
          kernel: Self.synapseKernel, gridSize: synapseBlocks, blockSize: synapseBlockSize,
          parameters: [.timestep], batches: batches)
      ]
    let step =
      neuronBlocks == 0
      ? []
      : synapseDynamicsLaunches + synapseStep + postsynapticLaunches + [
        CUDAKernelLaunch(
          kernel: Self.resetKernel, gridSize: 1, blockSize: 32, parameters: [.timestep]),
        CUDAKernelLaunch(
          kernel: Self.neuronKernel, gridSize: neuronBlocks, blockSize: neuronBlockSize,
          parameters: [.timestep, .recordingRow], batches: batches),
      ]
    var module = CUDAModule(
      source: source, arrays: memory.arrays, bind: bind,
      initialisation: initialisation + synapseInitialisationLaunches + customUpdateInitLaunches
        + customConnectivityInitLaunches + columnLaunches, step: step,
      customUpdates: customUpdateLaunches, origins: output.origins)
    if !merged.dynamicParameters.isEmpty {
      module.dynamicParameterKernel = Self.dynamicParameterKernel
    }
    return module
  }

  // MARK: Module

  mutating func writeModule() {
    let populations = model.neuronPopulations.map {
      "'\($0.name)' (\($0.model.name.commentText), \($0.size))"
    }
    block(
      """
      // SwiftGeNN: CUDA generated for model '\(model.name.commentText)' (CUDA backend).
      // scalar = \(scalarName), timepoint = \(timeName), dt = \(model.dt) ms.
      // Neuron populations: \(populations.joined(separator: ", ")).
      // Self-contained for NVRTC: it includes no header; its random numbers are below.
      #define GENN_FUNCTION __device__ __forceinline__
      """)
    let randomNumbers = output.placeholder()
    support(IntegerDivisionSource.source(for: .cuda))
    if memory.checksIndices { support(IndexCheckSource.source(for: .cuda)) }
    line("// Threads per block of the neuron update and of the initialisation.")
    line("constexpr uint32_t kNeuronBlockSize = \(neuronBlockSize)u;")
    line("constexpr uint32_t kInitBlockSize = \(initBlockSize)u;")
    line("// Threads per block of the synapse update, connectivity and synapse initialisation.")
    line("constexpr uint32_t kSynapseBlockSize = \(synapseBlockSize)u;")
    line()
    if !model.synapsePopulations.isEmpty { support(Self.synapseSupportSource) }
    for group in synapseGroups { writeSynapseGroup(group) }
    if !neuronGroups.isEmpty { support(Self.neuronSupportSource) }
    for group in neuronGroups { writeNeuronGroup(group) }
    for group in initGroups { writeInitGroup(group) }
    writeCustomUpdates()
    writeCustomConnectivityUpdates()
    writeCustomUpdateInits()
    writeBindKernel()
    writeDynamicParameterKernel()
    writeInitKernel()
    writeConnectivityKernel()
    writeSynapseInitKernel()
    writeColumnKernel()
    writeSynapseDynamicsKernel()
    writeSynapseKernel()
    writePostsynapticKernel()
    writeResetKernel()
    writeNeuronKernel()

    writeRandomNumbers(at: randomNumbers)
  }

  /// `genn_bind`: one thread fills every group struct from the table of device pointers
  /// and the table of the arrays' element counts, and gives it the seed.
  private mutating func writeBindKernel() {
    line("// Points the group structs at the arrays the host allocated (in `arrays` order),")
    line("// whose element counts are `counts`, and keys their random streams by `seed`.")
    line(
      "extern \"C\" __global__ void \(Self.bindKernel)(void *const *arrays, const uint64_t *counts, uint64_t seed)"
    )
    line("{")
    line("if (blockIdx.x != 0 || threadIdx.x != 0) { return; }")
    line("(void)arrays; (void)counts; (void)seed;")
    // Each batch's copy of the fields (see the CPU backend's `bind`).
    openBatchLoop()
    for group in neuronGroups { writeNeuronGroupBinding(group) }
    for group in initGroups { writeInitGroupBinding(group) }
    for group in synapseGroups {
      let groups = copy("d_synapseGroup\(group.index)")
      writeSynapseGroupBindings(
        group, field: { "\(groups)[\($0)]" }, dendriticDelayPointer: false)
    }
    writeCustomUpdateBindings()
    writeCustomUpdateInitBindings()
    closeBatchLoop()
    writeCustomConnectivityUpdateBindings()
    line("}")
    line()
  }

  /// `genn_set_dynamic_param`: one thread writes a dynamic parameter's new value into
  /// every group struct field holding it (fields ``writeBindKernel()`` noted); only for
  /// models with dynamic parameters.
  private mutating func writeDynamicParameterKernel() {
    guard !merged.dynamicParameters.isEmpty else { return }
    line(
      "extern \"C\" __global__ void \(Self.dynamicParameterKernel)(uint32_t position, double value)"
    )
    line("{")
    line("if (blockIdx.x != 0 || threadIdx.x != 0) { return; }")
    openBatchLoop()
    writeDynamicParameterSwitch()
    closeBatchLoop()
    line("}")
    line()
  }

  /// The subscript of an array of a group's fields that picks the copy of the batch a
  /// block of a batched launch runs (`blockIdx.y`); nothing with one batch.
  var blockBatch: String { batches > 1 ? "[blockIdx.y]" : "" }

  /// The subscript that picks batch 0's copy, for kernels that run once for every batch
  /// (connectivity); nothing with one batch.
  var firstBatch: String { batches > 1 ? "[0]" : "" }

  /// `fields`, an array of a group's fields, at the copy of the batch a block of a
  /// batched launch runs.
  func blockCopy(_ fields: String) -> String { fields + blockBatch }

  /// The if-chain that sends each block to its population's update.
  mutating func writeDispatch(
    _ ranges: [(group: Int, member: Int, start: Int, count: Int)],
    call: (Int, Int, Int) -> String
  ) {
    for (position, range) in ranges.enumerated() {
      let keyword = position == 0 ? "if" : "else if"
      line("\(keyword) (blockIdx.x < \(range.start + range.count)u) {")
      line("\(call(range.group, range.member, range.start))")
      line("}")
    }
  }
}
