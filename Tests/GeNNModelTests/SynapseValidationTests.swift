import Testing

@testable import GeNNModel

/// `ModelSpec.validate()` on synapse populations' weight update models: pre- and
/// postsynaptic variables, neuron and postsynaptic-model variable references, extra
/// global parameters, back-propagation delays and the matrix types that per-synapse
/// code needs (GeNN's `tests/unit/synapseGroup.cc`, `weightUpdateModels.cc`). Each test
/// builds one failing model and checks that the message names the population and field.
@Suite struct SynapseValidationTests {
  // MARK: Fixtures

  static let lifParams: [String: Double] = [
    "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
    "TauRefrac": 2,
  ]
  static let lifVars: [String: VarInit] = ["V": -65.0, "RefracTime": 0.0]

  /// A weight update model with a per-synapse, a presynaptic and a postsynaptic
  /// variable, a reference of each kind and an extra global parameter.
  static let tracedWeightUpdate = WeightUpdateModel(
    name: "Traced", params: ["tau"], vars: [Variable("g")], preVars: [Variable("preTrace")],
    postVars: [Variable("postTrace")], preNeuronVarRefs: [NeuronVarReference("Vpre")],
    postNeuronVarRefs: [NeuronVarReference("Vpost")], psmVarRefs: [NeuronVarReference("x")],
    extraGlobalParams: [ExtraGlobalParameter("scale", "scalar*")],
    preSpikeSynCode: "addToPost(g * Vpre);\n", preSpikeCode: "preTrace += 1.0;\n",
    postSpikeCode: "postTrace += Vpost + x;\n")

  /// A postsynaptic model with one read-write and one read-only variable.
  static let withVars = PostsynapticModel(
    name: "WithVars", vars: [Variable("x"), Variable("gain", access: .readOnly)],
    simCode: "injectCurrent(inSyn * gain);\nx = inSyn;\ninSyn = 0.0;\n")

  /// A valid `Traced` population from `Pre` (4 neurons) to `Post` (3 neurons).
  static func tracedSynapses() -> SynapsePopulation {
    SynapsePopulation(
      name: "Syn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
      weightUpdate: tracedWeightUpdate, weightUpdateParams: ["tau": 20],
      weightUpdateVars: ["g": 0.5],
      weightUpdatePreVars: ["preTrace": 0.0], weightUpdatePostVars: ["postTrace": [0, 1, 2]],
      preVarRefs: ["Vpre": "V"], postVarRefs: ["Vpost": "V"],
      weightUpdateExtraGlobalParams: ["scale": [1, 2]], postsynaptic: withVars,
      postsynapticVars: ["x": 0.0, "gain": 1.0])
  }

  /// `Pre` (4 LIF neurons), `Post` (3 LIF neurons) and `synapses` between them.
  static func model(_ synapses: SynapsePopulation) -> ModelSpec {
    var model = ModelSpec(name: "synapses")
    model.addNeuronPopulation(
      "Pre", size: 4, model: .lif, params: lifParams, vars: lifVars)
    model.addNeuronPopulation(
      "Post", size: 3, model: .lif, params: lifParams, vars: lifVars)
    model.addSynapsePopulation(synapses)
    return model
  }

  /// The model with `tracedSynapses()` changed by `change`.
  static func traced(_ change: (inout SynapsePopulation) -> Void) -> ModelSpec {
    var synapses = tracedSynapses()
    change(&synapses)
    return model(synapses)
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

  static let element = "synapse population 'Syn'"
  static let weightUpdateElement = "synapse population 'Syn' (weight update model 'Traced')"

  // MARK: Valid populations

  @Test func prePostVariablesReferencesAndParametersPass() throws {
    try Self.model(Self.tracedSynapses()).validate()
    // Unlisted references name the variable of their own name; references may be renamed.
    let renamed = WeightUpdateModel(
      name: "Renamed", preNeuronVarRefs: [NeuronVarReference("V")],
      postNeuronVarRefs: [NeuronVarReference("RefracTime", readOnly: false)],
      preSpikeSynCode: "addToPost(V);\n")
    try Self.model(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .explicit(pre: [0], post: [1]), weightUpdate: renamed,
        preVarRefs: ["V": "RefracTime"], postsynaptic: .deltaCurr)
    ).validate()
  }

