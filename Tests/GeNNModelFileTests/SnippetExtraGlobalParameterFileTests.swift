import GeNNModel
import GeNNModelFile
import Testing

/// Variable initialisation and connectivity snippets with extra global parameters in model
/// files: the declarations in the snippet, the values beside `params`, errors at their
/// positions.
@Suite struct SnippetExtraGlobalParameterFileTests {
  static func text(values: String) -> String {
    """
    neurons:
      N:
        size: 4
        model:
          vars: {x: scalar}
        vars:
          x:
            snippet:
              extra_global_params: {values: scalar*}
              code: value = values[id % 2];
            \(values)

    """
  }

  @Test func valuesGoWithTheSnippet() throws {
    let file = try ModelFile.parse(
      Self.text(values: "extra_global_params: {values: [1, 2]}"), path: "egp.yaml")
    guard case .snippet(let snippet, _)? = file.model.neuronPopulations[0].vars["x"] else {
      Issue.record("not a snippet")
      return
    }
    #expect(snippet.extraGlobalParams == [ExtraGlobalParameter("values", "scalar*")])
    #expect(snippet.extraGlobalParamValues == ["values": [1, 2]])
  }

  @Test func unknownParameterIsNamedAtItsPosition() throws {
    let error = try #require(
      Fixtures.error(Self.text(values: "extra_global_params: {value: [1, 2]}")))
    #expect(error.position.line == 11)
    #expect(error.description.contains("value"))
  }

  @Test func connectivitySnippetsTakeTheirValuesBesideParams() throws {
    let text = """
      neurons:
        A: {size: 3, model: {vars: {x: scalar}}, vars: {x: 0}}
      synapses:
        AA:
          source: A
          target: A
          matrix_type: SPARSE
          connectivity:
            snippet:
              extra_global_params: {targets: int*}
              row_build_code: addSynapse(targets[id_pre]);
              max_row_length: 1
            extra_global_params: {targets: [2, 0, 1]}
          weight_update: {model: StaticPulse, vars: {g: 1}}

      """
    let file = try ModelFile.parse(text, path: "connectivity-egp.yaml")
    guard case .snippet(let snippet, _) = file.model.synapsePopulations[0].connectivity else {
      Issue.record("not a snippet")
      return
    }
    #expect(snippet.extraGlobalParams == [ExtraGlobalParameter("targets", "int*")])
    #expect(snippet.extraGlobalParamValues == ["targets": [2, 0, 1]])
  }
}
