import Testing

@testable import GeNNModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `ModelSpec.validate()`: every `ModelProblem` comes from the input that should produce
/// it, and its description names the element, the field and what is allowed (GeNN's
/// `tests/unit/neuronModels.cc` `ValidateParamValues`/`ValidateVarValues`,
/// `neuronGroup.cc` `InvalidName`, `currentSource.cc` `InvalidName`, `modelSpec.cc`).
@Suite struct ModelValidationTests {
  // MARK: Fixtures

  static let lifParams: [String: Double] = [
    "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
    "TauRefrac": 2,
  ]
  static let lifVars: [String: VarInit] = ["V": -65.0, "RefracTime": 0.0]
  static let izhikevichParams: [String: Double] = ["a": 0.02, "b": 0.2, "c": -65, "d": 8]
  /// The units GeNN gives LIF's, Izhikevich's and Uniform's parameters.
  static let lifUnits = [
    "C": "nF", "TauM": "ms", "Vrest": "mV", "Vreset": "mV", "Vthresh": "mV", "Ioffset": "nA",
    "TauRefrac": "ms",
  ]
  static let izhikevichUnits = ["a": "1/ms", "b": "1/ms", "c": "mV", "d": "mV/ms"]
  static let uniformUnits = ["min": "as variable", "max": "as variable"]
  static let izhikevichVars: [String: VarInit] = ["V": -65.0, "U": -20.0]

  /// A model with one valid LIF population named `Exc` of 10 neurons.
  static func lifModel(
    params: [String: Double] = lifParams, vars: [String: VarInit] = lifVars, dt: Double = 0.1
  ) -> ModelSpec {
    var model = ModelSpec(name: "test", dt: dt)
    model.addNeuronPopulation("Exc", size: 10, model: .lif, params: params, vars: vars)
    return model
  }

  /// The problems `validate()` reports; empty when it passes.
  static func problems(_ model: ModelSpec) -> [ModelProblem] {
    do {
      try model.validate()
      return []
    } catch {
      return error.problems
    }
  }

  /// The one problem `validate()` reports; records an issue if there is not exactly one.
  static func onlyProblem(
    _ model: ModelSpec, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> ModelProblem? {
    let found = problems(model)
    #expect(found.count == 1, "expected one problem, got \(found)", sourceLocation: sourceLocation)
    return found.first
  }

  // MARK: Precision and valid models

  @Test func precisionNamesItsNumericType() {
    #expect(Precision.float.numericType == .float)
    #expect(Precision.double.numericType == .double)
  }

  @Test func timePrecisionDefaultsToModelPrecision() {
    #expect(ModelSpec(name: "m", precision: .double).timePrecision == .double)
    #expect(ModelSpec(name: "m", precision: .float).timePrecision == .float)
    #expect(
      ModelSpec(name: "m", precision: .float, timePrecision: .double).timePrecision == .double)
  }

  @Test func validModelsPass() throws {
    var model = Self.lifModel()
    model.addNeuronPopulation(
      "Izh", size: 3, model: .izhikevich, params: Self.izhikevichParams,
      vars: [
        "V": .values([-65, -60, -55]), "U": .snippet(.uniform, params: ["min": -20, "max": -10]),
      ])
    model.addNeuronPopulation(
      "Src", size: 2, model: .spikeSourceArray, vars: ["startSpike": [0, 2], "endSpike": [2, 3]],
      extraGlobalParams: ["spikeTimes": [1, 2, 3]])
    model.addCurrentSource("Drive", model: .dc, target: "Exc", params: ["amp": 0.5])
    model.addCurrentSource(
      "Noise", model: .poissonExp, target: "Izh", params: ["weight": 0.1, "tauSyn": 5, "rate": 10],
      vars: ["current": .values([0, 0, 0])])
    try model.validate()
    try ModelSpec(name: "empty").validate()
  }

  // MARK: Parameters

