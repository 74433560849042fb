import GeNNTranspiler
import Testing

@testable import GeNNModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The built-in neuron models, current source models and init snippets are GeNN 5.4's
/// (`include/genn/genn/neuronModels.h`, `currentSourceModels.h`, `initVarSnippet.h`):
/// names, parameters, variables with their types and access, extra global parameters,
/// derived parameters and code strings, and every code string type-checks where it runs
/// (GeNN's `tests/unit/neuronModels.cc`, `currentSourceModels.cc`, `initVarSnippet.cc`).
@Suite struct BuiltinModelTests {
  // MARK: GeNN's code strings, copied from its headers

  /// `SET_SIM_CODE`, `SET_THRESHOLD_CONDITION_CODE`, `SET_RESET_CODE` of each neuron model.
  static let genNNeuronCode: [String: (sim: String, threshold: String, reset: String)] = [
    "RulkovMap": (
      "if (V <= 0) {\n   preV= V;\n   V= ip0/((Vspike) - V - (beta)*Isyn) +(ip1);\n}\nelse {   if ((V < ip2) && (preV <= 0)) {\n       preV= V;\n       V= ip2;\n   }\n   else {\n       preV= V;\n       V= -(Vspike);\n   }\n}\n",
      "V >= ip2", ""
    ),
    "Izhikevich": (izhikevichSimCode, "V >= 29.99", ""),
    "IzhikevichVariable": (izhikevichSimCode, "V >= 29.99", ""),
    "LIF": (
      "if (RefracTime <= 0.0) {\n  scalar alpha = ((Isyn + Ioffset) * Rmembrane) + Vrest;\n  V = alpha - (ExpTC * (alpha - V));\n}\nelse {\n  RefracTime -= dt;\n}\n",
      "RefracTime <= 0.0 && V >= Vthresh", "V = Vreset;\nRefracTime = TauRefrac;\n"
    ),
    "SpikeSourceArray": (
      "", "startSpike != endSpike && t >= spikeTimes[startSpike]", "startSpike++;\n"
    ),
    "Poisson": (
      "if(timeStepToSpike <= 0.0f) {\n    timeStepToSpike += isi * gennrand_exponential();\n}\ntimeStepToSpike -= 1.0;\n",
      "timeStepToSpike <= 0.0", ""
    ),
    "TraubMiles": (
      "const scalar mdt= dt/25.0;\nfor (unsigned int mt=0; mt < 25; mt++) {\n   const scalar Imem= -(m*m*m*h*gNa*(V-(ENa))+\n       n*n*n*n*gK*(V-(EK))+\n       gl*(V-(El))-Isyn);\n   scalar a;\n   if (V == -52.0) {\n       a= 1.28;\n   }\n   else {\n       a= 0.32*(-52.0-V)/(exp((-52.0-V)/4.0)-1.0);\n   }\n   scalar b;\n   if (V == -25.0) {\n       b= 1.4;\n   }\n   else {\n       b= 0.28*(V+25.0)/(exp((V+25.0)/5.0)-1.0);\n   }\n   m+= (a*(1.0-m)-b*m)*mdt;\n   a= 0.128*exp((-48.0-V)/18.0);\n   b= 4.0 / (exp((-25.0-V)/5.0)+1.0);\n   h+= (a*(1.0-h)-b*h)*mdt;\n   if (V == -50.0) {\n       a= 0.16;\n   }\n   else {\n       a= 0.032*(-50.0-V)/(exp((-50.0-V)/5.0)-1.0);\n   }\n   b= 0.5*exp((-55.0-V)/40.0);\n   n+= (a*(1.0-n)-b*n)*mdt;\n   V+= Imem/C*mdt;\n}\n",
      "V >= 0.0", ""
    ),
  ]

  static let izhikevichSimCode =
    "if (V >= 30.0){\n   V=c;\n   U+=d;\n} \nV+=0.5*(0.04*V*V+5.0*V+140.0-U+Isyn)*dt; //at two times for numerical stability\nV+=0.5*(0.04*V*V+5.0*V+140.0-U+Isyn)*dt;\nU+=a*(b*V-U)*dt;\nif (V > 30.0){   //keep this to not confuse users with unrealistiv voltage values \n  V=30.0; \n}\n"

