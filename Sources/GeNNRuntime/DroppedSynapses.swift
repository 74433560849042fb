import GeNNCodeGen
import GeNNModel

/// The synapses custom connectivity updates' `add_synapse` found no room for: each
/// update that adds synapses counts them in its
/// ``GeNNCodeGen/ArrayLayout/Role/customConnectivityUpdateDroppedSynapses(update:)``
/// array, which the host reads and clears after each custom update.
enum DroppedSynapses {
  /// The error for the first update (by name) of update group `group` whose count is not
  /// zero, once `take` has read and cleared the count of every update of the group that
  /// adds synapses; `nil` when none dropped any.
  static func error<Failure: Error>(
    in group: String, of model: ModelSpec,
    take: (ArrayLayout.Role) throws(Failure) -> UInt64
  ) throws(Failure) -> RuntimeError? {
    var first: RuntimeError?
    for index in model.customConnectivityUpdates(inGroup: group) {
      let update = model.customConnectivityUpdates[index]
      guard update.model.addsSynapses else { continue }
      let dropped = try take(.customConnectivityUpdateDroppedSynapses(update: update.name))
      guard dropped > 0, first == nil,
        let synapses = model.synapsePopulations.first(where: { $0.name == update.synapses }),
        let source = model.neuronPopulation(named: synapses.source)?.size,
        let target = model.neuronPopulation(named: synapses.target)?.size
      else { continue }
      first = .rowsFull(
        update: update.name, synapses: synapses.name, dropped: dropped,
        maxConnections: SparseConnectivity.rowStride(
          of: synapses, sourceSize: source, targetSize: target))
    }
    return first
  }
}

extension StateArray {
  /// The first value of an array of `uint64_t`, which is then set to zero.
  func takeCount() -> UInt64 {
    let count = pointer.load(as: UInt64.self)
    pointer.storeBytes(of: 0, as: UInt64.self)
    return count
  }
}
