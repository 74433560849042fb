import GeNNModel

/// The strings of a model under test, each numbered and classified as it is handed out,
/// so that a test can put a payload in any one of them (or in every use of one name).
struct StringSlots {
  /// What a string of the model is.
  enum Kind: String, CaseIterable, Sendable {
    /// A name that reaches generated code: it must be an identifier.
    case name
    /// The name of a population, synapse population, current source, custom update or
    /// update group: an ``ElementName``, which generated code holds only in comments.
    case elementName
    /// A GeNN type name.
    case type
    /// A code string (or a derived parameter's formula) in GeNN's language.
    case code
    /// Free text (the name of a model or snippet), which may reach generated comments.
    case text
  }

  /// One string handed out.
  struct Slot: Sendable {
    var kind: Kind
    var value: String
  }

  /// Which strings are replaced, and by what.
  enum Replacement: Sendable {
    /// Nothing: the model as written.
    case none
    /// The string numbered `index`.
    case one(index: Int, payload: String)
    /// Every string of `kind` whose value is `value` (a name everywhere it is used).
    case every(kind: Kind, value: String, payload: String)
  }

  let replacement: Replacement
  /// The strings handed out so far.
  private(set) var slots: [Slot] = []

  init(_ replacement: Replacement = .none) {
    self.replacement = replacement
  }

  /// `value`, or its payload when it is to be replaced.
  mutating func callAsFunction(_ kind: Kind, _ value: String) -> String {
    let index = slots.count
    slots.append(Slot(kind: kind, value: value))
    switch replacement {
    case .one(index, let payload): return payload
    case .every(kind, value, let payload): return payload
    default: return value
    }
  }
}

