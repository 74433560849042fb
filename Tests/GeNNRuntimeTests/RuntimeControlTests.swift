import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// What the host controls and reads between steps besides variables: the step counter
/// (PyGeNN's `timestep` setter), spike times (`spike_times`, `prev_spike_times`) and
/// the timing counters (`timing_enabled`, GeNN 5.4's `test_model_timing.py`).
@Suite struct RuntimeControlTests {
  /// Two neurons whose `V` counts steps and spike when it reaches 3 (steps 2, 5, 8, ...
  /// from the start), reading their last spike time into `seen` and `t` into `time`, with
  /// dt = 1 ms; synapse dynamics that read `prev_st_pre` keep their previous spike times.
  static func counter(timing: Bool = false) -> ModelSpec {
    var model = ModelSpec(name: "runtime_control", precision: .double, dt: 1)
    model.timingEnabled = timing
    model.addNeuronPopulation(
      "N", size: 2,
      model: NeuronModel(
        name: "Counter", vars: [Variable("V"), Variable("seen"), Variable("time")],
        simCode: "seen = st;\ntime = t;\nV += 1;",
        thresholdConditionCode: "V >= 3", resetCode: "V = 0;"),
      vars: ["V": 0, "seen": 0, "time": 0], recordSpikes: true)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Previous", source: "N", target: "N", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: WeightUpdateModel(
          name: "ReadsPrevious", synapseDynamicsCode: "addToPost(0.0 * prev_st_pre);"),
        postsynaptic: .deltaCurr))
    return model
  }

  @Test(arguments: [1, 2, 3])
  func spikeTimesAreReadableAndWritable(threads: Int) async throws {
    let simulation = try await simulate(Self.counter(), threads: threads)
    try simulation.run(steps: 6)
    let times = try simulation.stateMemory(of: "sT", in: "N")
    let previous = try simulation.stateMemory(of: "prevST", in: "N")
    #expect(times.count == 2 && previous.count == 2)
    #expect(try simulation.values(of: "sT", in: "N") == [5, 5])
    #expect(try simulation.values(of: "prevST", in: "N") == [2, 2])
    // Written from the host, read by the next step's code.
    try simulation.setValues([100, 200], of: "sT", in: "N")
    try simulation.run(steps: 1)
    #expect(try simulation.values(of: "seen", in: "N") == [100, 200])
    #expect(try simulation.values(of: "prevST", in: "N") == [2, 2])
  }

  @Test(arguments: [1, 2, 3])
  func settingTheTimestepSetsTheTime(threads: Int) async throws {
    let simulation = try await simulate(Self.counter(), threads: threads)
    try simulation.run(steps: 3)
    simulation.setTimestep(10)
    #expect(simulation.timestep == 10 && simulation.t == 10)
    try simulation.run(steps: 3)
    #expect(simulation.timestep == 13)
    #expect(try simulation.values(of: "time", in: "N") == [12, 12])
    // The spike of step 2 keeps its time; the next (the 3rd step after, step 12) has
    // the new one.
    let spikes = try simulation.spikes(of: "N")
    #expect(spikes.times == [2, 2, 12, 12])
    #expect(try simulation.values(of: "sT", in: "N") == [12, 12])
  }

  @Test(arguments: [1, 2, 3])
  func timingCountersAccumulate(threads: Int) async throws {
    var model = Self.counter(timing: true)
    model.addCustomUpdate(
      CustomUpdate(
        name: "Halve", updateGroup: "G",
        model: CustomUpdateModel(
          name: "Halving", varRefs: [CustomUpdateVarReference("x")], updateCode: "x *= 0.5;"),
        varRefs: ["x": .neuronVariable(population: "N", variable: "V")]))
    let simulation = try await simulate(model, threads: threads)
    let start = simulation.timing
    #expect(start.neuronUpdate == 0 && start.customUpdates == ["G": 0])
    #expect(start.initialisation > 0)
    try simulation.run(steps: 50)
    try simulation.customUpdate("G")
    let end = simulation.timing
    #expect(end.neuronUpdate > 0)
    #expect(end.presynapticUpdate > 0)
    #expect(end.postsynapticUpdate == 0 && end.synapseDynamics == 0)
    #expect(end.customUpdates["G"]! > 0 && end.customUpdateTransposes["G"] == 0)
    #expect(end.initialisation == start.initialisation)
  }

  /// Custom connectivity updates' host code and the column index rebuilt after they
  /// change rows have their own counters, as in GeNN (`get_custom_update_host_time`,
  /// `get_custom_update_remap_time`); their rows count as the group's update.
  @Test func customConnectivityHostCodeAndRemapsAreTimed() async throws {
    var triangle = CustomConnectivityUpdateTests.triangleModel()
    triangle.timingEnabled = true
    let host = try await simulate(triangle, threads: 2)
    try host.customUpdate("RemoveSynapse")
    #expect(host.timing.customUpdateHosts["RemoveSynapse"]! > 0)
    #expect(host.timing.customUpdates["RemoveSynapse"]! > 0)
    #expect(host.timing.customUpdateHosts["AddSynapse"] == 0)
    var remap = CustomConnectivityUpdateTests.remapModel()
    remap.timingEnabled = true
    let remapped = try await simulate(remap, threads: 2)
    try remapped.customUpdate("RemoveSynapse")
    #expect(remapped.timing.customUpdateRemaps["RemoveSynapse"]! > 0)
    #expect(remapped.timing.customUpdateTransposes["RemoveSynapse"] == 0)
  }

  /// On CUDA each launch of an update group counts towards the counter of what it runs.
  @Test func cudaLaunchesOfUpdateGroupsCountTowardsTheirCounters() throws {
    let triangle = try CUDABackend().generate(CustomConnectivityUpdateTests.triangleModel())
    let removing = try #require(triangle.customUpdates["RemoveSynapse"]).map(CUDATimedPhase.init)
    #expect(removing.first == .customUpdate(.host))
    #expect(removing.contains(.customUpdate(.update)))
    let remap = try CUDABackend().generate(CustomConnectivityUpdateTests.remapModel())
    let remapping = try #require(remap.customUpdates["RemoveSynapse"]).map(CUDATimedPhase.init)
    #expect(remapping.last == .customUpdate(.remap))
  }

  /// Spikes in flight through axonal and dendritic delays, from neurons that spike in the
  /// first two steps, into neurons that sum their input into `V` by step.
  static func delayed() -> ModelSpec {
    var model = ModelSpec(name: "timestep_delays", precision: .double, dt: 1)
    let early = NeuronModel(
      name: "Early", vars: [Variable("V")], simCode: "V += Isyn;",
      thresholdConditionCode: "t < 1.5 && id <= (uint32_t)t")
    model.addNeuronPopulation("Pre", size: 4, model: early, vars: ["V": 0])
    let summing = NeuronModel(
      name: "Summing", vars: [Variable("V"), Variable("last")],
      simCode: "V = V * 2.0 + Isyn;\nlast = Isyn;")
    model.addNeuronPopulation("Post", size: 4, model: summing, vars: ["V": 0, "last": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Axonal", source: "Pre", target: "Post", matrixType: .dense,
        connectivity: .allToAll, weightUpdate: .staticPulse, weightUpdateVars: ["g": 1],
        postsynaptic: .deltaCurr, axonalDelaySteps: 3))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Dendritic", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 1, 2, 3], post: [0, 1, 2, 3]),
        weightUpdate: .staticPulseDendriticDelay,
        weightUpdateVars: ["g": 16, "d": [0, 1, 2, 3]], postsynaptic: .deltaCurr,
        maxDendriticDelaySteps: 4))
    return model
  }

  /// As in GeNN, whose queue pointers the step counter does not move, setting the step
  /// counter leaves spikes in flight through delays to arrive as they would have.
  @Test(arguments: [1, 2])
  func settingTheTimestepKeepsSpikesInFlight(threads: Int) async throws {
    let straight = try await simulate(Self.delayed(), threads: threads)
    try straight.run(steps: 12)
    let jumped = try await simulate(Self.delayed(), threads: threads)
    try jumped.run(steps: 2)
    jumped.setTimestep(1001)
    try jumped.run(steps: 10)
    let arrived = try straight.values(of: "V", in: "Post")
    #expect(arrived.allSatisfy { $0 > 16 }, "both delays delivered")
    #expect(try jumped.values(of: "V", in: "Post") == arrived)
  }

  @Test func withoutTimingTheCountersStayZero() async throws {
    let simulation = try await simulate(Self.counter(), threads: 2)
    try simulation.run(steps: 5)
    #expect(simulation.timing == SimulationTiming(model: simulation.model))
  }
}
