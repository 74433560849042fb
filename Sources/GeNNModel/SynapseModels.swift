import GeNNTranspiler

/// A weight update model, GeNN's `WeightUpdateModels::Base`: per-synapse state and the
/// code run for each synapse when its presynaptic neuron spikes (`preSpikeSynCode`) or
/// emits a spike-like event (`preEventSynCode`), when its postsynaptic neuron does
/// (`postSpikeSynCode`, `postEventSynCode`), and every step (`synapseDynamicsCode`);
/// plus per-neuron presynaptic and postsynaptic state updated by the neuron code
/// (`preSpikeCode`, `preDynamicsCode`, `postSpikeCode`, `postDynamicsCode`).
///
/// Synapse code delivers input with `addToPost(x)`, `addToPostDelay(x, d)` and
/// `addToPre(x)`, and sees spike times as `st_pre`, `st_post`, `prev_st_pre`,
/// `prev_st_post`, `set_pre`, `set_post`, `prev_set_pre` and `prev_set_post`.
public struct WeightUpdateModel: Sendable {
  /// The model's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// GeNN type names of parameters that are not `scalar` (`"int"`, `"unsigned int"`,
  /// `"bool"`, ...), as PyGeNN's `(name, type)` pairs give them; the others are `scalar`.
  public var paramTypes: [String: String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// Per-synapse variables.
  public var vars: [Variable]
  /// Per-presynaptic-neuron variables.
  public var preVars: [Variable]
  /// Per-postsynaptic-neuron variables.
  public var postVars: [Variable]
  /// References to variables of the presynaptic neuron.
  public var preNeuronVarRefs: [NeuronVarReference]
  /// References to variables of the postsynaptic neuron.
  public var postNeuronVarRefs: [NeuronVarReference]
  /// References to variables of the synapse population's postsynaptic model.
  public var psmVarRefs: [NeuronVarReference]
  /// Extra global parameters: arrays shared by all synapses.
  public var extraGlobalParams: [ExtraGlobalParameter]
  /// Code run for each synapse of a presynaptic neuron that spiked.
  public var preSpikeSynCode: String
  /// Code run for each synapse of a presynaptic neuron that emitted a spike-like event.
  public var preEventSynCode: String
  /// Code run for each synapse of a postsynaptic neuron that spiked.
  public var postSpikeSynCode: String
  /// Code run for each synapse of a postsynaptic neuron that emitted a spike-like event.
  public var postEventSynCode: String
  /// Code run for every synapse every step.
  public var synapseDynamicsCode: String
  /// The condition, tested on each presynaptic neuron after its sim code, for a
  /// presynaptic spike-like event.
  public var preEventThresholdConditionCode: String
  /// The condition for a postsynaptic spike-like event.
  public var postEventThresholdConditionCode: String
  /// Code run for a presynaptic neuron when it spikes (before its reset).
  public var preSpikeCode: String
  /// Code run for a postsynaptic neuron when it spikes (before its reset).
  public var postSpikeCode: String
  /// Code run for each presynaptic neuron every step, after its sim code.
  public var preDynamicsCode: String
  /// Code run for each postsynaptic neuron every step, after its sim code.
  public var postDynamicsCode: String

  /// Creates a weight update model.
  public init(
    name: String, params: [String] = [], paramTypes: [String: String] = [:],
    derivedParams: [DerivedParameter] = [],
    vars: [Variable] = [], preVars: [Variable] = [], postVars: [Variable] = [],
    preNeuronVarRefs: [NeuronVarReference] = [], postNeuronVarRefs: [NeuronVarReference] = [],
    psmVarRefs: [NeuronVarReference] = [], extraGlobalParams: [ExtraGlobalParameter] = [],
    preSpikeSynCode: String = "", preEventSynCode: String = "", postSpikeSynCode: String = "",
    postEventSynCode: String = "", synapseDynamicsCode: String = "",
    preEventThresholdConditionCode: String = "", postEventThresholdConditionCode: String = "",
    preSpikeCode: String = "", postSpikeCode: String = "", preDynamicsCode: String = "",
    postDynamicsCode: String = ""
  ) {
    self.name = name
    self.params = params
    self.paramTypes = paramTypes
    self.derivedParams = derivedParams
    self.vars = vars
    self.preVars = preVars
    self.postVars = postVars
    self.preNeuronVarRefs = preNeuronVarRefs
    self.postNeuronVarRefs = postNeuronVarRefs
    self.psmVarRefs = psmVarRefs
    self.extraGlobalParams = extraGlobalParams
    self.preSpikeSynCode = preSpikeSynCode
    self.preEventSynCode = preEventSynCode
    self.postSpikeSynCode = postSpikeSynCode
    self.postEventSynCode = postEventSynCode
    self.synapseDynamicsCode = synapseDynamicsCode
    self.preEventThresholdConditionCode = preEventThresholdConditionCode
    self.postEventThresholdConditionCode = postEventThresholdConditionCode
    self.preSpikeCode = preSpikeCode
    self.postSpikeCode = postSpikeCode
    self.preDynamicsCode = preDynamicsCode
    self.postDynamicsCode = postDynamicsCode
  }

  /// Whether presynaptic neurons test for spike-like events.
  public var hasPreEvents: Bool { !preEventThresholdConditionCode.isBlank }
  /// Whether postsynaptic neurons test for spike-like events.
  public var hasPostEvents: Bool { !postEventThresholdConditionCode.isBlank }
  /// Whether anything runs per postsynaptic spike or event (postsynaptic learning).
  public var hasPostsynapticUpdate: Bool {
    !postSpikeSynCode.isBlank || (hasPostEvents && !postEventSynCode.isBlank)
  }
  /// Whether the presynaptic neurons run code for this model.
  public var hasPresynapticNeuronCode: Bool {
    !preVars.isEmpty || !preSpikeCode.isBlank || !preDynamicsCode.isBlank || hasPreEvents
  }
  /// Whether the postsynaptic neurons run code for this model.
  public var hasPostsynapticNeuronCode: Bool {
    !postVars.isEmpty || !postSpikeCode.isBlank || !postDynamicsCode.isBlank || hasPostEvents
  }
  /// Every code string that runs per synapse, with the name GeNN gives it.
  public var synapseCode: [(hook: String, code: String)] {
    [
      ("pre spike syn code", preSpikeSynCode), ("pre event syn code", preEventSynCode),
      ("post spike syn code", postSpikeSynCode), ("post event syn code", postEventSynCode),
      ("synapse dynamics code", synapseDynamicsCode),
    ]
  }
  /// The postsynaptic variables, references to postsynaptic neuron variables and
  /// references to postsynaptic model variables that synapse code reads with a
  /// heterogeneous delay, `x[d]`: the value `x` had `d` steps ago (GeNN's
  /// `isVarHeterogeneouslyDelayedInSynCode`).
  public var heterogeneouslyDelayedNames: Set<String> {
    let names = postVars.map(\.name) + postNeuronVarRefs.map(\.name) + psmVarRefs.map(\.name)
    let code = synapseCode.map(\.code).filter { $0.contains("[") }
    return Set(names.filter { name in code.contains { $0.indexesIdentifier(name) } })
  }
}

extension String {
  /// Whether the string holds nothing but white space.
  public var isBlank: Bool { allSatisfy(\.isWhitespace) }