/// A model that uses every string-bearing field of the model description (every kind
/// of element, model, snippet, reference and custom update target), each string taken
/// from a ``StringSlots``.
enum EveryStringModel {
  // swift-format-ignore: FunctionBodyLength
  static func make(_ s: inout StringSlots) -> ModelSpec {
    var model = ModelSpec(name: s(.name, "walk"), precision: .float, dt: 0.5)

    for (name, size) in [(s(.elementName, "Pre"), 8), (s(.elementName, "Post"), 6)] {
      model.addNeuronPopulation(
        name, size: size, model: neuronModel(&s), params: [s(.name, "tau"): 10],
        vars: [
          s(.name, "V"): .snippet(uniformInit(&s), params: [s(.name, "low"): 0]), s(.name, "n"): 0,
        ],
        extraGlobalParams: [s(.name, "table"): [0.5, 0.25]])
    }

    let drive = CurrentSourceModel(
      name: s(.text, "Drive model"), params: [s(.name, "amp")],
      derivedParams: [
        DerivedParameter(
          s(.name, "half"), formula: s(.code, "amp / 2.0"), type: s(.type, "scalar"))
      ],
      vars: [Variable(s(.name, "level"), s(.type, "scalar"))],
      extraGlobalParams: [ExtraGlobalParameter(s(.name, "gains"), s(.type, "scalar*"))],
      neuronVarRefs: [NeuronVarReference(s(.name, "Vdrive"), s(.type, "scalar"))],
      injectionCode: s(.code, "injectCurrent(half * level * gains[0]);"))
    model.addCurrentSource(
      s(.elementName, "Drive"), model: drive, target: s(.elementName, "Post"),
      params: [s(.name, "amp"): 0.2],
      vars: [s(.name, "level"): 1], extraGlobalParams: [s(.name, "gains"): [1]],
      varRefs: [s(.name, "Vdrive"): s(.name, "V")], targetVar: s(.name, "Iextra"))

    let connectivity = ConnectivitySnippet(
      name: s(.text, "Every other"), params: [s(.name, "stride"), s(.name, "prob")],
      paramTypes: [s(.name, "stride"): s(.type, "unsigned int")],
      derivedParams: [
        DerivedParameter(
          s(.name, "keep"), formula: s(.code, "prob * 1.0"), type: s(.type, "scalar"))
      ],
      rowBuildCode: s(
        .code,
        """
        for (unsigned int j = id_pre % stride; j < num_post; j += stride) {
            if (gennrand_uniform() < keep) { addSynapse(j); }
        }
        """),
      colBuildCode: s(.code, ""), maxRowLength: { _, numPost, _ in numPost })
    let weightUpdate = WeightUpdateModel(
      name: s(.text, "Plastic model"), params: [s(.name, "eta")],
      derivedParams: [
        DerivedParameter(
          s(.name, "rate"), formula: s(.code, "eta * dt"), type: s(.type, "scalar"))
      ],
      vars: [Variable(s(.name, "g"), s(.type, "scalar"))],
      preVars: [Variable(s(.name, "trace"), s(.type, "scalar"))],
      postVars: [Variable(s(.name, "ptrace"), s(.type, "scalar"))],
      preNeuronVarRefs: [NeuronVarReference(s(.name, "Vpre"), s(.type, "scalar"))],
      postNeuronVarRefs: [NeuronVarReference(s(.name, "Vpost"), s(.type, "scalar"))],
      psmVarRefs: [NeuronVarReference(s(.name, "cond"), s(.type, "scalar"))],
      extraGlobalParams: [ExtraGlobalParameter(s(.name, "boost"), s(.type, "scalar*"))],
      preSpikeSynCode: s(.code, "addToPost(g * boost[0] * (cond > 0.0 ? 1.0 : 0.5));"),
      preEventSynCode: s(.code, "addToPost(g * 0.5);"),
      postSpikeSynCode: s(.code, "g += rate * trace;"),
      postEventSynCode: s(.code, "g -= rate * ptrace;"),
      synapseDynamicsCode: s(.code, "g *= 0.999;"),
      preEventThresholdConditionCode: s(.code, "Vpre > 0.5"),
      postEventThresholdConditionCode: s(.code, "Vpost > 0.5"),
      preSpikeCode: s(.code, "trace += 1.0;"), postSpikeCode: s(.code, "ptrace += 1.0;"),
      preDynamicsCode: s(.code, "trace *= 0.9;"), postDynamicsCode: s(.code, "ptrace *= 0.9;"))
    let postsynaptic = PostsynapticModel(
      name: s(.text, "Conductance model"), params: [s(.name, "tauSyn")],
      derivedParams: [
        DerivedParameter(
          s(.name, "expDecay"), formula: s(.code, "exp(-dt / tauSyn)"), type: s(.type, "scalar"))
      ],
      vars: [Variable(s(.name, "cond"), s(.type, "scalar"))],
      neuronVarRefs: [NeuronVarReference(s(.name, "Vm"), s(.type, "scalar"))],
      simCode: s(.code, "cond += inSyn; inSyn = 0; injectCurrent(cond * -Vm); cond *= expDecay;"))
    var plastic =
      SynapsePopulation(
        name: s(.elementName, "Syn"), source: s(.elementName, "Pre"),
        target: s(.elementName, "Post"),
        matrixType: .sparse,
        connectivity: .snippet(connectivity, params: [s(.name, "stride"): 2, s(.name, "prob"): 1]),
        weightUpdate: weightUpdate, weightUpdateParams: [s(.name, "eta"): 0.01],
        weightUpdateVars: [
          s(.name, "g"): .snippet(uniformInit(&s), params: [s(.name, "low"): 0.1])
        ],
        weightUpdatePreVars: [s(.name, "trace"): 0], weightUpdatePostVars: [s(.name, "ptrace"): 0],
        preVarRefs: [s(.name, "Vpre"): s(.name, "V")],
        postVarRefs: [s(.name, "Vpost"): s(.name, "V")],
        psmVarRefs: [s(.name, "cond"): s(.name, "cond")],
        weightUpdateExtraGlobalParams: [s(.name, "boost"): [2]], postsynaptic: postsynaptic,
        postsynapticParams: [s(.name, "tauSyn"): 5], postsynapticVars: [s(.name, "cond"): 0],
        postsynapticVarRefs: [s(.name, "Vm"): s(.name, "V")], axonalDelaySteps: 0)
    plastic.postTargetVar = s(.name, "Iextra")
    plastic.preTargetVar = s(.name, "Isyn")
    model.addSynapsePopulation(plastic)

    for (name, source, target) in [
      (s(.elementName, "Forward"), s(.elementName, "Pre"), s(.elementName, "Post")),
      (s(.elementName, "Backward"), s(.elementName, "Post"), s(.elementName, "Pre")),
    ] {
      var synapses = SynapsePopulation(
        name: name, source: source, target: target, matrixType: .dense, connectivity: .allToAll,
        weightUpdate: staticWeight(&s), weightUpdateVars: [s(.name, "w"): 0.1],
        postsynaptic: delta(&s))
      synapses.postTargetVar = s(.name, "Isyn")
      synapses.preTargetVar = s(.name, "Isyn")
      model.addSynapsePopulation(synapses)
    }

    let scale = CustomUpdateModel(
      name: s(.text, "Scale model"), params: [s(.name, "factor")],
      derivedParams: [
        DerivedParameter(
          s(.name, "twice"), formula: s(.code, "factor * 2.0"), type: s(.type, "scalar"))
      ],
      vars: [CustomUpdateVariable(s(.name, "count"), s(.type, "scalar"))],
      varRefs: [
        CustomUpdateVarReference(s(.name, "x"), s(.type, "scalar")),
        CustomUpdateVarReference(s(.name, "y"), s(.type, "scalar")),
        CustomUpdateVarReference(s(.name, "z"), s(.type, "scalar")),
        CustomUpdateVarReference(s(.name, "u"), s(.type, "scalar")),
        CustomUpdateVarReference(s(.name, "v"), s(.type, "scalar")),
      ],
      extraGlobalParams: [ExtraGlobalParameter(s(.name, "weights"), s(.type, "scalar*"))],
      updateCode: s(.code, "x *= twice * weights[0]; y = x; z = y; u = z; v = u; count += 1.0;"))
    model.addCustomUpdate(
      CustomUpdate(
        name: s(.elementName, "ScalePost"), updateGroup: s(.elementName, "Scaling"), model: scale,
        params: [s(.name, "factor"): 0.5], vars: [s(.name, "count"): 0],
        varRefs: [
          s(.name, "x"): .neuronVariable(
            population: s(.elementName, "Post"), variable: s(.name, "V")),
          s(.name, "y"): .currentSourceVariable(
            source: s(.elementName, "Drive"), variable: s(.name, "level")),
          s(.name, "z"): .postsynapticVariable(
            synapses: s(.elementName, "Syn"), variable: s(.name, "cond")),
          s(.name, "u"): .weightUpdatePostVariable(
            synapses: s(.elementName, "Syn"), variable: s(.name, "ptrace")),
          s(.name, "v"): .postsynapticInput(synapses: s(.elementName, "Syn")),
        ],
        extraGlobalParams: [s(.name, "weights"): [1]]))

    model.addCustomUpdate(
      CustomUpdate(
        name: s(.elementName, "CopyPre"), updateGroup: s(.elementName, "Copying"),
        model: copyModel(&s),
        varRefs: [
          s(.name, "a"): .weightUpdatePreVariable(
            synapses: s(.elementName, "Syn"), variable: s(.name, "trace")),
          s(.name, "b"): .neuronVariable(
            population: s(.elementName, "Pre"), variable: s(.name, "V")),
        ]))
    model.addCustomUpdate(
      CustomUpdate(
        name: s(.elementName, "CopyCount"), updateGroup: s(.elementName, "Copying"),
        model: copyModel(&s),
        varRefs: [
          s(.name, "a"): .neuronVariable(
            population: s(.elementName, "Post"), variable: s(.name, "V")),
          s(.name, "b"): .customUpdateVariable(
            update: s(.elementName, "ScalePost"), variable: s(.name, "count")),
        ]))
    model.addCustomUpdate(
      CustomUpdate(
        name: s(.elementName, "CopyWeights"), updateGroup: s(.elementName, "Copying"),
        model: copyModel(&s),
        varRefs: [
          s(.name, "a"): .weightUpdateVariable(
            synapses: s(.elementName, "Syn"), variable: s(.name, "g")),
          s(.name, "b"): .weightUpdateVariable(
            synapses: s(.elementName, "Syn"), variable: s(.name, "g")),
        ]))
    let transpose = CustomUpdateModel(
      name: s(.text, "Transpose model"),
      varRefs: [
        CustomUpdateVarReference(s(.name, "forward"), s(.type, "scalar"), access: .readOnly)
      ],
      updateCode: s(.code, ""))
    model.addCustomUpdate(
      CustomUpdate(
        name: s(.elementName, "Mirror"), updateGroup: s(.elementName, "Transposing"),
        model: transpose,
        varRefs: [
          s(.name, "forward"): .transposedWeightUpdateVariable(
            synapses: s(.elementName, "Forward"), variable: s(.name, "w"),
            transposeSynapses: s(.elementName, "Backward"), transposeVariable: s(.name, "w"))
        ]))
    return model
  }

