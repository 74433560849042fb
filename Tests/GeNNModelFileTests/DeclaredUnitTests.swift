import GeNNModel
import GeNNModelFile
import Testing

/// `unit:` on the parameters and variables of a file's own models: recorded per element,
/// preferred to the model reference, checked against the units GeNN's models use.
@Suite struct DeclaredUnitTests {
  static let text = """
    neurons:
      Own:
        size: 2
        model:
          params: {tau: {unit: ms}, n: {type: int}, gain: scalar}
          vars: {V: {type: scalar, unit: mV}, count: {type: int, access: READ_WRITE}, w: scalar}
          sim_code: V += (gain - V) / tau;
        params: {tau: 10, n: 1, gain: 1}
        vars: {V: 0, count: 0, w: 0}
      E:
        size: 2
        model: LIF
        params: {C: 1, TauM: 20, Vrest: -65, Vreset: -70, Vthresh: -50, Ioffset: 0, TauRefrac: 2}
        vars: {V: -65, RefracTime: 0}
    current_sources:
      Drive:
        target: Own
        model:
          vars: {level: {unit: nA}}
          injection_code: injectCurrent(level);
        vars: {level: 0.5}
    synapses:
      S:
        source: E
        target: Own
        matrix_type: DENSE
        weight_update:
          model:
            vars: {g: {unit: nA}}
            pre_vars: {trace: {unit: '1'}}
            pre_spike_syn_code: addToPost(g);
          vars: {g: 1}
          pre_vars: {trace: 0}
        postsynaptic:
          model:
            vars: {x: {unit: nA}}
            sim_code: |
              injectCurrent(x);
              x += inSyn; inSyn = 0;
          vars: {x: 0}
    custom_updates:
      Decay:
        group: G
        model:
          vars: {factor: {type: scalar, access: READ_ONLY, unit: '1/ms'}}
          var_refs: {v: scalar}
          update_code: v *= factor;
        vars: {factor: 0.5}
        var_refs: {v: {population: Own, var: V}}

    """

  @Test func theFileGivesItsOwnModelsUnits() throws {
    let file = try ModelFile.parse(Self.text, path: "units.yaml")
    #expect(file.unit(ofVariable: "V", of: .neuronPopulation("Own")) == "mV")
    #expect(file.unit(ofVariable: "w", of: .neuronPopulation("Own")) == nil)
    #expect(file.unit(ofVariable: "count", of: .neuronPopulation("Own")) == nil)
    #expect(file.unit(ofVariable: "level", of: .currentSource("Drive")) == "nA")
    #expect(file.unit(ofVariable: "g", of: .synapsePopulation("S")) == "nA")
    #expect(file.unit(ofVariable: "trace", of: .synapsePopulation("S")) == "1")
    #expect(file.unit(ofVariable: "x", of: .synapsePopulation("S")) == "nA")
    #expect(file.unit(ofVariable: "factor", of: .customUpdate("Decay")) == "1/ms")
    // Built-in models keep the model reference's units.
    #expect(file.unit(ofVariable: "V", of: .neuronPopulation("E")) == "mV")
    #expect(file.unit(ofVariable: "RefracTime", of: .neuronPopulation("E")) == "ms")
    #expect(file.units.parameters[.neuronPopulation("Own")] == ["tau": "ms"])
    // The types and access modes beside the units still hold.
    let own = try #require(file.model.neuronPopulation(named: "Own"))
    #expect(own.model.vars.map(\.type) == ["scalar", "int", "scalar"])
    #expect(own.model.paramTypes == ["n": "int"])
  }

  @Test func anUnknownUnitIsAnErrorListingTheUnitsAllowed() throws {
    let text = Self.text.replacingOccurrences(
      of: "V: {type: scalar, unit: mV}", with: "V: {type: scalar, unit: mv}")
    let error = try #require(Fixtures.error(text))
    let message = "\(error)"
    #expect(message.contains("'neurons.Own.model.vars.V.unit' is 'mv'"), "\(message)")
    #expect(message.contains("written 'mV' (units are case-sensitive)"), "\(message)")
    #expect(message.contains(ModelReference.units.joined(separator: ", ")), "\(message)")
    #expect(ModelReference.units.contains("mV") && ModelReference.units.contains("nA"))
    #expect(!ModelReference.units.contains("weight"))
    let volts = Self.text.replacingOccurrences(
      of: "{unit: nA}}\n      injection", with: "{unit: V}}\n      injection")
    #expect(
      "\(try #require(Fixtures.error(volts)))".contains(
        "'current_sources.Drive.model.vars.level.unit' is 'V'"))
  }

  @Test func unitsAreForModelsParametersAndVariablesOnly() throws {
    // A reference takes its target's unit; a snippet's parameter has none.
    let reference = Self.text.replacingOccurrences(
      of: "var_refs: {v: scalar}", with: "var_refs: {v: {type: scalar, unit: mV}}")
    #expect("\(try #require(Fixtures.error(reference)))".contains("unknown key 'unit'"))
    let snippet = Self.text.replacingOccurrences(
      of: "vars: {V: 0, count: 0, w: 0}",
      with: "vars: {V: {snippet: {params: {m: {unit: mV}}, code: value = m;}, params: {m: 1}}, "
        + "count: 0, w: 0}")
    #expect(Fixtures.error(snippet) != nil)
  }

  @Test func anUnknownParameterIsListedWithTheDeclaredUnits() throws {
    let text = Self.text.replacingOccurrences(
      of: "params: {tau: 10, n: 1, gain: 1}", with: "params: {tau: 10, n: 1, gain: 1, tua: 2}")
    let message = "\(try #require(Fixtures.error(text)))"
    #expect(message.contains("Allowed keys: tau (ms), n, gain."), "\(message)")
  }
}
