import GeNNModel

/// One build for every value of a model's dynamic parameters (GeNN's runtime
/// parameters): `genn sweep` builds a run's model with the dynamic parameters at the
/// first run's values, so that its generated code, and build, is the first run's, and
/// gives each its own value once loaded (``NetworkSimulation/setDynamicParameter(_:of:to:)``)
/// before the first step.
///
/// A parameter is left at its own value (and so compiled in) where that cannot be
/// changed alone: when a derived parameter of its model depends on it (derived
/// parameters keep the value computed at build time), or when a synapse population's
/// weight update and postsynaptic models both have a dynamic parameter of its name (one
/// setting writes both).
struct DynamicParameterReuse {
  /// The model to build.
  var build: ModelSpec
  /// The dynamic parameters to set after loading, and their values.
  var settings: [(parameter: DynamicParameter, value: Double)] = []

  /// `model` with each dynamic parameter that can be at the value `reference` gives it.
  init(_ model: ModelSpec, like reference: ModelSpec) {
    build = model
    for parameter in model.dynamicParameters
    where model.dynamicParameterPositions(of: parameter.name, in: parameter.element).count == 1 {
      guard let value = model.initialValue(of: parameter),
        let shared = reference.initialValue(of: parameter), shared != value
      else { continue }
      var candidate = build
      candidate.set(parameter, to: shared)
      guard let derived = build.derivedValues(of: parameter),
        candidate.derivedValues(of: parameter) == derived
      else { continue }
      build = candidate
      settings.append((parameter, value))
    }
  }
}

extension ModelSpec {
  /// Gives dynamic parameter `parameter` the value `value`.
  fileprivate mutating func set(_ parameter: DynamicParameter, to value: Double) {
    let element = parameter.element
    let name = parameter.name
    switch parameter.owner {
    case .neuron:
      for index in neuronPopulations.indices where neuronPopulations[index].name == element {
        neuronPopulations[index].params[name] = value
      }
    case .currentSource:
      for index in currentSources.indices where currentSources[index].name == element {
        currentSources[index].params[name] = value
      }
    case .weightUpdate:
      for index in synapsePopulations.indices where synapsePopulations[index].name == element {
        synapsePopulations[index].weightUpdateParams[name] = value
      }
    case .postsynaptic:
      for index in synapsePopulations.indices where synapsePopulations[index].name == element {
        synapsePopulations[index].postsynapticParams[name] = value
      }
    case .customUpdate:
      for index in customUpdates.indices where customUpdates[index].name == element {
        customUpdates[index].params[name] = value
      }
    case .customConnectivityUpdate:
      for index in customConnectivityUpdates.indices
      where customConnectivityUpdates[index].name == element {
        customConnectivityUpdates[index].params[name] = value
      }
    }
  }

  /// The values of the derived parameters of the model declaring `parameter`, or `nil`
  /// when one cannot be computed.
  fileprivate func derivedValues(of parameter: DynamicParameter) -> [Double]? {
    let element = parameter.element
    let found: ([String: Double], [DerivedParameter])? =
      switch parameter.owner {
      case .neuron:
        neuronPopulation(named: element).map { ($0.params, $0.model.derivedParams) }
      case .currentSource:
        currentSources.first { $0.name == element }.map { ($0.params, $0.model.derivedParams) }
      case .weightUpdate:
        synapsePopulations.first { $0.name == element }.map {
          ($0.weightUpdateParams, $0.weightUpdate.derivedParams)
        }
      case .postsynaptic:
        synapsePopulations.first { $0.name == element }.map {
          ($0.postsynapticParams, $0.postsynaptic.derivedParams)
        }
      case .customUpdate:
        customUpdate(named: element).map { ($0.params, $0.model.derivedParams) }
      case .customConnectivityUpdate:
        customConnectivityUpdates.first { $0.name == element }.map {
          ($0.params, $0.model.derivedParams)
        }
      }
    guard let (params, derived) = found else { return nil }
    var values: [Double] = []
    for parameter in derived {
      guard let value = try? parameter.compute(params, dt) else { return nil }
      values.append(value)
    }
    return values
  }
}
