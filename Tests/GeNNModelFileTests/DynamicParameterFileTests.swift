import GeNNModel
import GeNNModelFile
import Testing

/// `dynamic_params` of neuron populations, current sources, weight update and
/// postsynaptic models and custom updates, `timing` and `fuse_postsynaptic_models`; errors
/// at the file's line and column.
@Suite struct DynamicParameterFileTests {
  static let text = """
    timing: true
    neurons:
      N:
        size: 2
        model: {params: [input, other], vars: {x: scalar}, sim_code: "x = input + other;"}
        params: {input: 1, other: 2}
        vars: {x: 0}
        dynamic_params: [input]
    current_sources:
      C:
        target: N
        model: DC
        params: {amp: 1}
        dynamic_params: amp
    synapses:
      S:
        source: N
        target: N
        weight_update:
          model: StaticPulseConstantWeight
          params: {g: 1}
          dynamic_params: [g]
        postsynaptic:
          model: ExpCurr
          params: {tau: 5}
          dynamic_params: [tau]
    custom_updates:
      U:
        group: G
        model: {params: [k], var_refs: {r: scalar}, update_code: "r = k;"}
        params: {k: 3}
        var_refs: {r: {population: N, var: x}}
        dynamic_params: [k]
    """

  @Test func everyElementKindMarksParametersDynamic() throws {
    let model = try ModelFile.parse(Self.text, path: "dynamic.yaml").model
    #expect(model.timingEnabled)
    #expect(
      model.dynamicParameters.map { "\($0.element).\($0.name)" } == [
        "N.input", "C.amp", "S.g", "S.tau", "U.k",
      ])
  }

  @Test func fusePostsynapticModelsIsReadAndOffByDefault() throws {
    let fused = try ModelFile.parse(
      "fuse_postsynaptic_models: true\n" + Self.text, path: "fused.yaml"
    ).model
    #expect(fused.fusePostsynapticModels)
    #expect(!(try ModelFile.parse(Self.text, path: "plain.yaml").model.fusePostsynapticModels))
    let error = try #require(Fixtures.error("fuse_postsynaptic_models: maybe\n" + Self.text))
    #expect(error.position.line == 1)
  }

  @Test func anUnknownParameterIsAnErrorAtItsName() throws {
    let text = Self.text.replacingOccurrences(
      of: "dynamic_params: [input]", with: "dynamic_params: [input, inptu]")
    let error = try #require(Fixtures.error(text))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 8, column: 29))
    #expect(
      error.description
        == "test.yaml:8:29: error: 'neurons.N.dynamic_params[1]': there is no parameter named "
        + "'inptu'; did you mean 'input'? Available: input, other.")
  }
}
