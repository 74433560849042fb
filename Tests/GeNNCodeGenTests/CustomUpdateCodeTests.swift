import GeNNModel
import GeNNTranspiler
import Testing

@testable import GeNNCodeGen

/// The C++ of custom updates: update code checked against the names GeNN gives it, with
/// errors naming the custom update; reductions kept in locals and written after the loop;
/// and no custom update code at all in models without custom updates.
@Suite struct CustomUpdateCodeTests {
  static func model(_ update: CustomUpdateModel, access: VarAccessMode = .readWrite) -> ModelSpec {
    var model = ModelSpec(name: "custom_update_code", precision: .float)
    model.addNeuronPopulation(
      "Pop", size: 10, model: .izhikevich, params: CPUBackendTests.izhikevichParams,
      vars: CPUBackendTests.izhikevichVars)
    model.addCustomUpdate(
      CustomUpdate(
        name: "Update", updateGroup: "Group", model: update,
        vars: Dictionary(uniqueKeysWithValues: update.vars.map { ($0.name, VarInit.constant(0)) }),
        varRefs: ["V": .neuronVariable(population: "Pop", variable: "V")]))
    return model
  }

  @Test func writingAReadOnlyReferenceIsACodeErrorNamingTheUpdate() {
    let update = CustomUpdateModel(
      name: "Clamp", varRefs: [CustomUpdateVarReference("V", access: .readOnly)],
      updateCode: "V = fmin(V, 30.0);\n")
    let errors = CPUBackendTests.codeErrors(Self.model(update))
    #expect(errors.map(\.context) == ["custom update 'Update', update code"])
  }

  @Test func aReductionTargetCannotBeRead() {
    let update = CustomUpdateModel(
      name: "Max", vars: [CustomUpdateVariable("top", access: .reduceNeuronMax)],
      varRefs: [CustomUpdateVarReference("V", access: .readOnly)],
      updateCode: "top = V;\ntop = top + 1.0;\n")
    #expect(CPUBackendTests.codeErrors(Self.model(update)).count == 1)
  }

  @Test func reductionsAreWrittenAfterTheNeuronLoop() throws {
    let update = CustomUpdateModel(
      name: "Max", vars: [CustomUpdateVariable("top", access: .reduceNeuronMax)],
      varRefs: [CustomUpdateVarReference("V", access: .readOnly)], updateCode: "top = V;\n")
    let source = try CPUBackendTests.source(Self.model(update))
    let function = try #require(
      CPUBackendTests.function(
        "void updateCustomUpdate0(const CustomUpdate0 &group, uint64_t timestep) {", in: source))
    #expect(function.contains("float red_top = -3.402823466e+38f;"))
    #expect(function.contains("red_top = fmax(red_top, l_top);"))
    #expect(function.hasSuffix("    }\n    group.v_top[0] = red_top;\n}\n"))
    #expect(source.contains("GENN_EXPORT void genn_custom_update("))
  }

  @Test func modelsWithoutCustomUpdatesHaveNoCustomUpdateCode() throws {
    var model = Self.model(CustomUpdateModel(name: "None"))
    model.customUpdates = []
    let source = try CPUBackendTests.source(model)
    #expect(!source.contains("CustomUpdate"))
    #expect(!source.contains("customUpdate"))
    #expect(!source.contains(CModuleInterface.customUpdate))
  }
}
