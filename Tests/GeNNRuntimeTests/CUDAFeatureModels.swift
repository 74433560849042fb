import GeNNModel
import Testing

@testable import GeNNRuntime

/// The weight update, delay and initialisation features the CUDA emulation compares with
/// the CPU backend, each through a SPARSE and a DENSE population. What CUDA adds
/// atomically in no fixed order (`addToPre`, and `addToPost` from postsynaptic code)
/// adds equal dyadic amounts, whose sums are exact in any order. Rows longer than their
/// storage are counted, as the CPU backend counts them.
extension CUDAEmulationTests {
  /// The models of ``featureModel(_:)``.
  static let featureNames = [
    "post_events", "delays", "presynaptic_output", "queued_references", "egp_psm_reference",
    "column_built", "column_kernel", "heterogeneous_delays", "dense_procedural",
    "fused_postsynaptic",
  ]

  /// A weight update model, its variables' initialisers and references, and the delays of
  /// the populations of one feature model.
  struct FeatureSynapses {
    var weightUpdate: WeightUpdateModel
    var vars: [String: VarInit] = ["g": 0.5]
    var preVars: [String: VarInit] = [:]
    var postVars: [String: VarInit] = [:]
    var preVarRefs: [String: String] = [:]
    var postVarRefs: [String: String] = [:]
    var psmVarRefs: [String: String] = [:]
    var extraGlobalParams: [String: [Double]] = [:]
    var postsynaptic: PostsynapticModel = .expCurr
    var postsynapticParams: [String: Double] = ["tau": 5]
    var postsynapticVars: [String: VarInit] = [:]
    var axonalDelaySteps = 0
    var backPropDelaySteps = 0
    var maxDendriticDelaySteps: Int? = nil
    /// Whether the populations share one postsynaptic model (``ModelSpec/fusePostsynapticModels``).
    var fusePostsynapticModels = false
    /// The populations' names, matrix types and connectivity.
    var populations: [(String, SynapseMatrixType, Connectivity)] = [
      ("Sparse", .sparse, .snippet(.fixedProbability, params: ["prob": 0.2])),
      ("Dense", .dense, .allToAll),
    ]
  }

