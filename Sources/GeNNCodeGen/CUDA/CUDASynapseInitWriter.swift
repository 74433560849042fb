import GeNNModel
import GeNNTranspiler

/// Synapse initialisation in CUDA, one thread per presynaptic neuron (row), with the CPU
/// backend's random streams so both backends build the same synapses and values:
/// - `drawRowLengths`, one thread per population whose snippet draws its row lengths
///   first (`FixedNumberTotalWithReplacement`), draws them from the CPU backend's stream
///   `0xA4000000 | population` in the same order;
/// - `buildConnectivity` runs a SPARSE or BITMASK population's connectivity snippet row
///   build code for row `id_pre` from stream `0xA0000000 | population` (element `id_pre`,
///   step `0xFFFFFFFE`), then sorts the SPARSE row, as the CPU backend's
///   `buildSynapseGroup` (kernel-initialised variables take their kernel element as each
///   synapse is added, and move with it as the row is sorted); a BITMASK row sets its
///   synapses' bits with `atomicOr`;
/// - `initialiseSynapses` runs the per-synapse variables' snippets for each synapse of
///   the row (element `syn`), or for each kernel element (PROCEDURAL_KERNELG, TOEPLITZ:
///   element `kernelInd`), and the presynaptic, postsynaptic and postsynaptic model
///   variables' snippets for neuron `id` (element `id`, every delay slot of a delayed
///   variable), from the CPU backend's `0xB0000000 | ...` streams.
extension CUDAModuleWriter {
  /// Whether `buildConnectivity` builds the rows (SPARSE) or bits (BITMASK) of `synapses`.
  static func buildsRows(_ synapses: SynapsePopulation) -> Bool {
    guard case .snippet = synapses.connectivity else { return false }
    return [.sparse, .bitmask].contains(synapses.matrixType.connectivityStorage)
  }

  /// Whether the snippet of `synapses` builds columns (one thread per target neuron).
  static func buildsByColumn(_ synapses: SynapsePopulation) -> Bool {
    guard case .snippet(let snippet, _) = synapses.connectivity else { return false }
    return buildsRows(synapses) && snippet.rowBuildCode.isBlank
  }

  /// The threads `buildConnectivity` runs for synapse population `index` (0: none): a
  /// row each, or a column each.
  static func connectivityThreads(of index: Int, _ model: ModelSpec) -> Int {
    let synapses = model.synapsePopulations[index]
    guard buildsRows(synapses) else { return 0 }
    let neurons = buildsByColumn(synapses) ? synapses.target : synapses.source
    return model.neuronPopulation(named: neurons)?.size ?? 0
  }

  /// The members of merged synapse groups, in group order, with the threads `threads`
  /// gives each (`nil`: none).
  func synapseMemberSizes(_ threads: (Int) -> Int?) -> [(group: Int, member: Int, size: Int)] {
    synapseGroups.flatMap { group in
      group.populations.enumerated().compactMap { member, index in
        threads(index).map { (group.index, member, $0) }
      }
    }
  }

  /// The SPARSE populations whose rows `sortRows` sorts (built by columns), with their
  /// rows.
  var rowSortSizes: [(group: Int, member: Int, size: Int)] {
    synapseMemberSizes { index in
      let synapses = model.synapsePopulations[index]
      guard Self.buildsByColumn(synapses), synapses.matrixType.connectivityStorage == .sparse
      else { return nil }
      return model.neuronPopulation(named: synapses.source)?.size ?? 0
    }
  }

  /// The populations whose kernel-initialised variables have a copy per batch
  /// (``batchedKernelValues(of:)``), with the elements of a copy, which
  /// `copyKernelValues` copies from batch 0 to the others.
  var kernelValueCopySizes: [(group: Int, member: Int, size: Int)] {
    synapseMemberSizes { batchedKernelValues(of: $0)?.count }
  }

