import GeNNModel
import Testing

@testable import GeNNCodeGen

/// Every generated line records the model element, and the code string of it, it was
/// written for: a compiler's error in generated code names them (DESIGN.md decision 8).
@Suite struct ModuleOriginTests {
  /// A backend's source and origins.
  struct Generated {
    var source: String
    var origins: LineOrigins

    var lines: [Substring] { source.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The origins of the lines, in order.
    var lineOrigins: [CodeOrigin] { (1..<lines.count).compactMap { origins[$0] } }
  }

  enum Backend: String, CaseIterable, Sendable {
    case cpu, cuda

    func generate(_ model: ModelSpec) throws -> Generated {
      switch self {
      case .cpu:
        let module = try CPUBackend().generate(model)
        return Generated(source: module.source, origins: module.origins)
      case .cuda:
        let module = try CUDABackend().generate(model)
        return Generated(source: module.source, origins: module.origins)
      }
    }
  }

  static func everyString() -> ModelSpec {
    var slots = StringSlots()
    return EveryStringModel.make(&slots)
  }

  @Test("every line has an origin", arguments: Backend.allCases)
  func everyLineHasAnOrigin(_ backend: Backend) throws {
    let generated = try backend.generate(Self.everyString())
    // The text ends in a newline: the last, empty piece is no line.
    #expect(generated.origins.count == generated.lines.count - 1)
    #expect(generated.origins[0] == nil)
    #expect(generated.origins[generated.lines.count] == nil)
    let elements = Set(generated.lineOrigins.map(\.element))
    #expect(elements.contains(.driver))
    #expect(elements.contains(.support))
  }

  @Test("every code string's lines name its group and the string", arguments: Backend.allCases)
  func codeStringsNameTheirGroup(_ backend: Backend) throws {
    let origins = Set(try backend.generate(Self.everyString()).lineOrigins)
    let pre = CodeOrigin.Element.neuronUpdate(group: 0, populations: ["Pre"])
    let post = CodeOrigin.Element.neuronUpdate(group: 1, populations: ["Post"])
    let syn = CodeOrigin.Element.synapseUpdate(group: 0, populations: ["Syn"])
    let synInit = CodeOrigin.Element.synapseInitialisation(group: 0, populations: ["Syn"])
    let neuronInit = CodeOrigin.Element.initialisation(
      group: 0, elements: ["neuron population 'Pre'", "neuron population 'Post'"])
    let plastic = "synapse population 'Syn', weight update model 'Plastic model'"
    let expected: [CodeOrigin] = [
      CodeOrigin(element: pre, part: "neuron population 'Pre', sim code"),
      CodeOrigin(element: pre, part: "neuron population 'Pre', threshold condition code"),
      CodeOrigin(element: pre, part: "neuron population 'Pre', reset code"),
      CodeOrigin(element: pre, part: "\(plastic) presynaptic dynamics code"),
      CodeOrigin(element: pre, part: "\(plastic) presynaptic spike code"),
      CodeOrigin(element: pre, part: "\(plastic) presynaptic event threshold condition code"),
      CodeOrigin(
        element: pre,
        part: "synapse population 'Backward', postsynaptic model 'Delta model' sim code"
      ),
      CodeOrigin(element: post, part: "current source 'Drive', injection code"),
      CodeOrigin(element: post, part: "\(plastic) postsynaptic spike code"),
      CodeOrigin(
        element: post,
        part: "synapse population 'Syn', postsynaptic model 'Conductance model' sim code"),
      CodeOrigin(element: syn, part: "\(plastic) pre spike syn code"),
      CodeOrigin(element: syn, part: "\(plastic) pre event syn code"),
      CodeOrigin(element: syn, part: "\(plastic) post spike syn code"),
      CodeOrigin(element: syn, part: "\(plastic) post event syn code"),
      CodeOrigin(element: syn, part: "\(plastic) synapse dynamics code"),
      // Forward and Backward share their structure: one merged group.
      CodeOrigin(
        element: .synapseUpdate(group: 1, populations: ["Forward", "Backward"]),
        part:
          "synapse populations 'Forward', 'Backward', weight update model 'Static model' pre spike syn code"
      ),
      CodeOrigin(
        element: synInit,
        part: "synapse population 'Syn', connectivity snippet 'Every other' row build code"),
      CodeOrigin(
        element: synInit,
        part: "synapse population 'Syn', variable 'g', init snippet 'Uniform init'"),
      CodeOrigin(
        element: neuronInit,
        part: "neuron population 'Pre', variable 'V', init snippet 'Uniform init'"),
      CodeOrigin(
        element: .customUpdate("ScalePost"), part: "custom update 'ScalePost', update code"),
      CodeOrigin(
        element: .customUpdate("CopyWeights"), part: "custom update 'CopyWeights', update code"),
    ]
    for origin in expected {
      #expect(origins.contains(origin), "\(backend): no line from \(origin)")
    }
  }

  @Test("a line is blamed on the group it was written for", arguments: Backend.allCases)
  func linesOfAGroupStayWithIt(_ backend: Backend) throws {
    let generated = try backend.generate(Self.everyString())
    let lines = generated.lines
    // The plastic synapses' presynaptic spike code adds to the target's input: its line
    // belongs to the synapse update, not to an initialisation before it.
    let index = try #require(
      (1..<lines.count).first {
        generated.origins[$0]?.part?.hasSuffix("pre spike syn code") == true
      })
    let origin = try #require(generated.origins[index])
    #expect(origin.element == .synapseUpdate(group: 0, populations: ["Syn"]))
    #expect(
      origin.description
        == "synapse update group 0 (synapse population 'Syn'): synapse population 'Syn', "
        + "weight update model 'Plastic model' pre spike syn code")
  }

  @Test(
    "origins of a small model's sim, reset, injection and initialisation",
    arguments: Backend.allCases)
  func smallModel(_ backend: Backend) throws {
    var model = ModelSpec(name: "origin", precision: .float)
    model.addNeuronPopulation(
      "Exc", size: 10, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
        "TauRefrac": 2,
      ],
      vars: ["V": .snippet(.uniform, params: ["min": -70, "max": -50]), "RefracTime": 0])
    model.addCurrentSource("Drive", model: .dc, target: "Exc", params: ["amp": 1])
    let generated = try backend.generate(model)
    let lines = generated.lines
    func origin(ofFirstLineContaining text: String) throws -> String? {
      let index = try #require(lines.firstIndex { $0.contains(text) }, "no line with \(text)")
      return generated.origins[index + 1]?.description
    }
    let group = "neuron update group 0 (population 'Exc')"
    #expect(
      try origin(ofFirstLineContaining: "_alpha") == "\(group): neuron population 'Exc', sim code")
    #expect(
      try origin(ofFirstLineContaining: "group.p_Vreset")
        == "\(group): neuron population 'Exc', reset code")
    #expect(
      try origin(ofFirstLineContaining: "group.cs0_p_amp")
        == "\(group): current source 'Drive', injection code")
    #expect(
      try origin(ofFirstLineContaining: "group.V_p_min")
        == "initialisation group 0 (neuron population 'Exc'): neuron population 'Exc', "
        + "variable 'V', init snippet 'Uniform'")
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
