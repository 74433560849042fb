import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// The kernel indices a connectivity snippet gives `addSynapse` are checked against the
/// kernel's dimensions, as indexes of extra global parameters are: one out of range stops
/// the run (or the initialisation, for rows built then) with an error naming the
/// population, the variable, the index and the dimension's size, on both backends,
/// instead of reading or writing outside the kernel.
@Suite struct KernelIndexBoundsTests {
  /// Presynaptic population `Pre` (every neuron spikes every step) onto `Post` through
  /// synapse population `S` of `matrix`, whose row build code passes `kernelIndices` to
  /// `addSynapse` for a kernel of `shape`; `w` is kept in the kernel (PROCEDURAL_KERNELG)
  /// or initialised from it (SPARSE, and PROCEDURAL, which reads it for each synapse).
  static func model(
    _ name: String, matrix: SynapseMatrixType, shape: [Int], kernelIndices: String
  ) -> ModelSpec {
    var model = ModelSpec(name: name, precision: .double, dt: 1, seed: 5)
    let firing = NeuronModel(name: "Always", thresholdConditionCode: "true")
    let summing = NeuronModel(name: "Sum", vars: [Variable("V")], simCode: "V += Isyn;")
    model.addNeuronPopulation("Pre", size: 3, model: firing)
    model.addNeuronPopulation("Post", size: 3, model: summing, vars: ["V": 0])
    let snippet = ConnectivitySnippet(
      name: "Kernelled", rowBuildCode: "addSynapse(id_pre, \(kernelIndices));",
      maxRowLength: { _, _, _ in 1 }, kernelSize: { _ in shape })
    let kernel = (0..<shape.reduce(1, *)).map { 0.5 + Double($0) }
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "Pre", target: "Post", matrixType: matrix,
        connectivity: .snippet(snippet, params: [:]),
        weightUpdate: WeightUpdateModel(
          name: "KernelPulse", vars: [Variable("w")], preSpikeSynCode: "addToPost(w);"),
        weightUpdateVars: ["w": matrix == .proceduralKernelG ? .values(kernel) : .kernel(kernel)],
        postsynaptic: .deltaCurr))
    return model
  }

  static func error(index: String, size: UInt64) -> RuntimeError {
    .indexOutOfRange(
      element: "synapse population 'S'",
      array:
        "the kernel of variable 'w', in one of its dimensions, through a kernel index given "
        + "to addSynapse,", index: index, size: size)
  }

  @Test func indicesWithinTheKernelDeliverItsElements() async throws {
    // Neuron i takes element (1, i) of a 2 x 3 kernel: 3.5 + i, each step.
    for matrix in [SynapseMatrixType.proceduralKernelG, .sparse, .procedural] {
      let model = Self.model(
        "kernel_in_range_\(matrix.rawValue)", matrix: matrix, shape: [2, 3],
        kernelIndices: "1u, id_pre")
      let simulation = try await simulate(model, threads: 2)
      try simulation.run(steps: 4)
      // Steps 1 to 3 deliver the spikes of the step before.
      #expect(try simulation.values(of: "V", in: "Post") == [10.5, 13.5, 16.5])
    }
  }

  @Test(arguments: [SynapseMatrixType.proceduralKernelG, .procedural])
  func anIndexBeyondAKernelDimensionStopsTheRun(matrix: SynapseMatrixType) async throws {
    let model = Self.model(
      "kernel_out_of_range_run_\(matrix.rawValue)", matrix: matrix, shape: [2, 3],
      kernelIndices: "1u, id_pre == 2u ? 3000000u : 0u")
    let simulation = try await simulate(model)
    #expect(throws: Self.error(index: "3000000", size: 3)) { try simulation.run(steps: 3) }
  }

  @Test func anIndexBeyondTheKernelWhileRowsAreBuiltIsAnError() async throws {
    let model = Self.model(
      "kernel_out_of_range_build", matrix: .sparse, shape: [2],
      kernelIndices: "id_pre == 1u ? 1000000u : 0u")
    await #expect(throws: Self.error(index: "1000000", size: 2)) {
      _ = try await simulate(model, threads: 1)
    }
  }

  @Test(
    "emulated on the CPU: the CUDA backend stops at the same index",
    .enabled(if: CUDAEmulationTests.enabled, CUDAEmulationTests.reason))
  func cudaAgreesWithCPU() throws {
    let model = Self.model(
      "cuda_kernel_out_of_range", matrix: .proceduralKernelG, shape: [2, 3],
      kernelIndices: "1u, id_pre == 2u ? 3u : 0u")
    let (arrays, index, _, _) = try CUDAEmulationTests.emulate(model, steps: 2)
    let error = OutOfRangeRecord.error(
      arrays[index[.outOfRangeIndex]!].outOfRangeRecord, arrays: arrays.map(\.layout))
    #expect(error == Self.error(index: "3", size: 3))
  }

  @Test(
    "kernel checks compile with NVRTC",
    .enabled(
      if: CUDAReferenceCompileTests.location.path != nil,
      Comment(rawValue: CUDAReferenceCompileTests.location.reason)))
  func compiles() throws {
    for matrix in [SynapseMatrixType.proceduralKernelG, .sparse, .procedural] {
      let name = "cuda_kernel_bounds_\(matrix.rawValue)"
      let model = Self.model(name, matrix: matrix, shape: [2, 3], kernelIndices: "1u, id_pre")
      try CUDAReferenceCompileTests.compile(
        try CUDABackend(checkIndices: true).generate(model), name: name)
    }
  }
}
