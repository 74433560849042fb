import GeNNModel
import Testing

@testable import GeNNRuntime

/// GeNN 5.4's inputs into neurons besides `Isyn` (a current source's `target_var`, a
/// synapse population's `pre_target_var` and `post_target_var`), current sources'
/// neuron variable references, auto-refractory neuron models, typed derived parameters
/// and `Uninitialised` variables, with values worked out by hand.
@Suite struct NeuronInputTests {
  /// `Pre` (2 neurons) spikes in every step into `Post` (2 neurons) through `Syn`
  /// (DENSE, DeltaCurr into `Post`'s additional input `Ia`, `addToPre(0.125)` per synapse
  /// into `Pre`'s additional input `Ip`). Into `Post`: `One` injects 1 into `Isyn`,
  /// `Two` 2 into `Ia`, `Half` half of `V` (read through a reference) into `Isyn` and
  /// counts steps in `C` (written through a reference).
  static func model() -> ModelSpec {
    var model = ModelSpec(name: "neuron_inputs", precision: .double, dt: 1)
    let pre = NeuronModel(
      name: "Pre", vars: [Variable("P")],
      additionalInputVars: [AdditionalInputVariable("Ip")], simCode: "P = Ip;\n",
      thresholdConditionCode: "t >= 0.0")
    model.addNeuronPopulation("Pre", size: 2, model: pre, vars: ["P": 0])
    let post = NeuronModel(
      name: "Post", vars: [Variable("V"), Variable("A"), Variable("C")],
      additionalInputVars: [AdditionalInputVariable("Ia")],
      simCode: "V = Isyn;\nA = Ia;\n")
    model.addNeuronPopulation("Post", size: 2, model: post, vars: ["V": 0, "A": 0, "C": 0])
    let constant = CurrentSourceModel(
      name: "Constant", params: ["amp"], injectionCode: "injectCurrent(amp);\n")
    model.addCurrentSource("One", model: constant, target: "Post", params: ["amp": 1])
    model.addCurrentSource(
      "Two", model: constant, target: "Post", params: ["amp": 2], targetVar: "Ia")
    let half = CurrentSourceModel(
      name: "Half",
      neuronVarRefs: [
        NeuronVarReference("v", "scalar", readOnly: true),
        NeuronVarReference("count", "scalar", readOnly: false),
      ],
      injectionCode: "injectCurrent(v * 0.5);\ncount += 1.0;\n")
    model.addCurrentSource(
      "Half", model: half, target: "Post", varRefs: ["v": "V", "count": "C"])
    var synapses = SynapsePopulation(
      name: "Syn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
      weightUpdate: WeightUpdateModel(
        name: "Both", vars: [Variable("g")],
        preSpikeSynCode: "addToPost(g);\naddToPre(0.125);\n"),
      weightUpdateVars: ["g": 0.25], postsynaptic: .deltaCurr)
    synapses.postTargetVar = "Ia"
    synapses.preTargetVar = "Ip"
    model.addSynapsePopulation(synapses)
    return model
  }

