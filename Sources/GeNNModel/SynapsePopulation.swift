/// How a synapse population's connectivity is stored, GeNN's `SynapseMatrixType`
/// (the kinds supported so far).
public enum SynapseMatrixType: String, Hashable, Sendable, CaseIterable {
  /// Every presynaptic neuron connects to every postsynaptic one; per-synapse values are
  /// row-major `[pre * numPost + post]`.
  case dense = "DENSE"
  /// Rows of postsynaptic indices; per-synapse values follow the connection list.
  case sparse = "SPARSE"
  /// One bit per pair says whether the synapse exists; weights are parameters (no
  /// per-synapse variables), as in GeNN.
  case bitmask = "BITMASK"
}

/// Which synapses exist.
public enum Connectivity: Sendable {
  /// All pairs (the only connectivity of a dense matrix).
  case allToAll
  /// The listed pairs: `pre[k]` connects to `post[k]`. Per-synapse values given as
  /// arrays follow this list's order sorted by (pre, post), as in GeNN.
  case explicit(pre: [Int], post: [Int])
  /// Rows built natively at initialisation by a snippet with its parameter values
  /// (SPARSE only); drawn from the model's seed.
  case snippet(ConnectivitySnippet, params: [String: Double])
}

/// A population of synapses from one neuron population to another: connectivity, a
/// weight update model acting on presynaptic spikes, and a postsynaptic model turning
/// the delivered input into current.
public struct SynapsePopulation: Sendable {
  /// A name unique among the model's synapse populations.
  public var name: String
  /// The presynaptic neuron population.
  public var source: String
  /// The postsynaptic neuron population.
  public var target: String
  /// How connectivity is stored.
  public var matrixType: SynapseMatrixType
  /// Which synapses exist.
  public var connectivity: Connectivity
  /// The weight update model.
  public var weightUpdate: WeightUpdateModel
  /// Its parameter values.
  public var weightUpdateParams: [String: Double]
  /// Initialisers of its per-synapse variables.
  public var weightUpdateVars: [String: VarInit]
  /// Initialisers of its per-presynaptic-neuron variables.
  public var weightUpdatePreVars: [String: VarInit]
  /// Initialisers of its per-postsynaptic-neuron variables.
  public var weightUpdatePostVars: [String: VarInit]
  /// For each presynaptic neuron variable reference, the source population's variable it
  /// names; a reference not listed names the variable of its name.
  public var preVarRefs: [String: String]
  /// For each postsynaptic neuron variable reference, the target population's variable.
  public var postVarRefs: [String: String]
  /// For each postsynaptic-model variable reference, the postsynaptic model's variable.
  public var psmVarRefs: [String: String]
  /// Values of the weight update model's extra global parameters.
  public var weightUpdateExtraGlobalParams: [String: [Double]]
  /// The postsynaptic model.
  public var postsynaptic: PostsynapticModel
  /// Its parameter values.
  public var postsynapticParams: [String: Double]
  /// Initialisers of its per-target-neuron variables.
  public var postsynapticVars: [String: VarInit]
  /// For each of the postsynaptic model's neuron variable references, the target
  /// neuron's variable it names; a reference not listed names the variable of its name.
  public var postsynapticVarRefs: [String: String]
  /// Steps a spike takes to reach the synapses (GeNN's `axonal_delay_steps`).
  public var axonalDelaySteps: Int
  /// Steps a postsynaptic spike takes to reach the synapses (GeNN's
  /// `back_prop_delay_steps`).
  public var backPropDelaySteps: Int
  /// The length of the dendritic delay buffer in steps, for weight updates that call
  /// `addToPostDelay(x, d)` with `d` below it (GeNN's `max_dendritic_delay_timesteps`);
  /// `nil` when the population has no dendritic delays.
  public var maxDendriticDelaySteps: Int?

  /// Creates a synapse population.
  public init(
    name: String, source: String, target: String, matrixType: SynapseMatrixType,
    connectivity: Connectivity, weightUpdate: WeightUpdateModel,
    weightUpdateParams: [String: Double] = [:], weightUpdateVars: [String: VarInit] = [:],
    weightUpdatePreVars: [String: VarInit] = [:], weightUpdatePostVars: [String: VarInit] = [:],
    preVarRefs: [String: String] = [:], postVarRefs: [String: String] = [:],
    psmVarRefs: [String: String] = [:], weightUpdateExtraGlobalParams: [String: [Double]] = [:],
    postsynaptic: PostsynapticModel, postsynapticParams: [String: Double] = [:],
    postsynapticVars: [String: VarInit] = [:], postsynapticVarRefs: [String: String] = [:],
    axonalDelaySteps: Int = 0, backPropDelaySteps: Int = 0, maxDendriticDelaySteps: Int? = nil
  ) {
    self.name = name
    self.source = source
    self.target = target
    self.matrixType = matrixType
    self.connectivity = connectivity
    self.weightUpdate = weightUpdate
    self.weightUpdateParams = weightUpdateParams
    self.weightUpdateVars = weightUpdateVars
    self.weightUpdatePreVars = weightUpdatePreVars
    self.weightUpdatePostVars = weightUpdatePostVars
    self.preVarRefs = preVarRefs
    self.postVarRefs = postVarRefs
    self.psmVarRefs = psmVarRefs
    self.weightUpdateExtraGlobalParams = weightUpdateExtraGlobalParams
    self.postsynaptic = postsynaptic
    self.postsynapticParams = postsynapticParams
    self.postsynapticVars = postsynapticVars
    self.postsynapticVarRefs = postsynapticVarRefs
    self.axonalDelaySteps = axonalDelaySteps
    self.backPropDelaySteps = backPropDelaySteps
    self.maxDendriticDelaySteps = maxDendriticDelaySteps
  }

  /// The neuron variable each postsynaptic model reference names.
  public func targetVariable(of reference: NeuronVarReference) -> String {
    postsynapticVarRefs[reference.name] ?? reference.name
  }

  /// The source neuron variable a weight update presynaptic reference names.
  public func preVariable(of reference: NeuronVarReference) -> String {
    preVarRefs[reference.name] ?? reference.name
  }

  /// The target neuron variable a weight update postsynaptic reference names.
  public func postVariable(of reference: NeuronVarReference) -> String {
    postVarRefs[reference.name] ?? reference.name
  }

  /// The postsynaptic model variable a weight update reference names.
  public func psmVariable(of reference: NeuronVarReference) -> String {
    psmVarRefs[reference.name] ?? reference.name
  }
}