  @Test func unknownParameterListsTheAllowedNames() throws {
    var params = Self.lifParams
    params["Tau"] = 5
    let problem = try #require(Self.onlyProblem(Self.lifModel(params: params)))
    #expect(
      problem
        == .unknownParameter(
          element: "neuron population 'Exc'", name: "Tau", allowed: NeuronModel.lif.params,
          units: Self.lifUnits))
    let text = problem.description
    #expect(text.contains("neuron population 'Exc'"))
    #expect(text.contains("'Tau'"))
    #expect(
      text.contains(
        "parameters are: C (nF), TauM (ms), Vrest (mV), Vreset (mV), Vthresh (mV), "
          + "Ioffset (nA), TauRefrac (ms)"))
  }

  @Test func misspelledParameterIsUnknownAndMissing() {
    // GeNN's ValidateParamValues: {"B", 0.2} instead of {"b", 0.2}.
    var params = Self.izhikevichParams
    params["B"] = params.removeValue(forKey: "b")
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      "Izh", size: 1, model: .izhikevich, params: params, vars: Self.izhikevichVars)
    #expect(
      Self.problems(model) == [
        .unknownParameter(
          element: "neuron population 'Izh'", name: "B", allowed: ["a", "b", "c", "d"],
          units: Self.izhikevichUnits),
        .missingParameter(
          element: "neuron population 'Izh'", name: "b", allowed: ["a", "b", "c", "d"],
          units: Self.izhikevichUnits),
      ])
  }

  @Test func unknownParameterOfAModelWithoutParameters() throws {
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      "Var", size: 1, model: .izhikevichVariable, params: ["a": 1],
      vars: ["V": 0.0, "U": 0.0, "a": 0.02, "b": 0.2, "c": -65.0, "d": 8.0])
    let problem = try #require(Self.onlyProblem(model))
    #expect(
      problem == .unknownParameter(element: "neuron population 'Var'", name: "a", allowed: []))
    #expect(problem.description.contains("it has no parameters"))
  }

  @Test func missingParameterNamesIt() throws {
    var params = Self.lifParams
    params["TauM"] = nil
    // Only the missing parameter: derived parameters are not computed without it.
    let problem = try #require(Self.onlyProblem(Self.lifModel(params: params)))
    #expect(
      problem
        == .missingParameter(
          element: "neuron population 'Exc'", name: "TauM", allowed: NeuronModel.lif.params,
          units: Self.lifUnits))
    #expect(problem.description.contains("parameters are: C (nF), TauM (ms), Vrest (mV)"))
    #expect(problem.description.contains("neuron population 'Exc'"))
    #expect(problem.description.contains("'TauM'"))
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteParameter(value: Double) throws {
    var params = Self.lifParams
    params["Vthresh"] = value
    let problem = try #require(Self.onlyProblem(Self.lifModel(params: params)))
    guard case .nonFiniteParameter(let element, let name, let got) = problem else {
      Issue.record("expected nonFiniteParameter, got \(problem)")
      return
    }
    #expect(element == "neuron population 'Exc'")
    #expect(name == "Vthresh")
    #expect(got.isNaN == value.isNaN && (value.isNaN || got == value))
    #expect(problem.description.contains("'Vthresh'"))
    #expect(problem.description.contains("finite"))
  }

  @Test func currentSourceParametersAreChecked() throws {
    var model = Self.lifModel()
    model.addCurrentSource("Drive", model: .dc, target: "Exc", params: ["ampl": 1])
    model.addCurrentSource(
      "Noise", model: .gaussianNoise, target: "Exc", params: ["mean": 0, "sd": .nan])
    let problems = Self.problems(model)
    try #require(problems.count == 3)
    #expect(
      problems[0]
        == .unknownParameter(
          element: "current source 'Drive'", name: "ampl", allowed: ["amp"], units: ["amp": "nA"]
        ))
    #expect(
      problems[1]
        == .missingParameter(
          element: "current source 'Drive'", name: "amp", allowed: ["amp"], units: ["amp": "nA"]))
    #expect(problems[1].description.hasSuffix("has no value; parameters are: amp (nA)"))
    #expect(problems[2].description.contains("current source 'Noise'"))
    #expect(problems[2].description.contains("'sd'"))
  }

  // MARK: Variables

  @Test func unknownVariableListsTheAllowedNames() throws {
    var vars = Self.lifVars
    vars["W"] = 1.0
    let problem = try #require(Self.onlyProblem(Self.lifModel(vars: vars)))
    #expect(
      problem
        == .unknownVariable(
          element: "neuron population 'Exc'", name: "W", allowed: ["V", "RefracTime"]))
    #expect(problem.description.contains("'W'"))
    #expect(problem.description.contains("V, RefracTime"))
  }

  @Test func missingVariableInitialiser() throws {
    let problem = try #require(Self.onlyProblem(Self.lifModel(vars: ["V": -65.0])))
    #expect(problem == .missingVariable(element: "neuron population 'Exc'", name: "RefracTime"))
    #expect(problem.description.contains("neuron population 'Exc'"))
    #expect(problem.description.contains("'RefracTime'"))
  }

  @Test func misspelledVariableIsUnknownAndMissing() {
    // GeNN's ValidateVarValues: {"u", 0.0} instead of {"U", 0.0}.
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      "Izh", size: 1, model: .izhikevich, params: Self.izhikevichParams, vars: ["V": 0.0, "u": 0.0])
    #expect(
      Self.problems(model) == [
        .unknownVariable(element: "neuron population 'Izh'", name: "u", allowed: ["V", "U"]),
        .missingVariable(element: "neuron population 'Izh'", name: "U"),
      ])
  }

  @Test func nonFiniteConstantInitialValueNamesTheVariable() throws {
    let problem = try #require(
      Self.onlyProblem(Self.lifModel(vars: ["V": -65.0, "RefracTime": .constant(-.infinity)])))
    #expect(
      problem
        == .nonFiniteInitialValue(
          element: "neuron population 'Exc'", variable: "RefracTime", value: -.infinity))
    let text = problem.description
    #expect(text.contains("neuron population 'Exc'"))
    #expect(text.contains("variable 'RefracTime'"))
    #expect(!text.contains("parameter"), "RefracTime is a variable, not a parameter: \(text)")
    #expect(text.contains("finite"))
  }

  @Test(arguments: [0, 3, 11])
  func valuesOfTheWrongLength(count: Int) throws {
    let values = VarInit.values(Array(repeating: -65, count: count))
    let problem = try #require(
      Self.onlyProblem(Self.lifModel(vars: ["V": values, "RefracTime": 0.0])))
    #expect(
      problem
        == .wrongLength(element: "neuron population 'Exc'", field: "V", expected: 10, got: count))
    #expect(problem.description.contains("'V'"))
    #expect(problem.description.contains("\(count) values"))
    #expect(problem.description.contains("needs 10"))
  }

  @Test func currentSourceValuesHaveTheTargetSize() {
    var model = Self.lifModel()
    let params = ["weight": 0.1, "tauSyn": 5.0, "rate": 10.0]
    model.addCurrentSource(
      "Good", model: .poissonExp, target: "Exc", params: params,
      vars: ["current": .values(Array(repeating: 0, count: 10))])
    model.addCurrentSource(
      "Bad", model: .poissonExp, target: "Exc", params: params, vars: ["current": [0, 0]])
    model.addCurrentSource("Missing", model: .poissonExp, target: "Exc", params: params)
    #expect(
      Self.problems(model) == [
        .wrongLength(element: "current source 'Bad'", field: "current", expected: 10, got: 2),
        .missingVariable(element: "current source 'Missing'", name: "current"),
      ])
  }

  // MARK: Extra global parameters

  @Test func unknownExtraGlobalParameter() throws {
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      "Src", size: 1, model: .spikeSourceArray, vars: ["startSpike": 0, "endSpike": 1],
      extraGlobalParams: ["spikeTime": [1]])
    let problem = try #require(Self.onlyProblem(model))
    #expect(
      problem
        == .unknownExtraGlobalParameter(
          element: "neuron population 'Src'", name: "spikeTime", allowed: ["spikeTimes"]))
    #expect(problem.description.contains("'spikeTime'"))
    #expect(problem.description.contains("spikeTimes"))
  }

  // MARK: Model-wide settings

  @Test(arguments: [0.0, -0.1, .nan, .infinity, -.infinity])
  func invalidTimeStep(dt: Double) throws {
    let problem = try #require(Self.onlyProblem(ModelSpec(name: "m", dt: dt)))
    guard case .invalidTimeStep(let got) = problem else {
      Issue.record("expected invalidTimeStep, got \(problem)")
      return
    }
    #expect(got.isNaN == dt.isNaN && (dt.isNaN || got == dt))
    #expect(problem.description.contains("dt"))
    #expect(problem.description.contains("positive"))
  }

  @Test func batchSizeBelowOneIsInvalid() throws {
    let problem = try #require(Self.onlyProblem(ModelSpec(name: "m", batchSize: 0)))
    #expect(problem == .invalidBatchSize(0))
    #expect(problem.description.contains("batch size is 0"))
    #expect(problem.description.contains("at least 1"))
    #expect(Self.problems(ModelSpec(name: "m", batchSize: 2)).isEmpty)
  }

  // MARK: Names

  @Test func duplicatePopulationNamesAreReportedOnce() throws {
    var model = ModelSpec(name: "m")
    for _ in 0..<3 {
      model.addNeuronPopulation(
        "Pop", size: 1, model: .lif, params: Self.lifParams, vars: Self.lifVars)
    }
    let problem = try #require(Self.onlyProblem(model))
    #expect(problem == .duplicateName(kind: "neuron population", name: "Pop"))
    #expect(problem.description.contains("neuron population"))
    #expect(problem.description.contains("'Pop'"))
    #expect(problem.description.contains("unique"))
  }

  @Test func duplicateCurrentSourceNames() throws {
    var model = Self.lifModel()
    model.addCurrentSource("Drive", model: .dc, target: "Exc", params: ["amp": 1])
    model.addCurrentSource("Drive", model: .dc, target: "Exc", params: ["amp": 2])
    let problem = try #require(Self.onlyProblem(model))
    #expect(problem == .duplicateName(kind: "current source", name: "Drive"))
    #expect(problem.description.contains("current source"))
    #expect(problem.description.contains("'Drive'"))
  }

  @Test func aPopulationAndACurrentSourceMayShareAName() throws {
    var model = Self.lifModel()
    model.addCurrentSource("Exc", model: .dc, target: "Exc", params: ["amp": 1])
    try model.validate()
  }

  @Test(arguments: ["a-b", "", "a b", "é", "1.a", String(repeating: "n", count: 101)])
  func invalidPopulationAndSourceNames(name: String) {
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      name, size: 1, model: .lif, params: Self.lifParams, vars: Self.lifVars)
    model.addCurrentSource(name, model: .dc, target: name, params: ["amp": 1])
    let problems = Self.problems(model)
    #expect(
      problems == [
        .invalidElementName(element: "neuron population '\(name)'", name: name),
        .invalidElementName(element: "current source '\(name)'", name: name),
      ])
    let rule =
      name.count > 100
      ? "it has 101 characters; at most 100 are allowed"
      : name.isEmpty ? "it is empty; use letters, digits and '_'" : "use letters, digits and '_'"
    for problem in problems {
      #expect(problem.description.contains("\(Identifier.quoted(name)) is not a valid name; "))
      #expect(problem.description.hasSuffix(rule))
      #expect(!problem.description.contains("starting with a letter"))
    }
  }

  /// As GeNN's `Utils::validatePopName`: letters, digits and underscores in any order (its
  /// microcircuit names populations `23E` and `4I`), C++'s words included.
  @Test(arguments: [
    "a", "Exc", "a_1", "pop2", "A_B_c", "23E", "4I", "23E_4I", "_x", "1", "int", "class", "scalar",
    String(repeating: "9", count: 100),
  ])
  func validNames(name: String) throws {
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      name, size: 1, model: .lif, params: Self.lifParams, vars: Self.lifVars)
    model.addCurrentSource(name, model: .dc, target: name, params: ["amp": 1])
    try model.validate()
  }

  @Test func invalidFieldNamesOfACustomModel() {
    let custom = NeuronModel(
      name: "Custom", params: ["a-b"], vars: [Variable("1v")],
      extraGlobalParams: [ExtraGlobalParameter("_e", "scalar*")])
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      "Pop", size: 1, model: custom, params: ["a-b": 1], vars: ["1v": 0.0])
    let problems = Self.problems(model)
    #expect(
      problems == [
        .invalidName(element: "neuron population 'Pop'", name: "a-b"),
        .invalidName(element: "neuron population 'Pop'", name: "1v"),
        .invalidName(element: "neuron population 'Pop'", name: "_e"),
      ])
  }

  @Test func aParameterAndAVariableWithTheSameName() throws {
    let custom = NeuronModel(
      name: "Clash", params: ["V"], vars: [Variable("V")], simCode: "V += 1.0;")
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation("Pop", size: 1, model: custom, params: ["V": 1], vars: ["V": 0.0])
    let problem = try #require(Self.onlyProblem(model))
    #expect(problem == .duplicateField(element: "neuron population 'Pop'", field: "V"))
    #expect(problem.description.contains("neuron population 'Pop'"))
    #expect(problem.description.contains("'V'"))
    #expect(problem.description.contains("more than once"))
  }

  @Test func derivedParameterAndExtraGlobalParameterClashes() {
    let custom = CurrentSourceModel(
      name: "Clash", params: ["amp"],
      derivedParams: [DerivedParameter("amp", formula: "2.0 * amp")],
      extraGlobalParams: [ExtraGlobalParameter("amp", "scalar*")],
      injectionCode: "injectCurrent(amp);")
    var model = Self.lifModel()
    model.addCurrentSource("Src", model: custom, target: "Exc", params: ["amp": 1])
    let problems = Self.problems(model)
    #expect(problems.first == .duplicateField(element: "current source 'Src'", field: "amp"))
    #expect(
      problems.filter { $0 == .duplicateField(element: "current source 'Src'", field: "amp") }.count
        == 2)
  }

  // MARK: Types

  @Test(arguments: ["scalr", "", "int*", "unsigned float", "float double", "string"])
  func invalidVariableType(type: String) throws {
    let custom = NeuronModel(name: "Custom", vars: [Variable("x", type)])
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation("Pop", size: 1, model: custom, vars: ["x": 0.0])
    let problem = try #require(Self.onlyProblem(model))
    #expect(problem == .invalidType(element: "neuron population 'Pop'", field: "x", type: type))
    #expect(problem.description.contains("neuron population 'Pop'"))
    #expect(problem.description.contains("'x' has type '\(type)'"))
    #expect(problem.description.contains("scalar"))
  }

  @Test(arguments: [
    "scalar", "float", "double", "bool", "int", "unsigned int", "unsigned", "uint8_t", "int16_t",
    "uint32_t",
    "int64_t", "timepoint",
  ])
  func validVariableType(type: String) throws {
    let custom = NeuronModel(name: "Custom", vars: [Variable("x", type)])
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation("Pop", size: 1, model: custom, vars: ["x": 0.0])
    try model.validate()
  }

  @Test func invalidCurrentSourceVariableType() throws {
    let custom = CurrentSourceModel(
      name: "Custom", vars: [Variable("i", "scalr")], injectionCode: "injectCurrent(i);")
    var model = Self.lifModel()
    model.addCurrentSource("Src", model: custom, target: "Exc", vars: ["i": 0.0])
    let problem = try #require(Self.onlyProblem(model))
    #expect(problem == .invalidType(element: "current source 'Src'", field: "i", type: "scalr"))
  }

  @Test(arguments: ["scalar", "scalr*", "*", "float**"])
  func invalidExtraGlobalParameterType(type: String) throws {
    let custom = NeuronModel(name: "Custom", extraGlobalParams: [ExtraGlobalParameter("e", type)])
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation("Pop", size: 1, model: custom)
    let problem = try #require(Self.onlyProblem(model))
    #expect(problem == .invalidType(element: "neuron population 'Pop'", field: "e", type: type))
    #expect(problem.description.contains("pointers such as 'scalar*'"))
  }

  @Test(arguments: ["scalar*", "float*", "unsigned int*", "uint8_t*"])
  func validExtraGlobalParameterType(type: String) throws {
    let custom = NeuronModel(name: "Custom", extraGlobalParams: [ExtraGlobalParameter("e", type)])
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation("Pop", size: 1, model: custom)
    try model.validate()
  }

  @Test func invalidAdditionalInputVariableType() throws {
    let custom = NeuronModel(
      name: "Custom", additionalInputVars: [AdditionalInputVariable("Isyn2", "scalr")])
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation("Pop", size: 1, model: custom)
    let problem = try #require(Self.onlyProblem(model))
    #expect(
      problem == .invalidType(element: "neuron population 'Pop'", field: "Isyn2", type: "scalr"))
  }

  // MARK: Sizes and targets

  @Test(arguments: [0, -1, Int(Int32.max) + 1, Int.max])
  func invalidSize(size: Int) throws {
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      "Pop", size: size, model: .lif, params: Self.lifParams, vars: Self.lifVars)
    let problem = try #require(Self.onlyProblem(model))
    #expect(problem == .invalidSize(element: "neuron population 'Pop'", size: size))
    #expect(problem.description.contains("size \(size)"))
    #expect(problem.description.contains("it must be between 1 and 2147483647"))
  }

  @Test func currentSourceTargetingAMissingPopulation() throws {
    var model = Self.lifModel()
    model.addNeuronPopulation(
      "Inh", size: 5, model: .lif, params: Self.lifParams, vars: Self.lifVars)
    model.addCurrentSource("Drive", model: .dc, target: "Nope", params: ["amp": 1])
    let problem = try #require(Self.onlyProblem(model))
    #expect(
      problem
        == .unknownTarget(
          element: "current source 'Drive'", target: "Nope", available: ["Exc", "Inh"]))
    #expect(problem.description.contains("current source 'Drive'"))
    #expect(problem.description.contains("'Nope'"))
    #expect(problem.description.contains("Exc, Inh"))
  }

  @Test func currentSourceInAModelWithoutPopulations() throws {
    var model = ModelSpec(name: "m")
    model.addCurrentSource("Drive", model: .dc, target: "Exc", params: ["amp": 1])
    let problem = try #require(Self.onlyProblem(model))
    #expect(
      problem == .unknownTarget(element: "current source 'Drive'", target: "Exc", available: []))
    #expect(problem.description.contains("it has no populations"))
  }

  // MARK: Derived parameters

  static func modelWithDerived(_ formula: String) -> ModelSpec {
    let custom = NeuronModel(
      name: "Custom", params: ["tau"], derivedParams: [DerivedParameter("decay", formula: formula)],
      vars: [Variable("V")], simCode: "V *= decay;")
    var model = ModelSpec(name: "m", dt: 0.5)
    model.addNeuronPopulation("Pop", size: 1, model: custom, params: ["tau": 10], vars: ["V": 0.0])
    return model
  }

  @Test func derivedFormulaIsValid() throws {
    try Self.modelWithDerived("exp(-dt / tau)").validate()
    let model = Self.modelWithDerived("exp(-dt / tau)")
    let values = try model.derivedValues(
      model.neuronPopulations[0].model.derivedParams, params: ["tau": 10])
    #expect(values == ["decay": exp(-0.5 / 10)])
  }

  @Test func derivedFormulaWithASyntaxError() throws {
    let problem = try #require(Self.onlyProblem(Self.modelWithDerived("exp(-dt / )")))
    guard case .invalidDerivedParameter(let element, let name, let reason) = problem else {
      Issue.record("expected invalidDerivedParameter, got \(problem)")
      return
    }
    #expect(element == "neuron population 'Pop'")
    #expect(name == "decay")
    #expect(reason.contains("line 1, column 11"))
    #expect(problem.description.contains("derived parameter 'decay'"))
  }

  @Test func derivedFormulaWithAnUnknownName() throws {
    let problem = try #require(Self.onlyProblem(Self.modelWithDerived("exp(-dt / tauu)")))
    guard case .invalidDerivedParameter(let element, let name, let reason) = problem else {
      Issue.record("expected invalidDerivedParameter, got \(problem)")
      return
    }
    #expect(element == "neuron population 'Pop'")
    #expect(name == "decay")
    #expect(reason.contains("'tauu'"))
    #expect(reason.contains("line 1, column 11"))
    #expect(reason.contains("tau"))
  }

  @Test(arguments: ["1.0 / (tau - tau)", "log(0.0)", "exp(1000.0 * tau)", "sqrt(-tau)"])
  func derivedFormulaThatIsNotFinite(formula: String) throws {
    let problem = try #require(Self.onlyProblem(Self.modelWithDerived(formula)))
    guard case .invalidDerivedParameter(let element, let name, let reason) = problem else {
      Issue.record("expected invalidDerivedParameter, got \(problem)")
      return
    }
    #expect(element == "neuron population 'Pop'")
    #expect(name == "decay")
    #expect(reason.contains("evaluates to"))
  }

  @Test func builtinDerivedParameterThatIsNotFinite() throws {
    // Poisson's isi = 1000 / (rate * dt) is infinite at rate 0.
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      "Poi", size: 1, model: .poisson, params: ["rate": 0], vars: ["timeStepToSpike": 0.0])
    let problem = try #require(Self.onlyProblem(model))
    #expect(
      problem
        == .invalidDerivedParameter(
          element: "neuron population 'Poi'", name: "isi", reason: "it evaluates to inf"))
  }

  @Test func laterDerivedParametersSeeEarlierOnes() throws {
    let custom = NeuronModel(
      name: "Chain", params: ["tau"],
      derivedParams: [
        DerivedParameter("rate", formula: "1.0 / tau"),
        DerivedParameter("decay", formula: "exp(-dt * rate)"),
      ],
      vars: [Variable("V")], simCode: "V *= decay;")
    var model = ModelSpec(name: "m", dt: 1)
    model.addNeuronPopulation("Pop", size: 1, model: custom, params: ["tau": 4], vars: ["V": 0.0])
    try model.validate()
    let values = try model.derivedValues(custom.derivedParams, params: ["tau": 4])
    #expect(values["rate"] == 0.25)
    #expect(values["decay"] == exp(-0.25))
  }

  // MARK: Init snippets

  @Test func initSnippetWithUnknownAndMissingParameters() {
    var model = Self.lifModel(
      vars: ["V": .snippet(.uniform, params: ["min": -70, "maxx": -50]), "RefracTime": 0.0])
    model.addCurrentSource(
      "Noise", model: .poissonExp, target: "Exc", params: ["weight": 0.1, "tauSyn": 5, "rate": 10],
      vars: ["current": .snippet(.normal, params: ["mean": 0])])
    let place = "neuron population 'Exc', variable 'V' (init snippet 'Uniform')"
    let sourcePlace = "current source 'Noise', variable 'current' (init snippet 'Normal')"
    let problems = Self.problems(model)
    #expect(
      problems == [
        .unknownParameter(
          element: place, name: "maxx", allowed: ["min", "max"], units: Self.uniformUnits),
        .missingParameter(
          element: place, name: "max", allowed: ["min", "max"], units: Self.uniformUnits),
        .missingParameter(
          element: sourcePlace, name: "sd", allowed: ["mean", "sd"],
          units: ["mean": "as variable", "sd": "as variable"]),
      ])
    #expect(problems.first?.description.contains("variable 'V'") == true)
    #expect(problems.first?.description.contains("init snippet 'Uniform'") == true)
    #expect(
      problems.first?.description.contains("min (as variable), max (as variable)") == true)
  }

  @Test func initSnippetWithANonFiniteParameter() throws {
    let model = Self.lifModel(
      vars: ["V": .snippet(.normal, params: ["mean": -65, "sd": .infinity]), "RefracTime": 0.0])
    let problem = try #require(Self.onlyProblem(model))
    #expect(
      problem
        == .nonFiniteParameter(
          element: "neuron population 'Exc', variable 'V' (init snippet 'Normal')", name: "sd",
          value: .infinity))
  }

  @Test func initSnippetDerivedParameterThatIsNotFinite() throws {
    let snippet = InitSnippet(
      name: "Scaled", params: ["x"], derivedParams: [DerivedParameter("y", formula: "x / (x - x)")],
      code: "value = y;")
    let model = Self.lifModel(vars: ["V": .snippet(snippet, params: ["x": 1]), "RefracTime": 0.0])
    let problem = try #require(Self.onlyProblem(model))
    guard case .invalidDerivedParameter(let element, let name, _) = problem else {
      Issue.record("expected invalidDerivedParameter, got \(problem)")
      return
    }
    #expect(element == "neuron population 'Exc', variable 'V' (init snippet 'Scaled')")
    #expect(name == "y")
  }

  // MARK: Several problems

  @Test func everyProblemIsReportedInOrder() throws {
    var model = ModelSpec(name: "m", dt: 0, batchSize: -2)
    var params = Self.lifParams
    params["TauM"] = nil
    params["Tau"] = 1
    model.addNeuronPopulation("Exc", size: 10, model: .lif, params: params, vars: ["V": [1, 2]])
    model.addNeuronPopulation(
      "Exc", size: 0, model: .lif, params: Self.lifParams, vars: Self.lifVars)
    model.addCurrentSource("1-cs", model: .dc, target: "Nope", params: ["amp": 1])
    let expected: [ModelProblem] = [
      .invalidTimeStep(0),
      .invalidBatchSize(-2),
      .duplicateName(kind: "neuron population", name: "Exc"),
      .unknownParameter(
        element: "neuron population 'Exc'", name: "Tau", allowed: NeuronModel.lif.params,
        units: Self.lifUnits),
      .missingParameter(
        element: "neuron population 'Exc'", name: "TauM", allowed: NeuronModel.lif.params,
        units: Self.lifUnits),
      .wrongLength(element: "neuron population 'Exc'", field: "V", expected: 10, got: 2),
      .missingVariable(element: "neuron population 'Exc'", name: "RefracTime"),
      .invalidSize(element: "neuron population 'Exc'", size: 0),
      .invalidElementName(element: "current source '1-cs'", name: "1-cs"),
      .unknownTarget(element: "current source '1-cs'", target: "Nope", available: ["Exc", "Exc"]),
    ]
    do {
      try model.validate()
      Issue.record("an invalid model passed validation")
    } catch {
      #expect(error.problems == expected)
      let text = error.description
      #expect(text.hasPrefix("model is invalid (10 problems):\n"))
      for problem in expected {
        #expect(text.contains("  - \(problem.description)"))
      }
    }
  }

  @Test func oneProblemIsCountedInTheSingular() {
    let error = ModelError(problems: [.invalidBatchSize(-4)])
    #expect(
      error.description == "model is invalid (1 problem):\n  - "
        + ModelProblem.invalidBatchSize(-4).description)
  }
}

