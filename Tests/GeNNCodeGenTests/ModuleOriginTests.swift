import GeNNModel
import Testing

@testable import GeNNCodeGen

/// A compile error in generated code names the model element the line came from.
@Suite struct ModuleOriginTests {
  @Test func linesMapBackToTheirGroupAndCodeString() throws {
    var model = ModelSpec(name: "origin", precision: .float)
    model.addNeuronPopulation(
      "Exc", size: 10, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
        "TauRefrac": 2,
      ],
      vars: ["V": .snippet(.uniform, params: ["min": -70, "max": -50]), "RefracTime": 0])
    model.addCurrentSource("Drive", model: .dc, target: "Exc", params: ["amp": 1])
    let module = try CPUBackend().generate(model)
    let lines = module.source.split(separator: "\n", omittingEmptySubsequences: false)
    func origin(ofFirstLineContaining text: String) throws -> String? {
      let index = try #require(lines.firstIndex { $0.contains(text) }, "no line with \(text)")
      return module.origin(ofLine: index + 1)
    }
    let sim = try origin(ofFirstLineContaining: "l_V = _alpha")
    #expect(sim == "Neuron update group 0: model 'LIF' for neuron population 'Exc'. (sim code)")
    let reset = try origin(ofFirstLineContaining: "l_V = group.p_Vreset")
    #expect(reset?.hasSuffix("(reset code)") == true)
    let injection = try origin(ofFirstLineContaining: "Isyn += group.cs0_p_amp")
    #expect(injection?.contains("current source slot 0: model 'DC'") == true)
    let initialisation = try origin(ofFirstLineContaining: "value = group.V_p_min")
    #expect(initialisation?.hasPrefix("Initialisation group 0: neuron population 'Exc'.") == true)
    #expect(module.origin(ofLine: 0) == nil)
    #expect(module.origin(ofLine: lines.count + 5) == nil)
  }
}

/// Structure, not names, decides merging.
@Suite struct RenamedModelMergingTests {
  @Test func aRenamedCopyOfAModelMergesWithTheOriginal() throws {
    var copy = NeuronModel.lif
    copy.name = "MyLIF"
    var model = ModelSpec(name: "renamed")
    let params: [String: Double] = [
      "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0, "TauRefrac": 2,
    ]
    model.addNeuronPopulation(
      "A", size: 5, model: .lif, params: params, vars: ["V": -70, "RefracTime": 0])
    model.addNeuronPopulation(
      "B", size: 5, model: copy, params: params, vars: ["V": -70, "RefracTime": 0])
    let source = try CPUBackend().generate(model).source
    #expect(source.contains("for neuron populations 'A', 'B'"))
    #expect(!source.contains("struct NeuronUpdateGroup1"))
  }
}
