/// The variable a custom update's variable reference points at, GeNN's
/// `create_var_ref`, `create_psm_var_ref`, `create_wu_pre_var_ref`,
/// `create_wu_post_var_ref`, `create_out_post_var_ref`, `create_den_delay_var_ref`,
/// `create_spike_time_var_ref`, `create_prev_spike_time_var_ref` and `create_wu_var_ref`.
///
/// A reference to a variable kept per delay slot reads and writes the slot of the latest
/// step (GeNN's current slot); a `BROADCAST` reference writes every slot.
///
/// References to per-neuron variables make a neuron custom update, run once per neuron;
/// references to per-synapse variables make a synapse custom update, run once per synapse
/// of one DENSE or SPARSE synapse population.
public enum CustomUpdateTarget: Hashable, Sendable {
  /// A neuron population's variable.
  case neuronVariable(population: String, variable: String)
  /// A current source's variable (one value per target neuron).
  case currentSourceVariable(source: String, variable: String)
  /// A synapse population's postsynaptic model variable (one value per target neuron).
  case postsynapticVariable(synapses: String, variable: String)
  /// The input a synapse population delivers to each target neuron (GeNN's `out_post`,
  /// `inSyn`), of type `scalar`.
  case postsynapticInput(synapses: String)
  /// The dendritic delay buffer of a synapse population with `maxDendriticDelaySteps`
  /// (GeNN's `create_den_delay_var_ref`), of type `scalar`: one value per target neuron
  /// per delay slot; the current slot is the one delivered in the latest step.
  case dendriticDelayBuffer(synapses: String)
  /// A neuron population's spike times (`st`, of type `timepoint`), GeNN's
  /// `create_spike_time_var_ref`.
  case spikeTimes(population: String)
  /// A neuron population's previous spike times (`prev_st`, of type `timepoint`), GeNN's
  /// `create_prev_spike_time_var_ref`.
  case previousSpikeTimes(population: String)
  /// A weight update model's per-presynaptic-neuron variable.
  case weightUpdatePreVariable(synapses: String, variable: String)
  /// A weight update model's per-postsynaptic-neuron variable.
  case weightUpdatePostVariable(synapses: String, variable: String)
  /// A variable of a custom update added earlier (per neuron or per synapse, as that
  /// update is).
  case customUpdateVariable(update: String, variable: String)
  /// A weight update model's per-synapse variable.
  case weightUpdateVariable(synapses: String, variable: String)
  /// A DENSE weight update model's per-synapse variable whose value, after the update
  /// code, is written transposed into `transposeVariable` of `transposeSynapses` (a DENSE
  /// population in the opposite direction), as GeNN's `Transpose` does.
  case transposedWeightUpdateVariable(
    synapses: String, variable: String, transposeSynapses: String, transposeVariable: String)
  /// A custom connectivity update's per-synapse variable.
  case customConnectivityUpdateVariable(update: String, variable: String)
  /// A custom connectivity update's per-presynaptic-neuron variable.
  case customConnectivityUpdatePreVariable(update: String, variable: String)
  /// A custom connectivity update's per-postsynaptic-neuron variable.
  case customConnectivityUpdatePostVariable(update: String, variable: String)

  /// Whether the reference writes the transpose of a weight update variable.
  public var isTranspose: Bool {
    if case .transposedWeightUpdateVariable = self { true } else { false }
  }
}

/// A custom update: a model's code run over the referenced variables when the user
/// calls its update group, GeNN's `add_custom_update`.
public struct CustomUpdate: Sendable {
  /// A name unique among the model's custom updates.
  public var name: String
  /// The update group it belongs to: one call runs every custom update of a group.
  public var updateGroup: String
  /// The custom update model.
  public var model: CustomUpdateModel
  /// A value for every parameter of the model.
  public var params: [String: Double]
  /// An initialiser for every variable of the model.
  public var vars: [String: VarInit]
  /// The variable each of the model's references points at.
  public var varRefs: [String: CustomUpdateTarget]
  /// Values for the model's extra global parameter arrays.
  public var extraGlobalParams: [String: [Double]]
  /// The extra global parameter each of the model's extra global parameter references
  /// points at.
  public var egpRefs: [String: ExtraGlobalParameterTarget]
  /// The parameters that can change between steps (PyGeNN's `set_param_dynamic`).
  public var dynamicParams: Set<String> = []

  /// Creates a custom update.
  public init(
    name: String, updateGroup: String, model: CustomUpdateModel, params: [String: Double] = [:],
    vars: [String: VarInit] = [:], varRefs: [String: CustomUpdateTarget] = [:],
    extraGlobalParams: [String: [Double]] = [:],
    egpRefs: [String: ExtraGlobalParameterTarget] = [:]
  ) {
    self.egpRefs = egpRefs
    self.name = name
    self.updateGroup = updateGroup
    self.model = model
    self.params = params
    self.vars = vars
    self.varRefs = varRefs
    self.extraGlobalParams = extraGlobalParams
  }
}