/// Values that GeNN refuses to write into float code.
@Suite struct PrecisionRangeTests {
  @Test func floatModelsRejectParametersBeyondFloat() throws {
    var model = ModelSpec(name: "range", precision: .float)
    model.addNeuronPopulation(
      "Big", size: 1, model: .poisson, params: ["rate": 1e39], vars: ["timeStepToSpike": 0])
    let error = try #require(throws: ModelError.self) { try model.validate() }
    #expect(
      error.problems.contains(
        .outOfRange(element: "neuron population 'Big'", name: "rate", value: 1e39, type: "float")))
    #expect(error.description.contains("'rate' is 1e+39, too large for float"))
    model.precision = .double
    try model.validate()
  }

  @Test func derivedParametersBeyondFloatAreReported() throws {
    var model = ModelSpec(name: "range_derived", precision: .float, dt: 0.1)
    // isi = 1000 / (rate * dt) overflows float for a tiny rate.
    model.addNeuronPopulation(
      "Slow", size: 1, model: .poisson, params: ["rate": 1e-36], vars: ["timeStepToSpike": 0])
    let error = try #require(throws: ModelError.self) { try model.validate() }
    #expect(
      error.problems.map(\.description).contains {
        $0.contains("'isi'") && $0.contains("too large for float")
      })
  }
}
