import GeNNModel

/// Synapse populations whose code is structurally identical: one group struct type, one
/// function per kind of work (presynaptic update, postsynaptic learning, synapse
/// dynamics, connectivity building, variable initialisation) and one struct per member,
/// whose fields hold what differs (sizes, parameter values, delays, array pointers and
/// the population's index, which names its random streams).
struct MergedSynapseGroup {
  /// The merged group's index, used in generated names.
  var index: Int
  /// Indices of the member populations in the model, in model order.
  var populations: [Int]
  /// The first member, whose structure every member shares: code is written from it.
  var archetype: Int { populations[0] }
}

extension GroupMerging {
  /// Merges synapse populations by the structure of their update and initialisation code.
  static func synapseGroups(of model: ModelSpec, usage: CodeUsage) -> [MergedSynapseGroup] {
    var groups: [MergedSynapseGroup] = []
    var groupOfKey: [[String]: Int] = [:]
    for (index, synapses) in model.synapsePopulations.enumerated() {
      let key = synapseKey(synapses, in: model, usage: usage)
      if let group = groupOfKey[key] {
        groups[group].populations.append(index)
      } else {
        groupOfKey[key] = groups.count
        groups.append(MergedSynapseGroup(index: groups.count, populations: [index]))
      }
    }
    return groups
  }

  /// What makes two synapse populations' code the same: the models' code strings and the
  /// names and types of their fields, the matrix type, the connectivity and initialisation
  /// snippets, which hooks and delays exist; never names or values (which become fields),
  /// except what code holds as a literal (kernel shapes, constants of procedural
  /// variables).
  static func synapseKey(_ synapses: SynapsePopulation, in model: ModelSpec, usage: CodeUsage)
    -> [String]
  {
    let weightUpdate = synapses.weightUpdate
    func fields(_ vars: [Variable]) -> String {
      vars.map { "\($0.name):\($0.type):\($0.access.rawValue)" }.joined(separator: ",")
    }
    func parameters(_ params: [String], _ derived: [DerivedParameter], _ types: [String: String])
      -> String
    {
      GroupMerging.parameterKey(params, types) + "|"
        + derived.map(GroupMerging.derivedKey).joined(separator: ",")
    }
    func initialiser(_ value: VarInit?) -> String {
      switch value {
      case .snippet(let snippet, _)?:
        "snippet:\(snippet.code)|\(parameters(snippet.params, snippet.derivedParams, snippet.paramTypes))"
          + snippet.extraGlobalParams.map { "|egp:\($0.name):\($0.type)" }.joined()
      case .kernel?: "kernel"
      case .constant(let value)?:
        synapses.matrixType.weightStorage == .procedural ? "constant:\(value)" : "constant"
      case .values?: "values"
      case .uninitialised?: "uninitialised"
      case nil: "none"
      }
    }
    func references(
      _ references: [NeuronVarReference], population: String,
      variable: (NeuronVarReference) -> String
    ) -> String {
      let neurons = model.neuronPopulation(named: population)
      let queued = usage.queuedVariables[population] ?? []
      return references.map { reference in
        let name = variable(reference)
        let type = neurons?.model.vars.first { $0.name == name }?.type ?? "?"
        return "\(reference.name)->\(name):\(type):\(queued.contains(name))"
      }.joined(separator: ",")
    }
    let connectivity: [String] =
      switch synapses.connectivity {
      case .allToAll: ["all to all"]
      case .explicit: ["explicit"]
      case .snippet(let snippet, _):
        [
          "snippet", snippet.rowBuildCode, snippet.colBuildCode,
          parameters(snippet.params, snippet.derivedParams, snippet.paramTypes),
          snippet.rowLengthDraw.map { "\($0)" } ?? "no draw",
          snippet.extraGlobalParams.map { "\($0.name):\($0.type)" }.joined(separator: ","),
        ]
      case .toeplitz(let snippet, _):
        [
          "toeplitz", snippet.diagonalBuildCode,
          parameters(snippet.params, snippet.derivedParams, snippet.paramTypes),
          snippet.extraGlobalParams.map { "\($0.name):\($0.type)" }.joined(separator: ","),
        ]
      }
    let postsynaptic = synapses.postsynaptic
    return [
      "synapses", synapses.matrixType.rawValue,
      "fused:\(usage.fusion.isFused(synapses.name))",
      weightUpdate.synapseDynamicsCode, weightUpdate.preEventSynCode, weightUpdate.preSpikeSynCode,
      weightUpdate.postEventSynCode, weightUpdate.postSpikeSynCode,
      "events:\(weightUpdate.hasPreEvents):\(weightUpdate.hasPostEvents)",
      parameters(weightUpdate.params, weightUpdate.derivedParams, weightUpdate.paramTypes),
      fields(weightUpdate.vars), fields(weightUpdate.preVars), fields(weightUpdate.postVars),
      weightUpdate.extraGlobalParams.map { "\($0.name):\($0.type)" }.joined(separator: ","),
      references(weightUpdate.preNeuronVarRefs, population: synapses.source) {
        synapses.preVariable(of: $0)
      },
      references(weightUpdate.postNeuronVarRefs, population: synapses.target) {
        synapses.postVariable(of: $0)
      },
      weightUpdate.psmVarRefs.map { reference in
        let name = synapses.psmVariable(of: reference)
        let type = postsynaptic.vars.first { $0.name == name }?.type ?? "?"
        return "\(reference.name)->\(name):\(type)"
      }.joined(separator: ","),
      fields(postsynaptic.vars),
      "delays:\(synapses.axonalDelaySteps > 0):\(synapses.backPropDelaySteps > 0)"
        + ":\(synapses.maxDendriticDelaySteps != nil)"
        + ":\(weightUpdate.heterogeneouslyDelayedNames.sorted().joined(separator: ","))",
      "output:\(usage.presynapticOutput.contains(synapses.name))",
      "kernel:\(synapses.kernelSize.map(String.init).joined(separator: "x"))",
      "rows change:\(model.rowsChange(of: synapses.name))",
      "index type:\(model.sparseIndexType(of: synapses))",
      weightUpdate.vars.map { initialiser(synapses.weightUpdateVars[$0.name]) }.joined(
        separator: ";"),
      weightUpdate.preVars.map { initialiser(synapses.weightUpdatePreVars[$0.name]) }.joined(
        separator: ";"),
      weightUpdate.postVars.map { initialiser(synapses.weightUpdatePostVars[$0.name]) }.joined(
        separator: ";"),
      postsynaptic.vars.map { initialiser(synapses.postsynapticVars[$0.name]) }.joined(
        separator: ";"),
    ] + connectivity
  }
}
