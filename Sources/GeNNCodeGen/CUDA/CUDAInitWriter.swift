import GeNNModel
import GeNNTranspiler

/// Initialisation of the variables that use snippets, in CUDA: one thread per element,
/// each with the random stream the CPU backend gives it (seed, stream, element,
/// step `0xFFFFFFFF`), so both backends start from the same values. Constants and
/// per-element values are written by the host, as for the CPU.
extension CUDAModuleWriter {
  mutating func writeInitGroup(_ group: MergedInitGroup) {
    let outer = enter(origin(of: group))
    defer { leave(outer) }
    declareInitGroup(group)
    line(
      "__device__ InitGroup\(group.index) d_initGroup\(group.index)\(batchExtent)[\(group.elements.count)];"
    )
    line()
    line(
      "__device__ __forceinline__ void initialiseGroup\(group.index)(const InitGroup\(group.index) &group, uint32_t id)"
    )
    line("{")
    line("if (id >= group.size) { return; }")
    writeInitGroupElement(group)
    line("}")
    line()
  }

  mutating func writeInitGroupBinding(_ group: MergedInitGroup) {
    let groups = copy("d_initGroup\(group.index)")
    writeInitGroupBinding(group) { "\(groups)[\($0)]" }
  }

  /// `initialise`: one thread per element of every initialisation group member, each
  /// member padded to whole blocks.
  mutating func writeInitKernel() {
    guard !initGroups.isEmpty else { return }
    let ranges = blockRanges(sizes: initSizes, blockSize: initBlockSize)
    line("// One thread per element; block ranges select the group member.")
    line("extern \"C\" __global__ void \(Self.initKernel)()")
    line("{")
    let batch = blockBatch
    writeDispatch(ranges) { group, member, start in
      "initialiseGroup\(group)(d_initGroup\(group)\(batch)[\(member)], "
        + "(blockIdx.x - \(start)u) * kInitBlockSize + threadIdx.x);"
    }
    line("}")
    line()
  }
}
