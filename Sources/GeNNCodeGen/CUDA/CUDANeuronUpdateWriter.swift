import GeNNModel
import GeNNTranspiler

/// The neuron update in CUDA, after GeNN 5.4's SIMT backend: one thread per neuron runs
/// `Isyn = 0`, the incoming postsynaptic models (each takes the input its dendritic delay
/// ring delivers now, then injects and decays its `inSyn`, in the CPU backend's order),
/// the current sources, the sim code, the weight update models' presynaptic and
/// postsynaptic dynamics code, their spike-like event conditions (each event sets the
/// thread's bit in its list's shared mask) and, on the threshold condition, their spike
/// code, the spike and the reset (DESIGN.md decision 1); each spike sets
/// its thread's bit in a shared mask, the block reserves room in the population's spike
/// (and event) lists with one `atomicAdd` each, and each thread writes its id at its
/// rank among the block's spikes (so a block's spikes are in ascending order, as the CPU
/// backend's); the masks' words are also the block's rows of the recording buffers (32
/// neurons per word).
extension CUDAModuleWriter: NeuronUpdateWriting {
  func dendriticDelayFields(prefix: String) -> [String] {
    ["uint32_t \(prefix)maxDendriticDelay;"]
  }

  func dendriticDelayFront(prefix: String) -> String {
    Self.dendriticDelaySlot(maxDelay: "group.\(prefix)maxDendriticDelay")
  }

  mutating func bindDendriticDelay(field: String, prefix: String, synapses index: Int) {
    let steps = model.synapsePopulations[index].maxDendriticDelaySteps ?? 0
    line("\(field).\(prefix)maxDendriticDelay = \(steps)u;")
  }

  /// Device helper of the neuron kernel: a thread's rank among the set bits of a block's
  /// mask (one bit per thread, 32 per word), and how many are set.
  static let neuronSupportSource = """
    // The number of set bits of `bits` (one per thread of the block) before this thread's,
    // and in `count` how many are set.
    __device__ __forceinline__ uint32_t genn_block_rank(const uint32_t *bits, uint32_t &count)
    {
        const uint32_t word = threadIdx.x / 32u;
        uint32_t rank = 0;
        count = 0;
        for (uint32_t w = 0; w < kNeuronBlockSize / 32u; w++) {
            const uint32_t set = (uint32_t)__popc(bits[w]);
            if (w < word) { rank += set; }
            count += set;
        }
        return rank + (uint32_t)__popc(bits[word] & ((1u << (threadIdx.x % 32u)) - 1u));
    }

    """

  mutating func writeNeuronGroup(_ group: MergedNeuronGroup) {
    let outer = enter(origin(of: group))
    defer { leave(outer) }
    let plan = neuronUpdatePlan(group)
    let structName = "NeuronUpdateGroup\(group.index)"
    declareNeuronGroup(plan)
    line(
      "__device__ \(structName) d_neuronUpdateGroup\(group.index)\(batchExtent)[\(group.populations.count)];"
    )
    line()
    let eventSlots = plan.eventSlots
    let recording = plan.archetype.recordSpikes

    // The update of one block of one population; the kernel's dispatch calls it with
    // the population's struct and the block's first neuron.
    line("__device__ __forceinline__ void updateNeuronGroup\(group.index)(")
    line("const \(structName) &group, uint32_t blockStart, \(timeName) t, uint64_t timestep,")
    line(
      "uint32_t recordingRow, uint32_t &shSpkPos, uint32_t *shSpkBits"
        + (maximumEventLists > 0 ? ", uint32_t *shEvtBits, uint32_t *shEvtPos)" : ")"))
    line("{")
    line("(void)t; (void)recordingRow;")
    line("const uint32_t id = blockStart + threadIdx.x;")
    line("const uint32_t writeSlot = (uint32_t)((timestep + 1u) % group.numDelaySlots);")
    line("const size_t writeOffset = (size_t)writeSlot * group.numNeurons;")
    line(
      "const size_t readOffset = (size_t)(timestep % group.numDelaySlots) * group.numNeurons;"
    )
    line("(void)writeOffset; (void)readOffset;")
    line("if (threadIdx.x < kNeuronBlockSize / 32u) { shSpkBits[threadIdx.x] = 0; }")
    for slot in eventSlots {
      let list = slot.eventList!
      line("// spike-like events of '\(slot.synapses.name)': their own mask")
      line(
        "uint32_t *shEvtBits\(list) = shEvtBits + \(list - 1)u * (kNeuronBlockSize / 32u);")
      line("if (threadIdx.x < kNeuronBlockSize / 32u) { shEvtBits\(list)[threadIdx.x] = 0; }")
      line("bool event\(list) = false;")
    }
    line("__syncthreads();")
    line("bool spiked = false;")
    line("if (id < group.numNeurons) {")
    writeNeuronBody(plan) { _, list in
      [
        "event\(list) = true;",
        "atomicOr(&shEvtBits\(list)[threadIdx.x / 32u], 1u << (threadIdx.x % 32u));",
      ]
    }
    if let threshold = plan.threshold {
      writeThresholdAndSpike(
        plan, threshold,
        emit: [
          "// the spike: this thread's bit in the block's mask", "spiked = true;",
          "atomicOr(&shSpkBits[threadIdx.x / 32u], 1u << (threadIdx.x % 32u));",
        ])
    }
    writeNeuronStores(plan)
    line("}")
    line("(void)spiked;")
    line("__syncthreads();")
    line("// one atomicAdd per block reserves the block's room in the spike list, where")
    line("// each spike goes at its rank: the block's spikes in ascending order")
    line("uint32_t numSpikes;")
    line("const uint32_t rank = genn_block_rank(shSpkBits, numSpikes);")
    line("if (threadIdx.x == 0 && numSpikes > 0u) {")
    line("shSpkPos = atomicAdd(&group.spikeCount[writeSlot], numSpikes);")
    line("}")
    for slot in eventSlots {
      let list = slot.eventList!
      line("uint32_t numEvents\(list);")
      line("const uint32_t rank\(list) = genn_block_rank(shEvtBits\(list), numEvents\(list));")
      line("if (threadIdx.x == 0 && numEvents\(list) > 0u) {")
      line(
        "shEvtPos[\(list - 1)] = atomicAdd(&group.\(slot.prefix)spkCntEvent[writeSlot], numEvents\(list));"
      )
      line("}")
    }
    line("__syncthreads();")
    line("if (spiked) { group.spike[writeOffset + shSpkPos + rank] = id; }")
    for slot in eventSlots {
      let list = slot.eventList!
      line(
        "if (event\(list)) { group.\(slot.prefix)spkEvent[writeOffset + shEvtPos[\(list - 1)] + rank\(list)] = id; }"
      )
    }
    if recording {
      line("// the block's recording words: 32 neurons per word, one row per step")
      line("if (threadIdx.x < kNeuronBlockSize / 32u) {")
      line("const uint32_t numRecordingWords = (group.numNeurons + 31u) / 32u;")
      line("const uint32_t word = (blockStart / 32u) + threadIdx.x;")
      line("if (word < numRecordingWords) {")
      line(
        "group.recordSpike[(size_t)recordingRow * numRecordingWords\(recordingBatches) + word] = shSpkBits[threadIdx.x];"
      )
      line("}")
      line("}")
    }
    for slot in eventSlots {
      let list = slot.eventList!
      let buffer = "group.\(slot.prefix)recordSpkEvent"
      line("// the block's recording words of the spike-like events of '\(slot.synapses.name)'")
      line("if (\(buffer) && threadIdx.x < kNeuronBlockSize / 32u) {")
      line("const uint32_t numRecordingWords = (group.numNeurons + 31u) / 32u;")
      line("const uint32_t word = (blockStart / 32u) + threadIdx.x;")
      line("if (word < numRecordingWords) {")
      line(
        "\(buffer)[(size_t)recordingRow * numRecordingWords\(recordingBatches) + word] = shEvtBits\(list)[threadIdx.x];"
      )
      line("}")
      line("}")
    }
    line("}")
    line()
  }

