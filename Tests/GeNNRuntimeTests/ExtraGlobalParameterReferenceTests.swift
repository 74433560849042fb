import GeNNModel
import Testing

@testable import GeNNRuntime

/// Extra global parameters of postsynaptic models, and custom updates writing other
/// elements' extra global parameters through references (GeNN's `create_egp_ref`,
/// `create_wu_egp_ref`, `create_psm_egp_ref`), on 1, 2 and 3 threads. Mirrors GeNN 5.4's
/// feature test `test_egp.py::test_egp_ref`.
@Suite struct ExtraGlobalParameterReferenceTests {
  /// `x = e[id]; y = Isyn;`.
  static let reader = NeuronModel(
    name: "Reader", vars: [Variable("x"), Variable("y")],
    extraGlobalParams: [ExtraGlobalParameter("e", "scalar*")], simCode: "x = e[id];\ny = Isyn;\n")
  static let spikeOnce = NeuronModel(name: "SpikeOnce", thresholdConditionCode: "t < 0.5")
  /// Delivers `w[id_post]` on each spike.
  static let indexedWeights = WeightUpdateModel(
    name: "IndexedWeights", extraGlobalParams: [ExtraGlobalParameter("w", "scalar*")],
    preSpikeSynCode: "addToPost(w[id_post]);\n")
  /// Injects `inSyn * scale[id]`.
  static let scaled = PostsynapticModel(
    name: "Scaled", extraGlobalParams: [ExtraGlobalParameter("scale", "scalar*")],
    simCode: "injectCurrent(inSyn * scale[id]);\ninSyn = 0.0;\n")

  /// `Src` (1 neuron, spiking in step 0) into `Neurons` (10 `Reader`s) through DENSE
  /// `Syn`, and a custom update setting `e[id] = id`, `w[id] = 2`, `scale[id] = id + 1`.
  static func network() -> ModelSpec {
    var model = ModelSpec(name: "egp_refs", precision: .double)
    model.dt = 1
    model.addNeuronPopulation("Src", size: 1, model: spikeOnce)
    model.addNeuronPopulation(
      "Neurons", size: 10, model: reader, vars: ["x": 0, "y": 0],
      extraGlobalParams: ["e": Array(repeating: 0, count: 10)])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Src", target: "Neurons", matrixType: .dense,
        connectivity: .allToAll, weightUpdate: indexedWeights,
        weightUpdateExtraGlobalParams: ["w": Array(repeating: 1, count: 10)],
        postsynaptic: scaled,
        postsynapticExtraGlobalParams: ["scale": Array(repeating: 1, count: 10)]))
    let set = CustomUpdateModel(
      name: "SetArrays", varRefs: [CustomUpdateVarReference("x", access: .readOnly)],
      extraGlobalParamRefs: [
        ExtraGlobalParameter("e", "scalar*"), ExtraGlobalParameter("w", "scalar*"),
        ExtraGlobalParameter("s", "scalar*"),
      ], updateCode: "e[id] = id * 1.0;\nw[id] = 2.0;\ns[id] = id + 1.0;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "Set", updateGroup: "Set", model: set,
        varRefs: ["x": .neuronVariable(population: "Neurons", variable: "x")],
        egpRefs: [
          "e": .neuron(population: "Neurons", parameter: "e"),
          "w": .weightUpdate(synapses: "Syn", parameter: "w"),
          "s": .postsynaptic(synapses: "Syn", parameter: "scale"),
        ]))
    return model
  }

  @Test(arguments: [1, 2, 3])
  func customUpdatesWriteReferencedArraysInPlace(threads: Int) async throws {
    let simulation = try await simulate(Self.network(), threads: threads)
    try simulation.run(steps: 2)
    // Untouched: e = 0, and step 1 delivers w = 1 scaled by 1.
    #expect(try simulation.values(of: "x", in: "Neurons") == Array(repeating: 0, count: 10))
    #expect(try simulation.values(of: "y", in: "Neurons") == Array(repeating: 1, count: 10))
    simulation.reinitialise()
    try simulation.customUpdate("Set")
    try simulation.run(steps: 2)
    #expect(try simulation.values(of: "x", in: "Neurons") == (0..<10).map(Double.init))
    #expect(try simulation.values(of: "y", in: "Neurons") == (0..<10).map { 2 * Double($0 + 1) })
  }

  @Test func referencesAreChecked() {
    var model = Self.network()
    model.customUpdates[0].egpRefs["s"] = .postsynaptic(synapses: "Syn", parameter: "gain")
    model.customUpdates[0].egpRefs["q"] = .neuron(population: "Nobody", parameter: "e")
    let element = "custom update 'Set' (model 'SetArrays')"
    let error = #expect(throws: ModelError.self) { try model.validate() }
    let problems = error?.problems ?? []
    #expect(
      problems == [
        .unknownReference(element: element, field: "egpRefs", name: "q", allowed: ["e", "w", "s"]),
        .unknownReferencedVariable(
          element: element, field: "egpRefs", reference: "s", variable: "gain",
          owner: "synapse population 'Syn' (postsynaptic model 'Scaled')", available: ["scale"]),
      ])
  }
}
