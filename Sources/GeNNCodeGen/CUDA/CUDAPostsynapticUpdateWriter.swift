import GeNNModel
import GeNNTranspiler

/// Postsynaptic learning in CUDA, after GeNN 5.4's SIMT postsynaptic update: after the
/// presynaptic update, `updatePostsynaptic` runs the post event syn code for the
/// postsynaptic spike-like events, then the post spike syn code for the postsynaptic
/// spikes, of `1 + backPropDelaySteps` steps ago, loaded into shared memory a
/// block at a time, one thread per presynaptic neuron: DENSE, thread `id_pre` takes the
/// synapse of its row onto each spiking target; SPARSE, thread `lid` takes the `lid`-th
/// synapse of each spiking target's column, found through the column index (`colStart`,
/// `remap`: each column's row-major synapse positions in ascending presynaptic order, as
/// the CPU backend's), which `buildColumns` builds once the rows are.
extension CUDAModuleWriter {
  /// Whether `buildColumns` builds the column index of `synapses`.
  static func buildsColumns(_ synapses: SynapsePopulation) -> Bool {
    synapses.matrixType == .sparse && synapses.weightUpdate.hasPostsynapticUpdate
  }

  /// The threads `updatePostsynaptic` runs for synapse population `index` (0: none).
  static func postsynapticThreads(of index: Int, _ model: ModelSpec) -> Int {
    let weightUpdate = model.synapsePopulations[index].weightUpdate
    guard weightUpdate.deliversPostEvents || !weightUpdate.postSpikeSynCode.isBlank else {
      return 0
    }
    return model.neuronPopulation(named: model.synapsePopulations[index].source)?.size ?? 0
  }

  /// The populations `updatePostsynaptic` covers, with their threads, in group order.
  var postsynapticSizes: [(group: Int, member: Int, size: Int)] {
    synapseMemberSizes { index in
      let threads = Self.postsynapticThreads(of: index, model)
      return threads == 0 ? nil : threads
    }
  }

  /// The launch of `updatePostsynaptic`, where there is postsynaptic learning.
  var postsynapticLaunches: [CUDAKernelLaunch] {
    let blocks = blockRanges(sizes: postsynapticSizes, blockSize: synapseBlockSize)
      .reduce(0) { $0 + $1.count }
    guard blocks > 0 else { return [] }
    return [
      CUDAKernelLaunch(
        kernel: Self.postsynapticKernel, gridSize: blocks, blockSize: synapseBlockSize,
        parameters: [.timestep], batches: batches)
    ]
  }

  /// The launch of `buildColumns`, where a SPARSE population has postsynaptic learning.
  var columnLaunches: [CUDAKernelLaunch] {
    guard model.synapsePopulations.contains(where: Self.buildsColumns) else { return [] }
    return [
      CUDAKernelLaunch(kernel: Self.columnKernel, gridSize: 1, blockSize: 32, parameters: [])
    ]
  }

  /// The post event and post spike syn code of merged synapse group `group` (GeNN's
  /// order) for its thread `lid`.
  mutating func writePostsynapticGroup(_ group: MergedSynapseGroup) {
    let outer = enter(synapseUpdateOrigin(group))
    defer { leave(outer) }
    let index = group.archetype
    let synapses = model.synapsePopulations[index]
    guard Self.postsynapticThreads(of: index, model) > 0 else { return }
    let weightUpdate = synapses.weightUpdate
    let hooks = [
      (
        "post event syn code", "trgSpkEvent", "trgSpkCntEvent", weightUpdate.postEventSynCode,
        weightUpdate.deliversPostEvents
      ),
      ("post spike syn code", "trgSpike", "trgSpikeCount", weightUpdate.postSpikeSynCode, true),
    ]
    line(
      "__device__ __forceinline__ void updatePostsynapticGroup\(group.index)(const \(synapseStructName(group)) &group, uint32_t lid,"
    )
    line("\(timeName) t, uint64_t timestep, uint32_t *shSpk)")
    line("{")
    line("(void)t;")
    writeSlotOffsets(synapses)
    for (hook, list, count, code, enabled) in hooks where enabled && !code.isBlank {
      let checked = checkStatements(
        code, in: synapseEnvironment(index, sharedTargets: true, hook: hook))
      line("// \(hook)")
      line("{")
      writePostsynapticLoop(synapses, list: list, count: count, code: checked)
      line("}")
    }
    line("}")
    line()
  }

