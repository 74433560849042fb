import GeNNModel

/// Custom connectivity updates in CUDA: each has a kernel running its host update code
/// on one thread (on the device's memory, which the rows then read: its push and pull
/// functions have nothing to copy), a kernel running its row update code with one thread
/// per row (a row's changes touch only that row), and, where its variables have init
/// snippets, an initialisation kernel on one thread. After the rows of an update group,
/// `buildColumns` rebuilds the column indexes the changed populations' postsynaptic
/// learning reads.
extension CUDAModuleWriter {
  /// The kernel running custom connectivity update `index`'s host update code.
  static func customConnectivityHostKernel(_ index: Int) -> String {
    "customConnectivityHostUpdate\(index)"
  }

  /// The kernel running custom connectivity update `index`'s row update code.
  static func customConnectivityRowKernel(_ index: Int) -> String {
    "customConnectivityUpdate\(index)"
  }

  /// The kernel running custom connectivity update `index`'s init snippets.
  static func customConnectivityInitKernel(_ index: Int) -> String {
    "initialiseCustomConnectivityUpdate\(index)Kernel"
  }

  private func oneThread(_ kernel: String, _ parameters: [CUDAKernelParameter]) -> CUDAKernelLaunch
  {
    CUDAKernelLaunch(kernel: kernel, gridSize: 1, blockSize: 32, parameters: parameters)
  }

  private func rowLaunch(_ index: Int) -> CUDAKernelLaunch {
    let rows = max(1, connectivitySizes(index).pre)
    let block = CUDABackend.blockSize(forLargest: rows)
    return CUDAKernelLaunch(
      kernel: Self.customConnectivityRowKernel(index), gridSize: (rows + block - 1) / block,
      blockSize: block, parameters: [.timestep])
  }

  /// The launches of update group `group`, in GeNN's order: the custom connectivity
  /// updates' host code, the custom updates other than transposes, the connectivity
  /// updates' rows, `buildColumns` where they changed a population with postsynaptic
  /// learning, the transposes.
  func updateGroupLaunches(_ group: String) -> [CUDAKernelLaunch] {
    let connectivity = model.customConnectivityUpdates(inGroup: group)
    let updates = model.customUpdates(inGroup: group)
    let transposes = Set(
      updates.filter { model.customUpdates[$0].varRefs.values.contains(where: \.isTranspose) })
    func timed(_ launches: [CUDAKernelLaunch], _ timer: CustomUpdateTimer) -> [CUDAKernelLaunch] {
      launches.map { launch in
        var launch = launch
        launch.timer = timer
        return launch
      }
    }
    let host = connectivity.filter {
      !model.customConnectivityUpdates[$0].model.hostUpdateCode.isBlank
    }.map { oneThread(Self.customConnectivityHostKernel($0), [.timestep]) }
    return timed(host, .host)
      + timed(updates.filter { !transposes.contains($0) }.map(customUpdateLaunch), .update)
      + timed(connectivity.map(rowLaunch), .update)
      + timed(remappedSynapseGroups(inGroup: group).isEmpty ? [] : columnLaunches, .remap)
      + timed(updates.filter { transposes.contains($0) }.map(customUpdateLaunch), .transpose)
  }

  /// The initialisation kernels of the custom connectivity updates whose variables have
  /// init snippets (after the rows are built).
  var customConnectivityInitLaunches: [CUDAKernelLaunch] {
    model.customConnectivityUpdates.indices.filter(customConnectivityInitialises).map {
      oneThread(Self.customConnectivityInitKernel($0), [])
    }
  }

  /// Every custom connectivity update's struct (with its `__device__` instance), device
  /// functions and kernels.
  mutating func writeCustomConnectivityUpdates() {
    for index in model.customConnectivityUpdates.indices {
      let outer = enter(.customConnectivityUpdate(model.customConnectivityUpdates[index].name))
      writeCustomConnectivityUpdate(
        index, qualifier: "__device__ ",
        instance: "__device__ CustomConnectivityUpdate\(index) d_customConnectivityUpdate\(index);")
      let group = "d_customConnectivityUpdate\(index)"
      if !model.customConnectivityUpdates[index].model.hostUpdateCode.isBlank {
        line(
          "extern \"C\" __global__ void \(Self.customConnectivityHostKernel(index))(uint64_t timestep)"
        )
        line("{")
        line("if (blockIdx.x != 0 || threadIdx.x != 0) { return; }")
        line("hostUpdateCustomConnectivityUpdate\(index)(\(group), timestep);")
        line("}")
        line()
      }
      line(
        "extern \"C\" __global__ void \(Self.customConnectivityRowKernel(index))(uint64_t timestep)"
      )
      line("{")
      line("const uint32_t id_pre = blockIdx.x * \(rowLaunch(index).blockSize)u + threadIdx.x;")
      line("if (id_pre >= \(group).numPre) { return; }")
      line("updateRowCustomConnectivityUpdate\(index)(\(group), id_pre, timestep);")
      line("}")
      line()
      if customConnectivityInitialises(index) {
        line("extern \"C\" __global__ void \(Self.customConnectivityInitKernel(index))()")
        line("{")
        line("if (blockIdx.x != 0 || threadIdx.x != 0) { return; }")
        line("initialiseCustomConnectivityUpdate\(index)(\(group));")
        line("}")
        line()
      }
      leave(outer)
    }
  }

  /// Fills every custom connectivity update's `__device__` struct (in `genn_bind`).
  mutating func writeCustomConnectivityUpdateBindings() {
    for index in model.customConnectivityUpdates.indices {
      writeCustomConnectivityUpdateBinding(index, field: "d_customConnectivityUpdate\(index)")
    }
  }
}
