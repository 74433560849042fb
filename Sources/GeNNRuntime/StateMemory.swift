import GeNNTranspiler

/// One array of a simulation's state in place, for views that share it without copying
/// (NumPy's, through the C interface): on the CPU the memory the generated code itself
/// reads and writes, so a write is seen by the next step; on a GPU the host's copy of
/// the array, which ``NetworkSimulation/pull(_:of:)`` fills from the device and
/// ``NetworkSimulation/push(_:of:)`` copies to it. Valid while the simulation that gave
/// it lives.
public struct StateMemory {
  /// The first element.
  public let pointer: UnsafeMutableRawPointer
  /// The elements' type.
  public let elementType: NumericType
  /// The number of elements.
  public let count: Int
}
