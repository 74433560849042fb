/// A parameter marked dynamic: instead of keeping the value the model gave it, its
/// field in the generated code can be changed between steps (GeNN's dynamic parameters,
/// PyGeNN's `set_param_dynamic` and `set_dynamic_param_value`). Derived parameters keep
/// the values worked out from the initial value, as in GeNN 5.4, which computes them
/// once when the model is finalised.
public struct DynamicParameter: Hashable, Sendable {
  /// Which of an element's models declares the parameter.
  public enum Owner: Hashable, Sendable {
    /// A neuron population's neuron model.
    case neuron
    /// A current source's model.
    case currentSource
    /// A synapse population's weight update model.
    case weightUpdate
    /// A synapse population's postsynaptic model.
    case postsynaptic
    /// A custom update's model.
    case customUpdate
  }

  /// The element (neuron population, current source, synapse population or custom
  /// update) whose parameter it is.
  public var element: String
  /// The model of the element declaring it.
  public var owner: Owner
  /// The parameter's name.
  public var name: String

  /// Creates a description of a dynamic parameter.
  public init(element: String, owner: Owner, name: String) {
    self.element = element
    self.owner = owner
    self.name = name
  }
}

extension ModelSpec {
  /// Every dynamic parameter of the model, in a fixed order: neuron populations, current
  /// sources, synapse populations (weight update, then postsynaptic model), custom
  /// updates, each element's parameters by name. A parameter's position is its number in
  /// the generated code's setter.
  public var dynamicParameters: [DynamicParameter] {
    func listed(_ element: String, _ owner: DynamicParameter.Owner, _ names: Set<String>)
      -> [DynamicParameter]
    {
      names.sorted().map { DynamicParameter(element: element, owner: owner, name: $0) }
    }
    return neuronPopulations.flatMap { listed($0.name, .neuron, $0.dynamicParams) }
      + currentSources.flatMap { listed($0.name, .currentSource, $0.dynamicParams) }
      + synapsePopulations.flatMap {
        listed($0.name, .weightUpdate, $0.dynamicWeightUpdateParams)
          + listed($0.name, .postsynaptic, $0.dynamicPostsynapticParams)
      }
      + customUpdates.flatMap { listed($0.name, .customUpdate, $0.dynamicParams) }
  }

  /// The positions in ``dynamicParameters`` of parameter `name` of `element`: one, or
  /// two for a synapse population whose weight update and postsynaptic models both have
  /// a dynamic parameter of that name (one value sets both, as in GeNN).
  public func dynamicParameterPositions(of name: String, in element: String) -> [Int] {
    dynamicParameters.indices.filter {
      dynamicParameters[$0].element == element && dynamicParameters[$0].name == name
    }
  }

  /// The value the model gives dynamic parameter `parameter` (its value at load).
  public func initialValue(of parameter: DynamicParameter) -> Double? {
    let values: [String: Double]? =
      switch parameter.owner {
      case .neuron: neuronPopulation(named: parameter.element)?.params
      case .currentSource: currentSources.first { $0.name == parameter.element }?.params
      case .weightUpdate:
        synapsePopulations.first { $0.name == parameter.element }?.weightUpdateParams
      case .postsynaptic:
        synapsePopulations.first { $0.name == parameter.element }?.postsynapticParams
      case .customUpdate: customUpdate(named: parameter.element)?.params
      }
    return values?[parameter.name]
  }

  /// Each parameter marked dynamic is a parameter of its model.
  func checkDynamicParameters() -> [ModelProblem] {
    func check(_ element: String, _ dynamic: Set<String>, declared: [String]) -> [ModelProblem] {
      dynamic.sorted().filter { !declared.contains($0) }.map {
        .unknownParameter(element: element, name: $0, allowed: declared)
      }
    }
    var problems: [ModelProblem] = []
    for population in neuronPopulations {
      problems += check(
        "neuron population '\(population.name)'", population.dynamicParams,
        declared: population.model.params)
    }
    for source in currentSources {
      problems += check(
        "current source '\(source.name)'", source.dynamicParams, declared: source.model.params)
    }
    for synapses in synapsePopulations {
      let element = "synapse population '\(synapses.name)'"
      problems += check(
        element + " (weight update model)", synapses.dynamicWeightUpdateParams,
        declared: synapses.weightUpdate.params)
      problems += check(
        element + " (postsynaptic model)", synapses.dynamicPostsynapticParams,
        declared: synapses.postsynaptic.params)
    }
    for update in customUpdates {
      problems += check(
        "custom update '\(update.name)'", update.dynamicParams, declared: update.model.params)
    }
    return problems
  }
}
