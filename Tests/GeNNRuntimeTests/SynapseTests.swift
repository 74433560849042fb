import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Synapses on the CPU: bit-identical on every thread count, connectivity read back as
/// given, and bad input reported with the synapse population and the field.
@Suite struct SynapseTests {
  static let lifParameters: [String: Double] = [
    "C": 0.2, "TauM": 20, "Vrest": -60, "Vreset": -60, "Vthresh": -50, "Ioffset": 0.15,
    "TauRefrac": 5,
  ]

  /// A random E/I network with a few thousand synapses and an axonal delay.
  static func network(seed: UInt64 = 5) -> ModelSpec {
    var model = ModelSpec(name: "synapse_network_\(seed)", precision: .float, dt: 0.1, seed: seed)
    model.addNeuronPopulation(
      "E", size: 3200, model: .lif, params: lifParameters,
      vars: ["V": .snippet(.uniform, params: ["min": -60, "max": -50]), "RefracTime": 0],
      recordSpikes: true)
    model.addNeuronPopulation(
      "I", size: 1000, model: .lif, params: lifParameters,
      vars: ["V": .snippet(.uniform, params: ["min": -60, "max": -50]), "RefracTime": 0],
      recordSpikes: true)
    // A fixed pseudo-random connectivity, 2 % of pairs, drawn deterministically here.
    var state: UInt64 = seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    func pairs(_ source: Int, _ target: Int) -> ([Int], [Int]) {
      var pre: [Int] = []
      var post: [Int] = []
      for i in 0..<source {
        for j in 0..<target where next() % 50 == 0 {
          pre.append(i)
          post.append(j)
        }
      }
      return (pre, post)
    }
    for (name, source, target, weight, reversal) in [
      ("EE", "E", "E", 0.06, 0.0), ("EI", "E", "I", 0.06, 0.0), ("IE", "I", "E", 0.4, -80.0),
      ("II", "I", "I", 0.4, -80.0),
    ] {
      let (pre, post) = pairs(source == "E" ? 3200 : 1000, target == "E" ? 3200 : 1000)
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: source, target: target, matrixType: .sparse,
          connectivity: .explicit(pre: pre, post: post), weightUpdate: .staticPulse,
          weightUpdateVars: ["g": .constant(weight)], postsynaptic: .expCond,
          postsynapticParams: ["tau": source == "E" ? 5 : 10, "E": reversal],
          axonalDelaySteps: name == "EE" ? 3 : 0))
    }
    return model
  }

  @Test func everyThreadCountGivesTheSameBits() async throws {
    let model = Self.network()
    var outcomes: [[String]] = []
    for threads in [1, 2, 3] {
      let simulation = try await simulate(model, threads: threads)
      try simulation.run(steps: 400)
      let spikes = try simulation.spikes(of: "E")
      let v = try simulation.values(of: "V", in: "I")
      let input = try simulation.values(of: "inSyn", in: "IE")
      outcomes.append(["\(spikes.steps)", "\(spikes.ids)", "\(v)", "\(input)"])
      #expect(spikes.count > 200, "the network must be active to test anything")
    }
    #expect(outcomes[1] == outcomes[0])
    #expect(outcomes[2] == outcomes[0])
  }

  @Test func connectivityAndWeightsReadBackInTheOrderGiven() async throws {
    var model = ModelSpec(name: "connectivity_read_back", precision: .double)
    model.addNeuronPopulation(
      "A", size: 4, model: .lif, params: Self.lifParameters, vars: ["V": -60, "RefracTime": 0])
    model.addNeuronPopulation(
      "B", size: 3, model: .lif, params: Self.lifParameters, vars: ["V": -60, "RefracTime": 0])
    let pre = [3, 0, 2, 0, 3]
    let post = [1, 2, 0, 0, 0]
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "AB", source: "A", target: "B", matrixType: .sparse,
        connectivity: .explicit(pre: pre, post: post), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": .values([0.1, 0.2, 0.3, 0.4, 0.5])], postsynaptic: .deltaCurr))
    let simulation = try await simulate(model)
    let connectivity = try simulation.connectivity(of: "AB")
    #expect(connectivity.pre == pre)
    #expect(connectivity.post == post)
    #expect(try simulation.values(of: "g", in: "AB") == [0.1, 0.2, 0.3, 0.4, 0.5])
    try simulation.setValues([1, 2, 3, 4, 5], of: "g", in: "AB")
    #expect(try simulation.values(of: "g", in: "AB") == [1, 2, 3, 4, 5])
  }

  @Test func badSynapsesAreReportedWithTheirFields() throws {
    var model = ModelSpec(name: "bad_synapses")
    model.addNeuronPopulation(
      "A", size: 4, model: .lif, params: Self.lifParameters, vars: ["V": -60, "RefracTime": 0])
    model.addNeuronPopulation(
      "B", size: 3, model: .lif, params: Self.lifParameters, vars: ["V": -60, "RefracTime": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Lengths", source: "A", target: "B", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 1], post: [2]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": 0.1], postsynaptic: .deltaCurr))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Range", source: "A", target: "B", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 4], post: [2, 3]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": 0.1], postsynaptic: .deltaCurr))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Refs", source: "A", target: "B", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 0.1], postsynaptic: .expCond,
        postsynapticParams: ["tau": 5, "E": 0], postsynapticVarRefs: ["V": "Vm"]))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Dense", source: "A", target: "Nowhere", matrixType: .dense,
        connectivity: .explicit(pre: [0], post: [0]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": 0.1], postsynaptic: .deltaCurr, axonalDelaySteps: -1))
    let error = try #require(throws: ModelError.self) { try model.validate() }
    let messages = error.problems.map(\.description)
    #expect(
      messages.contains(
        "synapse population 'Lengths': 'post' has 1 values; it needs 2, one per element"))
    #expect(
      messages.contains(
        "synapse population 'Range': pre index 4 is out of range; the population has 4 neurons (0 to 3)"
      ))
    #expect(
      messages.contains(
        "synapse population 'Range': post index 3 is out of range; the population has 3 neurons (0 to 2)"
      ))
    #expect(
      messages.contains {
        $0.hasPrefix("synapse population 'Refs': reference 'V' names variable 'Vm'")
          && $0.contains("V, RefracTime")
      })
    #expect(
      messages.contains {
        $0.hasPrefix("synapse population 'Dense': target population 'Nowhere' does not exist")
      })
    #expect(
      messages.contains(
        "synapse population 'Dense': axonal delay of -1 steps is invalid; it must be 0 or more"))
  }

  @Test func aCodeErrorInAWeightUpdateNamesTheSynapsePopulation() async throws {
    var model = ModelSpec(name: "bad_weight_update")
    model.addNeuronPopulation(
      "A", size: 2, model: .lif, params: Self.lifParameters, vars: ["V": -60, "RefracTime": 0])
    let typo = WeightUpdateModel(
      name: "Typo", vars: [Variable("g")], preSpikeSynCode: "addToPost(gg);")
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "AA", source: "A", target: "A", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: typo, weightUpdateVars: ["g": 1], postsynaptic: .deltaCurr))
    do {
      _ = try await simulate(model)
      Issue.record("the typo must be reported")
    } catch {
      let text = "\(error)"
      #expect(
        text.contains("synapse population 'AA', weight update model 'Typo' pre spike syn code"))
      #expect(text.contains("unknown name 'gg'; did you mean 'g'?"))
    }
  }

  @Test func dendriticDelaysNeedABuffer() async throws {
    var model = ModelSpec(name: "dendritic_without_buffer")
    model.addNeuronPopulation(
      "A", size: 2, model: .lif, params: Self.lifParameters, vars: ["V": -60, "RefracTime": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "AA", source: "A", target: "A", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: .staticPulseDendriticDelay, weightUpdateVars: ["g": 1, "d": 2],
        postsynaptic: .deltaCurr))
    do {
      _ = try await simulate(model)
      Issue.record("addToPostDelay without a buffer must be reported")
    } catch {
      #expect("\(error)".contains("unknown name 'addToPostDelay'"))
    }
    model.synapsePopulations[0].maxDendriticDelaySteps = 0
    let error = try #require(throws: ModelError.self) { try model.validate() }
    #expect(
      error.problems.map(\.description).contains(
        "synapse population 'AA': a dendritic delay buffer of 0 steps is invalid; it must be 1 or more"
      ))
  }

  @Test func dendriticDelaysDeliverInputLater() async throws {
    // A postsynaptic model that shows what arrives each step.
    let probe = PostsynapticModel(
      name: "Probe", vars: [Variable("arrived")], simCode: "arrived = inSyn;\ninSyn = 0.0;")
    var model = ModelSpec(name: "dendritic_timing", precision: .double)
    model.addNeuronPopulation(
      "Source", size: 1, model: .spikeSourceArray, vars: ["startSpike": 0, "endSpike": 1],
      extraGlobalParams: ["spikeTimes": [0.0]])
    model.addNeuronPopulation(
      "Target", size: 2, model: .lif, params: Self.lifParameters, vars: ["V": -60, "RefracTime": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Delayed", source: "Source", target: "Target", matrixType: .dense,
        connectivity: .allToAll, weightUpdate: .staticPulseDendriticDelay,
        weightUpdateVars: ["g": .values([1, 2]), "d": .values([0, 3])], postsynaptic: probe,
        postsynapticVars: ["arrived": 0], maxDendriticDelaySteps: 5))
    let simulation = try await simulate(model)
    try simulation.record("arrived", of: "Delayed")
    try simulation.run(steps: 8)
    let recording = try simulation.recording(of: "arrived", in: "Delayed")
    let rows = (0..<8).map { Array(recording.row($0)) }
    // The source spikes in step 0; its synapses act in step 1, the undelayed one arriving
    // then and the one with d = 3 three steps later.
    #expect(rows == [[0, 0], [1, 0], [0, 0], [0, 0], [0, 2], [0, 0], [0, 0], [0, 0]])
  }
}
