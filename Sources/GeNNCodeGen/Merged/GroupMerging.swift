import GeNNModel

/// Populations whose code is structurally identical share one piece of generated code
/// (GeNN's merged groups); they differ only in sizes, parameter values and memory.
struct MergedNeuronGroup {
  /// The merged group's index, used in generated names.
  var index: Int
  /// Indices of the member populations in the model, in model order.
  var populations: [Int]
  /// For each member, its current sources' indices in the model, in a canonical order
  /// shared by all members (GeNN orders them by structure too).
  var currentSources: [[Int]]
  /// For each member, the synapse populations targeting it that run their own
  /// postsynaptic model (``GeNNModel/PostsynapticFusion``), in a canonical order: their
  /// postsynaptic models run in this order.
  var postsynaptic: [[Int]]
  /// For each member, the synapse populations leaving it whose weight update model runs
  /// presynaptic code (or collects `addToPre` input) in its neurons, in canonical order.
  var outgoing: [[Int]]
  /// For each member, the synapse populations reaching it whose weight update model runs
  /// postsynaptic code in its neurons, in canonical order.
  var incoming: [[Int]]
}

/// Populations or current sources whose variables are initialised by the same snippets.
struct MergedInitGroup {
  /// What is being initialised.
  enum Element: Hashable {
    case neuronPopulation(Int)
    case currentSource(Int)
    case customUpdate(Int)
  }

  var index: Int
  var elements: [Element]
}

enum GroupMerging {
  /// Merges neuron populations by the structure of their update code.
  static func neuronGroups(of model: ModelSpec, usage: CodeUsage) -> [MergedNeuronGroup] {
    var groups: [MergedNeuronGroup] = []
    var groupOfKey: [[[[String]]]: Int] = [:]
    func canonical(_ indices: [Int], _ key: (SynapsePopulation) -> [String]) -> [(
      index: Int, key: [String]
    )] {
      sortedByKey(indices.map { (index: $0, key: key(model.synapsePopulations[$0])) })
    }
    for (index, population) in model.neuronPopulations.enumerated() {
      let outgoing = canonical(
        model.synapsePopulations.indices.filter {
          let synapses = model.synapsePopulations[$0]
          return synapses.source == population.name
            && (synapses.weightUpdate.hasPresynapticNeuronCode
              || usage.presynapticOutput.contains(synapses.name))
        }, { neuronCodeKey($0, side: .presynaptic, usage: usage) })
      let incoming = canonical(
        model.synapsePopulations.indices.filter {
          let synapses = model.synapsePopulations[$0]
          return synapses.target == population.name
            && synapses.weightUpdate.hasPostsynapticNeuronCode
        }, { neuronCodeKey($0, side: .postsynaptic, usage: usage) })
      let sources = sortedByKey(
        model.currentSources.indices
          .filter { model.currentSources[$0].target == population.name }
          .map { (index: $0, key: sourceKey(model.currentSources[$0])) })
      // A postsynaptic model shared by fused populations runs once, as its target's.
      let inputs = sortedByKey(
        model.synapsePopulations.indices
          .filter {
            let synapses = model.synapsePopulations[$0]
            return synapses.target == population.name
              && usage.fusion.ownsPostsynapticModel(synapses.name)
          }
          .map { (index: $0, key: postsynapticKey(model.synapsePopulations[$0])) })
      let key: [[[String]]] = [
        [structureKey(population.model)],
        [
          [
            "record:\(population.recordSpikes)",
            "times:\(usage.spikeTimes.contains(population.name))"
              + "\(usage.previousSpikeTimes.contains(population.name))",
            "delayed:\(model.maximumDelaySteps(of: population.name) > 0)",
            "recordEvents:\(population.recordSpikeEvents)",
          ],
          (usage.queuedVariables[population.name] ?? []).sorted(),
        ],
        sources.map(\.key), inputs.map(\.key), outgoing.map(\.key), incoming.map(\.key),
      ]
      if let group = groupOfKey[key] {
        groups[group].populations.append(index)
        groups[group].currentSources.append(sources.map(\.index))
        groups[group].postsynaptic.append(inputs.map(\.index))
        groups[group].outgoing.append(outgoing.map(\.index))
        groups[group].incoming.append(incoming.map(\.index))
      } else {
        groupOfKey[key] = groups.count
        groups.append(
          MergedNeuronGroup(
            index: groups.count, populations: [index], currentSources: [sources.map(\.index)],
            postsynaptic: [inputs.map(\.index)], outgoing: [outgoing.map(\.index)],
            incoming: [incoming.map(\.index)]))
      }
    }
    return groups
  }

