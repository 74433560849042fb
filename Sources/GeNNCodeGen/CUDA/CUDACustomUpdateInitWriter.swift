import GeNNModel

/// The initialisation of per-synapse custom update variables that snippets initialise,
/// in CUDA: one kernel per such custom update, launched after the synapses are built,
/// one thread per row or kernel element, with the CPU backend's random streams.
extension CUDAModuleWriter {
  /// The kernel initialising custom update `index`'s variables.
  static func customUpdateInitKernel(_ index: Int) -> String { "initialiseCustomUpdate\(index)" }

  /// The kernels' launches, in model order.
  var customUpdateInitLaunches: [CUDAKernelLaunch] {
    customUpdatesInitialisingSynapses.map { index in
      let threads = max(1, customUpdateInitThreads(index))
      let block = CUDABackend.blockSize(forLargest: threads)
      return CUDAKernelLaunch(
        kernel: Self.customUpdateInitKernel(index), gridSize: (threads + block - 1) / block,
        blockSize: block, parameters: [], batches: batches)
    }
  }

  /// Every such custom update's struct (with its `__device__` instance) and kernel.
  mutating func writeCustomUpdateInits() {
    for (index, launch) in zip(customUpdatesInitialisingSynapses, customUpdateInitLaunches) {
      let outer = enter(.customUpdate(model.customUpdates[index].name))
      declareCustomUpdateInit(index)
      line("__device__ CustomUpdateInit\(index) d_customUpdateInit\(index)\(batchExtent);")
      line()
      line("extern \"C\" __global__ void \(Self.customUpdateInitKernel(index))()")
      line("{")
      line(
        "const CustomUpdateInit\(index) &group = \(blockCopy("d_customUpdateInit\(index)"));")
      line("const uint32_t id = blockIdx.x * \(launch.blockSize)u + threadIdx.x;")
      line("if (id >= \(customUpdateInitThreads(index))u) { return; }")
      writeCustomUpdateInitElement(index)
      line("}")
      line()
      leave(outer)
    }
  }

  /// Fills every such custom update's `__device__` struct (in `genn_bind`).
  mutating func writeCustomUpdateInitBindings() {
    for index in customUpdatesInitialisingSynapses {
      writeCustomUpdateInitBinding(index, field: copy("d_customUpdateInit\(index)"))
    }
  }
}
