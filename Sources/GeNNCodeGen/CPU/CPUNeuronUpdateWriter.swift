import GeNNModel
import GeNNTranspiler

/// The neuron update of one merged group: per neuron, `Isyn = 0`, current sources
/// inject, the sim code runs, and if the threshold condition holds the spike is emitted
/// and recorded and the reset code runs (GeNN 5.4's order; see DESIGN.md decision 1).
extension CPUModuleWriter: NeuronUpdateWriting {
  func dendriticDelayFields(prefix: String) -> [String] {
    ["const uint32_t *\(prefix)denDelayPtr;"]
  }

  func dendriticDelayFront(prefix: String) -> String { "*group.\(prefix)denDelayPtr" }

  mutating func bindDendriticDelay(field: String, prefix: String, synapses index: Int) {
    line("\(field).\(prefix)denDelayPtr = &m.denDelayPtr[\(index)];")
  }

  mutating func writeNeuronGroup(_ group: MergedNeuronGroup) {
    let outer = enter(origin(of: group))
    defer { leave(outer) }
    let plan = neuronUpdatePlan(group)
    declareNeuronGroup(plan)
    line()
    let eventLists = plan.eventSlots.count

    // The update function. It takes its group by value: a copy the compiler knows no
    // array store can change, so parameters stay in registers.
    line(
      "void updateNeuronGroup\(group.index)(const NeuronUpdateGroup\(group.index) group, uint32_t begin, uint32_t end,"
    )
    line(
      "\(timeName) t, uint64_t timestep, uint32_t recordingRow, uint32_t *counts) {"
    )
    line("(void)t;")
    line("const uint32_t writeSlot = (uint32_t)((timestep + 1u) % group.numDelaySlots);")
    line(
      "const uint32_t readSlot = (uint32_t)(timestep % group.numDelaySlots);"
    )
    line("const size_t writeOffset = (size_t)writeSlot * group.numNeurons;")
    line("const size_t readOffset = (size_t)readSlot * group.numNeurons;")
    // A recording row holds every batch's bits, one batch after another.
    let rowBatches = batches > 1 ? " * \(batches)u" : ""
    line(
      "const size_t recordingOffset = (size_t)recordingRow * ((group.numNeurons + 31u) / 32u)\(rowBatches);"
    )
    line("(void)writeOffset; (void)readOffset;")
    line("uint32_t *spikes = group.spike + writeOffset;")
    line("uint32_t spikeCount = 0;")
    line(
      "uint32_t *recordRow = group.recordSpike ? group.recordSpike + recordingOffset : nullptr;"
    )
    for slot in plan.eventSlots {
      let list = slot.eventList!
      line("uint32_t *events\(list) = group.\(slot.prefix)spkEvent + writeOffset;")
      line("uint32_t eventCount\(list) = 0;")
      line(
        "uint32_t *recordEvents\(list) = group.\(slot.prefix)recordSpkEvent ? group.\(slot.prefix)recordSpkEvent + recordingOffset : nullptr;"
      )
    }
    // Without weight update spike code (which must run before the reset), spikes are
    // emitted in a second pass over each chunk, so that the first pass, one neuron's
    // arithmetic with no appends, can be vectorised; the results are the same.
    let deferred = plan.threshold != nil && plan.slots.allSatisfy { $0.spikeCode.isBlank }
    // Where every neuron draws every step, each chunk's first random blocks are worked
    // out at once, in a loop that vectorises (the same numbers as one by one).
    let batchesBlocks = deferred && plan.drawsEveryStep
    if deferred {
      line("for (uint32_t chunk = begin; chunk < end; chunk += kNeuronChunk) {")
      line("const uint32_t chunkEnd = std::min(end, chunk + kNeuronChunk);")
      line("uint8_t fired[kNeuronChunk];")
      if batchesBlocks {
        line(
          "static_assert(kNeuronChunk <= GENN_FIRST_BLOCKS, \"a chunk's blocks fit one batch\");")
        line("GeNNFirstBlocks blocks;")
        line(
          "genn_first_blocks(&blocks, group.seed, group.stream, chunk, chunkEnd - chunk, (uint32_t)timestep);"
        )
      }
      // Iterations touch only their own neuron's elements (event bit masks aside).
      if eventLists == 0 { line("GENN_IVDEP") }
      line("for (uint32_t id = chunk; id < chunkEnd; id++) {")
    }
    if !deferred { line("for (uint32_t id = begin; id < end; id++) {") }
    writeNeuronBody(plan, firstBlock: batchesBlocks ? "&blocks, id - chunk" : nil) { _, list in
      [
        "events\(list)[begin + eventCount\(list)++] = id;",
        "if (recordEvents\(list)) { recordEvents\(list)[id / 32u] |= (1u << (id % 32u)); }",
      ]
    }
    let emit = [
      "spikes[begin + spikeCount++] = id;",
      "if (recordRow) { recordRow[id / 32u] |= (1u << (id % 32u)); }",
    ]
    if let threshold = plan.threshold, deferred {
      line("// threshold condition; the spike is emitted below")
      let condition =
        plan.oldSpike != nil ? "(\(threshold.code())) && !oldSpike" : threshold.code()
      line("const bool spiked = \(condition);", holding: threshold)
      line("fired[id - chunk] = (uint8_t)spiked;")
      if let reset = plan.reset, !reset.statements.isEmpty {
        line("if (spiked) {")
        line("// reset code")
        code(reset)
        line("}")
      }
    } else if let threshold = plan.threshold {
      writeThresholdAndSpike(plan, threshold, emit: emit)
    }
    writeNeuronStores(plan)
    line("}")
    if deferred {
      line("// emit the chunk's spikes in ascending order")
      if hasNoSpikeCopies(plan) {
        line("for (uint32_t id = chunk; id < chunkEnd; id++) {")
        line("if (fired[id - chunk]) {")
        for statement in emit { line("" + statement) }
        if plan.spikeTimes { line("group.st[writeOffset + id] = t;") }
        line("}")
        writeNoSpikeCopies(plan)
        line("}")
      } else {
        // 64 flags at a time (genn::firedMask): spikes are rare, and most masks are zero.
        line(
          "std::memset(fired + (chunkEnd - chunk), 0, kNeuronChunk - (chunkEnd - chunk));")
        line("for (uint32_t w = 0; w < kNeuronChunk; w += 64u) {")
        line("for (uint64_t word = genn::firedMask(fired + w); word != 0u; word &= word - 1u) {")
        line("const uint32_t id = chunk + w + (uint32_t)__builtin_ctzll(word);")
        for statement in emit { line("" + statement) }
        if plan.spikeTimes { line("group.st[writeOffset + id] = t;") }
        line("}")
        line("}")
      }
      line("}")
    }
    line("counts[0] = spikeCount;")
    for list in 0..<eventLists { line("counts[\(list + 1)] = eventCount\(list + 1);") }
    line("}")
    line()
  }

  mutating func writeNeuronGroupBinding(_ group: MergedNeuronGroup) {
    let groups = copy("m.neuronUpdateGroup\(group.index)")
    writeNeuronGroupBinding(group) { "\(groups)[\($0)]" }
  }
}

extension String {
  /// The string without its final newline, for embedding printed code line by line.
  var dropLastNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