  static func featureModel(_ name: String) -> ModelSpec? {
    let synapses: FeatureSynapses
    switch name {
    case "post_events":
      // Postsynaptic spike-like events with their times, and presynaptic ones limited by
      // theirs.
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "PostEvents", vars: [Variable("g")],
          postNeuronVarRefs: [NeuronVarReference("V")],
          preSpikeSynCode: "addToPost(g);", preEventSynCode: "addToPost(0.25 * g);",
          postEventSynCode: """
            g += (t - set_post > 1.0 || prev_set_post < 0.0) ? 0.125 : -0.0625;
            addToPost(0.0625);
            """,
          preEventThresholdConditionCode: "t - set > 2.0",
          postEventThresholdConditionCode: "V > -52.0"),
        postVarRefs: ["V": "V"])
    case "delays":
      // Axonal and back-propagation delays with presynaptic and postsynaptic traces,
      // initialised by snippets; the postsynaptic ones have no dynamics code, so neurons
      // that do not spike carry them into the next delay slot.
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "DelayedTraces", vars: [Variable("g")], preVars: [Variable("xPre")],
          postVars: [Variable("xPost")],
          preSpikeSynCode: "addToPost(g);\ng -= 0.0625 * xPost;",
          postSpikeSynCode: "g += 0.0625 * xPre;", preSpikeCode: "xPre += 0.25;",
          postSpikeCode: "xPost += 0.5;", preDynamicsCode: "xPre *= 0.875;"),
        preVars: ["xPre": .snippet(.uniform, params: ["min": 0, "max": 1])],
        postVars: ["xPost": .snippet(.uniform, params: ["min": 0, "max": 0.5])],
        axonalDelaySteps: 2, backPropDelaySteps: 3)
    case "presynaptic_output":
      // Input back to the presynaptic neurons, from presynaptic and postsynaptic code.
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "Feedback", vars: [Variable("g")],
          preSpikeSynCode: "addToPost(g);\naddToPre(0.25);",
          postSpikeSynCode: "addToPre(0.125);\naddToPost(0.0625);"))
    case "queued_references":
      // Delayed synapse code reading the presynaptic and postsynaptic membrane potentials
      // of the steps the spikes left.
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "VoltageGated", vars: [Variable("g")],
          preNeuronVarRefs: [NeuronVarReference("Vpre")],
          postNeuronVarRefs: [NeuronVarReference("Vpost")],
          preSpikeSynCode: "addToPost(g * (Vpre + 80.0) / 32.0);",
          postSpikeSynCode: "g += (Vpost + 80.0) / 1024.0;"),
        preVarRefs: ["Vpre": "V"], postVarRefs: ["Vpost": "V"], axonalDelaySteps: 3,
        backPropDelaySteps: 1)
    case "egp_psm_reference":
      // An extra global parameter of the weight update model and a reference to a
      // variable of a user postsynaptic model.
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "Scaled", vars: [Variable("g")], psmVarRefs: [NeuronVarReference("trace")],
          extraGlobalParams: [ExtraGlobalParameter("scale", "scalar*")],
          preSpikeSynCode: "addToPost(g * scale[id_pre % 4u] * (1.0 + trace));"),
        psmVarRefs: ["trace": "x"], extraGlobalParams: ["scale": [0.5, 1, 1.5, 2]],
        postsynaptic: PostsynapticModel(
          name: "Tracing", params: ["tau"], vars: [Variable("x")],
          simCode: "injectCurrent(inSyn);\nx = 0.9 * x + inSyn;\ninSyn *= exp(-dt / tau);"),
        postsynapticVars: ["x": .snippet(.uniform, params: ["min": 0, "max": 0.25])])
    case "column_built":
      // Rows built by a snippet's column build code (SPARSE with postsynaptic learning
      // through the column index, and BITMASK).
      let columns = Connectivity.snippet(.fixedNumberPreWithReplacement, params: ["num": 12])
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "Columns", vars: [Variable("g")], preSpikeSynCode: "addToPost(g);",
          postSpikeSynCode: "g += 0.125;"),
        populations: [("Sparse", .sparse, columns)])
    case "column_kernel":
      // Columns appending, from many threads at once, synapses whose weights come from a
      // kernel element the snippet chooses: each weight must stay with its synapse.
      let columns = ConnectivitySnippet(
        name: "KernelColumns",
        colBuildCode: """
          for(unsigned int k = 0; k < 4; k++) {
             addSynapse((gennrand() % num_pre) + id_pre_begin, k);
          }
          """,
        maxRowLength: { _, numPost, _ in 4 * numPost }, kernelSize: { _ in [4] })
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "KernelPulse", vars: [Variable("g")], preSpikeSynCode: "addToPost(g);"),
        vars: ["g": .kernel([0.5, 0.25, 0.125, 0.0625])],
        populations: [("Sparse", .sparse, .snippet(columns, params: [:]))])
    case "heterogeneous_delays":
      // Synapse code reading a postsynaptic variable, a target neuron variable and a
      // postsynaptic model variable through heterogeneous delays `x[d]`: unsigned and
      // signed (negative too) delays, within the target's 5 slots and beyond, in
      // presynaptic, postsynaptic and dynamics code.
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "HeteroDelayed", vars: [Variable("g")], postVars: [Variable("xPost")],
          postNeuronVarRefs: [NeuronVarReference("Vpost")],
          psmVarRefs: [NeuronVarReference("trace")],
          preSpikeSynCode: "addToPost(g * (Vpost[id_pre % 7u] + 80.0) / 32.0);",
          postSpikeSynCode: "g += 0.0625 * xPost[(int)(id_pre % 5u) - 1];",
          synapseDynamicsCode: "g -= 0.0009765625 * (xPost[id_post % 3u] + trace[id_pre % 6u]);",
          postSpikeCode: "xPost += 0.5;", postDynamicsCode: "xPost *= 0.875;"),
        postVars: ["xPost": .snippet(.uniform, params: ["min": 0, "max": 0.5])],
        postVarRefs: ["Vpost": "V"], psmVarRefs: ["trace": "x"],
        postsynaptic: PostsynapticModel(
          name: "Tracing", params: ["tau"], vars: [Variable("x")],
          simCode: "injectCurrent(inSyn);\nx = 0.9 * x + inSyn;\ninSyn *= exp(-dt / tau);"),
        postsynapticVars: ["x": .snippet(.uniform, params: ["min": 0, "max": 0.25])],
        maxDendriticDelaySteps: 4)
    case "dense_procedural":
      // Procedural weights (DENSE_PROCEDURALG) computed for every hook: presynaptic
      // spikes, synapse dynamics and postsynaptic learning.
      let pattern = InitSnippet(
        name: "Pattern", code: "value = (scalar)((id_pre * 7u + id_post * 3u) % 11u) / 16.0;")
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "ProceduralHooks", vars: [Variable("g", access: .readOnly)],
          preSpikeSynCode: "addToPost(g);", postSpikeSynCode: "addToPre(g * 0.125);",
          synapseDynamicsCode: "addToPost(g * 0.0078125);"),
        vars: ["g": .snippet(pattern, params: [:])],
        populations: [("Procedural", .denseProceduralG, .allToAll)])
    case "fused_postsynaptic":
      // Both populations deliver into one postsynaptic model (fused), through dendritic
      // delays, in one step's kernel: CUDA adds their equal amounts atomically.
      synapses = FeatureSynapses(
        weightUpdate: WeightUpdateModel(
          name: "DelayedPulse", vars: [Variable("g")],
          preSpikeSynCode: "addToPostDelay(g, id_post % 3u);"),
        postsynaptic: .deltaCurr, postsynapticParams: [:], maxDendriticDelaySteps: 3,
        fusePostsynapticModels: true)
    default:
      return nil
    }
    var model = ModelSpec(name: "cuda_\(name)", precision: .double, dt: 0.1, seed: 5)
    model.fusePostsynapticModels = synapses.fusePostsynapticModels
    for (population, size, drive, highest) in [
      ("Input", 100, 1.1, -50.0), ("Output", 70, 1.02, -55),
    ] {
      model.addNeuronPopulation(
        population, size: size, model: .lif,
        params: [
          "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": drive,
          "TauRefrac": 2,
        ],
        vars: ["V": .snippet(.uniform, params: ["min": -70, "max": highest]), "RefracTime": 0.0],
        recordSpikes: true)
    }
    for (population, matrixType, connectivity) in synapses.populations {
      model.addSynapsePopulation(
        SynapsePopulation(
          name: population, source: "Input", target: "Output", matrixType: matrixType,
          connectivity: connectivity, weightUpdate: synapses.weightUpdate,
          weightUpdateVars: synapses.vars, weightUpdatePreVars: synapses.preVars,
          weightUpdatePostVars: synapses.postVars, preVarRefs: synapses.preVarRefs,
          postVarRefs: synapses.postVarRefs, psmVarRefs: synapses.psmVarRefs,
          weightUpdateExtraGlobalParams: synapses.extraGlobalParams,
          postsynaptic: synapses.postsynaptic, postsynapticParams: synapses.postsynapticParams,
          postsynapticVars: synapses.postsynapticVars,
          axonalDelaySteps: synapses.axonalDelaySteps,
          backPropDelaySteps: synapses.backPropDelaySteps,
          maxDendriticDelaySteps: synapses.maxDendriticDelaySteps))
    }
    return model
  }

  @Test(
    "emulated on the CPU: rows longer than their storage are counted, built by rows or columns",
    .enabled(if: enabled, reason))
  func overflowingRowsAreCounted() throws {
    for (label, snippet) in [
      (
        "rows",
        ConnectivitySnippet(
          name: "Greedy", rowBuildCode: "addSynapse(0); addSynapse(1); addSynapse(2);",
          maxRowLength: { _, _, _ in 2 })
      ),
      (
        "columns",
        ConnectivitySnippet(
          name: "GreedyColumns", colBuildCode: "addSynapse(0); addSynapse(1); addSynapse(2);",
          maxRowLength: { _, _, _ in 2 })
      ),
    ] {
      let model = ConnectivitySnippetTests.model("greedy_\(label)", pre: 3, post: 3, snippet, [:])
      let emulated = try Self.emulate(model, steps: 1)
      #expect(emulated.overflows == 3, "\(label)")
      let lengths = emulated.arrays[emulated.index[.synapseRowLengths(synapses: "Syn")]!]
      #expect((0..<3).map { lengths.load(at: $0) } == [2, 2, 2], "\(label)")
    }
  }
}
