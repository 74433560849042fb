import GeNNModel
import Testing

@testable import GeNNRuntime

/// Synapse code reading postsynaptic values through heterogeneous delays, `x[d]`, as in
/// GeNN 5.4: the value `x` had `d` steps before the latest, from a queue of
/// `maxDendriticDelaySteps + 1` slots; `d` beyond the queue is taken modulo its length.
@Suite struct HeterogeneousDelayTests {
  /// The dendritic delay buffer: the target keeps `maxDelay + 1` slots.
  static let maxDelay = 3
  /// The delays read, one per presynaptic neuron: every slot, then beyond the queue.
  static let delays = [0, 1, 2, 3, 4, 5]
  /// The postsynaptic neurons' counters start apart, so a read of the wrong neuron shows.
  static let postStart: [Double] = [0, 100]
  static let traceStart: [Double] = [0, 1000]
  static let psmStart: [Double] = [0, 5000]

  /// `Post` counts steps in `x`; its weight update trace adds 10 a step, its postsynaptic
  /// model's `s` 100. Each synapse of `Syn` (DENSE, presynaptic neuron `i` reads through
  /// delay `i`) copies, every step, `x[id_pre]` (an unsigned index) into `a`,
  /// `trace[(int)dd]` (a scalar delay cast to `int`) into `b` and `s[id_pre]` into `c`.
  static func model() -> ModelSpec {
    var model = ModelSpec(name: "heterogeneous_delays", precision: .double)
    let counter = NeuronModel(name: "Counter", vars: [Variable("x")], simCode: "x += 1.0;")
    model.addNeuronPopulation("Pre", size: delays.count, model: counter, vars: ["x": 0])
    model.addNeuronPopulation("Post", size: 2, model: counter, vars: ["x": .values(postStart)])
    let reader = WeightUpdateModel(
      name: "DelayedReader",
      vars: [Variable("a"), Variable("b"), Variable("c"), Variable("dd", access: .readOnly)],
      postVars: [Variable("trace")], postNeuronVarRefs: [NeuronVarReference("xPost")],
      psmVarRefs: [NeuronVarReference("sRef")],
      synapseDynamicsCode: "a = xPost[id_pre];\nb = trace[(int)dd];\nc = sRef[id_pre];\n",
      postDynamicsCode: "trace += 10.0;\n")
    let perSynapse = delays.flatMap { [Double($0), Double($0)] }
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: reader,
        weightUpdateVars: ["a": 0, "b": 0, "c": 0, "dd": .values(perSynapse)],
        weightUpdatePostVars: ["trace": .values(traceStart)], postVarRefs: ["xPost": "x"],
        psmVarRefs: ["sRef": "s"],
        postsynaptic: PostsynapticModel(
          name: "Counting", vars: [Variable("s")],
          simCode: "injectCurrent(inSyn);\ninSyn = 0.0;\ns += 100.0;\n"),
        postsynapticVars: ["s": .values(psmStart)], maxDendriticDelaySteps: maxDelay))
    return model
  }

  /// What `x[d]` reads in step `step` (0-based) of a variable that starts at `start` and
  /// grows by `increment` each step: synapse code runs before the neurons, so the latest
  /// value is that of `step` steps; slots not yet written hold the initial value.
  static func expected(start: Double, increment: Double, step: Int, delay: Int) -> Double {
    let slots = maxDelay + 1
    let back = delay % slots
    return start + increment * Double(max(step - back, 0))
  }

  @Test(arguments: [1, 2, 3])
  func delayedReadsFollowTheHistory(threads: Int) async throws {
    let simulation = try await simulate(Self.model(), threads: threads)
    for step in 0..<12 {
      try simulation.run(steps: 1)
      var a: [Double] = []
      var b: [Double] = []
      var c: [Double] = []
      for delay in Self.delays {
        for post in 0..<2 {
          a.append(
            Self.expected(start: Self.postStart[post], increment: 1, step: step, delay: delay))
          b.append(
            Self.expected(start: Self.traceStart[post], increment: 10, step: step, delay: delay))
          c.append(
            Self.expected(start: Self.psmStart[post], increment: 100, step: step, delay: delay))
        }
      }
      #expect(try simulation.values(of: "a", in: "Syn") == a, "step \(step)")
      #expect(try simulation.values(of: "b", in: "Syn") == b, "step \(step)")
      #expect(try simulation.values(of: "c", in: "Syn") == c, "step \(step)")
    }
    // The queued variables still read back as their latest values.
    #expect(try simulation.values(of: "x", in: "Post") == [12, 112])
    #expect(try simulation.values(of: "trace", in: "Syn") == [120, 1120])
    #expect(try simulation.values(of: "s", in: "Syn") == [1200, 6200])
  }

  /// A postsynaptic model variable that synapse code reads (undelayed) through a
  /// back-propagation delay of 2 steps is queued too, as in GeNN: `c` is `s` of 2 steps
  /// before the latest.
  @Test func postsynapticModelReferencesFollowBackPropagationDelays() async throws {
    var model = ModelSpec(name: "back_propagated_psm_reference", precision: .double)
    let counter = NeuronModel(name: "Counter", vars: [Variable("x")], simCode: "x += 1.0;")
    model.addNeuronPopulation("Pre", size: 1, model: counter, vars: ["x": 0])
    model.addNeuronPopulation("Post", size: 2, model: counter, vars: ["x": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: WeightUpdateModel(
          name: "Reader", vars: [Variable("c")], psmVarRefs: [NeuronVarReference("sRef")],
          synapseDynamicsCode: "c = sRef;\n"),
        weightUpdateVars: ["c": 0], psmVarRefs: ["sRef": "s"],
        postsynaptic: PostsynapticModel(
          name: "Counting", vars: [Variable("s")],
          simCode: "injectCurrent(inSyn);\ninSyn = 0.0;\ns += 100.0;\n"),
        postsynapticVars: ["s": .values(Self.psmStart)], backPropDelaySteps: 2))
    let simulation = try await simulate(model, threads: 2)
    for step in 0..<6 {
      try simulation.run(steps: 1)
      let expected = Self.psmStart.map { $0 + 100 * Double(max(step - 2, 0)) }
      #expect(try simulation.values(of: "c", in: "Syn") == expected, "step \(step)")
    }
  }
}