  @Test func plasticityOnDenseAndSparseMatricesPasses() throws {
    let plastic = WeightUpdateModel(
      name: "Plastic", vars: [Variable("g")], preSpikeSynCode: "addToPost(g);\n",
      postSpikeSynCode: "g += 1.0;\n", postEventSynCode: "g -= 1.0;\n",
      synapseDynamicsCode: "g *= 0.99;\n", postEventThresholdConditionCode: "true")
    for (matrixType, connectivity) in [
      (SynapseMatrixType.dense, Connectivity.allToAll),
      (.sparse, .explicit(pre: [0, 1], post: [2, 0])),
    ] {
      try Self.model(
        SynapsePopulation(
          name: "Syn", source: "Pre", target: "Post", matrixType: matrixType,
          connectivity: connectivity, weightUpdate: plastic, weightUpdateVars: ["g": 0.1],
          postsynaptic: .deltaCurr, backPropDelaySteps: 2)
      ).validate()
    }
  }

  // MARK: Pre- and postsynaptic variables

  @Test func missingPreAndPostVariableInitialisers() throws {
    let problems = Self.problems(
      Self.traced {
        $0.weightUpdatePreVars = [:]
        $0.weightUpdatePostVars = [:]
      })
    let pre = "\(Self.element) (weight update model 'Traced', weightUpdatePreVars)"
    let post = "\(Self.element) (weight update model 'Traced', weightUpdatePostVars)"
    #expect(
      problems == [
        .missingVariable(element: pre, name: "preTrace"),
        .missingVariable(element: post, name: "postTrace"),
      ])
    #expect(
      problems.map(\.description) == [
        "synapse population 'Syn' (weight update model 'Traced', weightUpdatePreVars): "
          + "variable 'preTrace' has no initial value",
        "synapse population 'Syn' (weight update model 'Traced', weightUpdatePostVars): "
          + "variable 'postTrace' has no initial value",
      ])
  }

  @Test func preValuesHaveTheSourceSizeAndPostValuesTheTargetSize() throws {
    // Pre has 4 neurons and Post 3: swapped lengths are wrong on both sides.
    let problems = Self.problems(
      Self.traced {
        $0.weightUpdatePreVars = ["preTrace": [0, 0, 0]]
        $0.weightUpdatePostVars = ["postTrace": [0, 0, 0, 0]]
      })
    #expect(
      problems == [
        .wrongLength(
          element: "\(Self.element) (weight update model 'Traced', weightUpdatePreVars)",
          field: "preTrace", expected: 4, got: 3),
        .wrongLength(
          element: "\(Self.element) (weight update model 'Traced', weightUpdatePostVars)",
          field: "postTrace", expected: 3, got: 4),
      ])
    #expect(problems.first?.description.contains("'preTrace' has 3 values; it needs 4") == true)
    #expect(problems.last?.description.contains("weightUpdatePostVars") == true)
  }

  @Test func nonFinitePreVariableConstant() throws {
    let problem = try #require(
      Self.onlyProblem(Self.traced { $0.weightUpdatePreVars = ["preTrace": .constant(.nan)] }))
    guard case .nonFiniteInitialValue(let element, let variable, _) = problem else {
      Issue.record("expected nonFiniteInitialValue, got \(problem)")
      return
    }
    #expect(element == "\(Self.element) (weight update model 'Traced', weightUpdatePreVars)")
    #expect(variable == "preTrace")
  }

  // MARK: Unknown keys

  @Test func unknownPreAndPostVariablesListTheAllowedNames() throws {
    let problems = Self.problems(
      Self.traced {
        $0.weightUpdatePreVars["trace"] = 0.0
        $0.weightUpdatePostVars["g"] = 0.0
      })
    #expect(
      problems == [
        .unknownVariable(
          element: "\(Self.element) (weight update model 'Traced', weightUpdatePreVars)",
          name: "trace", allowed: ["preTrace"]),
        .unknownVariable(
          element: "\(Self.element) (weight update model 'Traced', weightUpdatePostVars)",
          name: "g", allowed: ["postTrace"]),
      ])
    #expect(
      problems.first?.description
        == "synapse population 'Syn' (weight update model 'Traced', weightUpdatePreVars): "
        + "unknown variable 'trace'; variables are: preTrace")
  }

  @Test(arguments: [("preVarRefs", ["Vpre"]), ("postVarRefs", ["Vpost"]), ("psmVarRefs", ["x"])])
  func unknownReferenceListsTheModelsReferences(field: String, allowed: [String]) throws {
    let model = Self.traced {
      switch field {
      case "preVarRefs": $0.preVarRefs["Vm"] = "V"
      case "postVarRefs": $0.postVarRefs["Vm"] = "V"
      default: $0.psmVarRefs["Vm"] = "x"
      }
    }
    let problem = try #require(Self.onlyProblem(model))
    #expect(
      problem
        == .unknownReference(
          element: Self.weightUpdateElement, field: field, name: "Vm", allowed: allowed))
    #expect(
      problem.description
        == "\(Self.weightUpdateElement): \(field) names unknown reference 'Vm'; references are: "
        + allowed.joined(separator: ", "))
  }

  @Test func unknownReferenceOfAModelWithoutReferences() throws {
    var synapses = Self.tracedSynapses()
    synapses.weightUpdate.preNeuronVarRefs = []
    synapses.weightUpdate.preSpikeSynCode = "addToPost(g);\n"
    let problem = try #require(Self.onlyProblem(Self.model(synapses)))
    #expect(
      problem
        == .unknownReference(
          element: Self.weightUpdateElement, field: "preVarRefs", name: "Vpre", allowed: []))
    #expect(problem.description.contains("the model declares no such references"))
  }

  @Test func unknownWeightUpdateExtraGlobalParameter() throws {
    let problem = try #require(
      Self.onlyProblem(Self.traced { $0.weightUpdateExtraGlobalParams["scales"] = [1] }))
    #expect(
      problem
        == .unknownExtraGlobalParameter(
          element: Self.weightUpdateElement, name: "scales", allowed: ["scale"]))
    #expect(problem.description.contains("synapse population 'Syn'"))
    #expect(problem.description.contains("unknown extra global parameter 'scales'"))
    #expect(problem.description.contains("extra global parameters are: scale"))
  }

  @Test func invalidWeightUpdateExtraGlobalParameterType() throws {
    var synapses = Self.tracedSynapses()
    synapses.weightUpdate.extraGlobalParams = [ExtraGlobalParameter("scale", "scalar")]
    let problem = try #require(Self.onlyProblem(Self.model(synapses)))
    #expect(
      problem == .invalidType(element: Self.weightUpdateElement, field: "scale", type: "scalar"))
  }

  // MARK: Referenced variables

  @Test func preReferenceToAMissingSourceVariable() throws {
    let problem = try #require(Self.onlyProblem(Self.traced { $0.preVarRefs = ["Vpre": "Vm"] }))
    let owner = "source population 'Pre' (neuron model 'LIF')"
    #expect(
      problem
        == .unknownReferencedVariable(
          element: Self.weightUpdateElement, field: "preVarRefs", reference: "Vpre",
          variable: "Vm", owner: owner, available: ["V", "RefracTime"]))
    #expect(
      problem.description
        == "\(Self.weightUpdateElement): preVarRefs: reference 'Vpre' names variable 'Vm', "
        + "which \(owner) does not have; variables are: V, RefracTime")
  }

  @Test func postReferenceDefaultsToItsOwnNameOnTheTarget() throws {
    // Without an entry, `Vpost` names the target's variable `Vpost`, which LIF lacks.
    let problem = try #require(Self.onlyProblem(Self.traced { $0.postVarRefs = [:] }))
    #expect(
      problem
        == .unknownReferencedVariable(
          element: Self.weightUpdateElement, field: "postVarRefs", reference: "Vpost",
          variable: "Vpost", owner: "target population 'Post' (neuron model 'LIF')",
          available: ["V", "RefracTime"]))
    #expect(problem.description.contains("target population 'Post'"))
  }

  @Test func postsynapticModelReferenceToAMissingVariable() throws {
    let problem = try #require(Self.onlyProblem(Self.traced { $0.psmVarRefs = ["x": "y"] }))
    #expect(
      problem
        == .unknownReferencedVariable(
          element: Self.weightUpdateElement, field: "psmVarRefs", reference: "x", variable: "y",
          owner: "postsynaptic model 'WithVars'", available: ["x", "gain"]))
    #expect(problem.description.contains("psmVarRefs: reference 'x' names variable 'y'"))
    #expect(problem.description.contains("variables are: x, gain"))
  }

  @Test func writablePreReferenceToAReadOnlyVariable() throws {
    let writer = WeightUpdateModel(
      name: "Writer", preNeuronVarRefs: [NeuronVarReference("a", readOnly: false)],
      preSpikeSynCode: "addToPost(a);\n")
    var model = ModelSpec(name: "m")
    model.addNeuronPopulation(
      "Pre", size: 2, model: .izhikevichVariable,
      vars: ["V": -65.0, "U": -20.0, "a": 0.02, "b": 0.2, "c": -65.0, "d": 8.0])
    model.addNeuronPopulation(
      "Post", size: 3, model: .lif, params: Self.lifParams, vars: Self.lifVars)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: writer, postsynaptic: .deltaCurr))
    let problem = try #require(Self.onlyProblem(model))
    let element = "synapse population 'Syn' (weight update model 'Writer')"
    #expect(
      problem
        == .writableReferenceToReadOnlyVariable(
          element: element, field: "preVarRefs", reference: "a", variable: "a",
          access: .readOnly))
    #expect(
      problem.description
        == "\(element): preVarRefs: reference 'a' may write variable 'a', which is READ_ONLY; "
        + "only a read-only reference may name it (declare the reference read-only, or "
        + "reference a READ_WRITE variable)")
  }

  @Test func writablePostsynapticModelReferenceToAReadOnlyVariable() throws {
    var synapses = Self.tracedSynapses()
    synapses.weightUpdate.psmVarRefs = [NeuronVarReference("x", readOnly: false)]
    synapses.psmVarRefs = ["x": "gain"]
    let problem = try #require(Self.onlyProblem(Self.model(synapses)))
    #expect(
      problem
        == .writableReferenceToReadOnlyVariable(
          element: Self.weightUpdateElement, field: "psmVarRefs", reference: "x",
          variable: "gain", access: .readOnly))
  }

  /// GeNN's `checkLocalVarReferences` refuses read-write references only to variables
  /// without an element or a batch dimension: a READ_ONLY_DUPLICATE variable has both.
  @Test func writableReferencesByTheDimensionsOfTheVariable() throws {
    let neuron = NeuronModel(
      name: "Kinds",
      vars: [
        Variable("V"), Variable("dup", access: .readOnlyDuplicate),
        Variable("shared", access: .readOnlySharedNeuron),
      ])
    func model(_ variable: String) -> ModelSpec {
      var model = ModelSpec(name: "m")
      model.addNeuronPopulation(
        "Pre", size: 2, model: neuron, vars: ["V": 0, "dup": 1, "shared": 2])
      model.addNeuronPopulation(
        "Post", size: 3, model: .lif, params: Self.lifParams, vars: Self.lifVars)
      model.addSynapsePopulation(
        SynapsePopulation(
          name: "Syn", source: "Pre", target: "Post", matrixType: .dense,
          connectivity: .allToAll,
          weightUpdate: WeightUpdateModel(
            name: "Writer", preNeuronVarRefs: [NeuronVarReference("a", readOnly: false)],
            preSpikeSynCode: "addToPost(a);\n"),
          preVarRefs: ["a": variable], postsynaptic: .deltaCurr))
      return model
    }
    try model("V").validate()
    try model("dup").validate()
    #expect(
      Self.onlyProblem(model("shared"))
        == .writableReferenceToReadOnlyVariable(
          element: "synapse population 'Syn' (weight update model 'Writer')",
          field: "preVarRefs", reference: "a", variable: "shared",
          access: .readOnlySharedNeuron))
  }

  @Test func readOnlyReferenceToAReadOnlyVariablePasses() throws {
    try Self.traced { $0.psmVarRefs = ["x": "gain"] }.validate()
  }

  // MARK: Variable names

  @Test func variableNamesAreUniqueAcrossVarsPreVarsAndPostVars() throws {
    var synapses = Self.tracedSynapses()
    synapses.weightUpdate.preVars = [Variable("g")]
    synapses.weightUpdate.postVars = [Variable("g")]
    synapses.weightUpdatePreVars = ["g": 0.0]
    synapses.weightUpdatePostVars = ["g": 0.0]
    let problem = try #require(Self.onlyProblem(Self.model(synapses)))
    #expect(
      problem
        == .duplicateVariable(
          element: Self.weightUpdateElement, name: "g", fields: ["vars", "preVars", "postVars"]))
    #expect(
      problem.description
        == "\(Self.weightUpdateElement): variable 'g' is declared in vars and preVars and "
        + "postVars; the names of vars, preVars and postVars must be unique")
  }

  @Test func aPreVariableClashingWithAParameter() throws {
    var synapses = Self.tracedSynapses()
    synapses.weightUpdate.preVars = [Variable("tau")]
    synapses.weightUpdatePreVars = ["tau": 0.0]
    let problem = try #require(Self.onlyProblem(Self.model(synapses)))
    #expect(problem == .duplicateField(element: Self.weightUpdateElement, field: "tau"))
  }

  @Test func invalidPostVariableType() throws {
    var synapses = Self.tracedSynapses()
    synapses.weightUpdate.postVars = [Variable("postTrace", "scalr")]
    let problem = try #require(Self.onlyProblem(Self.model(synapses)))
    #expect(
      problem
        == .invalidType(element: Self.weightUpdateElement, field: "postTrace", type: "scalr"))
  }

  // MARK: Delays

  @Test func negativeBackPropagationDelay() throws {
    let problem = try #require(
      Self.onlyProblem(
        Self.model(
          SynapsePopulation(
            name: "Syn", source: "Pre", target: "Post", matrixType: .dense,
            connectivity: .allToAll, weightUpdate: .staticPulse, weightUpdateVars: ["g": 0.1],
            postsynaptic: .deltaCurr, backPropDelaySteps: -1))))
    #expect(problem == .invalidBackPropagationDelay(element: Self.element, steps: -1))
    #expect(
      problem.description
        == "synapse population 'Syn': back-propagation delay (backPropDelaySteps) of -1 steps "
        + "is invalid; it must be 0 or more")
  }

  @Test func referencesThroughDelaysAreAccepted() {
    // GeNN queues the referenced neuron variables; postsynaptic-model references are read
    // undelayed.
    #expect(Self.problems(Self.traced { $0.axonalDelaySteps = 2 }).isEmpty)
    #expect(Self.problems(Self.traced { $0.backPropDelaySteps = 1 }).isEmpty)
  }

  // MARK: Matrix types

  @Test(arguments: ["synapseDynamicsCode", "postSpikeSynCode", "postEventSynCode"])
  func perSynapseCodeNeedsADenseOrSparseMatrix(field: String) throws {
    var weightUpdate = WeightUpdateModel(
      name: "Learning", params: ["g"], preSpikeSynCode: "addToPost(g);\n",
      postEventThresholdConditionCode: "true")
    switch field {
    case "synapseDynamicsCode": weightUpdate.synapseDynamicsCode = "addToPost(g);\n"
    case "postSpikeSynCode": weightUpdate.postSpikeSynCode = "addToPre(g);\n"
    default: weightUpdate.postEventSynCode = "addToPre(g);\n"
    }
    let problem = try #require(
      Self.onlyProblem(
        Self.model(
          SynapsePopulation(
            name: "Syn", source: "Pre", target: "Post", matrixType: .bitmask,
            connectivity: .explicit(pre: [0], post: [1]), weightUpdate: weightUpdate,
            weightUpdateParams: ["g": 0.1], postsynaptic: .deltaCurr))))
    let element = "synapse population 'Syn' (weight update model 'Learning')"
    #expect(
      problem
        == .matrixTypeNotAllowed(
          element: element, field: field, matrixType: .bitmask,
          allowed: [.dense, .denseProceduralG, .sparse]))
    #expect(
      problem.description
        == "\(element): \(field) cannot run on a BITMASK matrix; synapse dynamics and "
        + "postsynaptic learning run over DENSE or SPARSE connectivity (allowed matrix types: "
        + "DENSE, DENSE_PROCEDURALG, SPARSE)")
  }

  /// GeNN runs per-synapse code over DENSE connectivity with procedural weights too.
  @Test func perSynapseCodeRunsOnADenseProceduralMatrix() throws {
    let weightUpdate = WeightUpdateModel(
      name: "Learning", vars: [Variable("g", access: .readOnly)],
      preSpikeSynCode: "addToPost(g);\n", postSpikeSynCode: "addToPre(g);\n",
      synapseDynamicsCode: "addToPost(g);\n")
    #expect(
      Self.problems(
        Self.model(
          SynapsePopulation(
            name: "Syn", source: "Pre", target: "Post", matrixType: .denseProceduralG,
            connectivity: .allToAll, weightUpdate: weightUpdate, weightUpdateVars: ["g": 0.1],
            postsynaptic: .deltaCurr))) == [])
  }

  @Test func perSynapseVariablesOnABitmaskAreStillRejected() throws {
    let problem = try #require(
      Self.onlyProblem(
        Self.model(
          SynapsePopulation(
            name: "Syn", source: "Pre", target: "Post", matrixType: .bitmask,
            connectivity: .allToAll, weightUpdate: .staticPulse, weightUpdateVars: ["g": 0.1],
            postsynaptic: .deltaCurr))))
    guard case .invalidConnectivity(let element, let reason) = problem else {
      Issue.record("expected invalidConnectivity, got \(problem)")
      return
    }
    #expect(element == Self.element)
    #expect(reason.contains("cannot keep per-synapse variable 'g'"))
  }

  @Test func stdpOnABitmaskReportsBothItsWeightAndItsLearning() {
    let problems = Self.problems(
      Self.model(
        SynapsePopulation(
          name: "Syn", source: "Pre", target: "Post", matrixType: .bitmask,
          connectivity: .allToAll, weightUpdate: .stdp,
          weightUpdateParams: [
            "tauPlus": 20, "tauMinus": 20, "Aplus": 0.1, "Aminus": 0.1, "Wmin": 0, "Wmax": 1,
          ],
          weightUpdateVars: ["g": 0.5], postsynaptic: .deltaCurr)))
    #expect(problems.count == 2)
    #expect(
      problems.contains(
        .matrixTypeNotAllowed(
          element: "synapse population 'Syn' (weight update model 'STDP')",
          field: "postSpikeSynCode", matrixType: .bitmask,
          allowed: [.dense, .denseProceduralG, .sparse])))
  }
}
