import GeNNModel
import GeNNTranspiler

/// The presynaptic update in CUDA, after GeNN 5.4's SIMT post-span strategy: the spikes
/// the source emitted `1 + axonalDelaySteps` steps ago are loaded into shared memory a
/// block at a time (with their row lengths, for SPARSE), then every thread runs the pre
/// spike syn code for its synapse of each spike. SPARSE: one thread per row slot (the
/// row stride), `addToPost` is an `atomicAdd` into the target's `inSyn`, and the block
/// meets after each spike, so that a target's additions come in spike order; DENSE: one
/// thread per postsynaptic neuron, which adds its input to `inSyn` in a register, in
/// the CPU backend's spike order, and stores it once; BITMASK (GeNN's post-span bitmask
/// strategy): as DENSE, each thread skipping the spikes whose bit for its target is clear;
/// DENSE_PROCEDURALG: as DENSE, each thread computing its synapse's variables. Generated
/// synapses add atomically: PROCEDURAL (GeNN's pre-span procedural strategy) runs one
/// thread per spike, which regenerates the spiking neuron's row from the CPU backend's
/// random stream for it; TOEPLITZ (GeNN's post-span Toeplitz strategy) one thread per
/// diagonal, which runs the diagonal build code over the spikes. Their additions to a
/// target come in no fixed order, as in GeNN.
extension CUDAModuleWriter {
  /// The slot of a dendritic delay ring of `maxDelay` slots whose input arrives in step
  /// `timestep`: where the CPU backend's pointer is, which starts at 0 and advances before
  /// each step's synapse update.
  static func dendriticDelaySlot(maxDelay: String) -> String {
    "(uint32_t)((timestep + 1u) % \(maxDelay))"
  }

  /// The threads `updateSynapses` runs for synapse population `index`: a row's slots
  /// (SPARSE), a diagonal each (TOEPLITZ), a spike each (PROCEDURAL), else a target each.
  static func synapseThreads(of index: Int, _ model: ModelSpec) -> Int {
    let synapses = model.synapsePopulations[index]
    switch synapses.matrixType.connectivityStorage {
    case .sparse, .toeplitz: return rowStride(of: synapses, model)
    case .procedural: return model.neuronPopulation(named: synapses.source)?.size ?? 0
    case .dense, .bitmask: return model.neuronPopulation(named: synapses.target)?.size ?? 0
    }
  }

  /// The row stride of `synapses`' storage, as the CPU backend's: the longest row
  /// (SPARSE, PROCEDURAL), the diagonals (TOEPLITZ), else the target's size.
  static func rowStride(of synapses: SynapsePopulation, _ model: ModelSpec) -> Int {
    let source = model.neuronPopulation(named: synapses.source)?.size ?? 0
    let target = model.neuronPopulation(named: synapses.target)?.size ?? 0
    switch synapses.matrixType.connectivityStorage {
    case .sparse, .procedural, .toeplitz:
      return SparseConnectivity.rowStride(of: synapses, sourceSize: source, targetSize: target)
    case .dense, .bitmask:
      return target
    }
  }

  /// Every synapse population in kernel order with its threads.
  var synapseSizes: [(group: Int, member: Int, size: Int)] {
    synapseMemberSizes { Self.synapseThreads(of: $0, model) }
  }

