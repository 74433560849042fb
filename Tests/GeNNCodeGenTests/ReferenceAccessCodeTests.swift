import GeNNCodeGen
import GeNNModel
import GeNNTranspiler
import Testing

/// What code may do through references to variables their owners only read, as in
/// GeNN 5.4: a custom update's read-write reference writes its target back on both
/// backends; weight update code cannot assign through a reference to a read-only
/// variable; and `x[d]` of a postsynaptic variable, neuron reference or postsynaptic
/// model reference (GeNN's heterogeneous delayed read) reads its queue.
@Suite struct ReferenceAccessCodeTests {
  static let lifParams: [String: Double] = [
    "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
    "TauRefrac": 2,
  ]
  static let lifVars: [String: VarInit] = ["V": -65.0, "RefracTime": 0.0]

  /// `Pre` (4 LIF neurons) to `Post` (3 LIF neurons) through `synapses`.
  static func model(_ synapses: SynapsePopulation) -> ModelSpec {
    var model = ModelSpec(name: "references", precision: .double)
    model.addNeuronPopulation("Pre", size: 4, model: .lif, params: lifParams, vars: lifVars)
    model.addNeuronPopulation("Post", size: 3, model: .lif, params: lifParams, vars: lifVars)
    model.addSynapsePopulation(synapses)
    return model
  }

  /// SPARSE `StaticPulse` synapses whose READ_ONLY `g` a custom update doubles through
  /// a read-write reference (GeNN's `test_sparse.py`).
  static func doubledWeights() -> ModelSpec {
    var model = Self.model(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 1, 3], post: [2, 0, 1]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": [1, 2, 3]], postsynaptic: .deltaCurr))
    model.addCustomUpdate(
      CustomUpdate(
        name: "Double", updateGroup: "Double",
        model: CustomUpdateModel(
          name: "Times2", varRefs: [CustomUpdateVarReference("X")], updateCode: "X *= 2.0;\n"),
        varRefs: ["X": .weightUpdateVariable(synapses: "Syn", variable: "g")]))
    return model
  }

  @Test func aCustomUpdateWritesAReadOnlyTargetOnBothBackends() throws {
    let model = Self.doubledWeights()
    let cpu = try CPUBackend().generate(model).source
    let cuda = try CUDABackend().generate(model).source
    for source in [cpu, cuda] {
      #expect(source.contains("double *r_X;"))
      #expect(!source.contains("const double *r_X;"))
      #expect(source.contains("group.r_X[idSyn] = l_X;"))
    }
  }

  @Test(
    "a custom update writing a read-only target compiles with NVRTC",
    .enabled(if: NVRTC.location.path != nil, Comment(rawValue: NVRTC.location.reason)))
  func customUpdateOfAReadOnlyTargetCompiles() throws {
    let module = try CUDABackend().generate(Self.doubledWeights())
    _ = try CUDABackendTests.compileEverywhere(module, name: "read_only_target")
  }

  /// The code-string errors of generating `model` on the CPU.
  static func codeErrors(
    _ model: ModelSpec, sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) -> [TranspilerError] {
    CPUBackendTests.codeErrors(model, sourceLocation: sourceLocation)
  }

