import Foundation
import GeNNModel
import GeNNModelFile
import Testing

/// The units of recorded variables, as the pictures' axis titles and `summary.json`
/// give them: the built-in models' from the model reference, a weight's from the
/// postsynaptic model it feeds, none for a model of the user's own.
@Suite struct VariableUnitTests {
  static let text = """
    name: units
    neurons:
      E:
        size: 2
        model: LIF
        params: {C: 1, TauM: 20, Vrest: -65, Vreset: -70, Vthresh: -50, Ioffset: 0, TauRefrac: 2}
        vars: {V: -65, RefracTime: 0}
      Iz:
        size: 2
        model: Izhikevich
        params: {a: 0.02, b: 0.2, c: -65, d: 8}
        vars: {V: -65, U: -13}
      P:
        size: 2
        model: Poisson
        params: {rate: 10}
        vars: {timeStepToSpike: 0}
      Own:
        size: 2
        model:
          vars: {V: scalar}
          sim_code: V += 1.0;
        vars: {V: 0}
    current_sources:
      Noise:
        model: PoissonExp
        target: E
        params: {weight: 1, tauSyn: 5, rate: 10}
        vars: {current: 0}
    synapses:
      Cond:
        source: P
        target: E
        matrix_type: DENSE
        weight_update: {model: StaticPulse, vars: {g: 0.01}}
        postsynaptic: {model: ExpCond, params: {tau: 5, E: 0}}
      Curr:
        source: P
        target: Iz
        matrix_type: DENSE
        weight_update: {model: StaticPulse, vars: {g: 1}}
        postsynaptic: {model: ExpCurr, params: {tau: 5}}
      OwnWeights:
        source: P
        target: E
        matrix_type: DENSE
        weight_update:
          model:
            vars: {g: scalar}
            pre_spike_syn_code: addToPost(g);
          vars: {g: 1}
        postsynaptic: {model: ExpCurr, params: {tau: 5}}

    """

  @Test func unitsComeFromTheModelReference() throws {
    let model = try ModelFile.parse(Self.text, path: "units.yaml").model
    func unit(_ element: ModelElement, _ variable: String) -> String? {
      element.unit(ofVariable: variable, in: model)
    }
    #expect(unit(.neuronPopulation("E"), "V") == "mV")
    #expect(unit(.neuronPopulation("E"), "RefracTime") == "ms")
    #expect(unit(.neuronPopulation("Iz"), "U") == "mV/ms")
    #expect(unit(.neuronPopulation("P"), "timeStepToSpike") == "1")
    #expect(unit(.currentSource("Noise"), "current") == "nA")
    #expect(unit(.synapsePopulation("Cond"), "g") == "uS")
    #expect(unit(.synapsePopulation("Curr"), "g") == "nA")
    // The user's own models have no unit, even where a name matches a built-in's.
    #expect(unit(.neuronPopulation("Own"), "V") == nil)
    #expect(unit(.synapsePopulation("OwnWeights"), "g") == nil)
    #expect(unit(.neuronPopulation("Missing"), "V") == nil)
    #expect(unit(.neuronPopulation("E"), "Missing") == nil)
  }
}
