import GeNNModel
import Testing

@testable import GeNNRuntime

/// Neuron variables that synapse code reads through a delay are queued, as in GeNN: code
/// reads the value of the step the (back-propagated) spike left, not the latest one.
@Suite struct DelayedReferenceTests {
  /// Counts steps (`x` is `k + 1` after step `k`) and spikes when the count is a multiple
  /// of five.
  static let counter = NeuronModel(
    name: "Counter", vars: [Variable("x")], simCode: "x += 1.0;",
    thresholdConditionCode: "fmod(x, 5.0) == 0.0")

  static func model() -> ModelSpec {
    var model = ModelSpec(name: "delayed_references", precision: .double)
    model.addNeuronPopulation("Pre", size: 3, model: counter, vars: ["x": 0])
    model.addNeuronPopulation("Post", size: 2, model: counter, vars: ["x": 0])
    model.addNeuronPopulation(
      "Sum", size: 2, model: GeneratedConnectivityTests.accumulator, vars: ["total": 0])
    let postReader = WeightUpdateModel(
      name: "PostReader", vars: [Variable("g")], postNeuronVarRefs: [NeuronVarReference("xPost")],
      postSpikeSynCode: "g += xPost;")
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Learn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: postReader, weightUpdateVars: ["g": 0], postVarRefs: ["xPost": "x"],
        postsynaptic: .deltaCurr, backPropDelaySteps: 2))
    let preReader = WeightUpdateModel(
      name: "PreReader", preNeuronVarRefs: [NeuronVarReference("x")],
      preSpikeSynCode: "addToPost(x);")
    for (name, target, delay) in [("Direct", 0, 0), ("Delayed", 1, 3)] {
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: "Pre", target: "Sum", matrixType: .sparse,
          connectivity: .explicit(pre: [0], post: [target]), weightUpdate: preReader,
          postsynaptic: .deltaCurr, axonalDelaySteps: delay))
    }
    return model
  }

  @Test func referencesReadTheValueOfTheSpikesStep() async throws {
    for threads in [1, 2] {
      let simulation = try await simulate(Self.model(), threads: threads)
      try simulation.run(steps: 30)
      // Spikes after steps 4, 9, ..., 29, when x is 5, 10, ..., 30. Undelayed, they arrive
      // one step later; through 3 axonal delay steps at steps 8, ..., 28: either way the
      // four or five that arrived carry x of their own step (unqueued, the delayed ones
      // would carry 8 + 13 + ... + 28 = 90).
      #expect(try simulation.values(of: "total", in: "Sum") == [75, 75])
      // Back-propagated spikes reach the synapses 1 + 2 steps later (steps 7, ..., 27) and
      // read x of their step (unqueued: 7 + 12 + ... + 27 = 85).
      #expect(try simulation.values(of: "g", in: "Learn") == Array(repeating: 75, count: 6))
      // The queued variable still reads back as its latest value.
      #expect(try simulation.values(of: "x", in: "Pre") == [30, 30, 30])
    }
  }
}
