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
    model.synapsePopulations.indices.map { ($0, 0, Self.synapseThreads(of: $0, model)) }
  }

  /// Device helpers of the synapse kernels: adding a synapse to a row being built (by one
  /// thread, or by the threads of columns), setting
  /// a synapse's bit in a bitmask (rows may share words, so atomically), and sorting a
  /// built row (stable, as the CPU backend's `genn::sortRow`).
  static let synapseSupportSource = """
    // Appends `post` to a row being built, or notes that the row is full; returns the
    // place it took (`stride` when the row is full), where its values go too.
    __device__ __forceinline__ uint32_t genn_add_synapse(uint32_t *row, uint32_t &length, uint32_t stride,
                                                         bool &overflow, uint32_t post)
    {
        if (length < stride) { row[length] = post; return length++; }
        overflow = true;
        return stride;
    }

    // Appends `post` to a row that several threads build (columns), counting every
    // synapse in `length` so that a row longer than `stride` shows as one; returns the
    // place it claimed (the synapse's values go there too, where it is below `stride`).
    __device__ __forceinline__ uint32_t genn_add_synapse_atomic(uint32_t *row, uint32_t *length, uint32_t stride,
                                                                uint32_t post)
    {
        const uint32_t slot = atomicAdd(length, 1u);
        if (slot < stride) { row[slot] = post; }
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
    template <class... Values>
    __device__ __forceinline__ void genn_sort_row(uint32_t *row, uint32_t length, Values *...values)
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
    template <class... Values>
    __device__ __forceinline__ void genn_finish_row(uint32_t *ind, uint32_t *rowLength, uint32_t numRows,
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

  mutating func writeSynapseGroup(_ index: Int) {
    let outer = enter(synapseUpdateOrigin(index))
    defer { leave(outer) }
    let synapses = model.synapsePopulations[index]
    let weightUpdate = synapses.weightUpdate
    let storage = synapses.matrixType.connectivityStorage
    let sparse = storage == .sparse
    let bitmask = storage == .bitmask
    // DENSE and BITMASK threads own their target; other threads share targets.
    let ownsTarget = storage == .dense || bitmask
    let structName = "SynapseGroup\(index)"
    line(
      "// Synapse update group \(index): synapse population '\(synapses.name)' "
        + "(\(synapses.matrixType.rawValue), '\(weightUpdate.name.commentText)', "
        + "'\(synapses.source)' -> '\(synapses.target)').")
    line("struct \(structName) {")
    line("uint32_t numSrcNeurons;")
    line("uint32_t numTrgNeurons;")
    line("uint32_t rowStride;")
    line("uint32_t srcDelaySlots;")
    line("uint32_t trgDelaySlots;")
    line("const uint32_t *srcSpike;")
    line("const uint32_t *srcSpikeCount;")
    if !weightUpdate.postSpikeSynCode.isBlank {
      line("const uint32_t *trgSpike;")
      line("const uint32_t *trgSpikeCount;")
    }
    if weightUpdate.deliversPreEvents {
      line("const uint32_t *srcSpkEvent;")
      line("const uint32_t *srcSpkCntEvent;")
    }
    if weightUpdate.deliversPostEvents {
      line("const uint32_t *trgSpkEvent;")
      line("const uint32_t *trgSpkCntEvent;")
    }
    if sparse {
      line("uint32_t *rowLength;")
      line("uint32_t *ind;")
    }
    if Self.buildsColumns(synapses) {
      line("uint32_t *colStart;")
      line("uint32_t *remap;")
    }
    if bitmask { line("uint32_t *bitmask;") }
    line("\(scalarName) *inSyn;")
    if synapses.maxDendriticDelaySteps != nil {
      line("\(scalarName) *denDelay;")
      line("uint32_t maxDendriticDelay;")
    }
    if usage.presynapticOutput.contains(synapses.name) { line("\(scalarName) *outPre;") }
    declareSynapseExtraGlobalParameters(synapses)
    declareParameters(prefix: "", params: weightUpdate.params, derived: weightUpdate.derivedParams)
    if let parameters = synapses.connectivityParameters {
      declareParameters(
        prefix: "conn_", params: parameters.names, derived: parameters.derived,
        paramTypes: parameters.types)
    }
    if synapses.matrixType.weightStorage != .procedural {
      for variable in weightUpdate.vars {
        line("\(cType(variable.valueType!)) *v_\(variable.name);")
      }
    }
    declareKernelAndProceduralFields(synapses)
    for field in synapseReadFields(synapses) { line("const \(field.type) *\(field.name);") }
    declareSynapseInitFields(synapses)
    line("};")
    line("__device__ \(structName) d_synapseGroup\(index);")
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
      "__device__ __forceinline__ void updateSynapseGroup\(index)(const \(structName) &group, uint32_t lid,"
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

  /// Prints the delay slots and offsets of the spikes synapse code reads: presynaptic
  /// ones emitted `1 + axonalDelaySteps` steps ago, postsynaptic ones
  /// `1 + backPropDelaySteps` steps ago, and the slots before them (previous spike times);
  /// and the dendritic delay ring's slot arriving now (`denDelayPtr`).
  mutating func writeSlotOffsets(_ synapses: SynapsePopulation) {
    line(
      "// presynaptic spikes and events emitted \(synapses.axonalDelaySteps + 1) step(s) ago, "
        + "postsynaptic ones \(synapses.backPropDelaySteps + 1)")
    line(
      "const uint32_t preSlot = (uint32_t)((timestep + group.srcDelaySlots - 1u - \(synapses.axonalDelaySteps)u) % group.srcDelaySlots);"
    )
    line(
      "const uint32_t postSlot = (uint32_t)((timestep + group.trgDelaySlots - 1u - \(synapses.backPropDelaySteps)u) % group.trgDelaySlots);"
    )
    line("const size_t preOffset = (size_t)preSlot * group.numSrcNeurons;")
    line("const size_t postOffset = (size_t)postSlot * group.numTrgNeurons;")
    line(
      "const size_t prevPreOffset = (size_t)((preSlot + group.srcDelaySlots - 1u) % group.srcDelaySlots) * group.numSrcNeurons;"
    )
    line(
      "const size_t prevPostOffset = (size_t)((postSlot + group.trgDelaySlots - 1u) % group.trgDelaySlots) * group.numTrgNeurons;"
    )
    line("(void)preOffset; (void)postOffset; (void)prevPreOffset; (void)prevPostOffset;")
    if synapses.maxDendriticDelaySteps != nil {
      line("// the dendritic delay ring's slot arriving in this step")
      line(
        "const uint32_t denDelayPtr = "
          + "\(Self.dendriticDelaySlot(maxDelay: "group.maxDendriticDelay")); (void)denDelayPtr;")
    }
  }

  mutating func writeSynapseGroupBinding(_ index: Int) {
    let synapses = model.synapsePopulations[index]
    let source = model.neuronPopulation(named: synapses.source)!
    let target = model.neuronPopulation(named: synapses.target)!
    let field = "d_synapseGroup\(index)"
    line("// synapse population '\(synapses.name)'")
    line("\(field).numSrcNeurons = \(source.size)u;")
    line("\(field).numTrgNeurons = \(target.size)u;")
    line("\(field).rowStride = \(Self.rowStride(of: synapses, model))u;")
    line("\(field).srcDelaySlots = \(model.maximumDelaySteps(of: source.name) + 1)u;")
    line("\(field).trgDelaySlots = \(model.maximumDelaySteps(of: target.name) + 1)u;")
    if !synapses.weightUpdate.postSpikeSynCode.isBlank {
      bindArray(field, "trgSpike", to: .spikes(population: target.name), readOnly: true)
      bindArray(field, "trgSpikeCount", to: .spikeCount(population: target.name), readOnly: true)
    }
    if Self.buildsColumns(synapses) {
      bindArray(field, "colStart", to: .synapseColumnStarts(synapses: synapses.name))
      bindArray(field, "remap", to: .synapseColumnRemap(synapses: synapses.name))
    }
    bindArray(field, "srcSpike", to: .spikes(population: source.name))
    bindArray(field, "srcSpikeCount", to: .spikeCount(population: source.name))
    for (side, list, present) in [
      (SynapseSide.presynaptic, "src", synapses.weightUpdate.deliversPreEvents),
      (.postsynaptic, "trg", synapses.weightUpdate.deliversPostEvents),
    ] where present {
      bindArray(
        field, "\(list)SpkEvent", to: .spikeEvents(synapses: synapses.name, side: side),
        readOnly: true)
      bindArray(
        field, "\(list)SpkCntEvent", to: .spikeEventCount(synapses: synapses.name, side: side),
        readOnly: true)
    }
    for read in synapseReadFields(synapses) {
      bindArray(field, read.name, to: read.role, readOnly: true)
    }
    if synapses.matrixType.connectivityStorage == .sparse {
      bindArray(field, "rowLength", to: .synapseRowLengths(synapses: synapses.name))
      bindArray(field, "ind", to: .synapseIndices(synapses: synapses.name))
    }
    if synapses.matrixType.connectivityStorage == .bitmask {
      bindArray(field, "bitmask", to: .synapseBitmask(synapses: synapses.name))
    }
    bindArray(field, "inSyn", to: .postsynapticInput(synapses: synapses.name))
    if usage.presynapticOutput.contains(synapses.name) {
      bindArray(field, "outPre", to: .presynapticOutput(synapses: synapses.name))
    }
    bindSynapseExtraGlobalParameters(field: field, synapses)
    if let steps = synapses.maxDendriticDelaySteps {
      bindArray(field, "denDelay", to: .dendriticDelayBuffer(synapses: synapses.name))
      line("\(field).maxDendriticDelay = \(steps)u;")
    }
    writeParameterBindings(
      field: field, prefix: "", params: synapses.weightUpdateParams,
      names: synapses.weightUpdate.params, derived: synapses.weightUpdate.derivedParams)
    if let parameters = synapses.connectivityParameters {
      writeParameterBindings(
        field: field, prefix: "conn_", params: parameters.values, names: parameters.names,
        derived: parameters.derived, paramTypes: parameters.types)
    }
    for variable in synapses.weightUpdate.vars
    where synapses.matrixType.weightStorage != .procedural {
      bindArray(
        field, "v_\(variable.name)",
        to: .weightUpdateVariable(synapses: synapses.name, variable: variable.name))
    }
    bindKernelAndProceduralFields(field: field, synapses)
    writeSynapseInitBinding(field: field, index: index)
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
    writeDispatch(ranges) { group, _, start in
      "updateSynapseGroup\(group)(d_synapseGroup\(group), "
        + "(blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x, t, timestep, shSpk, "
        + "shRowLength);"
    }
    line("}")
    line()
  }
}
