import GeNNModel
import Testing

@testable import GeNNRuntime

/// Custom connectivity updates reading and writing other elements' extra global
/// parameters through references (GeNN's `extra_global_param_refs`), in their host and
/// row update code, and a custom update reading a custom connectivity update's own extra
/// global parameter (GeNN's `create_egp_ref` on a custom connectivity update), with the
/// rows and values worked out by hand, on 1, 2 and 3 threads.
@Suite struct CustomConnectivityEGPReferenceTests {
  /// Presynaptic neurons owning `mask` (bit `j` of `mask[i]`: remove synapse `i -> j`) and
  /// a variable `n` the custom update fills.
  static let masked = NeuronModel(
    name: "Masked", vars: [Variable("n", "unsigned int")],
    extraGlobalParams: [ExtraGlobalParameter("mask", "uint32_t*")])

  /// `Pre` (4 neurons, `mask` = 1010, 0100, 0000, 0001 in binary) all-to-all SPARSE onto
  /// `Post` (4 neurons); update group `Prune` sets each row's diagonal bit on the host,
  /// removes each row's masked synapses (counting them in its own `removed`) and clears
  /// the row's mask word; update group `Count` copies `removed` into `Pre`'s `n`.
  static func model() -> ModelSpec {
    var model = ModelSpec(name: "ccu_egp_ref", precision: .double, dt: 1)
    model.addNeuronPopulation(
      "Pre", size: 4, model: masked, vars: ["n": 0],
      extraGlobalParams: ["mask": [0b1010, 0b0100, 0, 0b0001]])
    model.addNeuronPopulation("Post", size: 4, model: NeuronModel(name: "Empty"))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .allToAll, weightUpdate: WeightUpdateModel(name: "None"),
        postsynaptic: .deltaCurr))
    let prune = CustomConnectivityUpdateModel(
      name: "PruneMasked", extraGlobalParams: [ExtraGlobalParameter("removed", "uint32_t*")],
      extraGlobalParamRefs: [ExtraGlobalParameter("rowMask", "uint32_t*")],
      rowUpdateCode: """
        for_each_synapse {
            if(rowMask[id_pre] & (1u << id_post)) {
                remove_synapse();
                removed[id_pre]++;
            }
        }
        rowMask[id_pre] = 0;
        """,
      hostUpdateCode: """
        for(unsigned int i = 0; i < num_pre; i++) {
            rowMask[i] |= (1u << i);
        }
        """)
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "Prune", updateGroup: "Prune", synapses: "Syn", model: prune,
        extraGlobalParams: ["removed": [0, 0, 0, 0]],
        egpRefs: ["rowMask": .neuron(population: "Pre", parameter: "mask")]))
    let count = CustomUpdateModel(
      name: "CopyRemoved", varRefs: [CustomUpdateVarReference("n", "unsigned int")],
      extraGlobalParamRefs: [ExtraGlobalParameter("r", "uint32_t*")], updateCode: "n = r[id];\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "Count", updateGroup: "Count", model: count,
        varRefs: ["n": .neuronVariable(population: "Pre", variable: "n")],
        egpRefs: ["r": .customConnectivityUpdate(update: "Prune", parameter: "removed")]))
    return model
  }

  @Test(arguments: [1, 2, 3])
  func rowAndHostCodeUseReferencedArrays(threads: Int) async throws {
    let simulation = try await simulate(Self.model(), threads: threads)
    try simulation.customUpdate("Prune")
    try simulation.customUpdate("Count")
    // With the diagonal bits the masks are 1011, 0110, 0100 and 1001.
    let (pre, post) = try simulation.connectivity(of: "Syn")
    var rows = Array(repeating: [Int](), count: 4)
    for (i, j) in zip(pre, post) { rows[i].append(j) }
    #expect(rows.map { $0.sorted() } == [[2], [0, 3], [0, 1, 3], [1, 2]])
    let mask = try simulation.stateMemory(ofExtraGlobalParameter: "mask", in: "Pre")
    let words = mask.pointer.assumingMemoryBound(to: UInt32.self)
    #expect((0..<4).map { words[$0] } == [0, 0, 0, 0])
    #expect(try simulation.values(of: "n", in: "Pre") == [3, 2, 1, 2])
  }

  @Test func referencesAreChecked() {
    var model = Self.model()
    model.customConnectivityUpdates[0].egpRefs["rowMask"] = .neuron(
      population: "Pre", parameter: "masks")
    model.customConnectivityUpdates[0].egpRefs["extra"] = .neuron(
      population: "Pre", parameter: "mask")
    let element = "custom connectivity update 'Prune' (model 'PruneMasked')"
    let error = #expect(throws: ModelError.self) { try model.validate() }
    #expect(
      error?.problems == [
        .unknownReference(element: element, field: "egpRefs", name: "extra", allowed: ["rowMask"]),
        .unknownReferencedVariable(
          element: element, field: "egpRefs", reference: "rowMask", variable: "masks",
          owner: "neuron population 'Pre' (model 'Masked')", available: ["mask"]),
      ])
  }
}