  /// Prints the loop over the postsynaptic spikes (or events) of list `list`, loaded into
  /// shared memory a block at a time, each thread running `code` for its synapse onto
  /// each.
  private mutating func writePostsynapticLoop(
    _ synapses: SynapsePopulation, list: String, count: String, code: CheckedStatements?
  ) {
    line("const uint32_t numSpikes = group.\(count)[postSlot];")
    line(
      "const uint32_t numSpikeBlocks = (numSpikes + kSynapseBlockSize - 1u) / kSynapseBlockSize;"
    )
    line("for (uint32_t r = 0; r < numSpikeBlocks; r++) {")
    line(
      "const uint32_t numSpikesInBlock = (r == numSpikeBlocks - 1u) ? ((numSpikes - 1u) % kSynapseBlockSize) + 1u : kSynapseBlockSize;"
    )
    line("// load this block of postsynaptic spikes into shared memory")
    line("__syncthreads();")
    line("if (threadIdx.x < numSpikesInBlock) {")
    line(
      "shSpk[threadIdx.x] = group.\(list)[postOffset + (size_t)r * kSynapseBlockSize + threadIdx.x];"
    )
    line("}")
    line("__syncthreads();")
    line("for (uint32_t s = 0; s < numSpikesInBlock; s++) {")
    line("const uint32_t id_post = shSpk[s];")
    if synapses.matrixType == .sparse {
      line("// one thread per synapse of the spiking neuron's column")
      line("const uint32_t colBegin = group.colStart[id_post];")
      line("if (lid < group.colStart[id_post + 1u] - colBegin) {")
      line("const uint32_t syn = group.remap[colBegin + lid];")
      line("const uint32_t id_pre = syn / group.rowStride;")
    } else {
      line("// one thread per presynaptic neuron: its synapse onto the spiking one")
      line("if (lid < group.numSrcNeurons) {")
      line("const uint32_t id_pre = lid;")
      line("const uint32_t syn = id_pre * group.numTrgNeurons + id_post;")
    }
    line("(void)id_pre; (void)syn;")
    if let prelude = proceduralVariableCode(synapses, level: 0) { block(prelude) }
    if let code { self.code(code) }
    line("}")
    line("}")
    line("}")
  }

  /// `updatePostsynaptic`: every population with postsynaptic learning, padded to whole
  /// blocks of `kSynapseBlockSize`, in model order.
  mutating func writePostsynapticKernel() {
    for group in synapseGroups { writePostsynapticGroup(group) }
    let ranges = blockRanges(sizes: postsynapticSizes, blockSize: synapseBlockSize)
    guard !ranges.isEmpty else { return }
    line("// Postsynaptic learning; block ranges select the synapse population.")
    line("extern \"C\" __global__ void \(Self.postsynapticKernel)(uint64_t timestep)")
    line("{")
    line("__shared__ uint32_t shSpk[kSynapseBlockSize];")
    line("const \(timeName) t = timestep * \(dtLiteral);")
    let batch = blockBatch
    writeDispatch(ranges) { group, member, start in
      "updatePostsynapticGroup\(group)(d_synapseGroup\(group)\(batch)[\(member)], "
        + "(blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x, t, timestep, shSpk);"
    }
    line("}")
    line()
  }

  /// `buildColumns`: one thread builds the column index of each SPARSE population with
  /// postsynaptic learning from its rows: counts per column, their prefix sums, then the
  /// rows' positions in row-major order (so each column ascends in presynaptic index),
  /// with `colStart` itself as the cursors, shifted back afterwards.
  mutating func writeColumnKernel() {
    let groups = synapseGroups.filter {
      Self.buildsColumns(model.synapsePopulations[$0.archetype])
    }
    guard !groups.isEmpty else { return }
    line("// Builds the column index of the SPARSE populations with postsynaptic learning.")
    line("extern \"C\" __global__ void \(Self.columnKernel)()")
    line("{")
    line("if (blockIdx.x != 0 || threadIdx.x != 0) { return; }")
    for group in groups {
      line("for (uint32_t g = 0; g < \(group.populations.count)u; g++) {")
      line(
        "const \(synapseStructName(group)) &group = \(copy("d_synapseGroup\(group.index)", batch: "0"))[g];"
      )
      line("for (uint32_t k = 0; k <= group.numTrgNeurons; k++) { group.colStart[k] = 0; }")
      writeColumnStarts()
      line("// colStart[k] is the next free place of column k while filling")
      line("for (uint32_t i = 0; i < group.numSrcNeurons; i++) {")
      line("for (uint32_t j = 0; j < group.rowLength[i]; j++) {")
      line("const uint32_t position = i * group.rowStride + j;")
      line("group.remap[group.colStart[group.ind[position]]++] = position;")
      line("}")
      line("}")
      line("// each cursor ended at the next column's start: shift them back")
      line(
        "for (uint32_t k = group.numTrgNeurons; k > 0u; k--) { group.colStart[k] = group.colStart[k - 1u]; }"
      )
      line("group.colStart[0] = 0;")
      line("}")
    }
    line("}")
    line()
  }
}
