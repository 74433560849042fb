import Foundation
import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Custom update references to variables kept per delay slot, as GeNN 5.4 runs them
/// (`customUpdateGroupMerged.cc`'s `getVarRefIndex`): a reference reads and writes the
/// latest step's slot, a `BROADCAST` reference writes every slot; references to dendritic
/// delay buffers and to spike times, on 1, 2 and 3 threads. They mirror GeNN's feature
/// tests `test_custom_update.py::test_custom_update_delay` and
/// `::test_custom_update_internal`.
@Suite struct DelayedCustomUpdateReferenceTests {
  /// Neurons that keep `V` and `U` and spike in step 0 only.
  static let neuron = NeuronModel(
    name: "KeepAndSpikeOnce", vars: [Variable("V"), Variable("U")],
    thresholdConditionCode: "t < 0.5")
  /// Reads the presynaptic `V` through the axonal delay, so `V` is kept per delay slot.
  static let readsV = WeightUpdateModel(
    name: "ReadsV", vars: [Variable("g", access: .readOnly)], preVars: [Variable("pre")],
    preNeuronVarRefs: [NeuronVarReference("V")], synapseDynamicsCode: "addToPost(V * g);\n")

  static func setTime(_ access: VarAccessMode, offset: Double) -> CustomUpdateModel {
    CustomUpdateModel(
      name: "SetTime\(access.rawValue)", varRefs: [CustomUpdateVarReference("R", access: access)],
      updateCode: "R = t + \(offset);\n")
  }

