import Testing

@testable import GeNNModel

/// `ModelSpec.validate()` on custom updates, with GeNN 5.4's rules (`customUpdate.cc`,
/// `models.cc`): references resolve to variables of the declared type and agree in
/// size or synapse population, writable references name writable variables, reductions
/// have the right shape, and transposes need DENSE matrices of transposed sizes. Each
/// message names the custom update and the field.
@Suite struct CustomUpdateValidationTests {
  static let lifParams: [String: Double] = [
    "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
    "TauRefrac": 2,
  ]
  /// A neuron model with a read-only variable.
  static let fixed = NeuronModel(
    name: "Fixed", vars: [Variable("V"), Variable("bias", access: .readOnly)])
  static let pulse = WeightUpdateModel(
    name: "PulseRW", vars: [Variable("g")], preSpikeSynCode: "addToPost(g);\n")

  /// `A` (4 LIF neurons), `B` (3 `Fixed` neurons), DENSE `AB` and SPARSE `BA` synapses.
  static func network() -> ModelSpec {
    var model = ModelSpec(name: "custom_updates")
    model.addNeuronPopulation(
      "A", size: 4, model: .lif, params: lifParams, vars: ["V": -65, "RefracTime": 0])
    model.addNeuronPopulation("B", size: 3, model: fixed, vars: ["V": 0, "bias": 1])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "AB", source: "A", target: "B", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: pulse, weightUpdateVars: ["g": 0.5], postsynaptic: .deltaCurr))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "BA", source: "B", target: "A", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 2], post: [1, 3]), weightUpdate: pulse,
        weightUpdateVars: ["g": [1, 2]], postsynaptic: .deltaCurr))
    return model
  }

  static let scale = CustomUpdateModel(
    name: "Scale", params: ["factor"], varRefs: [CustomUpdateVarReference("x")],
    updateCode: "x *= factor;\n")

  /// The network with one custom update of `model` referencing `refs`.
  static func with(
    _ model: CustomUpdateModel = scale, params: [String: Double] = ["factor": 2],
    vars: [String: VarInit] = [:], refs: [String: CustomUpdateTarget]
  ) -> ModelSpec {
    var network = network()
    network.addCustomUpdate(
      CustomUpdate(
        name: "CU", updateGroup: "Group", model: model, params: params, vars: vars, varRefs: refs))
    return network
  }

  static func problems(_ model: ModelSpec) -> [ModelProblem] {
    do {
      try model.validate()
      return []
    } catch {
      return error.problems
    }
  }

  static let element = "custom update 'CU' (model 'Scale')"

  @Test func referencesOfEveryKindPass() throws {
    for target: CustomUpdateTarget in [
      .neuronVariable(population: "A", variable: "V"),
      .weightUpdateVariable(synapses: "AB", variable: "g"),
      .weightUpdateVariable(synapses: "BA", variable: "g"),
      .postsynapticInput(synapses: "AB"),
    ] {
      try Self.with(refs: ["x": target]).validate()
    }
  }

  @Test func unknownPopulationAndVariableAreNamed() {
    let population = Self.problems(
      Self.with(refs: ["x": .neuronVariable(population: "C", variable: "V")]))
    #expect(
      population == [
        .unknownReferenceTarget(
          element: Self.element, reference: "x", kind: "neuron population", name: "C",
          available: ["A", "B"])
      ])
    #expect(
      population.first?.description
        == "custom update 'CU' (model 'Scale'): varRefs: reference 'x' names neuron population "
        + "'C', which does not exist; neuron populations are: A, B")
    let variable = Self.problems(
      Self.with(refs: ["x": .weightUpdateVariable(synapses: "AB", variable: "w")]))
    #expect(
      variable.map(\.description) == [
        "custom update 'CU' (model 'Scale'): varRefs: reference 'x' names variable 'w', which "
          + "synapse population 'AB' (weight update model 'PulseRW', vars) does not have; "
          + "variables are: g"
      ])
    let missing = Self.problems(Self.with(refs: [:]))
    #expect(missing == [.missingVariableReference(element: Self.element, reference: "x")])
  }

  @Test func writingAReadOnlyVariableIsRefused() {
    let problems = Self.problems(
      Self.with(refs: ["x": .neuronVariable(population: "B", variable: "bias")]))
    #expect(
      problems == [
        .readOnlyReferenceTarget(
          element: Self.element, reference: "x", variable: "B.bias", access: "READ_ONLY")
      ])
    #expect(
      problems.first?.description
        == "custom update 'CU' (model 'Scale'): varRefs: reference 'x' may write variable "
        + "'B.bias', which is READ_ONLY; declare the reference READ_ONLY, or reference a variable "
        + "that can be written")
  }

  @Test func referencesMustAgreeInSizeAndShape() {
    let pair = CustomUpdateModel(
      name: "Scale", varRefs: [CustomUpdateVarReference("x"), CustomUpdateVarReference("y")],
      updateCode: "x = y;\n")
    let sizes = Self.problems(
      Self.with(
        pair, params: [:],
        refs: [
          "x": .neuronVariable(population: "A", variable: "V"),
          "y": .neuronVariable(population: "B", variable: "V"),
        ]))
    #expect(
      sizes.map(\.description) == [
        "custom update 'CU' (model 'Scale'): varRefs: references 'x' and 'y' name variables of "
          + "different sizes (4 and 3 values); all referenced variables must have the same size"
      ])
    let synapses = Self.problems(
      Self.with(
        pair, params: [:],
        refs: [
          "x": .weightUpdateVariable(synapses: "AB", variable: "g"),
          "y": .weightUpdateVariable(synapses: "BA", variable: "g"),
        ]))
    #expect(synapses.count == 1)
    #expect(synapses.first?.description.contains("same synapse population") == true)
    let mixed = Self.problems(
      Self.with(
        pair, params: [:],
        refs: [
          "x": .weightUpdateVariable(synapses: "AB", variable: "g"),
          "y": .neuronVariable(population: "A", variable: "V"),
        ]))
    #expect(mixed.count == 1)
    #expect(mixed.first?.description.contains("per-neuron and per-synapse") == true)
  }

  @Test func referenceTypesMustMatch() {
    let typed = CustomUpdateModel(
      name: "Scale", params: ["factor"], varRefs: [CustomUpdateVarReference("x", "float")],
      updateCode: "x *= factor;\n")
    #expect(
      Self.problems(Self.with(typed, refs: ["x": .neuronVariable(population: "A", variable: "V")]))
        == [
          .referenceTypeMismatch(
            element: Self.element, reference: "x", declared: "float", actual: "scalar")
        ])
  }

  @Test func reductionRules() {
    // A reduction over neurons cannot run per synapse.
    let stats = CustomUpdateModel(
      name: "Scale", vars: [CustomUpdateVariable("total", access: .reduceNeuronSum)],
      varRefs: [CustomUpdateVarReference("x", access: .readOnly)], updateCode: "total = x;\n")
    let perSynapse = Self.problems(
      Self.with(
        stats, params: [:], vars: ["total": 0],
        refs: ["x": .weightUpdateVariable(synapses: "AB", variable: "g")]))
    #expect(perSynapse.count == 1)
    #expect(
      perSynapse.first?.description.hasPrefix(
        "custom update 'CU' (model 'Scale'): 'total': a custom update over the synapses of 'AB' "
          + "cannot have REDUCE_NEURON_SUM variables") == true)
    // Reducing into a per-neuron READ_WRITE variable has no reduction dimension.
    let into = CustomUpdateModel(
      name: "Scale", varRefs: [CustomUpdateVarReference("x", access: .reduceSum)],
      updateCode: "x = 1.0;\n")
    let problems = Self.problems(
      Self.with(into, params: [:], refs: ["x": .neuronVariable(population: "A", variable: "V")]))
    #expect(problems.count == 1)
    if case .invalidReduction(let element, let field, _)? = problems.first {
      #expect(element == Self.element && field == "x")
    } else {
      Issue.record("expected an invalid reduction, got \(problems)")
    }
    // A neuron reduction passes, with one value for the reduced variable.
    #expect(
      Self.problems(
        Self.with(
          stats, params: [:], vars: ["total": [0]],
          refs: ["x": .neuronVariable(population: "A", variable: "V")])) == [])
  }

  @Test func transposeNeedsDenseMatricesOfTransposedSizes() {
    let problems = Self.problems(
      Self.with(
        .transpose, params: [:],
        refs: [
          "variable": .transposedWeightUpdateVariable(
            synapses: "AB", variable: "g", transposeSynapses: "BA", transposeVariable: "g")
        ]))
    #expect(
      problems == [
        .invalidTranspose(
          element: "custom update 'CU' (model 'Transpose')", reference: "variable",
          reason: "a transpose needs DENSE matrices; 'AB' is DENSE and 'BA' is SPARSE")
      ])
  }

  @Test func namesParametersAndValuesAreChecked() {
    var model = Self.with(
      params: [:], vars: ["y": 1], refs: ["x": .neuronVariable(population: "A", variable: "V")])
    model.customUpdates[0].updateGroup = "a group"
    model.addCustomUpdate(model.customUpdates[0])
    let problems = Self.problems(model)
    #expect(problems.contains(.duplicateName(kind: "custom update", name: "CU")))
    #expect(
      problems.contains(
        .invalidElementName(element: Self.element + ", update group", name: "a group")))
    #expect(problems.contains(.missingParameter(element: Self.element, name: "factor")))
    #expect(
      problems.contains(.unknownVariable(element: Self.element, name: "y", allowed: [])))
  }
}
