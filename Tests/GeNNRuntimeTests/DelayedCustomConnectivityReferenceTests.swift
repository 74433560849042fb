import GeNNModel
import Testing

@testable import GeNNRuntime

/// Custom connectivity update references to weight update presynaptic and postsynaptic
/// variables and postsynaptic model variables kept per delay slot read the slot written
/// last, as GeNN 5.4's `customConnectivityUpdateGroupMerged.cc` indexes them
/// (`_pre_delay_offset`, `_post_delay_offset` of the reference's delay neuron group), on
/// 1, 2 and 3 threads.
@Suite struct DelayedCustomConnectivityReferenceTests {
  /// Writes the time into a presynaptic, a postsynaptic and (through the postsynaptic
  /// model) a postsynaptic model variable every step; its synapse code reads the
  /// postsynaptic model variable, so under a back-propagation delay that is queued too.
  static let timeWriter = WeightUpdateModel(
    name: "TimeWriter", vars: [Variable("g", access: .readOnly)], preVars: [Variable("x")],
    postVars: [Variable("y")], psmVarRefs: [NeuronVarReference("z")],
    synapseDynamicsCode: "addToPost(g * z);\n", preDynamicsCode: "x = t;\n",
    postDynamicsCode: "y = t * 2.0;\n")
  /// Keeps `z = 3 t` and passes no input on.
  static let timePSM = PostsynapticModel(
    name: "TimePSM", vars: [Variable("z")], simCode: "z = t * 3.0;\ninjectCurrent(0.0);\n")

  static func network() -> ModelSpec {
    var model = ModelSpec(name: "ccu_delayed_wu_refs", precision: .double, dt: 1)
    let idle = NeuronModel(name: "Idle", vars: [Variable("V")])
    model.addNeuronPopulation("Pre", size: 3, model: idle, vars: ["V": 0])
    model.addNeuronPopulation("Post", size: 4, model: idle, vars: ["V": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Delayed", source: "Pre", target: "Post", matrixType: .dense,
        connectivity: .allToAll, weightUpdate: timeWriter, weightUpdateVars: ["g": 0],
        weightUpdatePreVars: ["x": -1], weightUpdatePostVars: ["y": -1], psmVarRefs: ["z": "z"],
        postsynaptic: timePSM, postsynapticVars: ["z": -1], axonalDelaySteps: 2,
        backPropDelaySteps: 3))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Rows", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 1, 2, 2], post: [0, 3, 1, 2]),
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 0], postsynaptic: .deltaCurr))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "Read", updateGroup: "Read", synapses: "Rows",
        model: CustomConnectivityUpdateModel(
          name: "ReadDelayed", vars: [Variable("seenY"), Variable("seenZ")],
          preVars: [Variable("seenX")],
          preVarRefs: [CustomUpdateVarReference("rx", access: .readOnly)],
          postVarRefs: [
            CustomUpdateVarReference("ry", access: .readOnly),
            CustomUpdateVarReference("rz", access: .readOnly),
          ],
          rowUpdateCode: """
            seenX = rx;
            for_each_synapse {
                seenY = ry;
                seenZ = rz;
            }
            """),
        vars: ["seenY": -1, "seenZ": -1], preVars: ["seenX": -1],
        preVarRefs: ["rx": .weightUpdatePreVariable(synapses: "Delayed", variable: "x")],
        postVarRefs: [
          "ry": .weightUpdatePostVariable(synapses: "Delayed", variable: "y"),
          "rz": .postsynapticVariable(synapses: "Delayed", variable: "z"),
        ]))
    return model
  }

  @Test func theReferencedVariablesAreKeptPerDelaySlot() throws {
    let synapses = Self.network().synapsePopulations[0]
    #expect(synapses.queuesPostVars)
    #expect(synapses.queuesPostsynapticVars)
    try Self.network().validate()
  }

  @Test(arguments: [1, 2, 3])
  func referencesReadTheSlotWrittenLast(threads: Int) async throws {
    let simulation = try await simulate(Self.network(), threads: threads)
    // Steps 0...4 at t = 0...4: older slots hold earlier times, the latest t = 4.
    try simulation.run(steps: 5)
    try simulation.customUpdate("Read")
    #expect(try simulation.values(of: "seenX", in: "Read") == [4, 4, 4])
    #expect(try simulation.values(of: "seenY", in: "Read") == [8, 8, 8, 8])
    #expect(try simulation.values(of: "seenZ", in: "Read") == [12, 12, 12, 12])
    try simulation.step()
    try simulation.customUpdate("Read")
    #expect(try simulation.values(of: "seenX", in: "Read") == [5, 5, 5])
    #expect(try simulation.values(of: "seenY", in: "Read") == [10, 10, 10, 10])
    #expect(try simulation.values(of: "seenZ", in: "Read") == [15, 15, 15, 15])
  }
}