/// What a custom update runs over.
public enum CustomUpdateShape: Hashable, Sendable {
  /// `count` neurons; `perElement` is false when every reference has one value shared by
  /// all neurons, so that the code runs once.
  case neurons(count: Int, perElement: Bool)
  /// The synapses of a DENSE or SPARSE synapse population.
  case synapses(population: String)
}

/// A resolved custom update reference: what it points at, as the update sees it.
public struct ReferencedVariable: Hashable, Sendable {
  /// The variable's type as GeNN spells it.
  public var type: String
  /// What the update runs over when it references this variable.
  public var shape: CustomUpdateShape
  /// Whether the variable has one value per element (GeNN's `ELEMENT` dimension).
  public var hasElementDimension: Bool
  /// Whether the variable has one value per batch (GeNN's `BATCH` dimension).
  public var hasBatchDimension: Bool
  /// How the variable's owner lets it be used: a `VarAccess` or `CustomUpdateVarAccess`
  /// raw value.
  public var access: String
}

extension ModelSpec {
  /// Adds a custom update.
  public mutating func addCustomUpdate(_ update: CustomUpdate) {
    customUpdates.append(update)
  }

  /// The custom update named `name`.
  public func customUpdate(named name: String) -> CustomUpdate? {
    customUpdates.first { $0.name == name }
  }

  /// The update groups of the model's custom updates and custom connectivity updates,
  /// sorted by name (GeNN's order).
  public var customUpdateGroups: [String] {
    Array(Set(customUpdates.map(\.updateGroup) + customConnectivityUpdates.map(\.updateGroup)))
      .sorted()
  }

  /// The custom updates of `group` in the order one call runs them: neuron updates,
  /// then per-synapse updates, then transposes, each by name (GeNN keeps custom updates
  /// in a map by name and runs these kinds in this order).
  public func customUpdates(inGroup group: String) -> [Int] {
    let members = customUpdates.indices.filter { customUpdates[$0].updateGroup == group }
    func kind(_ index: Int) -> Int {
      let update = customUpdates[index]
      guard case .synapses? = shape(of: update) else { return 0 }
      return update.varRefs.values.contains(where: \.isTranspose) ? 2 : 1
    }
    return members.sorted {
      (kind($0), customUpdates[$0].name) < (kind($1), customUpdates[$1].name)
    }
  }

  /// What a custom update runs over, from its first reference (by name); `nil` when it
  /// has none that resolves.
  public func shape(of update: CustomUpdate) -> CustomUpdateShape? {
    let resolved = update.varRefs.keys.sorted().compactMap { name in
      try? referencedVariable(update.varRefs[name]!, before: customUpdates.count).get()
    }
    guard let first = resolved.first else { return nil }
    if case .neurons(let count, _) = first.shape {
      return .neurons(count: count, perElement: resolved.contains(where: \.hasElementDimension))
    }
    return first.shape
  }

  /// Why a reference does not resolve.
  public enum ReferenceFailure: Error, Hashable, Sendable {
    /// The element (`kind`, such as "neuron population") named `name` does not exist.
    case unknownElement(kind: String, name: String, available: [String])
    /// `owner` has no variable `variable`.
    case unknownVariable(owner: String, variable: String, available: [String])
  }

