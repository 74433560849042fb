import GeNNModel

/// Custom updates in CUDA: each custom update has its own kernel, launched between steps
/// in its update group's order (as the CPU backend runs them), one thread per neuron or
/// per synapse slot. An update that reduces over neurons runs on one thread, looping as
/// the CPU backend does, so its sums and maxima are the CPU's to the last bit.
extension CUDAModuleWriter {
  /// The kernel of custom update `index`.
  static func customUpdateKernel(_ index: Int) -> String { "customUpdate\(index)" }

  /// How custom update `index` visits its elements.
  func customUpdateIteration(_ index: Int) -> CustomUpdateIteration {
    reducesOverNeurons(index) ? .loops : .perThread
  }

  /// The launch of custom update `index`'s kernel.
  func customUpdateLaunch(_ index: Int) -> CUDAKernelLaunch {
    let kernel = Self.customUpdateKernel(index)
    let copies = runsPerBatch(index) ? batches : 1
    guard customUpdateIteration(index) == .perThread else {
      return CUDAKernelLaunch(
        kernel: kernel, gridSize: 1, blockSize: 32, parameters: [.timestep], batches: copies)
    }
    let threads = max(1, customUpdateThreads(index))
    let block = CUDABackend.blockSize(forLargest: threads)
    return CUDAKernelLaunch(
      kernel: kernel, gridSize: (threads + block - 1) / block, blockSize: block,
      parameters: [.timestep], batches: copies)
  }

  /// Whether custom update `index` runs once per batch (a batched launch, `blockIdx.y`
  /// the batch): it has GeNN's batch dimension in a batched model and does not reduce
  /// over the batches (which one launch does, batch by batch).
  func runsPerBatch(_ index: Int) -> Bool {
    batches > 1 && model.hasBatchDimension(model.customUpdates[index])
      && !reducesOverBatches(index)
  }

  /// The launches of each update group, in the group's order (custom connectivity
  /// updates included: see `updateGroupLaunches(_:)`).
  var customUpdateLaunches: [String: [CUDAKernelLaunch]] {
    Dictionary(
      uniqueKeysWithValues: model.customUpdateGroups.map { group in
        (group, updateGroupLaunches(group))
      })
  }

  /// Every custom update's struct (with its `__device__` instance), device function and
  /// kernel.
  mutating func writeCustomUpdates() {
    for index in model.customUpdates.indices {
      let outer = enter(.customUpdate(model.customUpdates[index].name))
      let iteration = customUpdateIteration(index)
      writeCustomUpdate(
        index, iteration: iteration, qualifier: "__device__ ",
        instance: "__device__ CustomUpdate\(index) d_customUpdate\(index)\(batchExtent);")
      let fields =
        runsPerBatch(index)
        ? blockCopy("d_customUpdate\(index)")
        : copy("d_customUpdate\(index)", batch: "0")
      line("extern \"C\" __global__ void \(Self.customUpdateKernel(index))(uint64_t timestep)")
      line("{")
      switch iteration {
      case .loops:
        line("// reduces over neurons: one thread, in the CPU backend's order")
        line("if (blockIdx.x != 0 || threadIdx.x != 0) { return; }")
        line("updateCustomUpdate\(index)(\(fields), timestep);")
      case .perThread:
        let block = customUpdateLaunch(index).blockSize
        line(
          "updateCustomUpdate\(index)(\(fields), timestep, "
            + "blockIdx.x * \(block)u + threadIdx.x);")
      }
      line("}")
      line()
      leave(outer)
    }
  }

  /// Fills every custom update's `__device__` struct (in `genn_bind`).
  mutating func writeCustomUpdateBindings() {
    for index in model.customUpdates.indices {
      writeCustomUpdateBinding(index, field: copy("d_customUpdate\(index)"))
    }
  }
}
