#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// GeNN 5.4's built-in weight update models (`include/genn/genn/weightUpdateModels.h`).
extension WeightUpdateModel {
  /// Every built-in weight update model by GeNN name.
  public static let builtins: [String: WeightUpdateModel] = [
    "StaticPulse": .staticPulse, "StaticPulseConstantWeight": .staticPulseConstantWeight,
    "StaticPulseDendriticDelay": .staticPulseDendriticDelay, "StaticGraded": .staticGraded,
    "STDP": .stdp,
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

  /// Graded-potential static synapse: while the presynaptic membrane potential `V` is
  /// above the threshold `Epre`, each step (a presynaptic spike-like event) delivers
  /// `max(0, g * tanh((V - Epre) / Vslope) * dt)`; `Vslope` is the slope of graded release.
  ///
  /// `V` is a read-only presynaptic neuron variable reference (by default the source
  /// population's `V`; ``SynapsePopulation/preVarRefs`` may point it elsewhere). GeNN 5.4's
  /// event code reads `V_pre`, which does not build in GeNN itself (no such identifier
  /// exists there); this one reads the reference by its declared name, `V`, and is
  /// otherwise GeNN's.
  public static let staticGraded = WeightUpdateModel(
    name: "StaticGraded", params: ["Epre", "Vslope"],
    vars: [Variable("g", "scalar", access: .readOnly)],
    preNeuronVarRefs: [NeuronVarReference("V", "scalar", readOnly: true)],
    preEventSynCode: "addToPost(fmax(0.0, g * tanh((V - Epre) / Vslope) * dt));\n",
    preEventThresholdConditionCode: "V > Epre")

  /// Additive STDP with hard bounds: each presynaptic spike delivers `g`, then the
  /// weights change within [`Wmin`, `Wmax`].
  ///
  /// Pairing is nearest-neighbour, by the latest spike on the other side only: a
  /// presynaptic spike at `t` pairs with the latest postsynaptic spike `st_post` and, if
  /// `dt = t - st_post > 0`, depresses `g` by `Aminus * exp(-dt / tauMinus)`; a
  /// postsynaptic spike pairs with the latest presynaptic spike `st_pre` and, if
  /// `dt = t - st_pre > 0`, potentiates `g` by `Aplus * exp(-dt / tauPlus)`. Spikes in the
  /// same step (`dt == 0`) change nothing, and before the other side has ever spiked
  /// its spike time is `-TIME_MAX`, so the change is zero. Needs a DENSE or
  /// SPARSE matrix (postsynaptic learning visits synapses by target).
  public static let stdp = WeightUpdateModel(
    name: "STDP", params: ["tauPlus", "tauMinus", "Aplus", "Aminus", "Wmin", "Wmax"],
    vars: [Variable("g", "scalar", access: .readWrite)],
    preSpikeSynCode:
      "addToPost(g);\nscalar dt = t - st_post; \nif (dt > 0) {\n    scalar timing = exp(-dt / tauMinus);\n    scalar newWeight = g - (Aminus * timing);\n    g = fmax(Wmin, fmin(Wmax, newWeight));\n}\n",
    postSpikeSynCode:
      "scalar dt = t - st_pre;\nif (dt > 0) {\n    scalar timing = exp(-dt / tauPlus);\n    scalar newWeight = g + (Aplus * timing);\n    g = fmax(Wmin, fmin(Wmax, newWeight));\n}\n"
  )
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