  /// Whether the string, as code, uses the identifier `name` (not just contains it).
  public func usesIdentifier(_ name: String) -> Bool {
    contains(name)
      && Scanner.scan(self).tokens.contains { $0.kind == .identifier && $0.lexeme == name }
  }

  /// Whether the string, as code, indexes the identifier `name` (`name[...]`), as GeNN's
  /// `isIdentifierDelayed` finds it.
  public func indexesIdentifier(_ name: String) -> Bool {
    identifierUses(name).indexed
  }

  /// Whether the string, as code, uses the identifier `name` indexed (`name[...]`) and
  /// whether it uses it otherwise.
  public func identifierUses(_ name: String) -> (indexed: Bool, plain: Bool) {
    guard contains(name) else { return (false, false) }
    let tokens = Scanner.scan(self).tokens
    var uses = (indexed: false, plain: false)
    for (position, token) in tokens.enumerated()
    where token.kind == .identifier && token.lexeme == name {
      if position + 1 < tokens.count && tokens[position + 1].kind == .leftBracket {
        uses.indexed = true
      } else {
        uses.plain = true
      }
    }
    return uses
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
  /// GeNN type names of parameters that are not `scalar` (`"int"`, `"unsigned int"`,
  /// `"bool"`, ...), as PyGeNN's `(name, type)` pairs give them; the others are `scalar`.
  public var paramTypes: [String: String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// Per-target-neuron variables.
  public var vars: [Variable]
  /// References to variables of the target neuron.
  public var neuronVarRefs: [NeuronVarReference]
  /// Arrays the user provides, which the code indexes.
  public var extraGlobalParams: [ExtraGlobalParameter]
  /// Code run for each target neuron every step.
  public var simCode: String

  /// Creates a postsynaptic model.
  public init(
    name: String, params: [String] = [], paramTypes: [String: String] = [:],
    derivedParams: [DerivedParameter] = [],
    vars: [Variable] = [], neuronVarRefs: [NeuronVarReference] = [],
    extraGlobalParams: [ExtraGlobalParameter] = [], simCode: String
  ) {
    self.extraGlobalParams = extraGlobalParams
    self.name = name
    self.params = params
    self.paramTypes = paramTypes
    self.derivedParams = derivedParams
    self.vars = vars
    self.neuronVarRefs = neuronVarRefs
    self.simCode = simCode
  }
}
