import GeNNCodeGen
import GeNNModel

/// What the generated connectivity builders noted about synapses their snippets added
/// beyond a population (``ArrayLayout/Role/synapseRangeErrors(synapses:)``), read the
/// same way after either backend initialises.
enum ConnectivityRangeErrors {
  /// The error for the first synapse population, in model order, whose snippet added a
  /// synapse beyond a population, if any.
  static func error(
    model: ModelSpec, arrays: [StateArray], index: [ArrayLayout.Role: Int]
  ) -> RuntimeError? {
    for synapses in model.synapsePopulations {
      guard let position = index[.synapseRangeErrors(synapses: synapses.name)],
        case .snippet(let snippet, _) = synapses.connectivity
      else { continue }
      let array = arrays[position]
      let noted =
        (0..<array.count).map {
          array.pointer.load(fromByteOffset: 8 * $0, as: UInt64.self)
        }.max() ?? 0
      guard noted != 0 else { continue }
      let key = ~noted
      let byColumn = snippet.rowBuildCode.isBlank
      let population = byColumn ? synapses.source : synapses.target
      return .connectivityOutOfRange(
        synapses: synapses.name, byColumn: byColumn, row: Int(key >> 32),
        target: Int(key & 0xFFFF_FFFF), population: population,
        size: model.neuronPopulation(named: population)?.size ?? 0)
    }
    return nil
  }
}
