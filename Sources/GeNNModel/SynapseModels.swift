/// A weight update model: per-synapse state and the code that runs for each synapse of
/// a presynaptic neuron that spiked (`pre_spike_syn_code`), delivering input to the
/// postsynaptic neuron with `addToPost(x)`.
public struct WeightUpdateModel: Sendable {
  /// The model's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// Per-synapse variables.
  public var vars: [Variable]
  /// Code run for each synapse of a presynaptic neuron that spiked.
  public var preSpikeSynCode: String

  /// Creates a weight update model.
  public init(
    name: String, params: [String] = [], derivedParams: [DerivedParameter] = [],
    vars: [Variable] = [], preSpikeSynCode: String = ""
  ) {
    self.name = name
    self.params = params
    self.derivedParams = derivedParams
    self.vars = vars
    self.preSpikeSynCode = preSpikeSynCode
  }
}

/// A reference from a model to a variable of the neuron it belongs to (for example
/// `ExpCond`'s `V`); the synapse population names which neuron variable it is.
public struct NeuronVarReference: Hashable, Sendable {
  /// The name the model's code uses.
  public var name: String
  /// The type as GeNN spells it.
  public var type: String
  /// Whether the code may only read it.
  public var isReadOnly: Bool

  /// Creates a reference.
  public init(_ name: String, _ type: String = "scalar", readOnly: Bool = true) {
    self.name = name
    self.type = type
    self.isReadOnly = readOnly
  }
}

/// A postsynaptic model: turns the input `inSyn` that synapses deliver into current for
/// the target neuron with `injectCurrent(x)`, once per neuron and step, and decays it.
public struct PostsynapticModel: Sendable {
  /// The model's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// Per-target-neuron variables.
  public var vars: [Variable]
  /// References to variables of the target neuron.
  public var neuronVarRefs: [NeuronVarReference]
  /// Code run for each target neuron every step.
  public var simCode: String

  /// Creates a postsynaptic model.
  public init(
    name: String, params: [String] = [], derivedParams: [DerivedParameter] = [],
    vars: [Variable] = [], neuronVarRefs: [NeuronVarReference] = [], simCode: String
  ) {
    self.name = name
    self.params = params
    self.derivedParams = derivedParams
    self.vars = vars
    self.neuronVarRefs = neuronVarRefs
    self.simCode = simCode
  }
}
