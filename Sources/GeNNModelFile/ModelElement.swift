/// An element of a model file: a neuron population, current source, synapse population
/// custom update or custom connectivity update, by name.
public enum ModelElement: Hashable, Sendable, CustomStringConvertible {
  case neuronPopulation(String)
  case currentSource(String)
  case synapsePopulation(String)
  case customUpdate(String)
  case customConnectivityUpdate(String)

  /// The element's name.
  public var name: String {
    switch self {
    case .neuronPopulation(let name), .currentSource(let name), .synapsePopulation(let name),
      .customUpdate(let name), .customConnectivityUpdate(let name):
      name
    }
  }

  /// The dotted key path of the element's entry in the file.
  public var keyPath: String {
    switch self {
    case .neuronPopulation(let name): "neurons.\(name)"
    case .currentSource(let name): "current_sources.\(name)"
    case .synapsePopulation(let name): "synapses.\(name)"
    case .customUpdate(let name): "custom_updates.\(name)"
    case .customConnectivityUpdate(let name): "custom_connectivity_updates.\(name)"
    }
  }

  /// The element as GeNN's messages name it, for example `neuron population 'Exc'`.
  public var description: String {
    switch self {
    case .neuronPopulation(let name): "neuron population '\(name)'"
    case .currentSource(let name): "current source '\(name)'"
    case .synapsePopulation(let name): "synapse population '\(name)'"
    case .customUpdate(let name): "custom update '\(name)'"
    case .customConnectivityUpdate(let name): "custom connectivity update '\(name)'"
    }
  }
}
