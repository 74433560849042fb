import Foundation
import GeNNModel
import GeNNModelFile
import Testing

/// Every GeNN built-in model and snippet can be named in a model file.
@Suite struct BuiltinNameTests {
  /// `name: value` lines for each name of `names`, with value 1.
  static func ones(_ names: [String]) -> String {
    "{" + names.map { "\($0): 1" }.joined(separator: ", ") + "}"
  }

  @Test(arguments: NeuronModel.builtins.keys.sorted())
  func neuronModel(_ name: String) throws {
    let model = try #require(NeuronModel.builtins[name])
    let text = """
      neurons:
        N:
          size: 2
          model: \(name)
          params: \(Self.ones(model.params))
          vars: \(Self.ones(model.vars.map(\.name)))
          extra_global_params: {\(model.extraGlobalParams.map { "\($0.name): [1]" }.joined(separator: ", "))}
      """
    let file = try ModelFile.parse(text, path: "\(name).yaml")
    #expect(file.model.neuronPopulations.first?.model.name == name)
  }

  @Test(arguments: CurrentSourceModel.builtins.keys.sorted())
  func currentSourceModel(_ name: String) throws {
    let model = try #require(CurrentSourceModel.builtins[name])
    let text = """
      neurons: {N: {size: 2, model: Poisson, params: {rate: 10}, vars: {timeStepToSpike: 0}}}
      current_sources:
        S:
          model: \(name)
          target: N
          params: \(Self.ones(model.params))
          vars: \(Self.ones(model.vars.map(\.name)))
      """
    let file = try ModelFile.parse(text, path: "\(name).yaml")
    #expect(file.model.currentSources.first?.model.name == name)
  }

  @Test(arguments: WeightUpdateModel.builtins.keys.sorted())
  func weightUpdateModel(_ name: String) throws {
    let model = try #require(WeightUpdateModel.builtins[name])
    let text = """
      neurons:
        N: {size: 2, model: Izhikevich, params: {a: 1, b: 1, c: 1, d: 1}, vars: {V: 1, U: 1}}
      synapses:
        S:
          source: N
          target: N
          weight_update:
            model: \(name)
            params: \(Self.ones(model.params))
            vars: \(Self.ones(model.vars.map(\.name)))
            pre_vars: \(Self.ones(model.preVars.map(\.name)))
            post_vars: \(Self.ones(model.postVars.map(\.name)))
          postsynaptic: {model: DeltaCurr}
          \(name == "StaticPulseDendriticDelay" ? "max_dendritic_delay_steps: 4" : "")
      """
    let file = try ModelFile.parse(text, path: "\(name).yaml")
    #expect(file.model.synapsePopulations.first?.weightUpdate.name == name)
  }

  @Test(arguments: PostsynapticModel.builtins.keys.sorted())
  func postsynapticModel(_ name: String) throws {
    let model = try #require(PostsynapticModel.builtins[name])
    let text = """
      neurons:
        N: {size: 2, model: Izhikevich, params: {a: 1, b: 1, c: 1, d: 1}, vars: {V: 1, U: 1}}
      synapses:
        S:
          source: N
          target: N
          weight_update: {model: StaticPulseConstantWeight, params: {g: 1}}
          postsynaptic:
            model: \(name)
            params: \(Self.ones(model.params))
            vars: \(Self.ones(model.vars.map(\.name)))
      """
    let file = try ModelFile.parse(text, path: "\(name).yaml")
    #expect(file.model.synapsePopulations.first?.postsynaptic.name == name)
  }

  @Test(arguments: InitSnippet.builtins.keys.sorted())
  func initSnippet(_ name: String) throws {
    let snippet = try #require(InitSnippet.builtins[name])
    var params = Self.ones(snippet.params)
    if name.hasPrefix("NormalClipped") { params = "{mean: 0, sd: 1, min: -2, max: 2}" }
    let text = """
      neurons:
        N:
          size: 2
          model: Izhikevich
          params: {a: 1, b: 1, c: 1, d: 1}
          vars: {V: {snippet: \(name), params: \(params)}, U: 0}
      """
    let file = try ModelFile.parse(text, path: "\(name).yaml")
    guard case .snippet(let parsed, _)? = file.model.neuronPopulations.first?.vars["V"] else {
      Issue.record("V is not a snippet")
      return
    }
    #expect(parsed.name == name)
  }