  /// The threads `initialiseSynapses` runs for synapse population `index` (0: none).
  static func synapseInitThreads(of index: Int, _ model: ModelSpec) -> Int {
    let synapses = model.synapsePopulations[index]
    let entries = synapses.snippetVariables
    var threads = connectivityThreads(of: index, model)
    if entries.contains(where: { $0.kind == .synapse }) {
      threads = max(
        threads,
        synapses.matrixType.weightStorage == .kernel
          ? synapses.kernelSize.reduce(1, *)
          : model.neuronPopulation(named: synapses.source)?.size ?? 0)
    }
    for entry in entries where entry.kind != .synapse {
      let neurons = entry.kind == .presynaptic ? synapses.source : synapses.target
      threads = max(threads, model.neuronPopulation(named: neurons)?.size ?? 0)
    }
    return threads
  }

  /// The populations each kernel covers, with their threads, in group order.
  var connectivitySizes: [(group: Int, member: Int, size: Int)] {
    synapseMemberSizes { index in
      let threads = Self.connectivityThreads(of: index, model)
      return threads == 0 ? nil : threads
    }
  }

  var synapseInitSizes: [(group: Int, member: Int, size: Int)] {
    synapseMemberSizes { index in
      model.synapsePopulations[index].snippetVariables.isEmpty
        ? nil : Self.synapseInitThreads(of: index, model)
    }
  }

  /// The members of merged synapse groups whose row lengths `drawRowLengths` draws.
  var rowLengthDrawGroups: [(group: MergedSynapseGroup, member: Int)] {
    synapseGroups.filter { model.synapsePopulations[$0.archetype].rowLengthDraw != nil }
      .flatMap { group in group.populations.indices.map { (group, $0) } }
  }

  /// The launches of `drawRowLengths`, `buildConnectivity`, `sortRows` and
  /// `initialiseSynapses`, where there is work.
  var synapseInitialisationLaunches: [CUDAKernelLaunch] {
    var launches: [CUDAKernelLaunch] = []
    if !rowLengthDrawGroups.isEmpty {
      launches.append(
        CUDAKernelLaunch(
          kernel: Self.rowLengthKernel, gridSize: (rowLengthDrawGroups.count + 31) / 32,
          blockSize: 32, parameters: []))
    }
    // The connectivity, shared by every batch, is built once; each batch's variables
    // are initialised.
    for (kernel, sizes, parameters, copies) in [
      (Self.connectivityKernel, connectivitySizes, [CUDAKernelParameter.overflowCount], 1),
      (Self.rowSortKernel, rowSortSizes, [.overflowCount], 1),
      (Self.kernelValueCopyKernel, kernelValueCopySizes, [], 1),
      (Self.synapseInitKernel, synapseInitSizes, [], batches),
    ] {
      let blocks = blockRanges(sizes: sizes, blockSize: synapseBlockSize)
        .reduce(0) { $0 + $1.count }
      guard blocks > 0 else { continue }
      launches.append(
        CUDAKernelLaunch(
          kernel: kernel, gridSize: blocks, blockSize: synapseBlockSize, parameters: parameters,
          batches: copies))
    }
    return launches
  }

  mutating func writeConnectivityKernel() {
    writeRowLengthKernel()
    for group in synapseGroups where Self.connectivityThreads(of: group.archetype, model) > 0 {
      writeRowBuilder(group)
    }
    let ranges = blockRanges(sizes: connectivitySizes, blockSize: synapseBlockSize)
    guard !ranges.isEmpty else { return }
    line("// One thread per row; block ranges select the synapse population.")
    line("extern \"C\" __global__ void \(Self.connectivityKernel)(uint32_t *overflows)")
    line("{")
    let first = firstBatch
    writeDispatch(ranges) { group, member, start in
      "buildSynapseGroup\(group)(d_synapseGroup\(group)\(first)[\(member)], "
        + "(blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x, overflows);"
    }
    line("}")
    line()
    writeRowSortKernel()
    writeKernelValueCopyKernel()
  }

