import GeNNModel
import GeNNTranspiler

/// Synapse dynamics in CUDA, after GeNN 5.4's SIMT synapse dynamics update: at the start
/// of each step, before the presynaptic update, `updateSynapseDynamics` runs the synapse
/// dynamics code once per synapse, one thread per synapse (SPARSE: per row slot of every
/// row, the slots past the row's length idle; DENSE: per pair); `addToPost` adds
/// atomically, since the threads of a target's synapses run together.
extension CUDAModuleWriter {
  /// The threads `updateSynapseDynamics` runs for synapse population `index` (0: none).
  static func synapseDynamicsThreads(of index: Int, _ model: ModelSpec) -> Int {
    let synapses = model.synapsePopulations[index]
    guard !synapses.weightUpdate.synapseDynamicsCode.isBlank else { return 0 }
    let source = model.neuronPopulation(named: synapses.source)?.size ?? 0
    return source * synapseThreads(of: index, model)
  }

  /// The populations `updateSynapseDynamics` covers, with their threads, in group order.
  var synapseDynamicsSizes: [(group: Int, member: Int, size: Int)] {
    synapseMemberSizes { index in
      let threads = Self.synapseDynamicsThreads(of: index, model)
      return threads == 0 ? nil : threads
    }
  }

  /// The launch of `updateSynapseDynamics`, where there is synapse dynamics code.
  var synapseDynamicsLaunches: [CUDAKernelLaunch] {
    let blocks = blockRanges(sizes: synapseDynamicsSizes, blockSize: synapseBlockSize)
      .reduce(0) { $0 + $1.count }
    guard blocks > 0 else { return [] }
    return [
      CUDAKernelLaunch(
        kernel: Self.synapseDynamicsKernel, gridSize: blocks, blockSize: synapseBlockSize,
        parameters: [.timestep], batches: batches)
    ]
  }

  /// The synapse dynamics code of merged synapse group `group` for synapse thread `lid`.
  private mutating func writeSynapseDynamicsGroup(_ group: MergedSynapseGroup) {
    let outer = enter(synapseUpdateOrigin(group))
    defer { leave(outer) }
    let index = group.archetype
    let synapses = model.synapsePopulations[index]
    let code = checkStatements(
      synapses.weightUpdate.synapseDynamicsCode,
      in: synapseEnvironment(index, sharedTargets: true, hook: "synapse dynamics code"))
    line(
      "__device__ __forceinline__ void updateSynapseDynamicsGroup\(group.index)(const \(synapseStructName(group)) &group, uint32_t lid,"
    )
    line("\(timeName) t, uint64_t timestep)")
    line("{")
    line("(void)t;")
    writeSlotOffsets(synapses)
    if synapses.matrixType == .sparse {
      line("// one thread per row slot; slots past the row's length idle")
      line("const uint32_t id_pre = lid / group.rowStride;")
      line(
        "if (id_pre < group.numSrcNeurons && lid % group.rowStride < group.rowLength[id_pre]) {"
      )
      line("const uint32_t syn = lid;")
      line("const uint32_t id_post = group.ind[syn];")
    } else {
      line("// one thread per (presynaptic, postsynaptic) pair")
      line("if (lid < group.numSrcNeurons * group.numTrgNeurons) {")
      line("const uint32_t syn = lid;")
      line("const uint32_t id_pre = lid / group.numTrgNeurons;")
      line("const uint32_t id_post = lid % group.numTrgNeurons;")
    }
    line("(void)id_pre; (void)syn; (void)id_post;")
    if let prelude = proceduralVariableCode(synapses, level: 0) { block(prelude) }
    if let code { self.code(code) }
    line("}")
    line("}")
    line()
  }

  /// `updateSynapseDynamics`: every population with synapse dynamics code, padded to
  /// whole blocks of `kSynapseBlockSize`, in model order.
  mutating func writeSynapseDynamicsKernel() {
    let ranges = blockRanges(sizes: synapseDynamicsSizes, blockSize: synapseBlockSize)
    guard !ranges.isEmpty else { return }
    for group in synapseGroups
    where Self.synapseDynamicsThreads(of: group.archetype, model) > 0 {
      writeSynapseDynamicsGroup(group)
    }
    line("// Synapse dynamics, one thread per synapse; block ranges select the population.")
    line("extern \"C\" __global__ void \(Self.synapseDynamicsKernel)(uint64_t timestep)")
    line("{")
    line("const \(timeName) t = timestep * \(dtLiteral);")
    let batch = blockBatch
    writeDispatch(ranges) { group, member, start in
      "updateSynapseDynamicsGroup\(group)(d_synapseGroup\(group)\(batch)[\(member)], "
        + "(blockIdx.x - \(start)u) * kSynapseBlockSize + threadIdx.x, t, timestep);"
    }
    line("}")
    line()
  }
}