  /// `SET_INJECTION_CODE` of each current source model.
  static let genNInjectionCode: [String: String] = [
    "DC": "injectCurrent(amp);\n",
    "GaussianNoise": "injectCurrent(mean + (gennrand_normal() * sd));\n",
    "PoissonExp":
      "scalar p = 1.0;\nunsigned int numSpikes = 0;\ndo\n{\n    numSpikes++;\n    p *= gennrand_uniform();\n} while (p > ExpMinusLambda);\ncurrent += Init * (scalar)(numSpikes - 1);\ninjectCurrent(current);\ncurrent *= ExpDecay;\n",
  ]

  /// `SET_CODE` of each init snippet (GeNN's `Uninitialised` and `Kernel` are not values
  /// a user initialises neuron or current source variables with).
  static let genNSnippetCode: [String: String] = [
    "Constant": "value = constant;",
    "Uniform": "const scalar scale = max - min;\nvalue = min + (gennrand_uniform() * scale);",
    "Normal": "value = mean + (gennrand_normal() * sd);",
    "NormalClipped":
      "scalar normal;\ndo\n{\n   normal = mean + (gennrand_normal() * sd);\n} while (normal > max || normal < min);\nvalue = normal;\n",
    "NormalClippedDelay":
      "scalar normal;\ndo\n{\n   normal = meanTimestep + (gennrand_normal() * sdTimestep);\n} while (normal > maxTimestep || normal < minTimestep);\nvalue = rint(normal);\n",
    "Exponential": "value = lambda * gennrand_exponential();",
    "Gamma": "value = b * gennrand_gamma(a);",
    "Binomial": "value = gennrand_binomial((unsigned int)n, p);",
  ]

  // MARK: Registries