  /// Device helpers of the synapse kernels: adding a synapse to a row being built (by one
  /// thread, or by the threads of columns), setting
  /// a synapse's bit in a bitmask (rows may share words, so atomically), and sorting a
  /// built row (stable, as the CPU backend's `genn::sortRow`).
  static let synapseSupportSource = """
    // Appends `post` to a row being built, or notes that the row is full; returns the
    // place it took (`stride` when the row is full), where its values go too.
    // `Index` is the row's index type, as narrow as the target population allows.
    template <class Index>
    __device__ __forceinline__ uint32_t genn_add_synapse(Index *row, uint32_t &length, uint32_t stride,
                                                         bool &overflow, uint32_t post)
    {
        if (length < stride) { row[length] = (Index)post; return length++; }
        overflow = true;
        return stride;
    }

    // Appends `post` to a row that several threads build (columns), counting every
    // synapse in `length` so that a row longer than `stride` shows as one; returns the
    // place it claimed (the synapse's values go there too, where it is below `stride`).
    template <class Index>
    __device__ __forceinline__ uint32_t genn_add_synapse_atomic(Index *row, uint32_t *length, uint32_t stride,
                                                                uint32_t post)
    {
        const uint32_t slot = atomicAdd(length, 1u);
        if (slot < stride) { row[slot] = (Index)post; }
        return slot;
    }

    // Notes that the build code of row (or column) `row` added a synapse to `target`,
    // beyond the population: `slot` keeps the first such synapse in (row, target) order,
    // as the largest `~(row << 32 | target)`, whichever thread gets there first.
    __device__ __forceinline__ void genn_note_out_of_range(uint64_t *slot, uint32_t row, uint32_t target)
    {
        atomicMax((unsigned long long *)slot, ~(((unsigned long long)row << 32) | target));
    }

    // Sets bit `bit` of a bitmask (32 synapses per word, row-major).
    __device__ __forceinline__ void genn_set_bit(uint32_t *bitmask, size_t bit)
    {
        atomicOr(&bitmask[bit / 32u], 1u << (uint32_t)(bit % 32u));
    }

    // Moves a[i] to position j <= i, shifting a[j..<i] up by one.
    template <class T>
    __device__ __forceinline__ void genn_rotate(T *a, uint32_t j, uint32_t i)
    {
        const T moved = a[i];
        for (uint32_t k = i; k > j; k--) { a[k] = a[k - 1u]; }
        a[j] = moved;
    }

    // Sorts a row of targets ascending, moving each synapse's `values` with it (insertion
    // sort: stable, as the CPU backend's, and rows are short).
    template <class Index, class... Values>
    __device__ __forceinline__ void genn_sort_row(Index *row, uint32_t length, Values *...values)
    {
        for (uint32_t i = 1; i < length; i++) {
            const uint32_t key = row[i];
            uint32_t j = i;
            while (j > 0u && row[j - 1u] > key) { j--; }
            if (j == i) { continue; }
            genn_rotate(row, j, i);
            (genn_rotate(values, j, i), ...);
        }
    }

    // Sorts row `id_pre` of a population built by columns with its synapses' `values`
    // (arrays laid out as `ind`), first cutting a row longer than `stride` to it and
    // counting it in `overflows`.
    template <class Index, class... Values>
    __device__ __forceinline__ void genn_finish_row(Index *ind, uint32_t *rowLength, uint32_t numRows,
                                                    uint32_t stride, uint32_t id_pre, uint32_t *overflows,
                                                    Values *...values)
    {
        if (id_pre >= numRows) { return; }
        if (rowLength[id_pre] > stride) {
            rowLength[id_pre] = stride;
            atomicAdd(overflows, 1u);
        }
        const size_t start = (size_t)id_pre * stride;
        genn_sort_row(ind + start, rowLength[id_pre], (values + start)...);
    }

    """

