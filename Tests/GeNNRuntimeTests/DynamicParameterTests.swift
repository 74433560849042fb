import GeNNModel
import Testing

@testable import GeNNRuntime

/// Dynamic parameters (GeNN's `set_param_dynamic` and `set_dynamic_param_value`): the
/// scenario of GeNN 5.4's `test_dynamic_param.py` without its custom connectivity update.
/// Each element's code writes `x = t + shift + input`; before step `k` the test sets
/// every `input` to `k²` (with dt = 1 ms, `t = k`), so after the custom update and the
/// step of iteration `k` each `x` is `k + shift + k²`, worked out here by hand.
@Suite struct DynamicParameterTests {
  /// Every element kind with a dynamic parameter: neurons, a current source, a custom
  /// update, a synapse population's weight update and postsynaptic models.
  static func model(precision: Precision) -> ModelSpec {
    var model = ModelSpec(name: "dynamic_parameters", precision: precision, dt: 1)
    let shift = VarInit.values((0..<10).map { Double($0) * 10 })
    let neuron = NeuronModel(
      name: "Shifted", params: ["input"], vars: [Variable("x"), Variable("shift")],
      simCode: "x = t + shift + input;")
    model.addNeuronPopulation(
      "Pre", size: 10, model: neuron, params: ["input": 0], vars: ["x": 0, "shift": shift])
    model.neuronPopulations[0].dynamicParams = ["input"]
    model.addNeuronPopulation(
      "Post", size: 10, model: neuron, params: ["input": 0], vars: ["x": 0, "shift": shift])
    model.addCurrentSource(
      "Source",
      model: CurrentSourceModel(
        name: "ShiftedSource", params: ["input"], vars: [Variable("x"), Variable("shift")],
        injectionCode: "x = t + shift + input;\ninjectCurrent(0.0);"),
      target: "Pre", params: ["input": 0], vars: ["x": 0, "shift": shift])
    model.currentSources[0].dynamicParams = ["input"]
    var update = CustomUpdate(
      name: "Update", updateGroup: "CustomUpdate",
      model: CustomUpdateModel(
        name: "ShiftedUpdate", params: ["input"],
        vars: [CustomUpdateVariable("x"), CustomUpdateVariable("shift")],
        varRefs: [CustomUpdateVarReference("y")], updateCode: "x = t + shift + input;"),
      params: ["input": 0], vars: ["x": 0, "shift": shift],
      varRefs: ["y": .neuronVariable(population: "Pre", variable: "x")])
    update.dynamicParams = ["input"]
    model.addCustomUpdate(update)
    var synapses = SynapsePopulation(
      name: "Synapse", source: "Pre", target: "Post", matrixType: .sparse,
      connectivity: .explicit(pre: Array(0..<10), post: Array(0..<10)),
      weightUpdate: WeightUpdateModel(
        name: "ShiftedWeights", params: ["input"], vars: [Variable("x"), Variable("shift")],
        synapseDynamicsCode: "x = t + shift + input;"),
      weightUpdateParams: ["input": 0], weightUpdateVars: ["x": 0, "shift": shift],
      postsynaptic: PostsynapticModel(
        name: "ShiftedInput", params: ["psmInput"], vars: [Variable("psmX"), Variable("psmShift")],
        simCode: "injectCurrent(inSyn);\npsmX = t + psmShift + psmInput;\ninSyn = 0;"),
      postsynapticParams: ["psmInput": 0], postsynapticVars: ["psmX": 0, "psmShift": shift])
    synapses.dynamicWeightUpdateParams = ["input"]
    synapses.dynamicPostsynapticParams = ["psmInput"]
    model.addSynapsePopulation(synapses)
    return model
  }

  /// The variables the test reads and the parameter that drives each.
  static let driven: [(element: String, variable: String, parameter: String)] = [
    ("Pre", "x", "input"), ("Source", "x", "input"), ("Update", "x", "input"),
    ("Synapse", "x", "input"), ("Synapse", "psmX", "psmInput"),
  ]

  @Test(arguments: [Precision.double, .float], [1, 2, 3])
  func valuesSetBetweenStepsAreSeen(precision: Precision, threads: Int) async throws {
    let simulation = try await simulate(Self.model(precision: precision), threads: threads)
    for k in 0..<10 {
      let expected = (0..<10).map { Double(k) + Double($0) * 10 + Double(k * k) }
      try simulation.customUpdate("CustomUpdate")
      try simulation.run(steps: 1)
      for (element, variable, parameter) in Self.driven {
        #expect(
          try simulation.values(of: variable, in: element) == expected,
          "\(element).\(variable) at \(k)")
        try simulation.setDynamicParameter(parameter, of: element, to: Double((k + 1) * (k + 1)))
      }
      // 'Post' shares the neuron model but its parameter is not dynamic: it stays 0.
      #expect(try simulation.values(of: "x", in: "Post") == (0..<10).map { Double(k + $0 * 10) })
    }
  }

  @Test func aParameterNotMarkedDynamicCannotBeSet() async throws {
    let simulation = try await simulate(Self.model(precision: .float), threads: 1)
    #expect {
      try simulation.setDynamicParameter("input", of: "Post", to: 1)
    } throws: { error in
      "\(error)"
        == "'Post' has no dynamic parameter 'input'; it has none. Mark a parameter dynamic "
        + "before the model is built to change it between steps"
    }
  }

  /// As in GeNN 5.4, a derived parameter keeps the value worked out from the parameter's
  /// value in the model: `twice` stays 2 × 3 after `input` becomes 10.
  @Test func derivedParametersKeepTheirValues() async throws {
    var model = ModelSpec(name: "dynamic_derived", dt: 1)
    model.addNeuronPopulation(
      "N", size: 1,
      model: NeuronModel(
        name: "Derived", params: ["input"],
        derivedParams: [DerivedParameter("twice", formula: "2 * input")],
        vars: [Variable("x"), Variable("y")], simCode: "x = input;\ny = twice;"),
      params: ["input": 3], vars: ["x": 0, "y": 0])
    model.neuronPopulations[0].dynamicParams = ["input"]
    let simulation = try await simulate(model, threads: 1)
    try simulation.setDynamicParameter("input", of: "N", to: 10)
    try simulation.run(steps: 1)
    #expect(try simulation.values(of: "x", in: "N") == [10])
    #expect(try simulation.values(of: "y", in: "N") == [6])
    // Reinitialising puts the parameter back to the model's value.
    simulation.reinitialise()
    try simulation.run(steps: 1)
    #expect(try simulation.values(of: "x", in: "N") == [3])
  }

  @Test func anUnknownDynamicParameterIsAModelError() {
    var model = Self.model(precision: .float)
    model.neuronPopulations[1].dynamicParams = ["inptu"]
    #expect(throws: ModelError.self) { try model.validate() }
  }
}
