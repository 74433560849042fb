import GeNNTranspiler

/// A network: its precision, time step, seed and elements.
public struct ModelSpec: Sendable {
  /// The model's name (used for generated code and cache entries).
  public var name: String
  /// The precision of `scalar`.
  public var precision: Precision
  /// The precision of time; the model's precision unless set.
  public var timePrecision: Precision
  /// The time step in milliseconds.
  public var dt: Double
  /// The seed of every random number the model draws: the same seed gives the same
  /// network and the same simulation, on every thread count.
  public var seed: UInt64
  /// The number of copies simulated together; only 1 is supported so far.
  public var batchSize: Int
  /// The neuron populations, in the order they were added.
  public var neuronPopulations: [NeuronPopulation]
  /// The current sources, in the order they were added.
  public var currentSources: [CurrentSource]
  /// The synapse populations, in the order they were added.
  public var synapsePopulations: [SynapsePopulation]
  /// The custom updates, in the order they were added (see ``addCustomUpdate(_:)``).
  public var customUpdates: [CustomUpdate] = []
  /// Whether the generated code measures the time each phase takes (GeNN's
  /// `timing_enabled`): neuron update, synapse updates, initialisation and each custom
  /// update group.
  public var timingEnabled = false
  /// The custom connectivity updates, in the order they were added (see
  /// ``addCustomConnectivityUpdate(_:)``).
  public var customConnectivityUpdates: [CustomConnectivityUpdate] = []
  /// Whether synapse populations onto one neuron population whose postsynaptic models
  /// compute the same thing share one (GeNN's `fuse_postsynaptic_models`; off by
  /// default, as in GeNN): less memory and one postsynaptic update per neuron instead of
  /// one per population. ``PostsynapticFusion`` says which share.
  public var fusePostsynapticModels = false

  /// Which synapse populations share a postsynaptic model.
  public var postsynapticFusion: PostsynapticFusion { PostsynapticFusion(self) }

  /// Creates an empty model.
  public init(
    name: String, precision: Precision = .float, timePrecision: Precision? = nil,
    dt: Double = 0.1, seed: UInt64 = 1234, batchSize: Int = 1
  ) {
    self.name = name
    self.precision = precision
    self.timePrecision = timePrecision ?? precision
    self.dt = dt
    self.seed = seed
    self.batchSize = batchSize
    self.neuronPopulations = []
    self.currentSources = []
    self.synapsePopulations = []
  }

  /// Adds a neuron population.
  public mutating func addNeuronPopulation(
    _ name: String, size: Int, model: NeuronModel, params: [String: Double] = [:],
    vars: [String: VarInit] = [:], extraGlobalParams: [String: [Double]] = [:],
    recordSpikes: Bool = false, recordSpikeEvents: Bool = false
  ) {
    neuronPopulations.append(
      NeuronPopulation(
        name: name, size: size, model: model, params: params, vars: vars,
        extraGlobalParams: extraGlobalParams, recordSpikes: recordSpikes,
        recordSpikeEvents: recordSpikeEvents))
  }

  /// Adds a current source injecting into the population named `target`.
  public mutating func addCurrentSource(
    _ name: String, model: CurrentSourceModel, target: String, params: [String: Double] = [:],
    vars: [String: VarInit] = [:], extraGlobalParams: [String: [Double]] = [:],
    varRefs: [String: String] = [:], targetVar: String = "Isyn"
  ) {
    currentSources.append(
      CurrentSource(
        name: name, model: model, target: target, params: params, vars: vars,
        extraGlobalParams: extraGlobalParams, varRefs: varRefs, targetVar: targetVar))
  }

  /// Adds a synapse population.
  public mutating func addSynapsePopulation(_ population: SynapsePopulation) {
    synapsePopulations.append(population)
  }

  /// The synapse populations whose target is `population`, in the order they were added.
  public func synapsePopulations(targeting population: String) -> [SynapsePopulation] {
    synapsePopulations.filter { $0.target == population }
  }

  /// The largest delay, in steps, of the spikes of `population`: the axonal delays of
  /// the synapses leaving it and the back-propagation delays of those reaching it. The
  /// population keeps that many steps of spikes (and spike times) besides the current.
  /// Synapse code reading a postsynaptic variable with a heterogeneous delay (`x[d]`)
  /// counts its population's `maxDendriticDelaySteps` too (GeNN's `checkNumDelaySlots`).
  public func maximumDelaySteps(of population: String) -> Int {
    let axonal = synapsePopulations.filter { $0.source == population }.map(\.axonalDelaySteps)
    let incoming = synapsePopulations.filter { $0.target == population }
    let backPropagation = incoming.map(\.backPropDelaySteps)
    let dendritic = incoming.filter(\.hasHeterogeneousDelays).compactMap(
      \.maxDendriticDelaySteps)
    return (axonal + backPropagation + dendritic).max() ?? 0
  }

  /// The variables of neuron population `population` that GeNN keeps one copy of per
  /// delay slot ("queued"): those that synapse code of an outgoing (presynaptic
  /// reference) or incoming (postsynaptic reference) synapse population reads, when the
  /// population has delay slots. Synapse code then reads the value of the step its spike
  /// or back-propagated spike left.
  public func queuedVariables(of population: String) -> Set<String> {
    guard maximumDelaySteps(of: population) > 0 else { return [] }
    var names = Set<String>()
    for synapses in synapsePopulations {
      let code = synapses.weightUpdate.synapseCode.map(\.code).filter { !$0.isBlank }
      func used(_ reference: NeuronVarReference) -> Bool {
        code.contains { $0.usesIdentifier(reference.name) }
      }
      if synapses.source == population {
        for reference in synapses.weightUpdate.preNeuronVarRefs where used(reference) {
          names.insert(synapses.preVariable(of: reference))
        }
      }
      if synapses.target == population {
        for reference in synapses.weightUpdate.postNeuronVarRefs where used(reference) {
          names.insert(synapses.postVariable(of: reference))
        }
      }
    }
    return names
  }

  /// The population named `name`.
  public func neuronPopulation(named name: String) -> NeuronPopulation? {
    neuronPopulations.first { $0.name == name }
  }

  /// The current sources injecting into `population`, in the order they were added.
  public func currentSources(targeting population: String) -> [CurrentSource] {
    currentSources.filter { $0.target == population }
  }
}
