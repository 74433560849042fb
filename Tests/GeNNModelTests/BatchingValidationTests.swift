import GeNNModel
import Testing

/// GeNN 5.4's rules for batched models (`batch_size` above 1): what a batched update may
/// write, what a custom connectivity update may reference, and which variables have a
/// copy per batch.
@Suite struct BatchingValidationTests {
  static let neuron = NeuronModel(
    name: "Two", vars: [Variable("V"), Variable("Shared", access: .readOnly)], simCode: "")

  static func model(batchSize: Int) -> ModelSpec {
    var model = ModelSpec(name: "batched", batchSize: batchSize)
    model.addNeuronPopulation("Pop", size: 3, model: neuron, vars: ["V": 0, "Shared": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "Pop", target: "Pop", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 1], post: [1, 2]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": 1], postsynaptic: .deltaCurr))
    return model
  }

  static func problems(_ model: ModelSpec) -> [ModelProblem] {
    ModelValidationTests.problems(model)
  }

  @Test func aPerBatchUpdateCannotWriteAVariableSharedAcrossBatches() {
    var model = Self.model(batchSize: 2)
    model.addCustomUpdate(
      CustomUpdate(
        name: "Copy", updateGroup: "G",
        model: CustomUpdateModel(
          name: "Copy",
          varRefs: [
            CustomUpdateVarReference("V", access: .readOnly),
            CustomUpdateVarReference("Shared", access: .readWrite),
          ], updateCode: "Shared = V;"),
        varRefs: [
          "V": .neuronVariable(population: "Pop", variable: "V"),
          "Shared": .neuronVariable(population: "Pop", variable: "Shared"),
        ]))
    let found = Self.problems(model)
    #expect(found.count == 1)
    #expect(
      found.first?.description.contains(
        "one value shared by every batch while the update "
          + "runs per batch (batch size 2)") == true, "\(found)")
    // With one batch the same update is GeNN's too.
    model.batchSize = 1
    #expect(Self.problems(model).isEmpty)
  }

  @Test func aCustomConnectivityUpdateReferencesOnlySharedNeuronVariables() {
    var model = Self.model(batchSize: 3)
    let prune = CustomConnectivityUpdateModel(
      name: "Prune", preVarRefs: [CustomUpdateVarReference("v", access: .readOnly)],
      rowUpdateCode: "")
    for (variable, allowed) in [("V", false), ("Shared", true)] {
      var withUpdate = model
      withUpdate.addCustomConnectivityUpdate(
        CustomConnectivityUpdate(
          name: "Prune", updateGroup: "Structural", synapses: "S", model: prune,
          preVarRefs: ["v": .neuronVariable(population: "Pop", variable: variable)]))
      let found = Self.problems(withUpdate)
      #expect(found.isEmpty == allowed, "\(variable): \(found)")
      if !allowed {
        #expect(found.first?.description.contains("shared across batches") == true)
      }
    }
    model.batchSize = 1
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "Prune", updateGroup: "Structural", synapses: "S", model: prune,
        preVarRefs: ["v": .neuronVariable(population: "Pop", variable: "V")]))
    #expect(Self.problems(model).isEmpty)
  }

  @Test func aCustomUpdatesVariablesHaveTheBatchDimensionOfItsReferences() {
    var model = Self.model(batchSize: 2)
    let reduce = CustomUpdateModel(
      name: "Reduce",
      vars: [
        CustomUpdateVariable("total", access: .reduceBatchSum),
        CustomUpdateVariable("copy", access: .readWrite),
      ],
      varRefs: [CustomUpdateVarReference("x", access: .readOnly)],
      updateCode: "total = x;\ncopy = x;")
    for (name, variable) in [("OfV", "V"), ("OfShared", "Shared")] {
      model.addCustomUpdate(
        CustomUpdate(
          name: name, updateGroup: "G", model: reduce, vars: ["total": 0, "copy": 0],
          varRefs: ["x": .neuronVariable(population: "Pop", variable: variable)]))
    }
    #expect(model.hasBatchDimension(model.customUpdates[0]))
    #expect(!model.hasBatchDimension(model.customUpdates[1]))
    func batched(_ update: String, _ variable: String) -> Bool? {
      try? model.referencedVariable(
        .customUpdateVariable(update: update, variable: variable), before: 2
      ).get().hasBatchDimension
    }
    #expect(batched("OfV", "copy") == true)
    #expect(batched("OfV", "total") == false)
    #expect(batched("OfShared", "copy") == false)
  }
}
