import GeNNCodeGen
import GeNNModel

/// The synapses custom connectivity updates' `add_synapse` did not add: each update
/// that adds synapses counts those that found no room in their row and notes the first
/// given a target beyond the population in its
/// ``GeNNCodeGen/ArrayLayout/Role/customConnectivityUpdateDroppedSynapses(update:)``
/// array, which the host reads and clears after each custom update.
enum DroppedSynapses {
  /// The error for the first update (by name) of update group `group` that did not add a
  /// synapse (a target beyond the population before a full row), once `take` has read
  /// and cleared the array of every update of the group that adds synapses; `nil` when
  /// every synapse was added.
  static func error<Failure: Error>(
    in group: String, of model: ModelSpec,
    take: (ArrayLayout.Role) throws(Failure) -> [UInt64]
  ) throws(Failure) -> RuntimeError? {
    var first: RuntimeError?
    for index in model.customConnectivityUpdates(inGroup: group) {
      let update = model.customConnectivityUpdates[index]
      guard update.model.addsSynapses else { continue }
      let noted = try take(.customConnectivityUpdateDroppedSynapses(update: update.name))
      let (dropped, beyond) = (noted.first ?? 0, noted.dropFirst().first ?? 0)
      guard dropped > 0 || beyond != 0, first == nil,
        let synapses = model.synapsePopulations.first(where: { $0.name == update.synapses }),
        let source = model.neuronPopulation(named: synapses.source)?.size,
        let target = model.neuronPopulation(named: synapses.target)?.size
      else { continue }
      if beyond != 0 {
        // The slot keeps the first such synapse as the largest ~(row << 32 | target).
        let key = ~beyond
        first = .addedSynapseOutOfRange(
          update: update.name, row: Int(key >> 32), target: Int(key & 0xFFFF_FFFF),
          population: synapses.target, size: target)
      } else {
        first = .rowsFull(
          update: update.name, synapses: synapses.name, dropped: dropped,
          maxConnections: SparseConnectivity.rowStride(
            of: synapses, sourceSize: source, targetSize: target))
      }
    }
    return first
  }
}

extension StateArray {
  /// The values of an array of `uint64_t`, which are then set to zero.
  func takeCounts() -> [UInt64] {
    let values = (0..<count).map { pointer.load(fromByteOffset: 8 * $0, as: UInt64.self) }
    clear()
    return values
  }
}