  @Test func neuronModelRegistryHoldsEveryModel() {
    let names: Set = [
      "RulkovMap", "Izhikevich", "IzhikevichVariable", "LIF", "SpikeSourceArray", "Poisson",
      "TraubMiles",
    ]
    #expect(Set(NeuronModel.builtins.keys) == names)
    for (name, model) in NeuronModel.builtins { #expect(model.name == name) }
    let statics: [NeuronModel] = [
      .rulkovMap, .izhikevich, .izhikevichVariable, .lif, .spikeSourceArray, .poisson, .traubMiles,
    ]
    #expect(Set(statics.map(\.name)) == names)
  }

  @Test func currentSourceRegistryHoldsEveryModel() {
    #expect(Set(CurrentSourceModel.builtins.keys) == ["DC", "GaussianNoise", "PoissonExp"])
    for (name, model) in CurrentSourceModel.builtins { #expect(model.name == name) }
    #expect(
      [CurrentSourceModel.dc, .gaussianNoise, .poissonExp].map(\.name) == [
        "DC", "GaussianNoise", "PoissonExp",
      ])
  }

  @Test func initSnippetRegistryHoldsEverySnippet() {
    let names: Set = [
      "Constant", "Uniform", "Normal", "NormalClipped", "NormalClippedDelay", "Exponential",
      "Gamma", "Binomial",
    ]
    #expect(Set(InitSnippet.builtins.keys) == names)
    for (name, snippet) in InitSnippet.builtins { #expect(snippet.name == name) }
    let statics: [InitSnippet] = [
      .constant, .uniform, .normal, .normalClipped, .normalClippedDelay, .exponential, .gamma,
      .binomial,
    ]
    #expect(Set(statics.map(\.name)) == names)
  }

  // MARK: Neuron models

  /// A model's variables as `name:type:access`.
  static func describe(_ vars: [Variable]) -> [String] {
    vars.map { "\($0.name):\($0.type):\($0.access.rawValue)" }
  }

  @Test func neuronModelsHaveGeNNsFields() {
    typealias Fields = (params: [String], derived: [String], vars: [String], egps: [String])
    let expected: [String: Fields] = [
      "RulkovMap": (
        ["Vspike", "alpha", "y", "beta"], ["ip0", "ip1", "ip2"],
        ["V:scalar:READ_WRITE", "preV:scalar:READ_WRITE"], []
      ),
      "Izhikevich": (
        ["a", "b", "c", "d"], [], ["V:scalar:READ_WRITE", "U:scalar:READ_WRITE"], []
      ),
      "IzhikevichVariable": (
        [], [],
        [
          "V:scalar:READ_WRITE", "U:scalar:READ_WRITE", "a:scalar:READ_ONLY", "b:scalar:READ_ONLY",
          "c:scalar:READ_ONLY", "d:scalar:READ_ONLY",
        ], []
      ),
      "LIF": (
        ["C", "TauM", "Vrest", "Vreset", "Vthresh", "Ioffset", "TauRefrac"],
        ["ExpTC", "Rmembrane"],
        ["V:scalar:READ_WRITE", "RefracTime:scalar:READ_WRITE"], []
      ),
      "SpikeSourceArray": (
        [], [],
        ["startSpike:unsigned int:READ_WRITE", "endSpike:unsigned int:READ_ONLY_DUPLICATE"],
        ["spikeTimes:scalar*"]
      ),
      "Poisson": (["rate"], ["isi"], ["timeStepToSpike:scalar:READ_WRITE"], []),
      "TraubMiles": (
        ["gNa", "ENa", "gK", "EK", "gl", "El", "C"], [],
        [
          "V:scalar:READ_WRITE", "m:scalar:READ_WRITE", "h:scalar:READ_WRITE",
          "n:scalar:READ_WRITE",
        ], []
      ),
    ]
    #expect(Set(expected.keys) == Set(NeuronModel.builtins.keys))
    for (name, fields) in expected {
      let model = NeuronModel.builtins[name]!
      #expect(model.params == fields.params, "\(name)")
      #expect(model.derivedParams.map(\.name) == fields.derived, "\(name)")
      #expect(Self.describe(model.vars) == fields.vars, "\(name)")
      #expect(model.extraGlobalParams.map { "\($0.name):\($0.type)" } == fields.egps, "\(name)")
      #expect(model.additionalInputVars.isEmpty, "\(name)")
      for variable in model.vars { #expect(variable.valueType != nil, "\(name).\(variable.name)") }
      for egp in model.extraGlobalParams {
        #expect(egp.elementType == .scalar, "\(name).\(egp.name)")
      }
    }
  }

  @Test func neuronModelsHaveGeNNsCode() {
    #expect(Set(Self.genNNeuronCode.keys) == Set(NeuronModel.builtins.keys))
    for (name, code) in Self.genNNeuronCode {
      let model = NeuronModel.builtins[name]!
      #expect(model.simCode == code.sim, "\(name) sim code")
      #expect(model.thresholdConditionCode == code.threshold, "\(name) threshold condition")
      #expect(model.resetCode == code.reset, "\(name) reset code")
    }
  }

  /// The value of every derived parameter of `derived` for `params` at `dt`.
  static func derived(_ derived: [DerivedParameter], _ params: [String: Double], dt: Double) throws
    -> [String: Double]
  {
    try ModelSpec(name: "m", dt: dt).derivedValues(derived, params: params)
  }

  @Test(arguments: [0.1, 0.5, 1.0])
  func lifDerivedParameters(dt: Double) throws {
    let params = [
      "C": 0.25, "TauM": 10.0, "Vrest": -65, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
      "TauRefrac": 2,
    ]
    let values = try Self.derived(NeuronModel.lif.derivedParams, params, dt: dt)
    #expect(values["ExpTC"] == exp(-dt / 10.0))
    #expect(values["Rmembrane"] == 10.0 / 0.25)
    #expect(values.count == 2)
  }

  @Test func poissonDerivedParameter() throws {
    #expect(
      try Self.derived(NeuronModel.poisson.derivedParams, ["rate": 20], dt: 1.0) == ["isi": 50.0])
    #expect(
      try Self.derived(NeuronModel.poisson.derivedParams, ["rate": 20], dt: 0.1)["isi"] == 1000.0
        / (20 * 0.1))
  }

  @Test func rulkovMapDerivedParameters() throws {
    // GeNN's MBody1 values: Vspike 60, alpha 3, y -2.468, beta 2.64.
    let p = ["Vspike": 60.0, "alpha": 3.0, "y": -2.468, "beta": 2.64]
    let values = try Self.derived(NeuronModel.rulkovMap.derivedParams, p, dt: 0.5)
    #expect(values["ip0"] == 60.0 * 60.0 * 3.0)
    #expect(values["ip1"] == 60.0 * -2.468)
    #expect(values["ip2"] == (60.0 * 3.0) + (60.0 * -2.468))
    #expect(values.count == 3)
  }

  // MARK: Current sources

  @Test func currentSourceModelsHaveGeNNsFieldsAndCode() {
    let dc = CurrentSourceModel.dc
    #expect(dc.params == ["amp"])
    #expect(dc.derivedParams.isEmpty && dc.vars.isEmpty && dc.extraGlobalParams.isEmpty)
    let noise = CurrentSourceModel.gaussianNoise
    #expect(noise.params == ["mean", "sd"])
    #expect(noise.derivedParams.isEmpty && noise.vars.isEmpty && noise.extraGlobalParams.isEmpty)
    let poisson = CurrentSourceModel.poissonExp
    #expect(poisson.params == ["weight", "tauSyn", "rate"])
    #expect(poisson.derivedParams.map(\.name) == ["ExpDecay", "Init", "ExpMinusLambda"])
    #expect(Self.describe(poisson.vars) == ["current:scalar:READ_WRITE"])
    #expect(poisson.extraGlobalParams.isEmpty)
    for (name, code) in Self.genNInjectionCode {
      #expect(CurrentSourceModel.builtins[name]?.injectionCode == code, "\(name) injection code")
    }
  }

  @Test(arguments: [0.1, 1.0])
  func poissonExpDerivedParameters(dt: Double) throws {
    let p = ["weight": 0.1, "tauSyn": 20.0, "rate": 20.0]
    let values = try Self.derived(CurrentSourceModel.poissonExp.derivedParams, p, dt: dt)
    #expect(values["ExpDecay"] == exp(-dt / 20.0))
    #expect(values["Init"] == 0.1 * (1.0 - exp(-dt / 20.0)) * (20.0 / dt))
    #expect(values["ExpMinusLambda"] == exp(-(20.0 / 1000.0) * dt))
    #expect(values.count == 3)
  }

  // MARK: Init snippets

  @Test func initSnippetsHaveGeNNsParametersAndCode() {
    let expected: [String: (params: [String], derived: [String])] = [
      "Constant": (["constant"], []),
      "Uniform": (["min", "max"], []),
      "Normal": (["mean", "sd"], []),
      "NormalClipped": (["mean", "sd", "min", "max"], []),
      "NormalClippedDelay": (
        ["mean", "sd", "min", "max"], ["meanTimestep", "sdTimestep", "minTimestep", "maxTimestep"]
      ),
      "Exponential": (["lambda"], []),
      "Gamma": (["a", "b"], []),
      "Binomial": (["n", "p"], []),
    ]
    #expect(Set(expected.keys) == Set(InitSnippet.builtins.keys))
    #expect(Set(Self.genNSnippetCode.keys) == Set(InitSnippet.builtins.keys))
    for (name, fields) in expected {
      let snippet = InitSnippet.builtins[name]!
      #expect(snippet.params == fields.params, "\(name)")
      #expect(snippet.derivedParams.map(\.name) == fields.derived, "\(name)")
      #expect(snippet.code == Self.genNSnippetCode[name], "\(name) code")
    }
  }

  @Test func normalClippedDelayDerivedParameters() throws {
    let p = ["mean": 5.0, "sd": 1.5, "min": 1.0, "max": 10.0]
    let values = try Self.derived(InitSnippet.normalClippedDelay.derivedParams, p, dt: 0.1)
    #expect(
      values == [
        "meanTimestep": 5.0 / 0.1, "sdTimestep": 1.5 / 0.1, "minTimestep": 1.0 / 0.1,
        "maxTimestep": 10.0 / 0.1,
      ])
  }