  /// Merges the elements that have snippet-initialised variables by the structure of
  /// those snippets.
  static func initGroups(of model: ModelSpec) -> [MergedInitGroup] {
    var groups: [MergedInitGroup] = []
    var groupOfKey: [[[String]]: Int] = [:]
    func add(_ element: MergedInitGroup.Element, vars: [Variable], inits: [String: VarInit]) {
      let parts = vars.compactMap { variable -> [String]? in
        guard case .snippet(let snippet, _)? = inits[variable.name] else { return nil }
        return [variable.name, variable.type, snippet.code]
          + snippet.params.map { typedName($0, snippet.paramTypes) } + ["derived:"]
          + snippet.derivedParams.map(derivedKey)
          + snippet.extraGlobalParams.map { "egp:\($0.name):\($0.type)" }
      }
      guard !parts.isEmpty else { return }
      let kind: String =
        switch element {
        case .neuronPopulation: "neuron"
        case .currentSource: "source"
        case .customUpdate: "custom update"
        }
      let key = [[kind]] + parts
      if let group = groupOfKey[key] {
        groups[group].elements.append(element)
      } else {
        groupOfKey[key] = groups.count
        groups.append(MergedInitGroup(index: groups.count, elements: [element]))
      }
    }
    for (index, population) in model.neuronPopulations.enumerated() {
      add(.neuronPopulation(index), vars: population.model.vars, inits: population.vars)
    }
    for (index, source) in model.currentSources.enumerated() {
      add(.currentSource(index), vars: source.model.vars, inits: source.vars)
    }
    for (index, update) in model.customUpdates.enumerated() {
      guard case .neurons? = model.shape(of: update) else { continue }
      add(
        .customUpdate(index), vars: update.model.vars.map { Variable($0.name, $0.type) },
        inits: update.vars)
    }
    return groups
  }

  /// What makes two models' code the same: code strings and field declarations, not
  /// names, so that a renamed copy of a model merges with the original (as in GeNN).
  static func structureKey(_ model: NeuronModel) -> [String] {
    [
      "neuron", model.simCode, model.thresholdConditionCode, model.resetCode,
      "autoRefractory:\(model.autoRefractoryRequired)",
      parameterKey(model.params, model.paramTypes),
      model.derivedParams.map(derivedKey).joined(separator: ","),
      model.vars.map { "\($0.name):\($0.type):\($0.access.rawValue)" }.joined(separator: ","),
      model.extraGlobalParams.map { "\($0.name):\($0.type)" }.joined(separator: ","),
      model.additionalInputVars.map { "\($0.name):\($0.type):\($0.initialValue)" }.joined(
        separator: ","),
    ]
  }

  /// The structure of a synapse population's postsynaptic model as its target runs it.
  static func postsynapticKey(_ synapses: SynapsePopulation) -> [String] {
    let model = synapses.postsynaptic
    return [
      "postsynaptic", model.simCode, "dendritic:\(synapses.maxDendriticDelaySteps != nil)",
      "target:\(synapses.postTargetVar)",
      "queued:\(synapses.queuesPostsynapticVars)",
      parameterKey(model.params, model.paramTypes),
      model.derivedParams.map(derivedKey).joined(separator: ","),
      model.vars.map { "\($0.name):\($0.type):\($0.access.rawValue)" }.joined(separator: ","),
      model.neuronVarRefs.map { "\($0.name)->\(synapses.targetVariable(of: $0))" }.joined(
        separator: ","),
      model.extraGlobalParams.map { "\($0.name):\($0.type)" }.joined(separator: ","),
    ]
  }