  /// `Pre` (4 neurons) with 3 delay slots (axonal delay 2 of `Delayed`), one-to-one
  /// SPARSE `Dendritic` synapses into `Post` with dendritic delays 0, 1, 2, 2 (3 slots),
  /// and custom updates writing the time through plain and `BROADCAST` references.
  static func network() -> ModelSpec {
    var model = ModelSpec(name: "cu_delayed_refs", precision: .double)
    model.dt = 1
    model.addNeuronPopulation("Pre", size: 4, model: neuron, vars: ["V": 0, "U": 0])
    model.addNeuronPopulation("Post", size: 4, model: neuron, vars: ["V": 0, "U": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Delayed", source: "Pre", target: "Post", matrixType: .dense,
        connectivity: .allToAll, weightUpdate: readsV,
        weightUpdateVars: ["g": 0], weightUpdatePreVars: ["pre": 0], postsynaptic: .deltaCurr,
        axonalDelaySteps: 2))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Dendritic", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 1, 2, 3], post: [0, 1, 2, 3]),
        weightUpdate: .staticPulseDendriticDelay, weightUpdateVars: ["g": 1, "d": [0, 1, 2, 2]],
        postsynaptic: .expCurr, postsynapticParams: ["tau": 10], maxDendriticDelaySteps: 3))
    let targets: [(String, CustomUpdateTarget)] = [
      ("V", .neuronVariable(population: "Pre", variable: "V")),
      ("U", .neuronVariable(population: "Pre", variable: "U")),
      ("Pre", .weightUpdatePreVariable(synapses: "Delayed", variable: "pre")),
      ("ST", .spikeTimes(population: "Pre")),
    ]
    for (name, target) in targets where name != "ST" {
      model.addCustomUpdate(
        CustomUpdate(
          name: "Set\(name)", updateGroup: "Set", model: setTime(.readWrite, offset: 0),
          varRefs: ["R": target]))
      model.addCustomUpdate(
        CustomUpdate(
          name: "Broadcast\(name)", updateGroup: "Broadcast",
          model: setTime(.broadcast, offset: 100), varRefs: ["R": target]))
    }
    let timepoint = CustomUpdateModel(
      name: "SetSpikeTimes",
      varRefs: [
        CustomUpdateVarReference("ST", "timepoint", access: .readWrite),
        CustomUpdateVarReference("PrevST", "timepoint", access: .broadcast),
      ], updateCode: "ST = t + 0.5;\nPrevST = -7.0;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "SpikeTimes", updateGroup: "Set", model: timepoint,
        varRefs: [
          "ST": .spikeTimes(population: "Pre"), "PrevST": .previousSpikeTimes(population: "Pre"),
        ]))
    // Runs after the "Set..." updates (by name): its own BROADCAST_DELAY variable is only
    // assigned.
    model.addCustomUpdate(
      CustomUpdate(
        name: "ZEcho", updateGroup: "Set",
        model: CustomUpdateModel(
          name: "Echo", vars: [CustomUpdateVariable("echo", access: .broadcastDelay)],
          varRefs: [CustomUpdateVarReference("V", access: .readOnly)],
          updateCode: "echo = V * 2.0;\n"),
        vars: ["echo": -1],
        varRefs: ["V": .neuronVariable(population: "Pre", variable: "V")]))
    let dendritic = CustomUpdateModel(
      name: "Dendritic",
      varRefs: [
        CustomUpdateVarReference("Current"), CustomUpdateVarReference("All", access: .broadcast),
      ], updateCode: "Current += 10.0;\nAll = 0.0;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "AddToCurrentSlot", updateGroup: "DendriticAdd",
        model: CustomUpdateModel(
          name: "AddCurrent", varRefs: [CustomUpdateVarReference("Current")],
          updateCode: "Current += 10.0;\n"),
        varRefs: ["Current": .dendriticDelayBuffer(synapses: "Dendritic")]))
    model.addCustomUpdate(
      CustomUpdate(
        name: "ZeroDendritic", updateGroup: "DendriticZero", model: dendritic,
        varRefs: [
          "Current": .dendriticDelayBuffer(synapses: "Dendritic"),
          "All": .dendriticDelayBuffer(synapses: "Dendritic"),
        ]))
    return model
  }

  /// The whole array of `variable` of `element`, every slot; spike times (`st`,
  /// `prev_st`) and dendritic delay buffers (`denDelay`) by their roles.
  static func memory(_ simulation: Simulation, _ variable: String, _ element: String) throws
    -> [Double]
  {
    let role: ArrayLayout.Role? =
      switch variable {
      case "st": .spikeTimes(population: element)
      case "prev_st": .previousSpikeTimes(population: element)
      case "denDelay": .dendriticDelayBuffer(synapses: element)
      default: nil
      }
    if let role { return try #require(simulation.memory[role]).load() }
    let memory = try simulation.stateMemory(of: variable, in: element)
    let values = memory.pointer.assumingMemoryBound(to: Double.self)
    return (0..<memory.count).map { values[$0] }
  }

  static func slots(_ values: [Double]...) -> [Double] {
    values.flatMap { slot in slot.flatMap { Array(repeating: $0, count: 4) } }
  }

  @Test(arguments: [1, 2, 3])
  func referencesUseTheLatestSlotAndBroadcastsEverySlot(threads: Int) async throws {
    let simulation = try await simulate(Self.network(), threads: threads)
    try simulation.run(steps: 3)
    try simulation.customUpdate("Set")
    // Step n writes slot (n + 1) % 3, as in GeNN: after 3 steps the latest is 3 % 3 = 0.
    #expect(try Self.memory(simulation, "V", "Pre") == Self.slots([3], [0], [0]))
    #expect(try Self.memory(simulation, "pre", "Delayed") == Self.slots([3], [0], [0]))
    #expect(try Self.memory(simulation, "U", "Pre") == Self.slots([3]))
    // Spike times: slot 0 set; previous spike times broadcast into every slot.
    #expect(try Self.memory(simulation, "st", "Pre")[0..<4] == [3.5, 3.5, 3.5, 3.5])
    #expect(try Self.memory(simulation, "prev_st", "Pre") == Self.slots([-7], [-7], [-7]))
    #expect(try simulation.values(of: "V", in: "Pre") == [3, 3, 3, 3])
    #expect(try simulation.values(of: "echo", in: "ZEcho") == [6, 6, 6, 6])
    // The next step reads slot 0 into slot 1.
    try simulation.step()
    #expect(try Self.memory(simulation, "V", "Pre") == Self.slots([3], [3], [0]))
    try simulation.customUpdate("Broadcast")
    #expect(try Self.memory(simulation, "V", "Pre") == Self.slots([104], [104], [104]))
    #expect(try Self.memory(simulation, "pre", "Delayed") == Self.slots([104], [104], [104]))
    #expect(try Self.memory(simulation, "U", "Pre") == Self.slots([104]))
  }

  @Test(arguments: [1, 2, 3])
  func dendriticDelayReferencesUseTheSlotDeliveredLast(threads: Int) async throws {
    let simulation = try await simulate(Self.network(), threads: threads)
    // Step 0: `Pre` spikes; step 1: each synapse adds 1 at its delay from the slot
    // delivered in step 1, (1 + 1) % 3 = 2: delays 0, 1, 2, 2 land in slots 2, 0, 1, 1,
    // and the neuron update of step 1 takes slot 2's input.
    try simulation.run(steps: 2)
    #expect(
      try Self.memory(simulation, "denDelay", "Dendritic") == [0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0])
    // After 2 steps the slot delivered last is 2 % 3 = 2.
    try simulation.customUpdate("DendriticAdd")
    #expect(
      try Self.memory(simulation, "denDelay", "Dendritic")
        == [0, 1, 0, 0, 0, 0, 1, 1, 10, 10, 10, 10])
    try simulation.customUpdate("DendriticZero")
    #expect(try Self.memory(simulation, "denDelay", "Dendritic") == Array(repeating: 0, count: 12))
    let before = try simulation.values(of: "inSyn", in: "Dendritic")
    try simulation.run(steps: 3)
    // Nothing more arrives: the input only decays.
    let decay = exp(-0.1)
    #expect(
      try simulation.values(of: "inSyn", in: "Dendritic")
        == before.map { $0 * decay * decay * decay })
  }
}