  /// `copyKernelValues`: one thread per element of batch 0's copy of the
  /// kernel-initialised variables with a copy per batch copies it to the other batches'.
  private mutating func writeKernelValueCopyKernel() {
    let ranges = blockRanges(sizes: kernelValueCopySizes, blockSize: synapseBlockSize)
    guard !ranges.isEmpty else { return }
    line("// One thread per element; block ranges select the synapse population.")
    line("extern \"C\" __global__ void \(Self.kernelValueCopyKernel)()")
    line("{")
    let groups = synapseGroups
    let batches = self.batches
    let values = Dictionary(
      uniqueKeysWithValues: ranges.map { range in
        let index = groups[range.group].populations[range.member]
        return ("\(range.group).\(range.member)", batchedKernelValues(of: index)!)
      })
    writeDispatch(ranges) { group, member, start in
      let (variables, count) = values["\(group).\(member)"]!
      let copies = variables.map { variable in
        "d_synapseGroup\(group)[batch][\(member)].v_\(variable)[id] = "
          + "d_synapseGroup\(group)[0][\(member)].v_\(variable)[id];"
      }
      return "const uint32_t id = (blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x; "
        + "if (id < \(count)u) { for (uint32_t batch = 1; batch < \(batches)u; batch++) { "
        + copies.joined(separator: " ") + " } }"
    }
    line("}")
    line()
  }

  /// `sortRows`: one thread per row of each SPARSE population built by columns sorts
  /// the row (its columns appended in no fixed order) with the values its synapses took
  /// from kernel initialisers, so the rows are the CPU backend's;
  /// a row longer than its storage is cut to it and counted in `overflows`.
  private mutating func writeRowSortKernel() {
    let ranges = blockRanges(sizes: rowSortSizes, blockSize: synapseBlockSize)
    guard !ranges.isEmpty else { return }
    line("// One thread per row built by columns; block ranges select the synapse population.")
    line("extern \"C\" __global__ void \(Self.rowSortKernel)(uint32_t *overflows)")
    line("{")
    let populations = model.synapsePopulations
    let groups = synapseGroups
    let first = firstBatch
    writeDispatch(ranges) { group, member, start in
      let field = "d_synapseGroup\(group)\(first)[\(member)]"
      let values = populations[groups[group].archetype].kernelInitialisedVariables.map {
        ", \(field).v_\($0.variable.name)"
      }
      return "genn_finish_row(\(field).ind, \(field).rowLength, "
        + "\(field).numSrcNeurons, \(field).rowStride, "
        + "(blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x, overflows\(values.joined()));"
    }
    line("}")
    line()
  }

  /// `drawRowLengths`: thread `k` draws the row lengths of the `k`-th population that
  /// needs them, sequentially from one stream as the CPU backend does.
  private mutating func writeRowLengthKernel() {
    let members = rowLengthDrawGroups
    guard !members.isEmpty else { return }
    for group in synapseGroups where model.synapsePopulations[group.archetype].rowLengthDraw != nil
    {
      writeRowLengthDraws(group, qualifier: "__device__ ")
    }
    line("// One thread per synapse population whose row lengths are drawn first.")
    line("extern \"C\" __global__ void \(Self.rowLengthKernel)()")
    line("{")
    line("const uint32_t id = blockIdx.x * 32u + threadIdx.x;")
    line("switch (id) {")
    for (position, (group, member)) in members.enumerated() {
      line(
        "case \(position)u: drawRowLengthsSynapseGroup\(group.index)(d_synapseGroup\(group.index)\(firstBatch)[\(member)]); break;"
      )
    }
    line("default: break;")
    line("}")
    line("}")
    line()
  }

  /// Builds row `id_pre` of a SPARSE population of merged group `group` from the row's
  /// own random stream, then sorts it (the presynaptic update and the CPU backend's rows
  /// are sorted); a BITMASK population's row sets the bits of its synapses instead.
  private mutating func writeRowBuilder(_ group: MergedSynapseGroup) {
    let outer = enter(synapseInitialisationOrigin(group))
    defer { leave(outer) }
    let synapses = model.synapsePopulations[group.archetype]
    let bitmask = synapses.matrixType.connectivityStorage == .bitmask
    guard case .snippet(let snippet, _) = synapses.connectivity else { return }
    if Self.buildsByColumn(synapses) {
      writeColumnBuilder(group, snippet: snippet)
      return
    }
    let code = checkBuildCode(
      synapses, snippet: snippet, byColumn: false, setBit: "genn_set_bit",
      addToRow: "genn_add_synapse(row, length, group.rowStride, overflow, genn_target)",
      noteOutOfRange: { "genn_note_out_of_range(group.rangeError, \($0), genn_target)" })
    line(
      "__device__ __forceinline__ void buildSynapseGroup\(group.index)(const \(synapseStructName(group)) &group, uint32_t id_pre, uint32_t *overflows)"
    )
    line("{")
    line("if (id_pre >= group.numSrcNeurons) { return; }")
    if bitmask { line("(void)overflows;") }
    writeRowBuild(
      synapses, code: code, sortRow: "genn_sort_row",
      countOverflow: "if (overflow) { atomicAdd(overflows, 1u); }")
    line("}")
    line()
  }

