import Foundation
import GeNNModel
import GeNNTranspiler
import Testing

@testable import GeNNCodeGen

/// The CPU backend's C++: populations merge into update groups by structure as GeNN's
/// merged groups do (`tests/unit/neuronGroup.cc`), parameters are written as GeNN writes
/// them, code-string errors name their population and code string, random numbers are
/// set up only where code draws them, and the source compiles for every built-in.
@Suite struct CPUBackendTests {
  // MARK: Fixtures

  static func lifParams(ioffset: Double = 0) -> [String: Double] {
    [
      "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -70, "Vthresh": -50, "Ioffset": ioffset,
      "TauRefrac": 2,
    ]
  }
  static let lifVars: [String: VarInit] = ["V": -65.0, "RefracTime": 0.0]
  static let izhikevichParams: [String: Double] = ["a": 0.02, "b": 0.2, "c": -65, "d": 8]
  static let izhikevichVars: [String: VarInit] = ["V": -65.0, "U": -20.0]

  /// The generated source of `model`.
  static func source(_ model: ModelSpec) throws -> String {
    try CPUBackend().generate(model).source
  }

  /// The code-string errors generating `model` throws; records an issue otherwise.
  static func codeErrors(
    _ model: ModelSpec, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> [TranspilerError] {
    do {
      _ = try CPUBackend().generate(model)
      Issue.record("generation succeeded", sourceLocation: sourceLocation)
    } catch {
      if case .invalidCode(let errors) = error { return errors }
      Issue.record("expected invalidCode, got \(error)", sourceLocation: sourceLocation)
    }
    return []
  }

  /// How often `needle` occurs in `text`.
  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The text of the generated function whose definition starts with `signature`, up to
  /// its closing brace at the start of a line.
  static func function(_ signature: String, in source: String) -> String? {
    guard let start = source.range(of: signature) else { return nil }
    guard let end = source.range(of: "\n}\n", range: start.upperBound..<source.endIndex) else {
      return nil
    }
    return String(source[start.lowerBound..<end.upperBound])
  }

  /// A neuron model with the given code strings and one variable `V`.
  static func custom(
    sim: String = "", threshold: String = "", reset: String = "",
    vars: [Variable] = [Variable("V")],
    params: [String] = []
  ) -> NeuronModel {
    NeuronModel(
      name: "Custom", params: params, vars: vars, simCode: sim, thresholdConditionCode: threshold,
      resetCode: reset)
  }

  // MARK: Merging neuron update groups

  @Test func populationsOfOneModelMergeIntoOneGroup() throws {
    var model = ModelSpec(name: "merge")
    for i in 0..<10 {
      model.addNeuronPopulation(
        "Pop\(i)", size: 10 + i, model: .lif, params: Self.lifParams(ioffset: Double(i) / 10),
        vars: Self.lifVars)
    }
    let source = try Self.source(model)
    #expect(Self.count("struct NeuronUpdateGroup0 {", in: source) == 1)
    #expect(Self.count("NeuronUpdateGroup0 neuronUpdateGroup0[10];", in: source) == 1)
    #expect(Self.count("void updateNeuronGroup0(", in: source) == 1)
    #expect(!source.contains("NeuronUpdateGroup1"))
    #expect(!source.contains("updateNeuronGroup1"))
    // Each member gets its own size and parameter values.
    for i in 0..<10 {
      #expect(source.contains("neuronUpdateGroup0[\(i)].numNeurons = \(10 + i)u;"))
      let ioffset = NumericLiteral.write(Double(i) / 10, as: .float)
      #expect(source.contains("neuronUpdateGroup0[\(i)].p_Ioffset = \(ioffset);"))
    }
  }

  @Test func generatedSourceSaysWhichPopulationsEachGroupServes() throws {
    var model = ModelSpec(name: "comments")
    model.addNeuronPopulation(
      "Exc", size: 8, model: .lif, params: Self.lifParams(), vars: Self.lifVars)
    model.addNeuronPopulation(
      "Izh", size: 4, model: .izhikevich, params: Self.izhikevichParams, vars: Self.izhikevichVars)
    model.addNeuronPopulation(
      "Inh", size: 2, model: .lif, params: Self.lifParams(), vars: Self.lifVars)
    let source = try Self.source(model)
    #expect(
      source.contains("// Neuron update group 0: model 'LIF' for neuron populations 'Exc', 'Inh'."))
    #expect(
      source.contains("// Neuron update group 1: model 'Izhikevich' for neuron population 'Izh'."))
    #expect(source.contains("NeuronUpdateGroup0 neuronUpdateGroup0[2];"))
    #expect(source.contains("NeuronUpdateGroup1 neuronUpdateGroup1[1];"))
    #expect(source.contains("'Exc' (LIF, 8), 'Izh' (Izhikevich, 4), 'Inh' (LIF, 2)"))
    for name in ["Exc", "Izh", "Inh"] {
      #expect(source.contains("    // neuron population '\(name)'"))
    }
  }

  @Test func differentModelsDoNotMerge() throws {
    var model = ModelSpec(name: "models")
    model.addNeuronPopulation(
      "LIF", size: 1, model: .lif, params: Self.lifParams(), vars: Self.lifVars)
    model.addNeuronPopulation(
      "Izh", size: 1, model: .izhikevich, params: Self.izhikevichParams, vars: Self.izhikevichVars)
    model.addNeuronPopulation(
      "IzhVar", size: 1, model: .izhikevichVariable,
      vars: ["V": -65.0, "U": -20.0, "a": 0.02, "b": 0.2, "c": -65.0, "d": 8.0])
    var changed = NeuronModel.lif
    changed.thresholdConditionCode = "V >= Vthresh"
    model.addNeuronPopulation(
      "LIF2", size: 1, model: changed, params: Self.lifParams(), vars: Self.lifVars)
    let source = try Self.source(model)
    for group in 0..<4 {
      #expect(source.contains("NeuronUpdateGroup\(group) neuronUpdateGroup\(group)[1];"))
    }
    #expect(!source.contains("NeuronUpdateGroup4"))
  }

  @Test func spikeRecordingIsPartOfTheStructure() throws {
    var model = ModelSpec(name: "recording")
    model.addNeuronPopulation(
      "A", size: 1, model: .lif, params: Self.lifParams(), vars: Self.lifVars, recordSpikes: true)
    model.addNeuronPopulation(
      "B", size: 1, model: .lif, params: Self.lifParams(), vars: Self.lifVars)
    model.addNeuronPopulation(
      "C", size: 1, model: .lif, params: Self.lifParams(), vars: Self.lifVars, recordSpikes: true)
    let source = try Self.source(model)
    #expect(source.contains("for neuron populations 'A', 'C'."))
    #expect(source.contains("for neuron population 'B'."))
  }

  /// GeNN's `NeuronGroup.CompareCurrentSources`: populations with a PoissonExp and a DC
  /// source merge whatever the order the sources were added and their parameter values;
  /// one with two DC sources does not.
  @Test func currentSourceStructureDecidesMerging() throws {
    var model = ModelSpec(name: "sources")
    for i in 0..<6 {
      model.addNeuronPopulation(
        "Neurons\(i)", size: 10, model: .izhikevich, params: Self.izhikevichParams,
        vars: Self.izhikevichVars)
    }
    let poisson0 = ["weight": 0.1, "tauSyn": 20.0, "rate": 20.0]
    let poisson1 = ["weight": 0.1, "tauSyn": 40.0, "rate": 20.0]
    let dc = ["amp": 0.4]
    model.addCurrentSource(
      "CS0", model: .poissonExp, target: "Neurons0", params: poisson0, vars: ["current": 0.0])
    model.addCurrentSource("CS1", model: .dc, target: "Neurons0", params: dc)
    model.addCurrentSource(
      "CS2", model: .poissonExp, target: "Neurons1", params: poisson0, vars: ["current": 0.0])
    model.addCurrentSource("CS3", model: .dc, target: "Neurons1", params: dc)
    model.addCurrentSource(
      "CS4", model: .poissonExp, target: "Neurons2", params: poisson1, vars: ["current": 0.0])
    model.addCurrentSource("CS5", model: .dc, target: "Neurons2", params: dc)
    model.addCurrentSource("CS6", model: .dc, target: "Neurons3", params: dc)
    model.addCurrentSource(
      "CS7", model: .poissonExp, target: "Neurons3", params: poisson0, vars: ["current": 0.0])
    model.addCurrentSource("CS8", model: .dc, target: "Neurons4", params: dc)
    model.addCurrentSource("CS9", model: .dc, target: "Neurons4", params: dc)
    // Neurons5 has no current source.
    let source = try Self.source(model)
    #expect(
      source.contains(
        "// Neuron update group 0: model 'Izhikevich' for neuron populations 'Neurons0', 'Neurons1', 'Neurons2', 'Neurons3'."
      ))
    #expect(source.contains("NeuronUpdateGroup0 neuronUpdateGroup0[4];"))
    #expect(
      source.contains(
        "// Neuron update group 1: model 'Izhikevich' for neuron population 'Neurons4'."))
    #expect(
      source.contains(
        "// Neuron update group 2: model 'Izhikevich' for neuron population 'Neurons5'."))
    #expect(!source.contains("NeuronUpdateGroup3"))

    // Every member puts its PoissonExp source in the same slot, whatever the order.
    func slot(of name: String) -> String? {
      guard let range = source.range(of: "// current source '\(name)' in slot ") else { return nil }
      return String(source[range.upperBound...].prefix(1))
    }
    let poissonSlot = try #require(slot(of: "CS0"))
    let dcSlot = try #require(slot(of: "CS1"))
    #expect(poissonSlot != dcSlot)
    for name in ["CS2", "CS4", "CS7"] { #expect(slot(of: name) == poissonSlot, "\(name)") }
    for name in ["CS3", "CS5", "CS6"] { #expect(slot(of: name) == dcSlot, "\(name)") }
    #expect(source.contains("// current source slot \(poissonSlot): model 'PoissonExp'"))
    #expect(source.contains("// current source slot \(dcSlot): model 'DC'"))
    // The member's own derived parameter values are bound into the shared slot.
    let expDecay1 = NumericLiteral.write(exp(-0.1 / 40.0), as: .float)
    #expect(source.contains("neuronUpdateGroup0[2].cs\(poissonSlot)_dp_ExpDecay = \(expDecay1);"))
  }

  // MARK: Numbers as GeNN writes them

  @Test(arguments: [
    (0.1, NumericType.float, "1.000000000e-01f"), (0.1, .double, "1.00000000000000006e-01"),
    (-65, .float, "-6.500000000e+01f"), (-65, .double, "-6.50000000000000000e+01"),
    (0, .float, "0.000000000e+00f"), (1.0 / 3.0, .double, "3.33333333333333315e-01"),
    (1e-30, .float, "1.000000000e-30f"), (123_456_789, .float, "1.234567890e+08f"),
    (-3.7, .int32, "-3"), (5, .uint32, "5u"), (1, .bool, "true"), (0, .bool, "false"),
  ])
  func numericLiterals(value: Double, type: NumericType, expected: String) {
    #expect(NumericLiteral.write(value, as: type) == expected)
  }

  @Test(arguments: [Precision.float, .double])
  func parametersAreWrittenAsGeNNWritesThem(precision: Precision) throws {
    var model = ModelSpec(name: "literals", precision: precision, dt: 0.1)
    model.addNeuronPopulation(
      "Pop", size: 1, model: .lif, params: Self.lifParams(ioffset: 0.1), vars: Self.lifVars)
    model.addCurrentSource("Drive", model: .dc, target: "Pop", params: ["amp": 0.1])
    let source = try Self.source(model)
    let type = precision.numericType
    let tenth = precision == .float ? "1.000000000e-01f" : "1.00000000000000006e-01"
    #expect(source.contains("neuronUpdateGroup0[0].p_Ioffset = \(tenth);"))
    #expect(source.contains("neuronUpdateGroup0[0].cs0_p_amp = \(tenth);"))
    #expect(source.contains("step.timestep * \(tenth)"), "dt")
    #expect(
      source.contains("neuronUpdateGroup0[0].p_TauM = \(NumericLiteral.write(10, as: type));"))
    // Derived parameters are computed in double, then written in the model's precision.
    let expTC = NumericLiteral.write(exp(-0.1 / 10.0), as: type)
    #expect(source.contains("neuronUpdateGroup0[0].dp_ExpTC = \(expTC);"))
    #expect(
      source.contains("neuronUpdateGroup0[0].dp_Rmembrane = \(NumericLiteral.write(40, as: type));")
    )
    let scalar = precision == .float ? "float" : "double"
    #expect(source.contains("    \(scalar) p_Ioffset;"))
    #expect(source.contains("    \(scalar) *v_V;"))
  }

  // MARK: Errors

  @Test func codeStringErrorNamesPopulationAndCodeString() throws {
    var model = ModelSpec(name: "errors")
    let bad = Self.custom(sim: "V += 1.0;\nV += foo;", threshold: "V > 1.0")
    model.addNeuronPopulation("Pop", size: 1, model: bad, vars: ["V": 0.0])
    let errors = Self.codeErrors(model)
    let error = try #require(errors.first)
    #expect(errors.count == 1)
    #expect(error.context == "neuron population 'Pop', sim code")
    #expect(error.code == "V += 1.0;\nV += foo;")
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.location == GeNNTranspiler.SourceLocation(line: 2, column: 6))
    guard case .unknownName("foo", _, _) = diagnostic.problem else {
      Issue.record("expected unknownName, got \(diagnostic.problem)")
      return
    }
    do {
      _ = try CPUBackend().generate(model)
    } catch {
      let text = error.description
      #expect(text.contains("neuron population 'Pop', sim code"))
      #expect(text.contains("line 2, column 6"))
      #expect(text.contains("'foo'"))
    }
  }

  @Test func everyCodeStringErrorIsReportedWithItsPlace() throws {
    var model = ModelSpec(name: "errors")
    let bad = Self.custom(sim: "V = 1.0", threshold: "V >", reset: "W = 0.0;")
    model.addNeuronPopulation("A", size: 1, model: bad, vars: ["V": 0.0])
    model.addNeuronPopulation("B", size: 1, model: bad, vars: ["V": 0.0])
    model.addCurrentSource(
      "Src",
      model: CurrentSourceModel(name: "BadSource", injectionCode: "injectCurrent(1.0, 2.0);"),
      target: "A")
    let snippet = InitSnippet(name: "BadInit", code: "value = nope;")
    model.addNeuronPopulation(
      "C", size: 1, model: .lif, params: Self.lifParams(),
      vars: ["V": .snippet(snippet, params: [:]), "RefracTime": 0.0])
    let errors = Self.codeErrors(model)
    let contexts = errors.map(\.context)
    // A and B share a group only without the current source; A has one, so each is checked.
    #expect(contexts.contains("neuron population 'A', sim code"))
    #expect(contexts.contains("neuron population 'A', threshold condition code"))
    #expect(contexts.contains("neuron population 'A', reset code"))
    #expect(contexts.contains("neuron population 'B', sim code"))
    #expect(contexts.contains("current source 'Src', injection code"))
    #expect(contexts.contains("neuron population 'C', variable 'V', init snippet 'BadInit'"))
    for error in errors {
      #expect(!error.diagnostics.isEmpty)
      #expect(error.diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    }
    let threshold = try #require(
      errors.first { $0.context == "neuron population 'A', threshold condition code" })
    #expect(
      threshold.diagnostics.first?.location == GeNNTranspiler.SourceLocation(line: 1, column: 4))
  }

  @Test func mergedGroupErrorNamesEveryMember() throws {
    var model = ModelSpec(name: "errors")
    let bad = Self.custom(sim: "V += undefinedName;")
    model.addNeuronPopulation("A", size: 1, model: bad, vars: ["V": 0.0])
    model.addNeuronPopulation("B", size: 1, model: bad, vars: ["V": 0.0])
    let errors = Self.codeErrors(model)
    #expect(errors.map(\.context) == ["neuron populations 'A', 'B', sim code"])
  }

  @Test func assigningAReadOnlyVariableIsAnError() throws {
    var model = ModelSpec(name: "errors")
    let bad = Self.custom(sim: "a = 1.0;", vars: [Variable("a", access: .readOnly)])
    model.addNeuronPopulation("Pop", size: 1, model: bad, vars: ["a": 0.0])
    let error = try #require(Self.codeErrors(model).first)
    guard case .readOnly(name: "a", _) = error.diagnostics.first?.problem else {
      Issue.record("expected readOnly, got \(error)")
      return
    }
  }

  @Test func thresholdConditionMustConvertToBool() throws {
    var model = ModelSpec(name: "errors")
    model.addNeuronPopulation(
      "Pop", size: 1, model: Self.custom(threshold: "assert(V > 0.0)"), vars: ["V": 0.0])
    let error = try #require(Self.codeErrors(model).first)
    #expect(error.context == "neuron population 'Pop', threshold condition code")
    let diagnostic = try #require(error.diagnostics.first)
    #expect(diagnostic.problem == .invalidCondition(construct: "threshold condition", type: "void"))
    #expect(diagnostic.location.line == 1)
    #expect(error.description.contains("threshold condition"))
  }

  @Test func thresholdConditionsOfScalarTypesAreAccepted() throws {
    for threshold in ["V", "V > 1.0", "(int)V", "true", "spikeTimes[0]"] {
      var model = ModelSpec(name: "conditions")
      let neuron = NeuronModel(
        name: "Custom", vars: [Variable("V")],
        extraGlobalParams: [ExtraGlobalParameter("spikeTimes", "scalar*")],
        thresholdConditionCode: threshold)
      model.addNeuronPopulation("Pop", size: 1, model: neuron, vars: ["V": 0.0])
      #expect(throws: Never.self, "\(threshold)") { try CPUBackend().generate(model) }
    }
  }

  @Test func simCodeLocalsAreVisibleInThresholdAndReset() throws {
    var model = ModelSpec(name: "locals")
    let neuron = Self.custom(
      sim: "const scalar next = V + 1.0;\nV = next;", threshold: "next > 2.0",
      reset: "V = next - 2.0;")
    model.addNeuronPopulation("Pop", size: 1, model: neuron, vars: ["V": 0.0])
    _ = try Self.source(model)
  }

  @Test func invalidModelIsReportedBeforeCodeIsChecked() throws {
    var model = ModelSpec(name: "invalid", dt: -1)
    model.addNeuronPopulation("Pop", size: 1, model: Self.custom(sim: "V += nonsense;"), vars: [:])
    do {
      _ = try CPUBackend().generate(model)
      Issue.record("generation succeeded")
    } catch {
      guard case .invalidModel(let modelError) = error else {
        Issue.record("expected invalidModel, got \(error)")
        return
      }
      #expect(
        modelError.problems == [
          .invalidTimeStep(-1), .missingVariable(element: "neuron population 'Pop'", name: "V"),
        ])
      #expect(error.description == modelError.description)
    }
  }

  // MARK: Initialisation groups

  /// GeNN's `NeuronGroup.CompareNeuronModels`: populations whose variables are drawn by
  /// the same snippets share an initialisation group whatever the snippets' parameters.
  @Test func initSnippetsMergeByStructure() throws {
    var model = ModelSpec(name: "init")
    let uniform0 = VarInit.snippet(.uniform, params: ["min": 0, "max": 30])
    let uniform1 = VarInit.snippet(.uniform, params: ["min": -10, "max": 30])
    let normal = VarInit.snippet(.normal, params: ["mean": 0, "sd": 1])
    model.addNeuronPopulation(
      "Neurons0", size: 10, model: .izhikevich, params: Self.izhikevichParams,
      vars: ["V": uniform0, "U": 0.0])
    model.addNeuronPopulation(
      "Neurons1", size: 10, model: .izhikevich, params: Self.izhikevichParams,
      vars: ["V": uniform1, "U": 0.0])
    model.addNeuronPopulation(
      "Neurons2", size: 10, model: .izhikevich, params: Self.izhikevichParams,
      vars: Self.izhikevichVars)
    model.addNeuronPopulation(
      "Neurons3", size: 10, model: .izhikevich, params: Self.izhikevichParams,
      vars: ["V": normal, "U": 0.0])
    model.addNeuronPopulation(
      "Neurons4", size: 10, model: .izhikevich, params: Self.izhikevichParams,
      vars: ["V": 0.0, "U": uniform0])
    model.addCurrentSource(
      "CS", model: .poissonExp, target: "Neurons2",
      params: ["weight": 0.1, "tauSyn": 20, "rate": 20],
      vars: ["current": uniform0])
    let source = try Self.source(model)
    // All update code merges; initialisation splits by snippet and variable.
    #expect(source.contains("NeuronUpdateGroup0 neuronUpdateGroup0[4];"))
    #expect(
      source.contains(
        "// Initialisation group 0: neuron population 'Neurons0', neuron population 'Neurons1'."))
    #expect(source.contains("InitGroup0 initGroup0[2];"))
    #expect(source.contains("// Initialisation group 1: neuron population 'Neurons3'."))
    #expect(source.contains("// Initialisation group 2: neuron population 'Neurons4'."))
    #expect(source.contains("// Initialisation group 3: current source 'CS'."))
    #expect(!source.contains("InitGroup4"))
    #expect(!source.contains("initialisation of neuron population 'Neurons2'"))
    #expect(source.contains("initGroup0[0].V_p_min = 0.000000000e+00f;"))
    #expect(source.contains("initGroup0[1].V_p_min = -1.000000000e+01f;"))
  }

  // MARK: Random numbers

  @Test func randomNumbersOnlyWhereCodeDrawsThem() throws {
    var model = ModelSpec(name: "random")
    model.addNeuronPopulation(
      "LIF", size: 4, model: .lif, params: Self.lifParams(),
      vars: ["V": .snippet(.constant, params: ["constant": -65]), "RefracTime": 0.0])
    model.addNeuronPopulation(
      "Poi", size: 4, model: .poisson, params: ["rate": 20], vars: ["timeStepToSpike": 0.0])
    model.addNeuronPopulation(
      "Izh", size: 4, model: .izhikevich, params: Self.izhikevichParams,
      vars: ["V": .snippet(.uniform, params: ["min": -70, "max": -60]), "U": -20.0])
    model.addNeuronPopulation(
      "Driven", size: 4, model: .izhikevich, params: Self.izhikevichParams,
      vars: Self.izhikevichVars)
    model.addCurrentSource(
      "Noise", model: .gaussianNoise, target: "Driven", params: ["mean": 0, "sd": 1])
    let source = try Self.source(model)
    let rngInit = "genn_rng_init(&rng"
    // Update: LIF (0) draws nothing; Poisson (1) and the noisy Izhikevich (3) draw.
    let lifUpdate = try #require(Self.function("void updateNeuronGroup0(", in: source))
    #expect(lifUpdate.contains("'LIF'") || source.contains("// Neuron update group 0: model 'LIF'"))
    #expect(!lifUpdate.contains(rngInit))
    #expect(!lifUpdate.contains("GeNNRng"))
    #expect(!lifUpdate.contains("genn_first_blocks"))
    // Sim code and current sources draw every step: each chunk's first blocks at once.
    let batchedInit = "genn_rng_init_first_block(&rng"
    let poissonUpdate = try #require(Self.function("void updateNeuronGroup1(", in: source))
    #expect(Self.count(batchedInit, in: poissonUpdate) == 1)
    #expect(Self.count("genn_first_blocks(&blocks", in: poissonUpdate) == 1)
    let izhikevichUpdate = try #require(Self.function("void updateNeuronGroup2(", in: source))
    #expect(!izhikevichUpdate.contains(rngInit) && !izhikevichUpdate.contains(batchedInit))
    let drivenUpdate = try #require(Self.function("void updateNeuronGroup3(", in: source))
    #expect(Self.count(batchedInit, in: drivenUpdate) == 1)
    // Initialisation: the Constant snippet draws nothing, Uniform does.
    #expect(source.contains("// Initialisation group 0: neuron population 'LIF'."))
    let constantInit = try #require(Self.function("void initialiseGroup0(", in: source))
    #expect(!constantInit.contains(rngInit))
    #expect(!constantInit.contains("GeNNRng"))
    let uniformInit = try #require(Self.function("void initialiseGroup1(", in: source))
    #expect(Self.count(rngInit, in: uniformInit) == 1)
  }

  // MARK: Compiling every built-in

  /// A model using every built-in neuron model, current source model and init snippet.
  static func everyBuiltin(precision: Precision) -> ModelSpec {
    func snippet(_ snippet: InitSnippet, _ params: [String: Double]) -> VarInit {
      .snippet(snippet, params: params)
    }
    var model = ModelSpec(name: "builtins_\(precision.rawValue)", precision: precision, dt: 0.1)
    model.addNeuronPopulation(
      "Rulkov", size: 3, model: .rulkovMap,
      params: ["Vspike": 60, "alpha": 3, "y": -2.468, "beta": 2.64],
      vars: [
        "V": snippet(.normal, ["mean": -60, "sd": 1]),
        "preV": snippet(.normalClipped, ["mean": -60, "sd": 1, "min": -65, "max": -55]),
      ])
    model.addNeuronPopulation(
      "Izh", size: 3, model: .izhikevich, params: izhikevichParams,
      vars: [
        "V": snippet(.uniform, ["min": -70, "max": -60]),
        "U": snippet(.constant, ["constant": -20]),
      ])
    model.addNeuronPopulation(
      "IzhVar", size: 3, model: .izhikevichVariable,
      vars: [
        "V": snippet(.exponential, ["lambda": 2]), "U": snippet(.gamma, ["a": 2, "b": 1]),
        "a": snippet(.normalClippedDelay, ["mean": 1, "sd": 0.5, "min": 0.1, "max": 2]),
        "b": snippet(.binomial, ["n": 10, "p": 0.5]), "c": -65.0, "d": [8, 8, 8],
      ])
    model.addNeuronPopulation(
      "LIF", size: 3, model: .lif, params: lifParams(ioffset: 0.1), vars: lifVars,
      recordSpikes: true)
    model.addNeuronPopulation(
      "SSA", size: 3, model: .spikeSourceArray,
      vars: ["startSpike": snippet(.binomial, ["n": 1, "p": 0]), "endSpike": [1, 2, 3]],
      extraGlobalParams: ["spikeTimes": [1, 2, 3]])
    model.addNeuronPopulation(
      "Poi", size: 3, model: .poisson, params: ["rate": 20], vars: ["timeStepToSpike": 0.0])
    model.addNeuronPopulation(
      "HH", size: 3, model: .traubMiles,
      params: [
        "gNa": 7.15, "ENa": 50, "gK": 1.43, "EK": -95, "gl": 0.02672, "El": -63.563, "C": 0.143,
      ],
      vars: ["V": -60.0, "m": 0.0529324, "h": 0.3176767, "n": 0.5961207])
    model.addCurrentSource("DC", model: .dc, target: "LIF", params: ["amp": 0.7])
    model.addCurrentSource(
      "Noise", model: .gaussianNoise, target: "Izh", params: ["mean": 0, "sd": 1])
    model.addCurrentSource(
      "PExp", model: .poissonExp, target: "HH", params: ["weight": 0.1, "tauSyn": 20, "rate": 20],
      vars: ["current": snippet(.uniform, ["min": 0, "max": 0.1])])
    model.addCurrentSource(
      "PExp2", model: .poissonExp, target: "LIF",
      params: ["weight": 0.2, "tauSyn": 10, "rate": 50],
      vars: ["current": 0.0])
    return model
  }

  @Test func everyBuiltinIsInTheCompiledModel() {
    let model = Self.everyBuiltin(precision: .float)
    #expect(Set(model.neuronPopulations.map(\.model.name)) == Set(NeuronModel.builtins.keys))
    #expect(Set(model.currentSources.map(\.model.name)) == Set(CurrentSourceModel.builtins.keys))
    var snippets: Set<String> = []
    for inits in model.neuronPopulations.map(\.vars) + model.currentSources.map(\.vars) {
      for case .snippet(let snippet, _) in inits.values { snippets.insert(snippet.name) }
    }
    #expect(snippets == Set(InitSnippet.builtins.keys))
  }

  @Test(arguments: [Precision.float, .double])
  func generatedSourceCompiles(precision: Precision) throws {
    let module = try CPUBackend().generate(Self.everyBuiltin(precision: precision))
    #expect(module.source.contains("scalar = \(precision.rawValue)"))
    let result = try Self.compile(module.source, name: "builtins_\(precision.rawValue)")
    #expect(
      result.status == 0, "the generated \(precision) source does not compile:\n\(result.output)")
  }

  /// `$CXX` (split at spaces), else the first of `c++`, `g++`, `clang++` on `PATH`.
  static func compiler() throws -> [String] {
    let environment = ProcessInfo.processInfo.environment
    if let cxx = environment["CXX"], !cxx.isEmpty {
      return cxx.split(separator: " ").map(String.init)
    }
    for folder in (environment["PATH"] ?? "").split(separator: ":") {
      for name in ["c++", "g++", "clang++"]
      where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
        return ["\(folder)/\(name)"]
      }
    }
    throw CompileFailure(description: "no C++ compiler: set CXX or put c++, g++ or clang++ on PATH")
  }

  struct CompileFailure: Error, CustomStringConvertible {
    var description: String
  }

  /// Checks `source` with `-std=c++17 -fsyntax-only`.
  static func compile(_ source: String, name: String) throws -> (status: Int32, output: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "genn-cpu-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("\(name).cpp")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = try compiler() + ["-std=c++17", "-fsyntax-only", "-Wall", file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
