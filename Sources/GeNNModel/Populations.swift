/// A population of neurons sharing one model and one set of parameter values.
public struct NeuronPopulation: Sendable {
  /// A name unique in the model.
  public var name: String
  /// The number of neurons.
  public var size: Int
  /// The neuron model.
  public var model: NeuronModel
  /// A value for every parameter of the model.
  public var params: [String: Double]
  /// An initialiser for every variable of the model.
  public var vars: [String: VarInit]
  /// Values for the model's extra global parameter arrays.
  public var extraGlobalParams: [String: [Double]]
  /// Whether to record the population's spikes (GeNN's `spike_recording_enabled`).
  public var recordSpikes: Bool
  /// Whether to record the spike-like events of the weight update models of synapses
  /// leaving or reaching it (GeNN's `spike_event_recording_enabled`).
  public var recordSpikeEvents: Bool
  /// The parameters that can change between steps (PyGeNN's `set_param_dynamic`).
  public var dynamicParams: Set<String> = []

  /// Creates a population.
  public init(
    name: String, size: Int, model: NeuronModel, params: [String: Double] = [:],
    vars: [String: VarInit] = [:], extraGlobalParams: [String: [Double]] = [:],
    recordSpikes: Bool = false, recordSpikeEvents: Bool = false
  ) {
    self.name = name
    self.size = size
    self.model = model
    self.params = params
    self.vars = vars
    self.extraGlobalParams = extraGlobalParams
    self.recordSpikes = recordSpikes
    self.recordSpikeEvents = recordSpikeEvents
  }
}

/// A current source injecting into every neuron of one population.
public struct CurrentSource: Sendable {
  /// A name unique among the model's current sources.
  public var name: String
  /// The current source model.
  public var model: CurrentSourceModel
  /// The name of the target neuron population.
  public var target: String
  /// A value for every parameter of the model.
  public var params: [String: Double]
  /// An initialiser for every variable of the model.
  public var vars: [String: VarInit]
  /// Values for the model's extra global parameter arrays.
  public var extraGlobalParams: [String: [Double]]
  /// The parameters that can change between steps (PyGeNN's `set_param_dynamic`).
  public var dynamicParams: Set<String> = []
  /// The target neuron variable each of the model's neuron variable references names,
  /// by reference name; a reference not listed names the variable of its own name.
  public var varRefs: [String: String]
  /// The input `injectCurrent` adds to: `Isyn` (the default) or one of the target neuron
  /// model's additional input variables (GeNN's `target_var`).
  public var targetVar: String

  /// Creates a current source.
  public init(
    name: String, model: CurrentSourceModel, target: String, params: [String: Double] = [:],
    vars: [String: VarInit] = [:], extraGlobalParams: [String: [Double]] = [:],
    varRefs: [String: String] = [:], targetVar: String = "Isyn"
  ) {
    self.varRefs = varRefs
    self.targetVar = targetVar
    self.name = name
    self.model = model
    self.target = target
    self.params = params
    self.vars = vars
    self.extraGlobalParams = extraGlobalParams
  }
}

extension CurrentSource {
  /// The target neuron variable reference `reference` names.
  public func targetVariable(of reference: NeuronVarReference) -> String {
    varRefs[reference.name] ?? reference.name
  }
}
