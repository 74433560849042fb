import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Every weight update hook beyond presynaptic spikes: postsynaptic learning, synapse
/// dynamics, presynaptic and postsynaptic variables and code, spike-like events,
/// `addToPre`, spike times and back-propagation delays; bit-identical on every thread
/// count, with GeNN's timing rules checked by hand.
@Suite struct PlasticityTests {
  /// Trace STDP with every neuron-side hook, synapse dynamics and `addToPre`.
  static let traced = WeightUpdateModel(
    name: "Traced", params: ["tau", "a", "wMax"],
    derivedParams: [DerivedParameter("decay", formula: "exp(-dt / tau)")],
    vars: [Variable("g"), Variable("age")],
    preVars: [Variable("preTrace")], postVars: [Variable("postTrace")],
    postNeuronVarRefs: [NeuronVarReference("V")],
    preSpikeSynCode: "addToPost(g);\ng = fmax(0.0, g - a * postTrace);",
    postSpikeSynCode: "g = fmin(wMax, g + a * preTrace);\naddToPre(0.01 * g);",
    synapseDynamicsCode: "age += dt;\nif (V > -55.0) { g *= 0.99999; }",
    preSpikeCode: "preTrace += 1.0;", postSpikeCode: "postTrace += 1.0;",
    preDynamicsCode: "preTrace *= decay;", postDynamicsCode: "postTrace *= decay;")

  /// A graded synapse driven by events of its source's membrane potential.
  static let graded = WeightUpdateModel(
    name: "Graded", params: ["Epre"], vars: [Variable("g", access: .readOnly)],
    preNeuronVarRefs: [NeuronVarReference("V")],
    preEventSynCode: "addToPost(g * (V - Epre) * 0.01);",
    preEventThresholdConditionCode: "V > Epre && t - set > 1.0")