  mutating func writeSynapseGroup(_ group: MergedSynapseGroup) {
    let outer = enter(synapseUpdateOrigin(group))
    defer { leave(outer) }
    let index = group.archetype
    let synapses = model.synapsePopulations[index]
    let weightUpdate = synapses.weightUpdate
    let storage = synapses.matrixType.connectivityStorage
    let bitmask = storage == .bitmask
    // DENSE and BITMASK threads own their target; other threads share targets, and so
    // do the threads of populations fused into one postsynaptic model, which run in the
    // same launch (GeNN adds atomically there too).
    let ownsTarget = (storage == .dense || bitmask) && !usage.fusion.isFused(synapses.name)
    let structName = synapseStructName(group)
    declareSynapseGroup(group, dendriticDelayPointer: false)
    line(
      "__device__ \(structName) d_synapseGroup\(group.index)\(batchExtent)[\(group.populations.count)];"
    )
    line()

    // GeNN's order: spike-like events first, then spikes.
    let hooks = [
      (
        "pre event syn code", "srcSpkEvent", "srcSpkCntEvent", weightUpdate.preEventSynCode,
        weightUpdate.deliversPreEvents
      ),
      ("pre spike syn code", "srcSpike", "srcSpikeCount", weightUpdate.preSpikeSynCode, true),
    ]
    line(
      "__device__ __forceinline__ void updateSynapseGroup\(group.index)(const \(structName) &group, uint32_t lid,"
    )
    line(
      "\(timeName) t, uint64_t timestep, uint32_t *shSpk, uint32_t *shRowLength)"
    )
    line("{")
    line("(void)t; (void)shRowLength;")
    writeSlotOffsets(synapses)
    if ownsTarget {
      // Loaded, not summed from 0: each addition rounds as the CPU backend's does.
      line("// the target's input in a register, added to in the CPU backend's order")
      line("\(scalarName) linSyn = lid < group.numTrgNeurons ? group.inSyn[lid] : 0;")
    }
    if !synapses.storesSynapses {
      line("// generated synapses reach every target")
      line("const uint32_t postBegin = 0u;")
      line("const uint32_t postEnd = group.numTrgNeurons;")
    }
    for (hook, list, count, code, enabled) in hooks where enabled && !code.isBlank {
      let checked = checkStatements(
        code, in: synapseEnvironment(index, sharedTargets: !ownsTarget, hook: hook))
      line("// \(hook)")
      line("{")
      switch storage {
      case .procedural:
        line("const uint32_t numSpikes = group.\(count)[preSlot];")
        line("// one thread per spike, regenerating the spiking neuron's row")
        line("if (lid < numSpikes) {")
        line("const uint32_t id_pre = group.\(list)[preOffset + lid];")
        if let checked { writeProceduralRow(index, code: checked) }
        line("}")
      case .toeplitz:
        line("const uint32_t *spikes = group.\(list) + preOffset;")
        line("const uint32_t count = group.\(count)[preSlot];")
        line("// one thread per diagonal")
        if let checked { writeToeplitzDiagonals(index, code: checked, thread: "lid") }
      case .dense, .sparse, .bitmask:
        writePresynapticLoop(synapses, list: list, count: count, code: checked)
      }
      line("}")
    }
    if ownsTarget {
      line("if (lid < group.numTrgNeurons) { group.inSyn[lid] = linSyn; }")
    }
    line("}")
    line()
  }

  /// Prints the loop over the spikes (or events) of list `list`, loaded into shared memory
  /// a block at a time, each thread running `code` for its synapse of each.
  private mutating func writePresynapticLoop(
    _ synapses: SynapsePopulation, list: String, count: String, code: CheckedStatements?
  ) {
    let sparse = synapses.matrixType.connectivityStorage == .sparse
    let bitmask = synapses.matrixType.connectivityStorage == .bitmask
    line("const uint32_t numSpikes = group.\(count)[preSlot];")
    line(
      "const uint32_t numSpikeBlocks = (numSpikes + kSynapseBlockSize - 1u) / kSynapseBlockSize;"
    )
    line("for (uint32_t r = 0; r < numSpikeBlocks; r++) {")
    line(
      "const uint32_t numSpikesInBlock = (r == numSpikeBlocks - 1u) ? ((numSpikes - 1u) % kSynapseBlockSize) + 1u : kSynapseBlockSize;"
    )
    line("// load this block of spikes into shared memory")
    line("__syncthreads();")
    line("if (threadIdx.x < numSpikesInBlock) {")
    line(
      "const uint32_t spk = group.\(list)[preOffset + (size_t)r * kSynapseBlockSize + threadIdx.x];"
    )
    line("shSpk[threadIdx.x] = spk;")
    if sparse { line("shRowLength[threadIdx.x] = group.rowLength[spk];") }
    line("}")
    line("__syncthreads();")
    line("for (uint32_t s = 0; s < numSpikesInBlock; s++) {")
    if sparse {
      line("// one thread per slot of the spiking neuron's row")
      line("if (lid < shRowLength[s]) {")
      line("const uint32_t id_pre = shSpk[s];")
      line("const uint32_t syn = id_pre * group.rowStride + lid;")
      line("const uint32_t id_post = group.ind[syn];")
    } else {
      line("// one thread per postsynaptic neuron")
      line("if (lid < group.numTrgNeurons) {")
      line("const uint32_t id_pre = shSpk[s];")
      line("const uint32_t syn = id_pre * group.numTrgNeurons + lid;")
      line("const uint32_t id_post = lid;")
      if bitmask {
        line("// the pair's bit: whether the synapse exists")
        line(
          "if (!(group.bitmask[syn / 32u] & (1u << (syn % 32u)))) { continue; }"
        )
      }
    }
    line("(void)id_pre; (void)syn; (void)id_post;")
    if let prelude = proceduralVariableCode(synapses, level: 0) { block(prelude) }
    if let code { self.code(code) }
    line("}")
    if sparse {
      // Threads of other slots add to the same targets: spike by spike, each target of a
      // block sums in the CPU backend's order.
      line("// the next spike's additions wait for this one's")
      line("__syncthreads();")
    }
    line("}")
    line("}")
  }

