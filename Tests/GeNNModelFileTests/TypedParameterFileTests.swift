import GeNNModel
import GeNNModelFile
import Testing

/// Typed parameters of inline models in model files: `params` as a mapping from names
/// to GeNN types, as PyGeNN's `(name, type)` pairs; errors at the file's line and column.
@Suite struct TypedParameterFileTests {
  /// A file with an inline neuron model whose `params` entry is `params` and whose
  /// population gives `values`.
  static func file(params: String, values: String) -> String {
    """
    neurons:
      N:
        size: 2
        model:
          params: \(params)
          vars: {x: scalar}
          sim_code: |
            x = d / 2;
        params: \(values)
        vars: {x: 0}
    """
  }

  @Test func everyInlineModelTakesTypedParameters() throws {
    let text = """
      neurons:
        N:
          size: 2
          model:
            params: {d: int, u: unsigned int, b: bool, s: scalar, w: uint64_t}
            vars: {x: scalar}
            sim_code: x = d / 2;
          params: {d: 5, u: 3, b: 1, s: 0.5, w: 18446744073709549568}
          vars:
            x: {snippet: {params: {n: int}, code: value = n / 2;}, params: {n: 7}}
      current_sources:
        C:
          target: N
          model:
            params: {k: int8_t}
            injection_code: injectCurrent(k / 2);
          params: {k: -5}
      synapses:
        S:
          source: N
          target: N
          matrix_type: DENSE
          weight_update:
            model:
              params: {d: unsigned int}
              vars: {g: scalar}
              pre_spike_syn_code: addToPost(g * (d / 2u));
            params: {d: 3}
            vars: {g: 1}
          postsynaptic:
            model:
              params: {tau: scalar, on: bool}
              sim_code: injectCurrent(inSyn);
            params: {tau: 1, on: 0}
      """
    let model = try ModelFile.parse(text, path: "test.yaml").model
    let neuron = model.neuronPopulations[0].model
    #expect(neuron.params == ["d", "u", "b", "s", "w"])
    #expect(
      neuron.paramTypes == ["d": "int", "u": "unsigned int", "b": "bool", "w": "uint64_t"])
    guard case .snippet(let snippet, _)? = model.neuronPopulations[0].vars["x"] else {
      Issue.record("x is not initialised by a snippet")
      return
    }
    #expect(snippet.paramTypes == ["n": "int"])
    #expect(model.currentSources[0].model.paramTypes == ["k": "int8_t"])
    #expect(model.synapsePopulations[0].weightUpdate.paramTypes == ["d": "unsigned int"])
    #expect(model.synapsePopulations[0].postsynaptic.params == ["tau", "on"])
    #expect(model.synapsePopulations[0].postsynaptic.paramTypes == ["on": "bool"])
  }

  @Test func customUpdateModelsTakeTypedParameters() throws {
    let text =
      Self.file(params: "[d]", values: "{d: 1}") + """

        custom_updates:
          U:
            group: G
            model:
              params: {k: int}
              var_refs: {x: scalar}
              update_code: x = k / 2;
            params: {k: 5}
            var_refs: {x: {population: N, var: x}}
        """
    let model = try ModelFile.parse(text, path: "test.yaml").model
    #expect(model.customUpdates[0].model.paramTypes == ["k": "int"])
  }

  @Test func aValueItsTypeCannotHoldIsRefusedAtTheValue() throws {
    for (value, type, requirement) in [
      ("2.5", "int", "a whole number in [-2147483648, 2147483647]"),
      ("-1", "unsigned int", "a whole number in [0, 4294967295]"),
      ("2", "bool", "a whole number in [0, 1]"),
      ("300", "int8_t", "a whole number in [-128, 127]"),
    ] {
      let text = Self.file(params: "{d: \(type)}", values: "{d: \(value)}")
      let error = try #require(Fixtures.error(text))
      #expect(error.position == SourcePosition(file: "test.yaml", line: 9, column: 14))
      #expect(
        error.description.contains(
          "neuron population 'N': parameter 'd' is \(Double(value)!), which its type \(type) "
            + "cannot hold; it must be \(requirement)"))
    }
  }

  @Test func anUnknownTypeIsRefused() throws {
    let error = try #require(
      Fixtures.error(Self.file(params: "{d: integer}", values: "{d: 5}")))
    #expect(error.description.hasPrefix("test.yaml:"))
    #expect(error.description.contains("'d' has type 'integer', which is not a GeNN type"))
  }

  @Test func aTypeMustBeAName() throws {
    let error = try #require(Fixtures.error(Self.file(params: "{d: [int]}", values: "{d: 5}")))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 5, column: 19))
    #expect(error.description.contains("a GeNN type such as scalar, int or unsigned int"))
  }
}