  /// Parameters for each connectivity and Toeplitz snippet on 2x2x1 inputs and outputs.
  static let snippetParams: [String: String] = [
    "OneToOne": "{}", "FixedProbability": "{prob: 0.5}",
    "FixedProbabilityNoAutapse": "{prob: 0.5}", "FixedNumberPostWithReplacement": "{num: 2}",
    "FixedNumberPreWithReplacement": "{num: 2}", "FixedNumberTotalWithReplacement": "{num: 4}",
    "Conv2D":
      "{conv_kh: 1, conv_kw: 1, conv_sh: 1, conv_sw: 1, conv_padh: 0, conv_padw: 0, conv_ih: 2, "
      + "conv_iw: 2, conv_ic: 1, conv_oh: 2, conv_ow: 2, conv_oc: 1}",
  ]

  @Test(arguments: ConnectivitySnippet.builtins.keys.sorted())
  func connectivitySnippet(_ name: String) throws {
    let params = try #require(Self.snippetParams[name])
    let text = """
      neurons:
        N: {size: 4, model: Izhikevich, params: {a: 1, b: 1, c: 1, d: 1}, vars: {V: 1, U: 1}}
      synapses:
        S:
          source: N
          target: N
          connectivity: {snippet: \(name), params: \(params)}
          weight_update: {model: StaticPulseConstantWeight, params: {g: 1}}
      """
    let file = try ModelFile.parse(text, path: "\(name).yaml")
    guard case .snippet(let snippet, _)? = file.model.synapsePopulations.first?.connectivity else {
      Issue.record("the connectivity is not a snippet")
      return
    }
    #expect(snippet.name == name)
  }

  @Test(arguments: ToeplitzSnippet.builtins.keys.sorted())
  func toeplitzSnippet(_ name: String) throws {
    let params =
      name == "Conv2D"
      ? "{conv_kh: 1, conv_kw: 1, conv_ih: 2, conv_iw: 2, conv_ic: 1, conv_oh: 2, conv_ow: 2, conv_oc: 1}"
      : "{conv_kh: 1, conv_kw: 1, pool_kh: 1, pool_kw: 1, pool_sh: 1, pool_sw: 1, pool_ih: 2, "
        + "pool_iw: 2, pool_ic: 1, conv_oh: 2, conv_ow: 2, conv_oc: 1}"
    let text = """
      neurons:
        N: {size: 4, model: Izhikevich, params: {a: 1, b: 1, c: 1, d: 1}, vars: {V: 1, U: 1}}
      synapses:
        S:
          source: N
          target: N
          connectivity: {toeplitz: \(name), params: \(params)}
          weight_update: {model: StaticPulse, vars: {g: [0.5]}}
      """
    let file = try ModelFile.parse(text, path: "\(name).yaml")
    let synapses = try #require(file.model.synapsePopulations.first)
    #expect(synapses.matrixType == .toeplitz)
    guard case .toeplitz(let snippet, _) = synapses.connectivity else {
      Issue.record("the connectivity is not Toeplitz")
      return
    }
    #expect(snippet.name == name)
  }

  @Test(arguments: SynapseMatrixType.allCases)
  func matrixTypeNames(_ type: SynapseMatrixType) throws {
    let text = """
      neurons:
        N: {size: 4, model: Izhikevich, params: {a: 1, b: 1, c: 1, d: 1}, vars: {V: 1, U: 1}}
      synapses:
        S:
          source: N
          target: N
          matrix_type: \(type.rawValue.lowercased())
          weight_update: {model: StaticPulseConstantWeight, params: {g: 1}}
      """
    do {
      let file = try ModelFile.parse(text, path: "matrix.yaml")
      #expect(file.model.synapsePopulations.first?.matrixType == type)
    } catch {
      // Some matrix types need other connectivity than all-to-all: validation says so,
      // at the synapse population's entry.
      #expect(error.problem.description.contains("synapse population 'S'"))
      #expect(error.position.line >= 3)
    }
  }
}