  /// The names per-synapse code (`hook`) sees, as the CPU backend's; with
  /// `sharedTargets`, threads of other synapses add to the same targets, so `addToPost`
  /// and `addToPostDelay` add atomically, else into the thread's register `linSyn` and its
  /// own ring element; `addToPre` adds atomically (its neuron is shared by the threads of
  /// its row).
  func synapseEnvironment(_ index: Int, sharedTargets: Bool, hook: String) -> Environment {
    let scalar = scalarName
    let atomic = { (lvalue: String) in "atomicAdd(&\(lvalue), (\(scalar))($(0)))" }
    return synapseEnvironment(
      index, hook: hook,
      additions: SynapseAdditions(
        toPost: sharedTargets ? atomic("group.inSyn[id_post]") : "linSyn += $(0)",
        toPostDelay: sharedTargets ? atomic : { "\($0) += $(0)" }, toPre: atomic,
        dendriticDelayFront: "denDelayPtr"))
  }

  /// Prints the delay slots and offsets of the spikes synapse code reads (see
  /// ``writeSlotOffsets()``) and the dendritic delay ring's slot arriving now
  /// (`denDelayPtr`).
  mutating func writeSlotOffsets(_ synapses: SynapsePopulation) {
    writeSlotOffsets()
    if synapses.maxDendriticDelaySteps != nil {
      line("// the dendritic delay ring's slot arriving in this step")
      line(
        "const uint32_t denDelayPtr = "
          + "\(Self.dendriticDelaySlot(maxDelay: "group.maxDendriticDelay")); (void)denDelayPtr;")
    }
  }

  /// `updateSynapses`: every synapse population's threads, each population padded to
  /// whole blocks of `kSynapseBlockSize`, in model order.
  mutating func writeSynapseKernel() {
    guard !model.synapsePopulations.isEmpty else { return }
    let ranges = blockRanges(sizes: synapseSizes, blockSize: synapseBlockSize)
    line("// Post-span presynaptic update; block ranges select the synapse population.")
    line("extern \"C\" __global__ void \(Self.synapseKernel)(uint64_t timestep)")
    line("{")
    line("__shared__ uint32_t shSpk[kSynapseBlockSize];")
    line("__shared__ uint32_t shRowLength[kSynapseBlockSize];")
    line("const \(timeName) t = timestep * \(dtLiteral);")
    let batch = blockBatch
    writeDispatch(ranges) { group, member, start in
      "updateSynapseGroup\(group)(d_synapseGroup\(group)\(batch)[\(member)], "
        + "(blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x, t, timestep, shSpk, "
        + "shRowLength);"
    }
    line("}")
    line()
  }
}
