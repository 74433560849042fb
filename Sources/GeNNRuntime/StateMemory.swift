import GeNNTranspiler

/// One array of a simulation's state in place: the memory the generated code itself
/// reads and writes, for views that share it without copying (NumPy's, through the C
/// interface). Valid while the ``Simulation`` that gave it lives; a write is seen by the
/// next step.
public struct StateMemory {
  /// The first element.
  public let pointer: UnsafeMutableRawPointer
  /// The elements' type.
  public let elementType: NumericType
  /// The number of elements.
  public let count: Int
}
