import GeNNModel
import GeNNModelFile
import Testing

/// Model-file forms of `target_var` and `var_refs` of current sources (with inline
/// `neuron_var_refs`), `pre_target_var` and `post_target_var` of synapse populations,
/// `auto_refractory_required`, typed derived parameters and `uninitialised` variables;
/// errors at the file's line and column.
@Suite struct NeuronInputFileTests {
  /// A file whose current source targets `sourceTarget` and whose synapses target
  /// `postTarget` and `preTarget`.
  static func file(
    sourceTarget: String = "Ia", postTarget: String = "Ia", preTarget: String = "Isyn"
  )
    -> String
  {
    """
    neurons:
      N:
        size: 2
        model:
          vars: {V: scalar, C: scalar, U: scalar}
          additional_input_vars: {Ia: 0}
          derived_params:
            half: {formula: "5 / 2", type: int}
            plain: "5 / 2"
          sim_code: V = Isyn + Ia + half;
          threshold_condition_code: V > 10.0
          auto_refractory_required: true
        vars: {V: 0, C: 0, U: uninitialised}
    current_sources:
      Drive:
        target: N
        model:
          neuron_var_refs: {v: scalar, count: {type: scalar, access: READ_WRITE}}
          injection_code: |
            injectCurrent(v * 0.5);
            count += 1.0;
        var_refs: {count: C, v: V}
        target_var: \(sourceTarget)
    synapses:
      S:
        source: N
        target: N
        weight_update: {model: StaticPulse, vars: {g: 1}}
        post_target_var: \(postTarget)
        pre_target_var: \(preTarget)

    """
  }

  @Test func everyFormLoads() throws {
    let model = try ModelFile.parse(Self.file(), path: "test.yaml").model
    let neuron = model.neuronPopulations[0]
    #expect(neuron.model.autoRefractoryRequired)
    #expect(neuron.model.derivedParams.map(\.type) == ["int", "scalar"])
    guard case .uninitialised? = neuron.vars["U"] else {
      Issue.record("U is \(String(describing: neuron.vars["U"]))")
      return
    }
    let source = model.currentSources[0]
    #expect(source.targetVar == "Ia")
    #expect(source.varRefs == ["v": "V", "count": "C"])
    #expect(source.model.neuronVarRefs.map(\.isReadOnly) == [true, false])
    #expect(model.synapsePopulations[0].postTargetVar == "Ia")
    #expect(model.synapsePopulations[0].preTargetVar == "Isyn")
  }

  @Test func anUnknownInputIsRefusedAtItsKey() throws {
    for (text, line, field) in [
      (Self.file(sourceTarget: "Ib"), 23, "target_var 'Ib'"),
      (Self.file(postTarget: "Ib"), 29, "post_target_var 'Ib'"),
      (Self.file(preTarget: "Ib"), 30, "pre_target_var 'Ib'"),
    ] {
      let error = try #require(Fixtures.error(text))
      #expect(error.position.line == line, "\(error)")
      #expect(
        error.description.contains(
          "\(field) is not an input of the neurons of 'N'; inputs are: Isyn, Ia"), "\(error)")
    }
  }

  @Test func aReferenceToAnUnknownVariableIsRefused() throws {
    let text = Self.file().replacing("var_refs: {count: C, v: V}", with: "var_refs: {v: W}")
    let error = try #require(Fixtures.error(text))
    #expect(error.position.line == 22)
    #expect(error.description.contains("'W'"))
  }

  @Test func aDerivedParameterTypeMustBeAGeNNType() throws {
    let text = Self.file().replacing("type: int}", with: "type: integer}")
    let error = try #require(Fixtures.error(text))
    #expect(error.position.line == 8)
    #expect(error.description.contains("unknown type 'integer'"))
  }
}