  static func neuronModel(_ s: inout StringSlots) -> NeuronModel {
    NeuronModel(
      name: s(.text, "Neuron model"), params: [s(.name, "tau")],
      derivedParams: [
        DerivedParameter(
          s(.name, "decay"), formula: s(.code, "exp(-dt / tau)"), type: s(.type, "scalar"))
      ],
      vars: [
        Variable(s(.name, "V"), s(.type, "scalar")), Variable(s(.name, "n"), s(.type, "uint32_t")),
      ],
      extraGlobalParams: [ExtraGlobalParameter(s(.name, "table"), s(.type, "scalar*"))],
      additionalInputVars: [AdditionalInputVariable(s(.name, "Iextra"), s(.type, "scalar"))],
      simCode: s(.code, "V = V * decay + Isyn + Iextra + table[0];"),
      thresholdConditionCode: s(.code, "V > 1.0"), resetCode: s(.code, "V = 0.0; n++;"))
  }

  static func uniformInit(_ s: inout StringSlots) -> InitSnippet {
    InitSnippet(
      name: s(.text, "Uniform init"), params: [s(.name, "low")],
      derivedParams: [
        DerivedParameter(
          s(.name, "high"), formula: s(.code, "low + 1.0"), type: s(.type, "scalar"))
      ],
      code: s(.code, "value = low + (high - low) * gennrand_uniform();"))
  }