  // MARK: Weight update models

  /// GeNN 5.4's `SET_PRE_SPIKE_SYN_CODE` and `SET_POST_SPIKE_SYN_CODE` of `STDP`.
  static let genNSTDPPreSpikeSynCode =
    "addToPost(g);\nscalar dt = t - st_post; \nif (dt > 0) {\n    scalar timing = exp(-dt / tauMinus);\n    scalar newWeight = g - (Aminus * timing);\n    g = fmax(Wmin, fmin(Wmax, newWeight));\n}\n"
  static let genNSTDPPostSpikeSynCode =
    "scalar dt = t - st_pre;\nif (dt > 0) {\n    scalar timing = exp(-dt / tauPlus);\n    scalar newWeight = g + (Aplus * timing);\n    g = fmax(Wmin, fmin(Wmax, newWeight));\n}\n"

  @Test func weightUpdateRegistryHoldsEveryModel() {
    let names: Set = [
      "StaticPulse", "StaticPulseConstantWeight", "StaticPulseDendriticDelay", "StaticGraded",
      "STDP",
    ]
    #expect(Set(WeightUpdateModel.builtins.keys) == names)
    for (name, model) in WeightUpdateModel.builtins { #expect(model.name == name) }
    let statics: [WeightUpdateModel] = [
      .staticPulse, .staticPulseConstantWeight, .staticPulseDendriticDelay, .staticGraded, .stdp,
    ]
    #expect(Set(statics.map(\.name)) == names)
  }

  /// The code strings of a weight update model, by field, that are not empty.
  static func nonEmptyCode(_ model: WeightUpdateModel) -> [String: String] {
    let all = [
      "preSpikeSynCode": model.preSpikeSynCode, "preEventSynCode": model.preEventSynCode,
      "postSpikeSynCode": model.postSpikeSynCode, "postEventSynCode": model.postEventSynCode,
      "synapseDynamicsCode": model.synapseDynamicsCode,
      "preEventThresholdConditionCode": model.preEventThresholdConditionCode,
      "postEventThresholdConditionCode": model.postEventThresholdConditionCode,
      "preSpikeCode": model.preSpikeCode, "postSpikeCode": model.postSpikeCode,
      "preDynamicsCode": model.preDynamicsCode, "postDynamicsCode": model.postDynamicsCode,
    ]
    return all.filter { !$0.value.isEmpty }
  }

  @Test func staticGradedIsGeNNsWithItsReferenceReadByName() {
    let model = WeightUpdateModel.staticGraded
    #expect(model.name == "StaticGraded")
    #expect(model.params == ["Epre", "Vslope"])
    #expect(model.derivedParams.isEmpty)
    #expect(Self.describe(model.vars) == ["g:scalar:READ_ONLY"])
    #expect(model.preVars.isEmpty && model.postVars.isEmpty)
    #expect(model.preNeuronVarRefs == [NeuronVarReference("V", "scalar", readOnly: true)])
    #expect(model.postNeuronVarRefs.isEmpty && model.psmVarRefs.isEmpty)
    #expect(model.extraGlobalParams.isEmpty)
    // GeNN 5.4 writes `V_pre` here, which GeNN itself cannot build; the reference is `V`.
    #expect(
      Self.nonEmptyCode(model) == [
        "preEventThresholdConditionCode": "V > Epre",
        "preEventSynCode": "addToPost(fmax(0.0, g * tanh((V - Epre) / Vslope) * dt));\n",
      ])
    #expect(model.hasPreEvents && !model.hasPostEvents && !model.hasPostsynapticUpdate)
  }

