import Testing

@testable import GeNNModel

/// `ModelSpec.validate()` on custom updates, with GeNN 5.4's rules (`customUpdate.cc`,
/// `models.cc`): references resolve to variables of the declared type and agree in
/// size or synapse population, writable references name variables with the update's
/// dimensions, reductions have the right shape, and transposes need DENSE matrices of
/// transposed sizes. Each message names the custom update and the field.
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

  /// GeNN checks only the types and dimensions of references: a read-write reference may
  /// name a variable its owner only reads, and the update writes it.
  @Test func readWriteReferencesMayNameReadOnlyVariables() throws {
    try Self.with(refs: ["x": .neuronVariable(population: "B", variable: "bias")]).validate()
    var model = Self.network()
    model.addNeuronPopulation(
      "C", size: 3,
      model: NeuronModel(
        name: "Duplicate", vars: [Variable("d", access: .readOnlyDuplicate)]), vars: ["d": 1])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Static", source: "A", target: "B", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 3], post: [2, 1]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": [1, 2]], postsynaptic: .deltaCurr))
    for (name, target) in [
      ("Duplicate", CustomUpdateTarget.neuronVariable(population: "C", variable: "d")),
      ("Weights", .weightUpdateVariable(synapses: "Static", variable: "g")),
    ] {
      var withUpdate = model
      withUpdate.addCustomUpdate(
        CustomUpdate(
          name: name, updateGroup: "Group", model: Self.scale, params: ["factor": 2],
          varRefs: ["x": target]))
      try withUpdate.validate()
    }
  }

  @Test func aPerNeuronUpdateCannotWriteAValueSharedByAllNeurons() {
    let shared = NeuronModel(
      name: "Shared", vars: [Variable("V"), Variable("s", access: .readOnlySharedNeuron)])
    var model = ModelSpec(name: "shared")
    model.addNeuronPopulation("P", size: 3, model: shared, vars: ["V": 0, "s": 1])
    let pair = CustomUpdateModel(
      name: "Scale", varRefs: [CustomUpdateVarReference("x"), CustomUpdateVarReference("y")],
      updateCode: "x = y;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "CU", updateGroup: "Group", model: pair,
        varRefs: [
          "x": .neuronVariable(population: "P", variable: "s"),
          "y": .neuronVariable(population: "P", variable: "V"),
        ]))
    let problems = Self.problems(model)
    #expect(
      problems == [
        .readOnlyReferenceTarget(
          element: Self.element, reference: "x", variable: "P.s",
          access: "READ_ONLY_SHARED_NEURON, one value shared by all neurons while the update "
            + "runs per neuron")
      ])
    #expect(
      problems.first?.description
        == "custom update 'CU' (model 'Scale'): varRefs: reference 'x' may write variable "
        + "'P.s', which is READ_ONLY_SHARED_NEURON, one value shared by all neurons while the "
        + "update runs per neuron; declare the reference READ_ONLY, or reference a variable "
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

  /// Over synapses, GeNN reduces only over batches: through a reduction reference to a
  /// variable shared across batches (READ_ONLY), not to one kept per batch.
  @Test func synapseUpdatesReduceOnlyOverBatches() {
    var model = Self.network()
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Pairs", source: "A", target: "B", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: WeightUpdateModel(
          name: "Pair", vars: [Variable("X"), Variable("SumX", access: .readOnly)]),
        weightUpdateVars: ["X": 1, "SumX": 0], postsynaptic: .deltaCurr))
    let sum = CustomUpdateModel(
      name: "Scale",
      varRefs: [
        CustomUpdateVarReference("x", access: .readOnly),
        CustomUpdateVarReference("total", access: .reduceSum),
      ],
      updateCode: "total = x;\n")
    func problems(x: String, total: String) -> [ModelProblem] {
      var withUpdate = model
      withUpdate.addCustomUpdate(
        CustomUpdate(
          name: "CU", updateGroup: "Group", model: sum,
          varRefs: [
            "x": .weightUpdateVariable(synapses: "Pairs", variable: x),
            "total": .weightUpdateVariable(synapses: "Pairs", variable: total),
          ]))
      return Self.problems(withUpdate)
    }
    #expect(problems(x: "X", total: "SumX") == [])
    #expect(
      problems(x: "SumX", total: "X").map(\.description) == [
        "custom update 'CU' (model 'Scale'): 'total': a custom update over synapses can only "
          + "reduce over batches, so a reduction reference needs a variable shared across "
          + "batches (READ_ONLY), not READ_WRITE"
      ])
  }

  /// As in GeNN, custom updates run over kernel weights, with one value per kernel
  /// element for their own variables.
  @Test func updatesOverKernelWeightsHaveOneValuePerKernelElement() {
    func model(values: [Double]) -> ModelSpec {
      var model = Self.network()
      model.addSynapsePopulation(
        SynapsePopulation(
          name: "Kernel", source: "A", target: "B", matrixType: .toeplitz,
          connectivity: .toeplitz(
            .conv2D,
            params: [
              "conv_kh": 1, "conv_kw": 2, "conv_ih": 2, "conv_iw": 2, "conv_ic": 1,
              "conv_oh": 2, "conv_ow": 2, "conv_oc": 1,
            ]), weightUpdate: .staticPulse, weightUpdateVars: ["g": 0.5],
          postsynaptic: .deltaCurr))
      let scale = CustomUpdateModel(
        name: "Scale", vars: [CustomUpdateVariable("y")],
        varRefs: [CustomUpdateVarReference("x", access: .readOnly)], updateCode: "y = x;\n")
      model.addCustomUpdate(
        CustomUpdate(
          name: "CU", updateGroup: "Group", model: scale, vars: ["y": .values(values)],
          varRefs: ["x": .weightUpdateVariable(synapses: "Kernel", variable: "g")]))
      return model
    }
    #expect(Self.problems(model(values: [1, 2])) == [])
    #expect(
      Self.problems(model(values: [1, 2, 3]))
        == [
          .wrongLength(
            element: "custom update 'CU' (model 'Scale')", field: "y", expected: 2, got: 3)
        ])
  }

  /// As in GeNN, the delayed variables one update references are all kept by one neuron
  /// population, and a dendritic delay buffer needs `maxDendriticDelaySteps`.
  @Test func delayedReferencesShareTheirPopulation() {
    var model = Self.network()
    model.synapsePopulations[0].axonalDelaySteps = 1
    model.synapsePopulations[1].axonalDelaySteps = 2
    let both = CustomUpdateModel(
      name: "Both",
      varRefs: [
        CustomUpdateVarReference("a", "timepoint", access: .broadcast),
        CustomUpdateVarReference("b", "timepoint", access: .broadcast),
      ], updateCode: "a = 0.0;\nb = 0.0;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "CU", updateGroup: "Group", model: both,
        varRefs: ["a": .spikeTimes(population: "A"), "b": .spikeTimes(population: "B")]))
    let element = "custom update 'CU' (model 'Both')"
    #expect(
      Self.problems(model).contains(
        .referenceShapeMismatch(
          element: element, reference: "b", other: "a",
          reason: "name variables kept per delay slot of neuron populations 'A' and 'B'; as "
            + "in GeNN, all must belong to the same one")))
    model.customUpdates[0].varRefs["b"] = .dendriticDelayBuffer(synapses: "AB")
    model.customUpdates[0].model.varRefs[1].type = "scalar"
    #expect(
      Self.problems(model) == [
        .unknownReferencedVariable(
          element: element, field: "varRefs", reference: "b", variable: "denDelay",
          owner: "synapse population 'AB' (without max_dendritic_delay_steps, so with no "
            + "dendritic delay buffer)", available: [])
      ])
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
    #expect(
      problems.contains(
        .missingParameter(element: Self.element, name: "factor", allowed: ["factor"])))
    #expect(
      problems.contains(.unknownVariable(element: Self.element, name: "y", allowed: [])))
  }
}
