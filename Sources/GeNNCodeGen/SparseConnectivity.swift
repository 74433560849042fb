import GeNNModel

/// The rows of a synapse population, as GeNN stores SPARSE connectivity: for each
/// presynaptic neuron, its postsynaptic targets in ascending order, padded to the longest
/// row. Also maps each synapse of the user's list to its place in that storage.
public struct SparseConnectivity: Sendable {
  /// The number of synapses of each presynaptic neuron.
  public let rowLengths: [Int]
  /// The longest row: the stride between rows in the padded storage.
  public let rowStride: Int
  /// For each synapse in the order the user listed it, its position in the padded rows.
  public let positions: [Int]
  /// The postsynaptic index at each position (0 in padding).
  public let indices: [Int]

  /// The longest row `synapses` can have: the padded storage's stride (its
  /// ``GeNNModel/SynapsePopulation/maxConnections`` where it sets one).
  public static func rowStride(of synapses: SynapsePopulation, sourceSize: Int, targetSize: Int)
    -> Int
  {
    if let maxConnections = synapses.maxConnections { return max(1, maxConnections) }
    return connectivityRowLength(of: synapses, sourceSize: sourceSize, targetSize: targetSize)
  }

  /// Whether the CPU backend lays the rows of `synapses` out as long as the longest row
  /// drawn at initialisation instead of the snippet's bound for the longest row: rows of
  /// GeNN's `FixedNumberTotalWithReplacement`, whose lengths are drawn before any row is
  /// built, where nothing else needs the bound (no `max_connections`, no custom
  /// connectivity update, no custom update over the synapses). The arrays keep the
  /// bound's size, but memory past the longest drawn row is never touched, so the
  /// system never gives it pages: the full-scale microcircuit's rows drop from 364 to
  /// 343 million slots.
  public static func rowsFollowDrawnLengths(of synapses: SynapsePopulation, in model: ModelSpec)
    -> Bool
  {
    guard synapses.matrixType.connectivityStorage == .sparse, synapses.maxConnections == nil,
      case .snippet(let snippet, _) = synapses.connectivity, snippet.rowLengthDraw != nil,
      snippet.rowBuildCode == ConnectivitySnippet.fixedNumberTotalWithReplacement.rowBuildCode
    else { return false }
    return !model.customConnectivityUpdates.contains { $0.synapses == synapses.name }
      && !model.customUpdates.contains {
        model.shape(of: $0) == .synapses(population: synapses.name)
      }
  }

  /// The longest row the connectivity of `synapses` builds.
  public static func connectivityRowLength(
    of synapses: SynapsePopulation, sourceSize: Int, targetSize: Int
  ) -> Int {
    switch synapses.connectivity {
    case .snippet(let snippet, let params):
      max(1, snippet.maxRowLength(sourceSize, targetSize, params))
    case .toeplitz(let snippet, let params):
      max(1, snippet.maxRowLength(sourceSize, targetSize, params))
    case .allToAll:
      max(1, targetSize)
    case .explicit(let pre, _):
      // The longest row, counted without laying the rows out.
      max(1, pre.reduce(into: Array(repeating: 0, count: sourceSize)) { $0[$1] += 1 }.max() ?? 0)
    }
  }

  /// The rows of `synapses` between `sourceSize` and `targetSize` neurons; `nil` when a
  /// snippet builds or generates them natively.
  public init?(_ synapses: SynapsePopulation, sourceSize: Int, targetSize: Int) {
    let pre: [Int]
    let post: [Int]
    switch synapses.connectivity {
    case .allToAll:
      pre = (0..<sourceSize).flatMap { Array(repeating: $0, count: targetSize) }
      post = (0..<sourceSize).flatMap { _ in 0..<targetSize }
    case .explicit(let listedPre, let listedPost):
      pre = listedPre
      post = listedPost
    case .snippet, .toeplitz:
      return nil
    }
    var lengths = Array(repeating: 0, count: sourceSize)
    for source in pre { lengths[source] += 1 }
    let stride = max(lengths.max() ?? 0, synapses.maxConnections ?? 1, 1)
    // Sort by (pre, post), keeping the order of duplicates, as GeNN's rows are sorted.
    let order = pre.indices.sorted { (pre[$0], post[$0], $0) < (pre[$1], post[$1], $1) }
    var positions = Array(repeating: 0, count: pre.count)
    var indices = Array(repeating: 0, count: sourceSize * stride)
    var filled = Array(repeating: 0, count: sourceSize)
    for listed in order {
      let row = pre[listed]
      let position = row * stride + filled[row]
      filled[row] += 1
      positions[listed] = position
      indices[position] = post[listed]
    }
    rowLengths = lengths
    rowStride = stride
    self.positions = positions
    self.indices = indices
  }
}