  @Test func stdpIsGeNNs() {
    let model = WeightUpdateModel.stdp
    #expect(model.name == "STDP")
    #expect(model.params == ["tauPlus", "tauMinus", "Aplus", "Aminus", "Wmin", "Wmax"])
    #expect(model.derivedParams.isEmpty)
    #expect(Self.describe(model.vars) == ["g:scalar:READ_WRITE"])
    #expect(model.preVars.isEmpty && model.postVars.isEmpty)
    #expect(model.preNeuronVarRefs.isEmpty && model.postNeuronVarRefs.isEmpty)
    #expect(model.psmVarRefs.isEmpty && model.extraGlobalParams.isEmpty)
    #expect(
      Self.nonEmptyCode(model) == [
        "preSpikeSynCode": Self.genNSTDPPreSpikeSynCode,
        "postSpikeSynCode": Self.genNSTDPPostSpikeSynCode,
      ])
    #expect(model.preSpikeSynCode.contains("st_post; \n"), "GeNN's trailing space is kept")
    #expect(!model.hasPreEvents && model.hasPostsynapticUpdate)
  }

  @Test func staticPulseModelsAreUnchanged() {
    #expect(
      Self.nonEmptyCode(.staticPulse) == ["preSpikeSynCode": "addToPost(g);\n"])
    #expect(
      Self.nonEmptyCode(.staticPulseConstantWeight) == ["preSpikeSynCode": "addToPost(g);\n"])
    #expect(
      Self.nonEmptyCode(.staticPulseDendriticDelay) == [
        "preSpikeSynCode": "addToPostDelay(g, d);\n"
      ])
  }

  // MARK: Code strings type-check where they run

  /// The environment of a model's code: maths, random numbers, `t`, `dt`, `id` and the
  /// model's fields, as the code generator provides them.
  static func environment(
    _ context: String, scalar: NumericType, params: [String], derived: [DerivedParameter],
    vars: [Variable], egps: [ExtraGlobalParameter] = []
  ) -> Environment {
    let types = TypeContext(scalar: scalar)
    var environment = Environment(context: context, types: types)
    environment.add(StandardLibrary.mathematics(for: .cpp))
    environment.add(StandardLibrary.random(precision: scalar, generator: "&rng"))
    environment.define("t", GeNNType.numeric(scalar).addingConst)
    environment.define("dt", GeNNType.numeric(scalar).addingConst)
    environment.define("id", GeNNType.uint32.addingConst)
    for name in params + derived.map(\.name) {
      environment.define(name, GeNNType.numeric(scalar).addingConst)
    }
    for variable in vars {
      let type = GeNNType.numeric(variable.valueType!.resolved(in: types))
      environment.define(variable.name, variable.access.isWritable ? type : type.addingConst)
    }
    for egp in egps {
      environment.define(egp.name, GeNNType.numeric(egp.elementType!.resolved(in: types)).pointer())
    }
    return environment
  }

  @Test(arguments: [NumericType.float, .double])
  func neuronCodeTypeChecks(scalar: NumericType) throws {
    for (name, model) in NeuronModel.builtins.sorted(by: { $0.key < $1.key }) {
      var environment = Self.environment(
        "\(name) sim code", scalar: scalar, params: model.params, derived: model.derivedParams,
        vars: model.vars, egps: model.extraGlobalParams)
      environment.define("Isyn", GeNNType.numeric(scalar).addingConst)
      let sim = try Transpiler.checkStatements(model.simCode, in: environment)
      environment.add(sim.localSymbols)
      let threshold = try Transpiler.checkExpression(model.thresholdConditionCode, in: environment)
      #expect(threshold.type.isScalar, "\(name) threshold condition")
      _ = try Transpiler.checkStatements(model.resetCode, in: environment)
    }
  }

  @Test(arguments: [NumericType.float, .double])
  func injectionCodeTypeChecks(scalar: NumericType) throws {
    for (name, model) in CurrentSourceModel.builtins.sorted(by: { $0.key < $1.key }) {
      var environment = Self.environment(
        "\(name) injection code", scalar: scalar, params: model.params,
        derived: model.derivedParams,
        vars: model.vars, egps: model.extraGlobalParams)
      environment.add(Symbol("injectCurrent", .function(returning: .void, [.numeric(scalar)])))
      _ = try Transpiler.checkStatements(model.injectionCode, in: environment)
    }
  }

  @Test(arguments: [NumericType.float, .double])
  func snippetCodeTypeChecks(scalar: NumericType) throws {
    for (name, snippet) in InitSnippet.builtins.sorted(by: { $0.key < $1.key }) {
      for valueType in ["scalar", "unsigned int"] {
        var environment = Self.environment(
          "\(name) init code", scalar: scalar, params: snippet.params,
          derived: snippet.derivedParams,
          vars: [])
        let types = TypeContext(scalar: scalar)
        environment.define(
          "value", GeNNType.numeric(TypeName.Base(parsing: valueType)!.resolved(in: types)))
        _ = try Transpiler.checkStatements(snippet.code, in: environment)
      }
    }
  }

  /// The environment of weight update code: a model's fields, its neuron variable
  /// references, spike times and `addToPost`, as the code generator provides them.
  static func synapseEnvironment(_ name: String, _ model: WeightUpdateModel, scalar: NumericType)
    -> Environment
  {
    var environment = Self.environment(
      "\(name) synapse code", scalar: scalar, params: model.params,
      derived: model.derivedParams, vars: model.vars, egps: model.extraGlobalParams)
    let types = TypeContext(scalar: scalar)
    for reference in model.preNeuronVarRefs + model.postNeuronVarRefs + model.psmVarRefs {
      let type = GeNNType.numeric(TypeName.Base(parsing: reference.type)!.resolved(in: types))
      environment.define(reference.name, reference.isReadOnly ? type.addingConst : type)
    }
    for time in ["st_pre", "st_post", "prev_st_pre", "prev_st_post"] {
      environment.define(time, GeNNType.numeric(scalar).addingConst)
    }
    environment.add(Symbol("addToPost", .function(returning: .void, [.numeric(scalar)])))
    environment.add(Symbol("addToPre", .function(returning: .void, [.numeric(scalar)])))
    environment.add(
      Symbol("addToPostDelay", .function(returning: .void, [.numeric(scalar), .uint32])))
    return environment
  }

  @Test(arguments: [NumericType.float, .double])
  func weightUpdateCodeTypeChecks(scalar: NumericType) throws {
    for (name, model) in WeightUpdateModel.builtins.sorted(by: { $0.key < $1.key }) {
      let environment = Self.synapseEnvironment(name, model, scalar: scalar)
      for (hook, code) in model.synapseCode where !code.isBlank {
        do {
          _ = try Transpiler.checkStatements(code, in: environment)
        } catch {
          Issue.record("\(name) \(hook) does not type-check: \(error)")
        }
      }
      if model.hasPreEvents {
        let condition = try Transpiler.checkExpression(
          model.preEventThresholdConditionCode, in: environment)
        #expect(condition.type.isScalar, "\(name) presynaptic event threshold condition")
      }
    }
  }

  @Test func builtinSynapseModelsValidateWithGeNNsTypicalValues() throws {
    var model = ModelSpec(name: "builtin_synapses", dt: 0.1)
    let lif: [String: Double] = [
      "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
      "TauRefrac": 2,
    ]
    model.addNeuronPopulation(
      "Pre", size: 3, model: .lif, params: lif, vars: ["V": -65.0, "RefracTime": 0.0])
    model.addNeuronPopulation(
      "Post", size: 2, model: .lif, params: lif, vars: ["V": -65.0, "RefracTime": 0.0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Graded", source: "Pre", target: "Post", matrixType: .dense,
        connectivity: .allToAll, weightUpdate: .staticGraded,
        weightUpdateParams: ["Epre": -55, "Vslope": 5], weightUpdateVars: ["g": 0.1],
        postsynaptic: .expCond, postsynapticParams: ["tau": 5, "E": 0]))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Plastic", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 2], post: [1, 0]), weightUpdate: .stdp,
        weightUpdateParams: [
          "tauPlus": 16.8, "tauMinus": 33.7, "Aplus": 0.01, "Aminus": 0.0105, "Wmin": 0,
          "Wmax": 1,
        ],
        weightUpdateVars: ["g": [0.5, 0.25]], postsynaptic: .expCurr,
        postsynapticParams: ["tau": 5], axonalDelaySteps: 2, backPropDelaySteps: 1))
    try model.validate()
  }

  @Test func builtinModelsValidateWithGeNNsTypicalValues() throws {
    var model = ModelSpec(name: "builtins", dt: 0.1)
    model.addNeuronPopulation(
      "Rulkov", size: 2, model: .rulkovMap,
      params: ["Vspike": 60, "alpha": 3, "y": -2.468, "beta": 2.64],
      vars: ["V": -60.0, "preV": -60.0])
    model.addNeuronPopulation(
      "Izh", size: 2, model: .izhikevich, params: ["a": 0.02, "b": 0.2, "c": -65, "d": 8],
      vars: ["V": -65.0, "U": -20.0])
    model.addNeuronPopulation(
      "IzhVar", size: 2, model: .izhikevichVariable,
      vars: ["V": -65.0, "U": -20.0, "a": 0.02, "b": 0.2, "c": -65.0, "d": 8.0])
    model.addNeuronPopulation(
      "LIF", size: 2, model: .lif,
      params: [
        "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
        "TauRefrac": 2,
      ],
      vars: ["V": -65.0, "RefracTime": 0.0])
    model.addNeuronPopulation(
      "SSA", size: 2, model: .spikeSourceArray, vars: ["startSpike": [0, 1], "endSpike": [1, 2]],
      extraGlobalParams: ["spikeTimes": [1, 2]])
    model.addNeuronPopulation(
      "Poi", size: 2, model: .poisson, params: ["rate": 20], vars: ["timeStepToSpike": 0.0])
    model.addNeuronPopulation(
      "HH", size: 2, model: .traubMiles,
      params: [
        "gNa": 7.15, "ENa": 50, "gK": 1.43, "EK": -95, "gl": 0.02672, "El": -63.563, "C": 0.143,
      ],
      vars: ["V": -60.0, "m": 0.0529324, "h": 0.3176767, "n": 0.5961207])
    model.addCurrentSource("DC", model: .dc, target: "LIF", params: ["amp": 0.7])
    model.addCurrentSource(
      "Noise", model: .gaussianNoise, target: "Izh", params: ["mean": 0, "sd": 1])
    model.addCurrentSource(
      "PExp", model: .poissonExp, target: "HH", params: ["weight": 0.1, "tauSyn": 20, "rate": 20],
      vars: ["current": 0.0])
    try model.validate()
  }
}