  /// Builds column `id_post` of a population of merged group `group` from the column's
  /// own random stream (the CPU backend's `0xA8000000 | population`), appending it to the
  /// rows it chooses atomically (SPARSE; `sortRows` sorts them afterwards) or setting its
  /// bits (BITMASK).
  private mutating func writeColumnBuilder(
    _ group: MergedSynapseGroup, snippet: ConnectivitySnippet
  ) {
    let synapses = model.synapsePopulations[group.archetype]
    let code = checkBuildCode(
      synapses, snippet: snippet, byColumn: true, setBit: "genn_set_bit",
      addToRow:
        "genn_add_synapse_atomic(group.ind + (size_t)genn_target * group.rowStride, &group.rowLength[genn_target], group.rowStride, id_post)",
      noteOutOfRange: { "genn_note_out_of_range(group.rangeError, \($0), genn_target)" })
    line(
      "__device__ __forceinline__ void buildSynapseGroup\(group.index)(const \(synapseStructName(group)) &group, uint32_t id_post, uint32_t *overflows)"
    )
    line("{")
    line("(void)overflows;  // counted as the rows are sorted")
    line("if (id_post >= group.numTrgNeurons) { return; }")
    writeBuildStream(byColumn: true)
    line("{")
    self.code(code)
    line("}")
    line("}")
    line()
  }

  mutating func writeSynapseInitKernel() {
    for group in synapseGroups { writeSynapseInitGroup(group) }
    let ranges = blockRanges(sizes: synapseInitSizes, blockSize: synapseBlockSize)
    guard !ranges.isEmpty else { return }
    line("// One thread per row (and per target neuron); block ranges select the population.")
    line("extern \"C\" __global__ void \(Self.synapseInitKernel)()")
    line("{")
    let batch = blockBatch
    writeDispatch(ranges) { group, member, start in
      "initialiseSynapseGroup\(group)(d_synapseGroup\(group)\(batch)[\(member)], "
        + "(blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x);"
    }
    line("}")
    line()
  }

  private mutating func writeSynapseInitGroup(_ group: MergedSynapseGroup) {
    let outer = enter(synapseInitialisationOrigin(group))
    defer { leave(outer) }
    let synapses = model.synapsePopulations[group.archetype]
    let entries = synapses.snippetVariables
    guard !entries.isEmpty else { return }
    let context = describe(synapses: group)
    line(
      "__device__ __forceinline__ void initialiseSynapseGroup\(group.index)(const \(synapseStructName(group)) &group, uint32_t id)"
    )
    line("{")
    let perSynapse = entries.filter { $0.kind == .synapse }
    if !perSynapse.isEmpty && synapses.matrixType.weightStorage == .kernel {
      line("// kernel variables of kernel element `id`")
      line("if (id < \(synapses.kernelSize.reduce(1, *))u) {")
      line("const uint32_t kernelInd = id;")
      writeKernelIndices(synapses, indent: "        ")
      for entry in perSynapse {
        let environment = kernelInitEnvironment(entry, synapses, context: context)
        writeInitBlock(
          entry, environment: environment, element: "kernelInd", stores: ["kernelInd"])
      }
      line("}")
    } else if !perSynapse.isEmpty {
      line("// per-synapse variables of row `id`")
      line("if (id < group.numSrcNeurons) {")
      line("const uint32_t id_pre = id;")
      writeRowInit(synapses, entries: perSynapse, context: context)
      line("}")
    }
    for entry in entries where entry.kind != .synapse {
      line("// neuron `id`'s variable")
      line("if (id < \(entry.neuronCount)) {")
      writeNeuronInitBlock(entry, synapses, context: context)
      line("}")
    }
    line("}")
    line()
  }
}
