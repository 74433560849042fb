import GeNNModel
import Testing

@testable import GeNNRuntime

/// Variable initialisation snippets with extra global parameters, for every kind of
/// variable (neuron, current source, per-synapse DENSE, SPARSE and kernel, presynaptic,
/// postsynaptic, postsynaptic model, custom update over neurons and over synapses), on 1,
/// 2 and 3 threads. Mirrors GeNN 5.4's feature test `test_egp.py::test_egp_var_init`.
@Suite struct InitSnippetExtraGlobalParameterTests {
  static let values: [Double] = [0.5, 1.5, 2.5, 3.5]

  /// `value = values[<index> % 4]`, with `values` as given.
  static func repeating(_ index: String) -> VarInit {
    .snippet(
      InitSnippet(
        name: "Repeat_\(index)", code: "value = values[(\(index)) % 4];\n",
        extraGlobalParams: [ExtraGlobalParameter("values", "scalar*")],
        extraGlobalParamValues: ["values": values]), params: [:])
  }

  static let neuron = NeuronModel(name: "Keep", vars: [Variable("repeat")])
  static let weights = WeightUpdateModel(
    name: "Repeats", vars: [Variable("repeat")], preVars: [Variable("preRepeat")],
    postVars: [Variable("postRepeat")])
  static let postsynaptic = PostsynapticModel(
    name: "KeepPSM", vars: [Variable("psmRepeat")], simCode: "injectCurrent(inSyn);\n")

  static func network() -> ModelSpec {
    var model = ModelSpec(name: "init_egps", precision: .double)
    model.addNeuronPopulation("Pre", size: 6, model: neuron, vars: ["repeat": repeating("id")])
    model.addNeuronPopulation("Post", size: 5, model: neuron, vars: ["repeat": 0])
    model.addCurrentSource(
      "Source",
      model: CurrentSourceModel(name: "KeepCS", vars: [Variable("repeat")], injectionCode: ""),
      target: "Post", vars: ["repeat": repeating("id")])
    for (name, matrixType, connectivity): (String, SynapseMatrixType, Connectivity) in [
      ("Dense", .dense, .allToAll),
      ("Sparse", .sparse, .explicit(pre: [0, 1, 5], post: [4, 0, 3])),
    ] {
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: "Pre", target: "Post", matrixType: matrixType,
          connectivity: connectivity, weightUpdate: weights,
          weightUpdateVars: ["repeat": repeating("id_pre + (id_post * 10)")],
          weightUpdatePreVars: ["preRepeat": repeating("id")],
          weightUpdatePostVars: ["postRepeat": repeating("id + 1")], postsynaptic: postsynaptic,
          postsynapticVars: ["psmRepeat": repeating("id + 2")]))
    }
    let copy = CustomUpdateModel(
      name: "Copy", vars: [CustomUpdateVariable("repeat")],
      varRefs: [CustomUpdateVarReference("r", access: .readOnly)])
    model.addCustomUpdate(
      CustomUpdate(
        name: "NeuronCopy", updateGroup: "Copy", model: copy,
        vars: ["repeat": repeating("id + 3")],
        varRefs: ["r": .neuronVariable(population: "Pre", variable: "repeat")]))
    model.addCustomUpdate(
      CustomUpdate(
        name: "SynapseCopy", updateGroup: "Copy", model: copy,
        vars: ["repeat": repeating("id_syn")],
        varRefs: ["r": .weightUpdateVariable(synapses: "Sparse", variable: "repeat")]))
    return model
  }

  /// `values[index % 4]` for each index.
  static func expected(_ indices: [Int]) -> [Double] { indices.map { values[$0 % 4] } }

  @Test(arguments: [1, 2, 3])
  func snippetsIndexTheirArrays(threads: Int) async throws {
    let simulation = try await simulate(Self.network(), threads: threads)
    #expect(try simulation.values(of: "repeat", in: "Pre") == Self.expected(Array(0..<6)))
    #expect(try simulation.values(of: "repeat", in: "Source") == Self.expected(Array(0..<5)))
    var dense: [Int] = []
    for i in 0..<6 {
      for j in 0..<5 { dense.append(i + j * 10) }
    }
    #expect(try simulation.values(of: "repeat", in: "Dense") == Self.expected(dense))
    #expect(try simulation.values(of: "repeat", in: "Sparse") == Self.expected([40, 1, 35]))
    for name in ["Dense", "Sparse"] {
      #expect(try simulation.values(of: "preRepeat", in: name) == Self.expected(Array(0..<6)))
      #expect(try simulation.values(of: "postRepeat", in: name) == Self.expected(Array(1..<6)))
      #expect(try simulation.values(of: "psmRepeat", in: name) == Self.expected(Array(2..<7)))
    }
    #expect(
      try simulation.values(of: "repeat", in: "NeuronCopy") == Self.expected(Array(3..<9)))
    // SPARSE rows of stride 1 (one synapse per row at most): synapse indices 0, 1, 5.
    #expect(try simulation.values(of: "repeat", in: "SynapseCopy") == Self.expected([0, 1, 5]))
  }

  /// The arrays are found by the names GeNN's runtime gives them, `<parameter><variable>`
  /// (PyGeNN's views after `load`); a name matching none lists the element's own.
  @Test func arraysAreFoundByGeNNsRuntimeNames() async throws {
    let simulation = try await simulate(Self.network())
    for (element, name) in [
      ("Pre", "valuesrepeat"), ("Sparse", "valuespreRepeat"), ("Sparse", "valuespsmRepeat"),
      ("NeuronCopy", "valuesrepeat"),
    ] {
      let memory = try simulation.stateMemory(ofExtraGlobalParameter: name, in: element)
      let values = memory.pointer.assumingMemoryBound(to: Double.self)
      #expect((0..<memory.count).map { values[$0] } == Self.values, "\(element) \(name)")
    }
    #expect(
      throws: RuntimeError.unknownExtraGlobalParameter("values", element: "Pre", available: [])
    ) {
      _ = try simulation.stateMemory(ofExtraGlobalParameter: "values", in: "Pre")
    }
    // The built-in Kernel snippet's `kernel` is the kernel the variable starts from.
    let kernel = try await simulate(try #require(CUDAEmulationTests.featureModel("column_kernel")))
    let memory = try kernel.stateMemory(ofExtraGlobalParameter: "kernelg", in: "Sparse")
    let values = memory.pointer.assumingMemoryBound(to: Double.self)
    #expect((0..<memory.count).map { values[$0] } == [0.5, 0.25, 0.125, 0.0625])
  }
}
