/// The kinds of model and snippet GeNN builds networks from, as the model reference
/// (`genn models`, `docs/models.md`) groups them.
public enum ModelKind: String, CaseIterable, Hashable, Sendable {
  case neuron
  case weightUpdate
  case postsynaptic
  case currentSource
  case customUpdate
  case variableInitialisation
  case connectivity
  case toeplitzConnectivity

  /// The heading of the kind, plural: `neuron models`.
  public var title: String {
    switch self {
    case .neuron: "neuron models"
    case .weightUpdate: "weight update models"
    case .postsynaptic: "postsynaptic models"
    case .currentSource: "current source models"
    case .customUpdate: "custom update models"
    case .variableInitialisation: "variable-initialisation snippets"
    case .connectivity: "connectivity snippets"
    case .toeplitzConnectivity: "Toeplitz connectivity snippets"
    }
  }

  /// One model of the kind, as errors name it: `neuron model`.
  public var singular: String {
    switch self {
    case .neuron: "neuron model"
    case .weightUpdate: "weight update model"
    case .postsynaptic: "postsynaptic model"
    case .currentSource: "current source model"
    case .customUpdate: "custom update model"
    case .variableInitialisation: "variable-initialisation snippet"
    case .connectivity: "connectivity snippet"
    case .toeplitzConnectivity: "Toeplitz connectivity snippet"
    }
  }

  /// How a model file names one: `model: LIF`, `{snippet: Uniform}`, `{toeplitz: Conv2D}`.
  public var modelFileUse: String {
    switch self {
    case .neuron: "neurons: P: {model: NAME}"
    case .weightUpdate: "synapses: S: {weight_update: {model: NAME}}"
    case .postsynaptic: "synapses: S: {postsynaptic: {model: NAME}}"
    case .currentSource: "current_sources: C: {model: NAME}"
    case .customUpdate: "custom_updates: U: {model: NAME}"
    case .variableInitialisation: "vars: V: {snippet: NAME, params: {...}}"
    case .connectivity: "connectivity: {snippet: NAME, params: {...}}"
    case .toeplitzConnectivity: "connectivity: {toeplitz: NAME, params: {...}}"
    }
  }
}