  /// The structure of what a weight update model runs in the neurons of one side of a
  /// synapse population.
  static func neuronCodeKey(_ synapses: SynapsePopulation, side: SynapseSide, usage: CodeUsage)
    -> [String]
  {
    let model = synapses.weightUpdate
    let events = CodeUsage.Side(synapses: synapses.name, side: side)
    let sideParts: [String] =
      switch side {
      case .presynaptic:
        [
          model.preSpikeCode, model.preDynamicsCode, model.preEventThresholdConditionCode,
          model.preVars.map { "\($0.name):\($0.type):\($0.access.rawValue)" }.joined(
            separator: ","),
          model.preNeuronVarRefs.map { "\($0.name)->\(synapses.preVariable(of: $0))" }.joined(
            separator: ","),
          "delayed:\(synapses.axonalDelaySteps > 0)",
          "output:\(usage.presynapticOutput.contains(synapses.name))",
          "target:\(synapses.preTargetVar)",
        ]
      case .postsynaptic:
        [
          model.postSpikeCode, model.postDynamicsCode, model.postEventThresholdConditionCode,
          model.postVars.map { "\($0.name):\($0.type):\($0.access.rawValue)" }.joined(
            separator: ","),
          model.postNeuronVarRefs.map { "\($0.name)->\(synapses.postVariable(of: $0))" }.joined(
            separator: ","),
          "delayed:\(synapses.queuesPostVars)",
        ]
      }
    return
      ([
        "weight update \(side.rawValue)", parameterKey(model.params, model.paramTypes),
        model.derivedParams.map(derivedKey).joined(separator: ","),
        model.extraGlobalParams.map { "\($0.name):\($0.type)" }.joined(separator: ","),
        "times:\(usage.eventTimes.contains(events)):\(usage.previousEventTimes.contains(events))",
      ] + sideParts)
  }

  /// The structure of a current source as its target runs it: its model, the input it
  /// adds to and the neuron variables its references name.
  static func sourceKey(_ source: CurrentSource) -> [String] {
    structureKey(source.model) + [
      "target:\(source.targetVar)",
      source.model.neuronVarRefs.map { "\($0.name)->\(source.targetVariable(of: $0))" }.joined(
        separator: ","),
    ]
  }

  static func structureKey(_ model: CurrentSourceModel) -> [String] {
    [
      "source", model.injectionCode, parameterKey(model.params, model.paramTypes),
      model.derivedParams.map(derivedKey).joined(separator: ","),
      model.vars.map { "\($0.name):\($0.type):\($0.access.rawValue)" }.joined(separator: ","),
      model.extraGlobalParams.map { "\($0.name):\($0.type)" }.joined(separator: ","),
    ]
  }

  /// Parameter names with their types (`d:int`; a `scalar` one by its name alone), so
  /// that models differing only in a parameter's type never share code.
  static func parameterKey(_ params: [String], _ types: [String: String]) -> String {
    params.map { typedName($0, types) }.joined(separator: ",")
  }

  /// A derived parameter's name with its type where that is not `scalar`.
  static func derivedKey(_ parameter: DerivedParameter) -> String {
    typedName(parameter.name, [parameter.name: parameter.type])
  }

  /// Parameter `name` with its type in `types` where that is not `scalar`.
  static func typedName(_ name: String, _ types: [String: String]) -> String {
    guard let type = types[name], type != "scalar" else { return name }
    return "\(name):\(type)"
  }

  /// `elements` in the order of their keys (compared part by part), and in their own
  /// order where keys are equal: the canonical order of a population's slots, so that
  /// populations with the same slots in another order merge.
  static func sortedByKey(_ elements: [(index: Int, key: [String])]) -> [(
    index: Int, key: [String]
  )] {
    elements.enumerated().sorted {
      $0.element.key == $1.element.key
        ? $0.offset < $1.offset : $0.element.key.lexicographicallyPrecedes($1.element.key)
    }.map(\.element)
  }
}
