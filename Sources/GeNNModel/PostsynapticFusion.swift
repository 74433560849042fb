/// Which synapse populations share one postsynaptic model, as GeNN 5.4 fuses them when a
/// model sets `fuse_postsynaptic_models` (``ModelSpec/fusePostsynapticModels``).
///
/// Synapse populations onto the same neuron population whose postsynaptic models would
/// compute the same thing (the same model, parameter values, constant variable
/// initialisers, dendritic delay ring, target input and neuron variables) deliver into
/// one input array, dendritic delay ring and set of postsynaptic variables, those of
/// the set's *target*, and the target's postsynaptic model runs once per neuron instead
/// of once per population. A population whose variables start from anything but a
/// constant, or whose code reads an extra global parameter or a dynamic parameter,
/// keeps its own (GeNN's `SynapseGroup::canPSBeFused`).
///
/// Sets are found as GeNN's `fuseSynapseGroups` finds them: the last population onto a
/// neuron population that is not yet in a set becomes a target, and every earlier one
/// that matches it joins its set.
public struct PostsynapticFusion: Sendable, Equatable {
  /// For each synapse population's name, the name of the population whose postsynaptic
  /// model and arrays it uses: its own name unless fused.
  public let targets: [String: String]
  /// For each target of a set of two or more, its members in model order (the target
  /// among them): the order in which their inputs are summed.
  public let members: [String: [String]]

  /// The sets of `model`; none unless ``ModelSpec/fusePostsynapticModels`` is set.
  public init(_ model: ModelSpec) {
    var targets: [String: String] = [:]
    for synapses in model.synapsePopulations { targets[synapses.name] = synapses.name }
    var members: [String: [String]] = [:]
    if model.fusePostsynapticModels {
      for population in model.neuronPopulations {
        // Each population's key once; nil where it cannot be fused.
        var remaining = model.synapsePopulations.filter { $0.target == population.name }.map {
          (name: $0.name, key: Self.key(of: $0, dt: model.dt))
        }
        while let last = remaining.popLast() {
          guard let key = last.key else { continue }
          let joining = remaining.filter { $0.key == key }.map(\.name)
          guard !joining.isEmpty else { continue }
          remaining.removeAll { $0.key == key }
          for member in joining { targets[member] = last.name }
          members[last.name] = joining + [last.name]
        }
      }
    }
    self.targets = targets
    self.members = members
  }

  /// The population whose postsynaptic model and arrays `synapses` uses.
  public func target(of synapses: String) -> String { targets[synapses] ?? synapses }

  /// Whether `synapses` runs its own postsynaptic model: not fused, or the target of its
  /// set. Only these populations have postsynaptic arrays.
  public func ownsPostsynapticModel(_ synapses: String) -> Bool { target(of: synapses) == synapses }

  /// Whether `synapses` is in a set of two or more (GeNN's `isPSModelFused`, under which
  /// PyGeNN gives a population no `out_post` or postsynaptic variable views).
  public func isFused(_ synapses: String) -> Bool {
    members[target(of: synapses)] != nil
  }

  /// The populations delivering into `target`'s arrays, in the order their inputs are
  /// summed: the set's members, or `target` alone.
  public func sources(of target: String) -> [String] { members[target] ?? [target] }

  /// What must match for two populations' postsynaptic models to be fused, or nil when
  /// `synapses` cannot be fused at all.
  static func key(of synapses: SynapsePopulation, dt: Double) -> [String]? {
    let model = synapses.postsynaptic
    var constants: [String] = []
    for variable in model.vars {
      guard case .constant(let value)? = synapses.postsynapticVars[variable.name] else {
        return nil
      }
      constants.append("\(variable.name)=\(value.bitPattern)")
    }
    let code = model.simCode
    if model.extraGlobalParams.contains(where: { code.usesIdentifier($0.name) }) { return nil }
    if synapses.dynamicPostsynapticParams.contains(where: { code.usesIdentifier($0) }) {
      return nil
    }
    return [
      model.name, code,
      model.params.map { "\($0):\(model.paramTypes[$0] ?? "scalar")" }.joined(separator: ","),
      model.params.map { "\(synapses.postsynapticParams[$0]?.bitPattern ?? 0)" }.joined(
        separator: ","),
      model.derivedParams.map { parameter in
        let value = try? parameter.compute(synapses.postsynapticParams, dt)
        return "\(parameter.name):\(parameter.type)=\(value?.bitPattern ?? 0)"
      }.joined(separator: ","),
      model.vars.map { "\($0.name):\($0.type):\($0.access.rawValue)" }.joined(separator: ","),
      constants.joined(separator: ","),
      model.neuronVarRefs.map { "\($0.name)->\(synapses.targetVariable(of: $0))" }.joined(
        separator: ","),
      model.extraGlobalParams.map { "\($0.name):\($0.type)" }.joined(separator: ","),
      "dendritic:\(synapses.maxDendriticDelaySteps.map(String.init) ?? "none")",
      "target:\(synapses.postTargetVar)",
      "queued:\(synapses.queuesPostsynapticVars)",
    ]
  }
}