  /// The factor of a recording row's words: a row holds every batch's bits, one batch
  /// after another.
  private var recordingBatches: String { batches > 1 ? " * \(batches)u" : "" }

  /// The most spike-like event lists a neuron group emits (0: the kernel has none).
  var maximumEventLists: Int {
    neuronGroups.map { weightUpdateSlots(of: $0).compactMap(\.eventList).count }.max() ?? 0
  }

  mutating func writeNeuronGroupBinding(_ group: MergedNeuronGroup) {
    let groups = copy("d_neuronUpdateGroup\(group.index)")
    writeNeuronGroupBinding(group) { "\(groups)[\($0)]" }
  }

  /// `resetSpikeCounts`: empties this step's slot of every population's spike list and
  /// spike-like event lists before `updateNeurons` appends to them (GeNN's spike-queue
  /// update).
  mutating func writeResetKernel() {
    guard !neuronGroups.isEmpty else { return }
    line("// Empties this step's slot of each population's spike list.")
    line("extern \"C\" __global__ void \(Self.resetKernel)(uint64_t timestep)")
    line("{")
    line("if (blockIdx.x != 0 || threadIdx.x != 0) { return; }")
    openBatchLoop()
    for group in neuronGroups {
      line("for (uint32_t g = 0; g < \(group.populations.count)u; g++) {")
      line(
        "const NeuronUpdateGroup\(group.index) &group = \(copy("d_neuronUpdateGroup\(group.index)"))[g];"
      )
      line("group.spikeCount[(timestep + 1u) % group.numDelaySlots] = 0;")
      for slot in weightUpdateSlots(of: group) where slot.eventList != nil {
        line("group.\(slot.prefix)spkCntEvent[(timestep + 1u) % group.numDelaySlots] = 0;")
      }
      line("}")
    }
    closeBatchLoop()
    line("}")
    line()
  }

  /// `updateNeurons`: every population's neurons, each population padded to whole blocks
  /// of `kNeuronBlockSize` threads, in merged-group order.
  mutating func writeNeuronKernel() {
    guard !neuronGroups.isEmpty else { return }
    let ranges = blockRanges(sizes: neuronSizes, blockSize: neuronBlockSize)
    line("// One thread per neuron; block ranges select the population.")
    line(
      "extern \"C\" __global__ void \(Self.neuronKernel)(uint64_t timestep, uint32_t recordingRow)"
    )
    line("{")
    line("__shared__ uint32_t shSpkPos;")
    line("__shared__ uint32_t shSpkBits[kNeuronBlockSize / 32u];")
    let events = maximumEventLists
    if events > 0 {
      line("// the masks and list positions of the spike-like events")
      line("__shared__ uint32_t shEvtBits[\(events)u * (kNeuronBlockSize / 32u)];")
      line("__shared__ uint32_t shEvtPos[\(events)];")
    }
    line("const \(timeName) t = timestep * \(dtLiteral);")
    let batch = blockBatch
    writeDispatch(ranges) { group, member, start in
      "updateNeuronGroup\(group)(d_neuronUpdateGroup\(group)\(batch)[\(member)], "
        + "(blockIdx.x - \(start)u) * kNeuronBlockSize, t, timestep, recordingRow, shSpkPos, "
        + "shSpkBits\(events > 0 ? ", shEvtBits, shEvtPos" : ""));"
    }
    line("}")
    line()
  }
}
