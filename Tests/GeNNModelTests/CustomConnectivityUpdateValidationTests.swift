import GeNNModel
import Testing

/// Custom connectivity updates are checked as GeNN 5.4 checks them
/// (`CustomConnectivityUpdate`'s constructor), each problem naming the update.
@Suite struct CustomConnectivityUpdateValidationTests {
  static let element = "custom connectivity update 'Prune' (model 'PruneModel')"

  static func network(matrixType: SynapseMatrixType = .sparse) -> ModelSpec {
    var model = ModelSpec(name: "ccu_checks")
    let neuron = NeuronModel(name: "N", vars: [Variable("V"), Variable("n", "int")])
    model.addNeuronPopulation("A", size: 3, model: neuron, vars: ["V": 0, "n": 0])
    model.addNeuronPopulation("B", size: 2, model: neuron, vars: ["V": 0, "n": 0])
    for (name, source, target) in [("AB", "A", "B"), ("BA", "B", "A")] {
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: source, target: target, matrixType: matrixType,
          connectivity: .allToAll,
          weightUpdate: WeightUpdateModel(name: "W", vars: [Variable("g")]),
          weightUpdateVars: ["g": 1], postsynaptic: .deltaCurr))
    }
    return model
  }

  static let pruneModel = CustomConnectivityUpdateModel(
    name: "PruneModel", params: ["theta"], vars: [Variable("age")],
    preVars: [Variable("count", "unsigned int")],
    varRefs: [CustomUpdateVarReference("g")],
    preVarRefs: [CustomUpdateVarReference("n", "int")],
    postVarRefs: [CustomUpdateVarReference("V", access: .readOnly)],
    rowUpdateCode: "for_each_synapse { if (g < theta) { remove_synapse(); } }")

  static func with(
    synapses: String = "AB", matrixType: SynapseMatrixType = .sparse,
    varRefs: [String: CustomUpdateTarget] = [
      "g": .weightUpdateVariable(synapses: "AB", variable: "g")
    ],
    preVarRefs: [String: CustomUpdateTarget] = [
      "n": .neuronVariable(population: "A", variable: "n")
    ],
    postVarRefs: [String: CustomUpdateTarget] = [
      "V": .neuronVariable(population: "B", variable: "V")
    ]
  ) -> ModelSpec {
    var model = network(matrixType: matrixType)
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "Prune", updateGroup: "Structural", synapses: synapses, model: pruneModel,
        params: ["theta": 0.5], vars: ["age": 0], preVars: ["count": 0], varRefs: varRefs,
        preVarRefs: preVarRefs, postVarRefs: postVarRefs))
    return model
  }

  static func problems(_ model: ModelSpec) -> [ModelProblem] {
    do {
      try model.validate()
      return []
    } catch {
      return error.problems
    }
  }

  @Test func aValidUpdatePasses() throws {
    try Self.with().validate()
    #expect(Self.with().customUpdateGroups == ["Structural"])
  }

  @Test func onlySparsePopulations() {
    let problems = Self.problems(Self.with(matrixType: .dense))
    #expect(
      problems.contains(
        .invalidConnectivity(
          element: Self.element,
          reason: "synapse population 'AB' is DENSE; custom connectivity updates can only be "
            + "attached to SPARSE synapse populations")))
    #expect(
      Self.problems(Self.with(synapses: "XY")).contains(
        .unknownTarget(element: Self.element, target: "XY", available: ["AB", "BA"])))
  }

  @Test func synapticReferencesNameItsOwnPopulation() {
    let problems = Self.problems(
      Self.with(varRefs: ["g": .weightUpdateVariable(synapses: "BA", variable: "g")]))
    #expect(
      problems == [
        .referenceShapeMismatch(
          element: Self.element, reference: "g", other: "g",
          reason: "all referenced synaptic variables must belong to synapse population 'AB'")
      ])
  }

  @Test func neuronReferencesHaveTheSidesSizeAndType() {
    let wrongSide = Self.problems(
      Self.with(preVarRefs: ["n": .neuronVariable(population: "B", variable: "n")]))
    #expect(
      wrongSide == [
        .referenceShapeMismatch(
          element: Self.element, reference: "n", other: "n",
          reason: "all referenced presynaptic variables must have one value per neuron of "
            + "population 'A' (3 values)")
      ])
    let wrongType = Self.problems(
      Self.with(postVarRefs: ["V": .neuronVariable(population: "B", variable: "n")]))
    #expect(
      wrongType == [
        .referenceTypeMismatch(
          element: Self.element, reference: "V", declared: "scalar", actual: "int")
      ])
    let missing = Self.problems(Self.with(postVarRefs: [:]))
    #expect(missing == [.missingVariableReference(element: Self.element, reference: "V")])
  }

  @Test func namesAreUniqueAmongCustomUpdates() {
    var model = Self.with()
    model.addCustomUpdate(
      CustomUpdate(
        name: "Prune", updateGroup: "Other",
        model: CustomUpdateModel(name: "U", varRefs: [CustomUpdateVarReference("V")]),
        varRefs: ["V": .neuronVariable(population: "A", variable: "V")]))
    #expect(
      Self.problems(model).contains(
        .duplicateName(kind: "custom update or custom connectivity update", name: "Prune")))
  }

  @Test func dependentVariablesAreTheUnreferencedPerSynapseArrays() {
    var model = Self.with(varRefs: [:])
    model.customConnectivityUpdates[0].model.varRefs = []
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "Other", updateGroup: "Structural", synapses: "AB",
        model: CustomConnectivityUpdateModel(name: "O", vars: [Variable("x")]), vars: ["x": 0]))
    #expect(
      model.dependentVariables(of: model.customConnectivityUpdates[0]) == [
        .weightUpdate(variable: "g"), .customConnectivityUpdate(update: "Other", variable: "x"),
      ])
    #expect(
      model.dependentVariables(of: model.customConnectivityUpdates[1]) == [
        .weightUpdate(variable: "g"), .customConnectivityUpdate(update: "Prune", variable: "age"),
      ])
  }
}