  static func staticWeight(_ s: inout StringSlots) -> WeightUpdateModel {
    WeightUpdateModel(
      name: s(.text, "Static model"), vars: [Variable(s(.name, "w"), s(.type, "scalar"))],
      preSpikeSynCode: s(.code, "addToPost(w);"), preEventSynCode: s(.code, ""),
      postSpikeSynCode: s(.code, ""), postEventSynCode: s(.code, ""),
      synapseDynamicsCode: s(.code, ""), preEventThresholdConditionCode: s(.code, ""),
      postEventThresholdConditionCode: s(.code, ""), preSpikeCode: s(.code, ""),
      postSpikeCode: s(.code, ""), preDynamicsCode: s(.code, ""), postDynamicsCode: s(.code, ""))
  }

  static func delta(_ s: inout StringSlots) -> PostsynapticModel {
    PostsynapticModel(
      name: s(.text, "Delta model"), simCode: s(.code, "injectCurrent(inSyn); inSyn = 0;"))
  }

  static func copyModel(_ s: inout StringSlots) -> CustomUpdateModel {
    CustomUpdateModel(
      name: s(.text, "Copy model"),
      varRefs: [
        CustomUpdateVarReference(s(.name, "a"), s(.type, "scalar")),
        CustomUpdateVarReference(s(.name, "b"), s(.type, "scalar"), access: .readOnly),
      ],
      updateCode: s(.code, "a = b;"))
  }
}