  @Test func weightUpdateCodeCannotAssignThroughAReferenceToAReadOnlyVariable() throws {
    let neuron = NeuronModel(
      name: "Duplicate", vars: [Variable("V"), Variable("dup", access: .readOnlyDuplicate)])
    var model = ModelSpec(name: "references")
    model.addNeuronPopulation("Pre", size: 2, model: neuron, vars: ["V": 0, "dup": 1])
    model.addNeuronPopulation(
      "Post", size: 3, model: .lif, params: Self.lifParams, vars: Self.lifVars)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: WeightUpdateModel(
          name: "Writer", preNeuronVarRefs: [NeuronVarReference("a", readOnly: false)],
          preSpikeSynCode: "addToPost(a);\n", preSpikeCode: "a = 2.0;\n"),
        preVarRefs: ["a": "dup"], postsynaptic: .deltaCurr))
    try model.validate()
    let error = try #require(Self.codeErrors(model).first)
    guard case .readOnly(name: "a", _)? = error.diagnostics.first?.problem else {
      Issue.record("expected a read-only assignment, got \(error)")
      return
    }
  }

  /// A weight update model that reads `name[d]` in its synapse code (`code`), with a
  /// postsynaptic variable, a reference to a target neuron variable and one to a
  /// postsynaptic-model variable, and a presynaptic variable.
  static func delayedRead(
    _ name: String, code: String? = nil, maxDendriticDelaySteps: Int? = 3
  ) -> ModelSpec {
    let postsynaptic = PostsynapticModel(
      name: "Traced", vars: [Variable("x")], simCode: "injectCurrent(inSyn);\ninSyn = 0.0;\n")
    return Self.model(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: WeightUpdateModel(
          name: "Reverse", vars: [Variable("d", "uint8_t", access: .readOnly)],
          preVars: [Variable("preTrace")], postVars: [Variable("postTrace")],
          postNeuronVarRefs: [NeuronVarReference("Vpost")],
          psmVarRefs: [NeuronVarReference("psmX")],
          synapseDynamicsCode: code ?? "addToPost(\(name)[d]);\n"),
        weightUpdateVars: ["d": 1], weightUpdatePreVars: ["preTrace": 0],
        weightUpdatePostVars: ["postTrace": 0], postVarRefs: ["Vpost": "V"],
        psmVarRefs: ["psmX": "x"], postsynaptic: postsynaptic, postsynapticVars: ["x": 0],
        maxDendriticDelaySteps: maxDendriticDelaySteps))
  }

  @Test(arguments: [
    ("postTrace", "post_postTrace"), ("Vpost", "postRef_Vpost"), ("psmX", "psmRef_psmX"),
  ])
  func delayedReadsOfPostsynapticVariablesReadTheirQueue(name: String, field: String) throws {
    let model = Self.delayedRead(name)
    try model.validate()
    // `d` is a uint8_t synapse variable: taken modulo the target's 4 delay slots.
    let read =
      "group.\(field)[(size_t)((timestep + 2u * group.trgDelaySlots - "
      + "(uint32_t)((uint64_t)(group.v_d[syn]) % (uint64_t)group.trgDelaySlots)) "
      + "% group.trgDelaySlots) * group.numTrgNeurons + id_post]"
    for source in [
      try CPUBackend().generate(model).source, try CUDABackend().generate(model).source,
    ] {
      #expect(source.contains(read))
      #expect(source.contains(".trgDelaySlots = 4u;"))
    }
  }

  @Test func aDelayMustBeAnInteger() throws {
    let model = Self.delayedRead("Vpost", code: "addToPost(Vpost[0.5]);\n")
    let error = try #require(Self.codeErrors(model).first)
    #expect(error.diagnostics.first?.problem == .invalidSubscript(index: "double"))
  }

  @Test func delayedReadsNeedADendriticDelayBuffer() throws {
    let model = Self.delayedRead("postTrace", maxDendriticDelaySteps: nil)
    let error = try #require(throws: ModelError.self) { try model.validate() }
    #expect(error.problems == [.missingDendriticDelay(element: "synapse population 'Syn'")])
  }

  @Test func oneCodeStringReadsAVariableWithADelayOrWithout() throws {
    let model = Self.delayedRead("Vpost", code: "addToPost(Vpost[d] + Vpost);\n")
    let error = try #require(throws: ModelError.self) { try model.validate() }
    #expect(
      error.problems == [
        .delayedAndUndelayedRead(
          element: "synapse population 'Syn'", name: "Vpost", code: "synapse dynamics code")
      ])
  }

  @Test func indexingAPresynapticVariableKeepsItsMessage() throws {
    let error = try #require(Self.codeErrors(Self.delayedRead("preTrace")).first)
    #expect(error.diagnostics.first?.problem == .notSubscriptable("const double"))
  }
}
