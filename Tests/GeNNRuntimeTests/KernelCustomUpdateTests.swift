import GeNNModel
import Testing

@testable import GeNNRuntime

/// Custom updates over kernel weights (TOEPLITZ, GeNN's `id_kernel` iteration) and
/// per-synapse custom update variables initialised by snippets (GeNN's
/// `CustomWUUpdateInitGroupMerged`), on 1, 2 and 3 threads. They mirror GeNN 5.4's
/// feature tests `test_custom_update.py::test_custom_update` (`WUKernelSetTime`),
/// `test_custom_update_batch_reduction` (`KernelSynapseReduce`) and `test_num.py`
/// (`CUW`'s snippet-initialised `num_pre_syn_test`/`num_post_syn_test`).
@Suite struct KernelCustomUpdateTests {
  static let still = NeuronModel(name: "Still", vars: [Variable("V")])
  static let kernelWeights = WeightUpdateModel(
    name: "KernelW", vars: [Variable("g"), Variable("total", access: .readOnly)])

  /// `value = (id_pre * 100) + id_post + (num_post * 1000)`, for a synapse.
  static let wherePerSynapse = InitSnippet(
    name: "Where", code: "value = (id_pre * 100) + id_post + (num_post * 1000);\n")
  /// `value = id_kernel + (id_kernel_1 * 100)`, for a kernel element.
  static let wherePerKernel = InitSnippet(
    name: "KernelWhere", code: "value = id_kernel + (id_kernel_1 * 100);\n")