  /// Resolves `target`, looking for referenced custom updates among the first `limit`.
  public func referencedVariable(_ target: CustomUpdateTarget, before limit: Int) -> Result<
    ReferencedVariable, ReferenceFailure
  > {
    func variable(_ vars: [Variable], _ name: String, owner: String, size: Int) -> Result<
      ReferencedVariable, ReferenceFailure
    > {
      guard let found = vars.first(where: { $0.name == name }) else {
        return .failure(
          .unknownVariable(owner: owner, variable: name, available: vars.map(\.name)))
      }
      return .success(
        ReferencedVariable(
          type: found.type, shape: .neurons(count: size, perElement: true),
          hasElementDimension: found.access.hasElementDimension,
          hasBatchDimension: found.access.hasBatchDimension, access: found.access.rawValue))
    }
    func size(_ name: String) -> Int { neuronPopulation(named: name)?.size ?? 0 }
    switch target {
    case .neuronVariable(let name, let name2):
      return referencedPopulation(name).flatMap {
        variable(
          $0.model.vars, name2, owner: "neuron population '\(name)' (model '\($0.model.name)')",
          size: $0.size)
      }
    case .currentSourceVariable(let name, let name2):
      guard let source = currentSources.first(where: { $0.name == name }) else {
        return .failure(
          .unknownElement(
            kind: "current source", name: name, available: currentSources.map(\.name)))
      }
      return variable(
        source.model.vars, name2, owner: "current source '\(name)' (model '\(source.model.name)')",
        size: size(source.target))
    case .postsynapticVariable(let name, let name2):
      return referencedSynapses(name).flatMap {
        variable(
          $0.postsynaptic.vars, name2,
          owner: "synapse population '\(name)' (postsynaptic model '\($0.postsynaptic.name)')",
          size: size($0.target))
      }
    case .postsynapticInput(let name):
      return referencedSynapses(name).map {
        ReferencedVariable(
          type: "scalar", shape: .neurons(count: size($0.target), perElement: true),
          hasElementDimension: true, hasBatchDimension: true, access: "READ_WRITE")
      }
    case .dendriticDelayBuffer(let name):
      return referencedSynapses(name).flatMap {
        guard $0.maxDendriticDelaySteps != nil else {
          return .failure(
            .unknownVariable(
              owner: "synapse population '\(name)' (without max_dendritic_delay_steps, so "
                + "with no dendritic delay buffer)", variable: "denDelay", available: []))
        }
        return .success(
          ReferencedVariable(
            type: "scalar", shape: .neurons(count: size($0.target), perElement: true),
            hasElementDimension: true, hasBatchDimension: true, access: "READ_WRITE"))
      }
    case .spikeTimes(let name), .previousSpikeTimes(let name):
      return referencedPopulation(name).map {
        ReferencedVariable(
          type: "timepoint", shape: .neurons(count: $0.size, perElement: true),
          hasElementDimension: true, hasBatchDimension: true, access: "READ_WRITE")
      }
    case .weightUpdatePreVariable(let name, let name2):
      return referencedSynapses(name).flatMap {
        variable(
          $0.weightUpdate.preVars, name2,
          owner: "synapse population '\(name)' (weight update model '\($0.weightUpdate.name)', "
            + "preVars)", size: size($0.source))
      }
    case .weightUpdatePostVariable(let name, let name2):
      return referencedSynapses(name).flatMap {
        variable(
          $0.weightUpdate.postVars, name2,
          owner: "synapse population '\(name)' (weight update model '\($0.weightUpdate.name)', "
            + "postVars)", size: size($0.target))
      }
    case .weightUpdateVariable(let name, let name2),
      .transposedWeightUpdateVariable(let name, let name2, _, _):
      return referencedSynapses(name).flatMap { population in
        variable(
          population.weightUpdate.vars, name2,
          owner: "synapse population '\(name)' (weight update model "
            + "'\(population.weightUpdate.name)', vars)", size: 0
        ).map {
          var resolved = $0
          resolved.shape = .synapses(population: name)
          return resolved
        }
      }
    case .customConnectivityUpdateVariable(let name, let name2),
      .customConnectivityUpdatePreVariable(let name, let name2),
      .customConnectivityUpdatePostVariable(let name, let name2):
      return customConnectivityVariable(target, update: name, variable: name2)
    case .customUpdateVariable(let name, let name2):
      let earlier = customUpdates.prefix(limit)
      guard let update = earlier.first(where: { $0.name == name }) else {
        return .failure(
          .unknownElement(
            kind: "custom update (added before this one)", name: name,
            available: earlier.map(\.name)))
      }
      guard let found = update.model.vars.first(where: { $0.name == name2 }) else {
        return .failure(
          .unknownVariable(
            owner: "custom update '\(name)' (model '\(update.model.name)')", variable: name2,
            available: update.model.vars.map(\.name)))
      }
      guard let updateShape = shape(of: update) else {
        return .failure(
          .unknownVariable(
            owner: "custom update '\(name)' (whose references do not resolve)", variable: name2,
            available: []))
      }
      var hasElement = true
      if case .neurons(_, let perElement) = updateShape {
        hasElement = perElement && !found.access.isSharedAcrossNeurons
      }
      // GeNN's dimensions of a custom update's variable: the update's, less what its
      // access takes away.
      let hasBatch = hasBatchDimension(update) && !found.access.removesBatchDimension
      return .success(
        ReferencedVariable(
          type: found.type, shape: updateShape, hasElementDimension: hasElement,
          hasBatchDimension: hasBatch, access: found.access.rawValue))
    }
  }
}

extension ModelSpec.ReferenceFailure {
  /// The problem this failure is for reference `reference` of `element`, declared in
  /// `field` (`varRefs`, `egpRefs`, ...).
  func problem(element: String, field: String, reference: String) -> ModelProblem {
    switch self {
    case .unknownElement(let kind, let name, let available):
      .unknownReferenceTarget(
        element: element, reference: reference, kind: kind, name: name, available: available)
    case .unknownVariable(let owner, let variable, let available):
      .unknownReferencedVariable(
        element: element, field: field, reference: reference, variable: variable, owner: owner,
        available: available)
    }
  }
}

extension ModelSpec {
  /// The neuron population `name` a reference names, or why there is none.
  func referencedPopulation(_ name: String) -> Result<NeuronPopulation, ReferenceFailure> {
    guard let found = neuronPopulation(named: name) else {
      return .failure(
        .unknownElement(
          kind: "neuron population", name: name, available: neuronPopulations.map(\.name)))
    }
    return .success(found)
  }

  /// The synapse population `name` a reference names, or why there is none.
  func referencedSynapses(_ name: String) -> Result<SynapsePopulation, ReferenceFailure> {
    guard let found = synapsePopulations.first(where: { $0.name == name }) else {
      return .failure(
        .unknownElement(
          kind: "synapse population", name: name, available: synapsePopulations.map(\.name)))
    }
    return .success(found)
  }
}
