import GeNNCodeGen

/// A BITMASK population's words: bit `pre * targetSize + post` (row-major, 32 per word,
/// lowest bit first) is set when the synapse exists, as the generated code tests it.
extension StateArray {
  /// Sets the bit of every synapse of `rows` between presynaptic rows and `targetSize`
  /// postsynaptic neurons.
  func setBits(of rows: SparseConnectivity, targetSize: Int) {
    let bits = pointer.assumingMemoryBound(to: UInt32.self)
    for position in rows.positions {
      let pair = (position / rows.rowStride) * targetSize + rows.indices[position]
      bits[pair / 32] |= 1 << UInt32(pair % 32)
    }
  }

  /// The synapses whose bits are set, as (presynaptic, postsynaptic) index lists in
  /// row-major order.
  func setPairs(sourceSize: Int, targetSize: Int) -> (pre: [Int], post: [Int]) {
    let bits = pointer.assumingMemoryBound(to: UInt32.self)
    let pairs = (0..<(sourceSize * targetSize)).filter {
      bits[$0 / 32] & (1 << UInt32($0 % 32)) != 0
    }
    return (pairs.map { $0 / targetSize }, pairs.map { $0 % targetSize })
  }
}