  /// A 4x4 input, 3x3 Conv2D kernel (shape [3, 3, 1, 1]) with weights 1...9, a kernel
  /// custom update scaling them and recording each element's indices, a reduction into
  /// `total`, and DENSE and SPARSE populations whose custom updates' variables snippets
  /// initialise.
  static func network() -> ModelSpec {
    var model = ModelSpec(name: "cu_kernel", precision: .double)
    model.addNeuronPopulation("In", size: 16, model: still, vars: ["V": 0])
    model.addNeuronPopulation("Out", size: 16, model: still, vars: ["V": 0])
    model.addNeuronPopulation("Pre", size: 3, model: still, vars: ["V": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Conv", source: "In", target: "Out", matrixType: .toeplitz,
        connectivity: .toeplitz(
          .conv2D,
          params: [
            "conv_kh": 3, "conv_kw": 3, "conv_ih": 4, "conv_iw": 4, "conv_ic": 1, "conv_oh": 4,
            "conv_ow": 4, "conv_oc": 1,
          ]), weightUpdate: kernelWeights,
        weightUpdateVars: ["g": .values((1...9).map(Double.init)), "total": 0],
        postsynaptic: .deltaCurr))
    for (name, matrixType) in [("Dense", SynapseMatrixType.dense), ("Sparse", .sparse)] {
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: "Pre", target: "Out", matrixType: matrixType,
          connectivity: matrixType == .dense
            ? .allToAll : .explicit(pre: [0, 0, 2, 2, 2], post: [1, 15, 0, 7, 9]),
          weightUpdate: kernelWeights, weightUpdateVars: ["g": 1, "total": 0],
          postsynaptic: .deltaCurr))
      model.addCustomUpdate(
        CustomUpdate(
          name: "\(name)Where", updateGroup: "Where",
          model: CustomUpdateModel(
            name: "Keep", vars: [CustomUpdateVariable("where")],
            varRefs: [CustomUpdateVarReference("g", access: .readOnly)], updateCode: ""),
          vars: ["where": .snippet(wherePerSynapse, params: [:])],
          varRefs: ["g": .weightUpdateVariable(synapses: name, variable: "g")]))
    }
    let scale = CustomUpdateModel(
      name: "ScaleKernel", vars: [CustomUpdateVariable("where"), CustomUpdateVariable("init")],
      varRefs: [CustomUpdateVarReference("g")],
      updateCode: "g *= 2.0;\nwhere = (id_kernel_0 * 10) + id_kernel_1 + (id_syn * 1000);\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "Scale", updateGroup: "Kernel", model: scale,
        vars: ["where": -1, "init": .snippet(wherePerKernel, params: [:])],
        varRefs: ["g": .weightUpdateVariable(synapses: "Conv", variable: "g")]))
    let reduce = CustomUpdateModel(
      name: "Reduce",
      vars: [CustomUpdateVariable("largest", access: .reduceBatchMax)],
      varRefs: [
        CustomUpdateVarReference("g", access: .readOnly),
        CustomUpdateVarReference("total", access: .reduceSum),
      ], updateCode: "total = g;\nlargest = g;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "KernelReduce", updateGroup: "Reduce", model: reduce, vars: ["largest": 0],
        varRefs: [
          "g": .weightUpdateVariable(synapses: "Conv", variable: "g"),
          "total": .weightUpdateVariable(synapses: "Conv", variable: "total"),
        ]))
    return model
  }

  @Test(arguments: [1, 2, 3])
  func kernelUpdatesRunPerKernelElement(threads: Int) async throws {
    let simulation = try await simulate(Self.network(), threads: threads)
    // Kernel element k of shape [3, 3, 1, 1] has indices (k / 3, k % 3, 0, 0).
    #expect(
      try simulation.values(of: "init", in: "Scale")
        == (0..<9).map { (k: Int) -> Double in Double(k + (k % 3) * 100) })
    try simulation.customUpdate("Kernel")
    #expect(try simulation.values(of: "g", in: "Conv") == (1...9).map { Double($0 * 2) })
    #expect(
      try simulation.values(of: "where", in: "Scale")
        == (0..<9).map { (k: Int) -> Double in Double((k / 3) * 10 + k % 3 + k * 1000) })
    try simulation.customUpdate("Reduce")
    // With one batch, a batch reduction stores the value assigned.
    #expect(try simulation.values(of: "total", in: "Conv") == (1...9).map { Double($0 * 2) })
    #expect(
      try simulation.values(of: "largest", in: "KernelReduce") == (1...9).map { Double($0 * 2) })
  }

  /// A custom update over the kernel of a PROCEDURAL_KERNELG population (connectivity
  /// regenerated from each spike, weights kept per kernel element) runs per element too,
  /// and the rows regenerated afterwards deliver the updated weights.
  @Test(arguments: [1, 2, 3])
  func proceduralKernelWeightsAreUpdatedPerElement(threads: Int) async throws {
    var model = ModelSpec(name: "cu_procedural_kernel", precision: .double)
    let firstStep = NeuronModel(
      name: "FirstStep", vars: [Variable("V")], simCode: "V += Isyn;\n",
      thresholdConditionCode: "t < 0.5 && id == 5")
    model.addNeuronPopulation("In", size: 16, model: firstStep, vars: ["V": 0])
    let accumulate = NeuronModel(name: "Accumulate", vars: [Variable("V")], simCode: "V += Isyn;\n")
    model.addNeuronPopulation("Out", size: 16, model: accumulate, vars: ["V": 0])
    let conv: [String: Double] = [
      "conv_kh": 3, "conv_kw": 3, "conv_sh": 1, "conv_sw": 1, "conv_padh": 1, "conv_padw": 1,
      "conv_ih": 4, "conv_iw": 4, "conv_ic": 1, "conv_oh": 4, "conv_ow": 4, "conv_oc": 1,
    ]
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "ProcConv", source: "In", target: "Out", matrixType: .proceduralKernelG,
        connectivity: .snippet(.conv2D, params: conv), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": .values((1...9).map(Double.init))], postsynaptic: .deltaCurr))
    model.addCustomUpdate(
      CustomUpdate(
        name: "Triple", updateGroup: "Kernel",
        model: CustomUpdateModel(
          name: "TripleKernel", vars: [CustomUpdateVariable("where")],
          varRefs: [CustomUpdateVarReference("g")],
          updateCode: "g *= 3.0;\nwhere = id_kernel_0 * 10 + id_kernel_1;\n"),
        vars: ["where": -1],
        varRefs: ["g": .weightUpdateVariable(synapses: "ProcConv", variable: "g")]))
    let simulation = try await simulate(model, threads: threads)
    try simulation.customUpdate("Kernel")
    #expect(try simulation.values(of: "g", in: "ProcConv") == (1...9).map { Double($0 * 3) })
    #expect(
      try simulation.values(of: "where", in: "Triple")
        == (0..<9).map { (k: Int) -> Double in Double((k / 3) * 10 + k % 3) })
    // Input neuron 5 (row 1, column 1 of the 4x4 image) spikes in step 0; in step 1 its
    // 3x3 neighbourhood receives the tripled kernel, one element each.
    try simulation.run(steps: 2)
    let received = try simulation.values(of: "V", in: "Out")
    let neighbourhood = [0, 1, 2, 4, 5, 6, 8, 9, 10]
    #expect(received.indices.filter { received[$0] != 0 } == neighbourhood)
    #expect(neighbourhood.map { received[$0] }.sorted() == (1...9).map { Double($0 * 3) })
  }

  @Test(arguments: [1, 2, 3])
  func snippetsInitialisePerSynapseVariables(threads: Int) async throws {
    let simulation = try await simulate(Self.network(), threads: threads)
    // DENSE: 3 x 16 synapses in row-major order.
    var dense: [Double] = []
    for i in 0..<3 {
      for j in 0..<16 { dense.append(Double(16000 + i * 100 + j)) }
    }
    #expect(try simulation.values(of: "where", in: "DenseWhere") == dense)
    // SPARSE: the stored synapses, row by row.
    let sparse = try simulation.values(of: "where", in: "SparseWhere")
    #expect(sparse == [16001, 16015, 16200, 16207, 16209])
  }
}
