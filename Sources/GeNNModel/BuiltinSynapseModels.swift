#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// GeNN 5.4's built-in weight update models that act on presynaptic spikes
/// (`include/genn/genn/weightUpdateModels.h`).
extension WeightUpdateModel {
  /// The built-in weight update models available so far, by GeNN name.
  public static let builtins: [String: WeightUpdateModel] = [
    "StaticPulse": .staticPulse, "StaticPulseConstantWeight": .staticPulseConstantWeight,
    "StaticPulseDendriticDelay": .staticPulseDendriticDelay,
  ]

  /// Adds the per-synapse weight `g` to the target's input on each presynaptic spike.
  public static let staticPulse = WeightUpdateModel(
    name: "StaticPulse", vars: [Variable("g", "scalar", access: .readOnly)],
    preSpikeSynCode: "addToPost(g);\n")

  /// ``staticPulse`` delivering each synapse's weight `g` after its own dendritic delay
  /// of `d` steps (the population needs ``SynapsePopulation/maxDendriticDelaySteps``).
  public static let staticPulseDendriticDelay = WeightUpdateModel(
    name: "StaticPulseDendriticDelay",
    vars: [
      Variable("g", "scalar", access: .readOnly), Variable("d", "uint8_t", access: .readOnly),
    ],
    preSpikeSynCode: "addToPostDelay(g, d);\n")

  /// ``staticPulse`` with one weight `g` for all synapses.
  public static let staticPulseConstantWeight = WeightUpdateModel(
    name: "StaticPulseConstantWeight", params: ["g"], preSpikeSynCode: "addToPost(g);\n")
}

/// GeNN 5.4's built-in postsynaptic models (`include/genn/genn/postsynapticModels.h`).
extension PostsynapticModel {
  /// Every built-in postsynaptic model by GeNN name.
  public static let builtins: [String: PostsynapticModel] = [
    "ExpCurr": .expCurr, "ExpCond": .expCond, "DeltaCurr": .deltaCurr,
  ]

  /// Exponentially decaying current with time constant `tau`.
  public static let expCurr = PostsynapticModel(
    name: "ExpCurr", params: ["tau"],
    derivedParams: [
      DerivedParameter("expDecay") { p, dt in exp(-dt / p["tau"]!) },
      DerivedParameter("init") { p, dt in (p["tau"]! * (1.0 - exp(-dt / p["tau"]!))) * (1.0 / dt) },
    ],
    simCode: """
      injectCurrent(init * inSyn);
      inSyn *= expDecay;

      """)

  /// Exponentially decaying conductance with time constant `tau` and reversal potential `E`.
  public static let expCond = PostsynapticModel(
    name: "ExpCond", params: ["tau", "E"],
    derivedParams: [DerivedParameter("expDecay") { p, dt in exp(-dt / p["tau"]!) }],
    neuronVarRefs: [NeuronVarReference("V", "scalar", readOnly: true)],
    simCode: """
      injectCurrent(inSyn * (E - V));
      inSyn *= expDecay;

      """)

  /// Input delivered in full in the next step.
  public static let deltaCurr = PostsynapticModel(
    name: "DeltaCurr",
    simCode: """
      injectCurrent(inSyn);
      inSyn = 0.0;

      """)
}
