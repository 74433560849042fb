import Testing

@testable import GeNNModel

/// The model reference: every built-in model is in it, with a unit and a meaning for
/// each of its fields, and the units errors list are GeNN's.
@Suite struct ModelReferenceTests {
  @Test func everyBuiltinModelIsListedOnce() {
    let counts: [ModelKind: Int] = [
      .neuron: NeuronModel.builtins.count, .weightUpdate: WeightUpdateModel.builtins.count,
      .postsynaptic: PostsynapticModel.builtins.count,
      .currentSource: CurrentSourceModel.builtins.count,
      .customUpdate: CustomUpdateModel.builtins.count,
      .variableInitialisation: InitSnippet.builtins.count,
      .connectivity: ConnectivitySnippet.builtins.count,
      .toeplitzConnectivity: ToeplitzSnippet.builtins.count,
    ]
    for kind in ModelKind.allCases {
      let listed = ModelReference.all.filter { $0.kind == kind }
      #expect(listed.count == counts[kind], "\(kind)")
      #expect(Set(listed.map(\.name)).count == listed.count, "\(kind)")
      #expect(!listed.isEmpty, "\(kind)")
    }
  }

  @Test func everyFieldHasAUnitAndAMeaning() {
    for model in ModelReference.all {
      #expect(!model.summary.isEmpty, "\(model.kind) \(model.name) has no summary")
      let fields =
        model.parameters + model.variables + model.references + model.extraGlobalParameters
      for field in fields {
        #expect(!field.unit.isEmpty, "\(model.name).\(field.name) has no unit")
        #expect(!field.meaning.isEmpty, "\(model.name).\(field.name) has no meaning")
      }
      #expect(!model.code.isEmpty || model.name == "Transpose", "\(model.name) has no code")
    }
  }

  @Test func lifHasGeNNsUnitsAndCode() throws {
    let lif = try #require(ModelReference.named("lif").first)
    #expect(lif.kind == .neuron)
    #expect(
      lif.parameters.map(\.nameWithUnit) == [
        "C (nF)", "TauM (ms)", "Vrest (mV)", "Vreset (mV)", "Vthresh (mV)", "Ioffset (nA)",
        "TauRefrac (ms)",
      ])
    #expect(lif.variables.map(\.access) == ["READ_WRITE", "READ_WRITE"])
    #expect(lif.derivedParameters == ["ExpTC", "Rmembrane"])
    #expect(lif.code.map(\.key) == ["sim_code", "threshold_condition_code", "reset_code"])
    #expect(lif.code[1].text == NeuronModel.lif.thresholdConditionCode)
  }

  @Test func conv2DIsBothAConnectivityAndAToeplitzSnippet() {
    #expect(
      ModelReference.named("Conv2D").map(\.kind) == [.connectivity, .toeplitzConnectivity])
  }

  @Test func unitsAreGivenOnlyForABuiltinModelsOwnParameters() {
    #expect(
      ModelReference.parameterUnits(.currentSource, name: "DC", params: ["amp"]) == [
        "amp": "nA"
      ])
    // A model of the user's own that happens to share a built-in's name.
    #expect(ModelReference.parameterUnits(.currentSource, name: "DC", params: ["a"]).isEmpty)
    #expect(ModelReference.parameterUnits(.neuron, name: "DC", params: ["amp"]).isEmpty)
  }
}