  @Test(arguments: [1, 2, 3])
  func inputsReachTheirTargets(threads: Int) async throws {
    let simulation = try await simulate(Self.model(), threads: threads)
    for step in 0..<5 {
      try simulation.run(steps: 1)
      // Isyn = 1 + V / 2 with V of the last step: V = 2 - 2^-step.
      let v = 2 - 1 / Double(1 << step)
      #expect(try simulation.values(of: "V", in: "Post") == [v, v], "step \(step)")
      // Ia = 2, plus 2 spikes * 0.25 from step 1 on (the spikes of the step before).
      let a = step == 0 ? 2 : 2.5
      #expect(try simulation.values(of: "A", in: "Post") == [a, a], "step \(step)")
      #expect(
        try simulation.values(of: "C", in: "Post") == Array(repeating: Double(step + 1), count: 2))
      // Ip: two synapses of each presynaptic neuron add 0.125 each from step 1 on.
      let p = step == 0 ? 0 : 0.25
      #expect(try simulation.values(of: "P", in: "Pre") == [p, p], "step \(step)")
    }
  }

  /// `V` grows by 1 a step and the threshold is `V >= 2` with no reset; `R` counts
  /// spikes (in the reset code).
  static func refractoryModel(auto: Bool) -> ModelSpec {
    var model = ModelSpec(name: "auto_refractory_\(auto)", precision: .double, dt: 1)
    let neuron = NeuronModel(
      name: "Ramp", vars: [Variable("V"), Variable("R")], simCode: "V += 1.0;\n",
      thresholdConditionCode: "V >= 2.0", resetCode: "R += 1.0;\n",
      autoRefractoryRequired: auto)
    model.addNeuronPopulation("Ramp", size: 3, model: neuron, vars: ["V": 0, "R": 0])
    return model
  }

  /// With auto-refractory logic, the neuron spikes once (in step 1, where the condition
  /// becomes true); without (GeNN 5.4's default), in steps 1 to 4.
  @Test(arguments: [1, 2, 3])
  func autoRefractoryNeuronsSpikeOnce(threads: Int) async throws {
    for (auto, spikes) in [(true, 1.0), (false, 4.0)] {
      let simulation = try await simulate(Self.refractoryModel(auto: auto), threads: threads)
      try simulation.run(steps: 5)
      #expect(
        try simulation.values(of: "R", in: "Ramp") == [spikes, spikes, spikes], "auto: \(auto)")
    }
  }

  /// A derived parameter typed `int` is truncated (5 / 2 = 2), and integer arithmetic
  /// follows (`half / 2` = 1); a `scalar` one keeps its fraction (2.5 / 2 = 1.25).
  /// `U` has no initial value (`Uninitialised`): it starts at zero, and a value set after
  /// loading stays until the code changes it.
  @Test(arguments: [1, 2, 3])
  func typedDerivedParametersAndUninitialisedVariables(threads: Int) async throws {
    let simulation = try await simulate(Self.typedModel(), threads: threads)
    #expect(try simulation.values(of: "U", in: "Typed") == [0, 0])
    try simulation.run(steps: 2)
    #expect(try simulation.values(of: "D", in: "Typed") == [1, 1])
    #expect(try simulation.values(of: "S", in: "Typed") == [1.25, 1.25])
    #expect(try simulation.values(of: "U", in: "Typed") == [2, 2])
    try simulation.setValues([10, 20], of: "U", in: "Typed")
    try simulation.run(steps: 1)
    #expect(try simulation.values(of: "U", in: "Typed") == [11, 21])
  }

  /// `Typed` (2 neurons): `D = half / 2` with `half` an `int` derived parameter,
  /// `S = halfScalar / 2`, and `U` (uninitialised) counting steps.
  static func typedModel() -> ModelSpec {
    var model = ModelSpec(name: "typed_derived", precision: .double, dt: 1)
    let neuron = NeuronModel(
      name: "Typed", params: ["a"],
      derivedParams: [
        DerivedParameter("half", type: "int") { p, _ in p["a"]! / 2 },
        DerivedParameter("halfScalar") { p, _ in p["a"]! / 2 },
      ],
      vars: [Variable("D"), Variable("S"), Variable("U")],
      simCode: "D = half / 2;\nS = halfScalar / 2;\nU += 1.0;\n")
    model.addNeuronPopulation(
      "Typed", size: 2, model: neuron, params: ["a": 5],
      vars: ["D": 0, "S": 0, "U": .uninitialised])
    return model
  }

  /// An input that is neither `Isyn` nor an additional input variable of the neurons is
  /// an error naming the field, as GeNN's `setTargetVar` has it.
  @Test func unknownInputsAreErrors() throws {
    var model = Self.model()
    model.currentSources[1].targetVar = "Ib"
    model.synapsePopulations[0].preTargetVar = "Ia"
    #expect(throws: ModelError.self) { try model.validate() }
    do {
      try model.validate()
    } catch {
      #expect(
        error.problems == [
          .unknownInput(
            element: "current source 'Two'", field: "target_var", name: "Ib",
            population: "Post", available: ["Isyn", "Ia"]),
          .unknownInput(
            element: "synapse population 'Syn'", field: "pre_target_var", name: "Ia",
            population: "Pre", available: ["Isyn", "Ip"]),
        ])
    }
  }
}
