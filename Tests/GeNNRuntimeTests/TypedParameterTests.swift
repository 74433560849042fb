import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Parameters typed as GeNN 5.4 types them (PyGeNN's `("d", "int")`): in code strings
/// they have their type (integer division, array indexes), their values are written as
/// literals of that type into fields of that type, and a value the type cannot hold is
/// refused, naming the element and the parameter.
@Suite struct TypedParameterTests {
  /// A neuron model reading `int`, `unsigned int`, `bool` and `scalar` parameters.
  static let neuron = NeuronModel(
    name: "Typed", params: ["d", "u", "b", "s"],
    paramTypes: ["d": "int", "u": "unsigned int", "b": "bool"],
    vars: [
      Variable("half"), Variable("uhalf"), Variable("flag"), Variable("shalf"),
      Variable("picked"), Variable("input"), Variable("initial"), Variable("updated"),
    ],
    extraGlobalParams: [ExtraGlobalParameter("e", "scalar*")],
    simCode: """
      half = d / 2;
      uhalf = u / 2;
      flag = b ? 1.0 : 0.0;
      shalf = s / 2;
      picked = e[d];
      input = Isyn;
      """)

  /// One population of `Typed` neurons with a current source, a synapse population (its
  /// weight update and postsynaptic models typed too), a variable initialised by a typed
  /// snippet and a custom update, each dividing an integer parameter by 2 or 4.
  static func model(d: Double = 5, weightUpdateD: Double = 3) -> ModelSpec {
    var model = ModelSpec(name: "typed_parameters")
    let halving = InitSnippet(
      name: "Halving", params: ["m"], paramTypes: ["m": "int"], code: "value = m / 2;")
    model.addNeuronPopulation(
      "N", size: 2, model: neuron, params: ["d": d, "u": 7, "b": 1, "s": 5],
      vars: [
        "half": 0, "uhalf": 0, "flag": 0, "shalf": 0, "picked": 0, "input": 0,
        "initial": .snippet(halving, params: ["m": 7]), "updated": 0,
      ],
      extraGlobalParams: ["e": [10, 11, 12, 13, 14, 15]])
    model.addCurrentSource(
      "C",
      model: CurrentSourceModel(
        name: "Halved", params: ["k"], paramTypes: ["k": "int8_t"],
        injectionCode: "injectCurrent(k / 2);"),
      target: "N", params: ["k": -5])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "N", target: "N", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: WeightUpdateModel(
          name: "TypedWeights", params: ["d"], paramTypes: ["d": "unsigned int"],
          vars: [Variable("g")], synapseDynamicsCode: "g = d / 2;"),
        weightUpdateParams: ["d": weightUpdateD], weightUpdateVars: ["g": 0],
        postsynaptic: PostsynapticModel(
          name: "TypedInput", params: ["q", "on"], paramTypes: ["q": "int", "on": "bool"],
          vars: [Variable("p")], simCode: "p = on ? q / 4 : 0; injectCurrent(0.0 * inSyn);"),
        postsynapticParams: ["q": 9, "on": 1], postsynapticVars: ["p": 0]))
    model.addCustomUpdate(
      CustomUpdate(
        name: "U", updateGroup: "G",
        model: CustomUpdateModel(
          name: "Quartered", params: ["k"], paramTypes: ["k": "uint16_t"],
          varRefs: [CustomUpdateVarReference("x")], updateCode: "x = k / 4;"),
        params: ["k": 9], varRefs: ["x": .neuronVariable(population: "N", variable: "updated")]))
    return model
  }

  @Test func integerParametersGiveIntegerArithmetic() async throws {
    let simulation = try await simulate(Self.model())
    try simulation.run(steps: 1)
    try simulation.customUpdate("G")
    let expected: [String: Double] = [
      "half": 2, "uhalf": 3, "flag": 1, "shalf": 2.5, "picked": 15, "input": -2, "initial": 3,
      "updated": 2,
    ]
    for (variable, value) in expected {
      #expect(try simulation.values(of: variable, in: "N") == [value, value], "\(variable)")
    }
    #expect(try simulation.values(of: "g", in: "S") == [1, 1, 1, 1])
    #expect(try simulation.values(of: "p", in: "S") == [2, 2])
  }

  @Test func valuesAreWrittenAsLiteralsIntoFieldsOfTheirType() throws {
    let source = try CPUBackend().generate(Self.model()).source
    for fragment in [
      "int32_t p_d;", "uint32_t p_u;", "bool p_b;", "float p_s;", "int8_t cs0_p_k;",
      ".p_d = 5;", ".p_u = 7u;", ".p_b = true;", ".cs0_p_k = -5;", ".p_d = 3u;",
    ] {
      #expect(source.contains(fragment), "\(fragment)")
    }
  }

  @Test func aValueTheTypeCannotHoldIsRefused() throws {
    #expect {
      try Self.model(d: 2.5, weightUpdateD: -1).validate()
    } throws: { error in
      (error as? ModelError)?.problems.map(\.description) == [
        "neuron population 'N': parameter 'd' is 2.5, which its type int cannot hold; "
          + "it must be a whole number in [-2147483648, 2147483647]",
        "synapse population 'S' (weight update model 'TypedWeights'): parameter 'd' is -1.0, "
          + "which its type unsigned int cannot hold; it must be a whole number in "
          + "[0, 4294967295]",
      ]
    }
  }

  @Test func anArrayIndexMustBeAnInteger() throws {
    var model = Self.model()
    model.neuronPopulations[0].model.paramTypes["d"] = "scalar"
    #expect(throws: (any Error).self) { try CPUBackend().generate(model) }
  }

  @Test(
    "typed parameters compile with NVRTC",
    .enabled(
      if: CUDAReferenceCompileTests.location.path != nil,
      Comment(rawValue: CUDAReferenceCompileTests.location.reason)))
  func compilesWithNVRTC() throws {
    let module = try CUDABackend().generate(Self.model())
    #expect(module.source.contains("int32_t p_d;") && module.source.contains(".p_d = 5;"))
    try CUDAReferenceCompileTests.compile(module, name: "typed_parameters")
  }
}
