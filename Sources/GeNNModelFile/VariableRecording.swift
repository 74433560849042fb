/// A variable to record while the model runs: whose, which, and how often.
public struct VariableRecording: Hashable, Sendable {
  /// The element whose variable it is.
  public var element: ModelElement
  /// The variable's name: of the neuron model, current source model, or (for synapse
  /// populations) of the weight update model's vars, pre_vars, post_vars or the
  /// postsynaptic model's vars.
  public var variable: String
  /// Record every this many steps (1: every step).
  public var everySteps: Int

  /// Creates a recording request.
  public init(element: ModelElement, variable: String, everySteps: Int = 1) {
    self.element = element
    self.variable = variable
    self.everySteps = everySteps
  }
}