  static func network() -> ModelSpec {
    var model = SynapseTests.network(seed: 9)
    model.name = "plastic_network"
    model.synapsePopulations.removeAll { $0.name == "EE" || $0.name == "IE" }
    var state: UInt64 = 9
    var pre: [Int] = []
    var post: [Int] = []
    for i in 0..<3200 {
      for j in 0..<3200 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        if (state >> 33) % 50 == 0 {
          pre.append(i)
          post.append(j)
        }
      }
    }
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "EE", source: "E", target: "E", matrixType: .sparse,
        connectivity: .explicit(pre: pre, post: post), weightUpdate: .stdp,
        weightUpdateParams: [
          "tauPlus": 20, "tauMinus": 20, "Aplus": 0.005, "Aminus": 0.006, "Wmin": 0, "Wmax": 0.2,
        ],
        weightUpdateVars: ["g": .constant(0.06)], postsynaptic: .expCond,
        postsynapticParams: ["tau": 5, "E": 0], axonalDelaySteps: 3, backPropDelaySteps: 2))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "IE", source: "I", target: "E", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: traced, weightUpdateParams: ["tau": 20, "a": 0.00001, "wMax": 0.0005],
        weightUpdateVars: ["g": .constant(0.0001), "age": 0],
        weightUpdatePreVars: ["preTrace": 0], weightUpdatePostVars: ["postTrace": 0],
        postsynaptic: .expCond, postsynapticParams: ["tau": 10, "E": -80]))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "EIgraded", source: "E", target: "I", matrixType: .sparse,
        connectivity: .explicit(pre: Array(0..<3000), post: (0..<3000).map { $0 % 1000 }),
        weightUpdate: graded, weightUpdateParams: ["Epre": -52],
        weightUpdateVars: ["g": .constant(0.2)], postsynaptic: .expCurr,
        postsynapticParams: ["tau": 5]))
    model.neuronPopulations[0].recordSpikeEvents = true
    return model
  }

  @Test func plasticNetworkIsBitIdenticalOnEveryThreadCount() async throws {
    let model = Self.network()
    var outcomes: [[String]] = []
    for threads in [1, 2, 3] {
      let simulation = try await simulate(model, threads: threads)
      try simulation.run(steps: 300)
      let spikes = try simulation.spikes(of: "E")
      let events = try simulation.spikeEvents(of: "EIgraded")
      #expect(spikes.count > 100, "the network must be active to test anything")
      #expect(events.count > 100, "the graded synapses must see events")
      outcomes.append(
        [
          "\(spikes.steps)", "\(spikes.ids)", "\(events.steps)", "\(events.ids)",
          "\(try simulation.values(of: "g", in: "EE"))",
          "\(try simulation.values(of: "g", in: "IE"))",
          "\(try simulation.values(of: "preTrace", in: "IE"))",
          "\(try simulation.values(of: "postTrace", in: "IE"))",
          "\(try simulation.values(of: "V", in: "I"))",
        ])
      let weights = try simulation.values(of: "g", in: "EE")
      #expect(Set(weights).count > 10, "STDP must have changed the weights")
    }
    #expect(outcomes[1] == outcomes[0])
    #expect(outcomes[2] == outcomes[0])
  }

  /// One presynaptic neuron spiking at the listed steps onto one target.
  static func spikeTimeModel(name: String, weightUpdate: WeightUpdateModel) -> ModelSpec {
    var model = ModelSpec(name: name, precision: .double, dt: 0.1)
    model.addNeuronPopulation(
      "Pre", size: 1, model: .spikeSourceArray, vars: ["startSpike": 0, "endSpike": 3],
      extraGlobalParams: ["spikeTimes": [1.0, 3.0, 5.0]])
    model.addNeuronPopulation(
      "Post", size: 1, model: .lif, params: SynapseTests.lifParameters,
      vars: ["V": -60, "RefracTime": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: weightUpdate, weightUpdateVars: ["last": 0, "previous": 0],
        postsynaptic: .deltaCurr))
    return model
  }

  /// `st_pre` is the spike's time plus its delay, `prev_st_pre` the spike before's, both
  /// written as GeNN writes them (`t`, then `t - dt` one step later).
  @Test func spikeTimesFollowGeNNsRules() async throws {
    let recorder = WeightUpdateModel(
      name: "Recorder", vars: [Variable("last"), Variable("previous")],
      preSpikeSynCode: "last = st_pre;\nprevious = prev_st_pre;")
    let simulation = try await simulate(
      Self.spikeTimeModel(name: "spike_times", weightUpdate: recorder))
    try simulation.run(steps: 60)
    let delay = 0.1
    // Spikes in steps 10, 30 and 50 (t = step * 0.1), reaching the synapse a step later;
    // the last one's previous spike time was written in step 31 as 31 * 0.1 - 0.1.
    #expect(try simulation.values(of: "last", in: "S") == [delay + Double(50) * 0.1])
    let previous = try simulation.values(of: "previous", in: "S")
    #expect(previous == [delay + (Double(31) * 0.1 - 0.1)], "\(previous[0] - delay)")
  }

  /// Input from `addToPre` reaches the presynaptic neuron in the same step it is
  /// delivered, and postsynaptic spikes reach synapses after the back-propagation delay.
  @Test func addToPreFeedsThePresynapticNeuron() async throws {
    let feedback = WeightUpdateModel(
      name: "Feedback", vars: [Variable("g", access: .readOnly)],
      postSpikeSynCode: "addToPre(g);")
    let probe = NeuronModel(
      name: "Probe", vars: [Variable("I")], simCode: "I = Isyn;")
    var model = ModelSpec(name: "add_to_pre", precision: .double, dt: 0.1)
    model.addNeuronPopulation("Probe", size: 2, model: probe, vars: ["I": 0])
    model.addNeuronPopulation(
      "Target", size: 3, model: .spikeSourceArray,
      vars: ["startSpike": .values([0, 1, 2]), "endSpike": .values([1, 2, 2])],
      extraGlobalParams: ["spikeTimes": [1.0, 1.0]], recordSpikes: true)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "Probe", target: "Target", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: feedback, weightUpdateVars: ["g": .values([1, 2, 3, 10, 20, 30])],
        postsynaptic: .deltaCurr, backPropDelaySteps: 2))
    let simulation = try await simulate(model)
    // Targets 0 and 1 spike in step 10; with 2 steps of back-propagation delay the
    // synapses see it in step 13, and the probes' input in that step is the sum.
    var seen: [[Double]] = []
    for _ in 0..<15 {
      try simulation.step()
      seen.append(try simulation.values(of: "I", in: "Probe"))
    }
    #expect(try simulation.spikes(of: "Target").ids == [0, 1])
    for (step, values) in seen.enumerated() {
      #expect(values == (step == 13 ? [3, 30] : [0, 0]), "step \(step)")
    }
  }

  @Test func aHookUsingANameNotAvailableThereIsReportedWithItsHook() async throws {
    let wrong = WeightUpdateModel(
      name: "Wrong", vars: [Variable("g")], preVars: [Variable("trace")],
      preSpikeSynCode: "addToPost(g + set_pre);", preSpikeCode: "trace += g;")
    var model = ModelSpec(name: "wrong_hooks")
    model.addNeuronPopulation(
      "A", size: 2, model: .lif, params: SynapseTests.lifParameters,
      vars: ["V": -60, "RefracTime": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "AA", source: "A", target: "A", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: wrong, weightUpdateVars: ["g": 1], weightUpdatePreVars: ["trace": 0],
        postsynaptic: .deltaCurr))
    do {
      _ = try await simulate(model)
      Issue.record("the names must be reported")
    } catch {
      let text = "\(error)"
      #expect(
        text.contains("synapse population 'AA', weight update model 'Wrong' presynaptic spike code")
      )
      #expect(text.contains("unknown name 'g'"))
      #expect(
        text.contains("synapse population 'AA', weight update model 'Wrong' pre spike syn code"))
      #expect(text.contains("unknown name 'set_pre'"))
    }
  }
}
