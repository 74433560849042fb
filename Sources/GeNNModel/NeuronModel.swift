/// A neuron model: its parameters, state and the code GeNN runs for each neuron every
/// time step — sim code, then the threshold condition, then on a spike the reset code.
public struct NeuronModel: Sendable {
  /// The model's name, for messages and generated code comments.
  public var name: String
  /// Parameter names (one value per population).
  public var params: [String]
  /// GeNN type names of parameters that are not `scalar` (`"int"`, `"unsigned int"`,
  /// `"bool"`, ...), as PyGeNN's `(name, type)` pairs give them; the others are `scalar`.
  public var paramTypes: [String: String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// State variables (one value per neuron).
  public var vars: [Variable]
  /// Arrays the user provides.
  public var extraGlobalParams: [ExtraGlobalParameter]
  /// Inputs besides `Isyn` that postsynaptic models may target.
  public var additionalInputVars: [AdditionalInputVariable]
  /// Code run every step, in GeNN's language.
  public var simCode: String
  /// An expression; a neuron spikes in a step where it becomes true.
  public var thresholdConditionCode: String
  /// Code run after a spike.
  public var resetCode: String
  /// The values parameters may take (a rate is at least 0), checked by validation.
  public var paramDomains: [String: ValueDomain]
  /// Whether a neuron spikes only where the threshold condition becomes true (GeNN's
  /// auto-refractory logic, `isAutoRefractoryRequired`): the condition is also tested
  /// before the sim code, and a neuron whose condition already held does not spike
  /// again. `false` (GeNN 5.4's default): it spikes in every step where the condition
  /// holds after the sim code.
  public var autoRefractoryRequired: Bool

  /// Creates a neuron model.
  public init(
    name: String, params: [String] = [], paramTypes: [String: String] = [:],
    derivedParams: [DerivedParameter] = [],
    vars: [Variable] = [], extraGlobalParams: [ExtraGlobalParameter] = [],
    additionalInputVars: [AdditionalInputVariable] = [], simCode: String = "",
    thresholdConditionCode: String = "", resetCode: String = "",
    paramDomains: [String: ValueDomain] = [:], autoRefractoryRequired: Bool = false
  ) {
    self.autoRefractoryRequired = autoRefractoryRequired
    self.name = name
    self.params = params
    self.paramTypes = paramTypes
    self.derivedParams = derivedParams
    self.vars = vars
    self.extraGlobalParams = extraGlobalParams
    self.additionalInputVars = additionalInputVars
    self.simCode = simCode
    self.thresholdConditionCode = thresholdConditionCode
    self.resetCode = resetCode
    self.paramDomains = paramDomains
  }
}

/// A current source model: code that injects current into each neuron of its target
/// population every step (`injectCurrent(x)`).
public struct CurrentSourceModel: Sendable {
  /// The model's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// GeNN type names of parameters that are not `scalar` (`"int"`, `"unsigned int"`,
  /// `"bool"`, ...), as PyGeNN's `(name, type)` pairs give them; the others are `scalar`.
  public var paramTypes: [String: String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// State variables (one value per target neuron).
  public var vars: [Variable]
  /// Arrays the user provides.
  public var extraGlobalParams: [ExtraGlobalParameter]
  /// Code run every step for each target neuron.
  public var injectionCode: String
  /// The values parameters may take (a rate is at least 0), checked by validation.
  public var paramDomains: [String: ValueDomain]
  /// References to variables of the target neuron (GeNN's `neuron_var_refs`), which the
  /// injection code reads (and writes, where not read-only) as the neuron's current
  /// values.
  public var neuronVarRefs: [NeuronVarReference]

  /// Creates a current source model.
  public init(
    name: String, params: [String] = [], paramTypes: [String: String] = [:],
    derivedParams: [DerivedParameter] = [],
    vars: [Variable] = [], extraGlobalParams: [ExtraGlobalParameter] = [],
    neuronVarRefs: [NeuronVarReference] = [],
    injectionCode: String, paramDomains: [String: ValueDomain] = [:]
  ) {
    self.neuronVarRefs = neuronVarRefs
    self.name = name
    self.params = params
    self.paramTypes = paramTypes
    self.derivedParams = derivedParams
    self.vars = vars
    self.extraGlobalParams = extraGlobalParams
    self.injectionCode = injectionCode
    self.paramDomains = paramDomains
  }
}

/// A variable-initialisation snippet: code that sets `value` for each element, with its
/// own parameters and, where it calls `gennrand_*`, random numbers.
public struct InitSnippet: Sendable {
  /// The snippet's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// GeNN type names of parameters that are not `scalar` (`"int"`, `"unsigned int"`,
  /// `"bool"`, ...), as PyGeNN's `(name, type)` pairs give them; the others are `scalar`.
  public var paramTypes: [String: String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// Code that assigns `value`.
  public var code: String
  /// The values parameters may take (a probability is in [0, 1]), checked by validation.
  public var paramDomains: [String: ValueDomain]
  /// Rules the parameters must follow together, checked by validation.
  public var paramRules: [ParameterRule]
  /// Arrays the code indexes (GeNN's extra global parameters of a variable
  /// initialisation snippet).
  public var extraGlobalParams: [ExtraGlobalParameter]
  /// The values of ``extraGlobalParams`` for the variable this snippet initialises (as
  /// PyGeNN's `vars[name].extra_global_params[egp].set_init_values`).
  public var extraGlobalParamValues: [String: [Double]]

  /// Creates an initialisation snippet.
  public init(
    name: String, params: [String] = [], paramTypes: [String: String] = [:],
    derivedParams: [DerivedParameter] = [], code: String,
    paramDomains: [String: ValueDomain] = [:], paramRules: [ParameterRule] = [],
    extraGlobalParams: [ExtraGlobalParameter] = [],
    extraGlobalParamValues: [String: [Double]] = [:]
  ) {
    self.extraGlobalParams = extraGlobalParams
    self.extraGlobalParamValues = extraGlobalParamValues
    self.name = name
    self.params = params
    self.paramTypes = paramTypes
    self.derivedParams = derivedParams
    self.code = code
    self.paramDomains = paramDomains
    self.paramRules = paramRules
  }
}
