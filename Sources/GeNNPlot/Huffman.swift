/// A canonical Huffman code as DEFLATE uses it: a bit length per symbol, and each
/// symbol's code with its bits reversed, ready to write least-significant bit first.
struct HuffmanCode {
  var lengths: [Int]
  var codes: [UInt32]

  /// The canonical code for `lengths` (RFC 1951 section 3.2.2).
  init(lengths: [Int]) {
    self.lengths = lengths
    let maxLength = lengths.max() ?? 0
    var countPerLength = [Int](repeating: 0, count: maxLength + 1)
    for length in lengths where length > 0 { countPerLength[length] += 1 }
    var next = [UInt32](repeating: 0, count: maxLength + 2)
    var code: UInt32 = 0
    for length in stride(from: 1, through: maxLength, by: 1) {
      code = (code + UInt32(countPerLength[length - 1])) << 1
      next[length] = code
    }
    codes = lengths.map { length in
      guard length > 0 else { return 0 }
      defer { next[length] += 1 }
      return Self.reversed(next[length], count: length)
    }
  }

  /// The code for symbols with these frequencies, no code longer than `limit` bits.
  /// Every symbol used gets a code, and at least two symbols do, so that the code is
  /// complete as strict decoders require.
  init(frequencies: [Int], limit: Int) {
    var frequencies = frequencies
    var used = frequencies.indices.filter { frequencies[$0] > 0 }
    for index in frequencies.indices where used.count < 2 && frequencies[index] == 0 {
      frequencies[index] = 1
      used.append(index)
    }
    while true {
      let lengths = Self.lengths(frequencies)
      if lengths.max()! <= limit {
        self.init(lengths: lengths)
        return
      }
      // Flatten the distribution and try again; used symbols keep a weight of at least 1.
      frequencies = frequencies.map { $0 == 0 ? 0 : ($0 + 1) / 2 }
    }
  }

  /// Unlimited Huffman code lengths for `frequencies` (0 for unused symbols).
  private static func lengths(_ frequencies: [Int]) -> [Int] {
    // Nodes: leaves first, then internal nodes; `parent` links them.
    var weights: [Int] = []
    var parent: [Int] = []
    var active: [Int] = []
    var leafOf: [Int: Int] = [:]
    for (symbol, frequency) in frequencies.enumerated() where frequency > 0 {
      leafOf[symbol] = weights.count
      active.append(weights.count)
      weights.append(frequency)
      parent.append(-1)
    }
    while active.count > 1 {
      active.sort { weights[$0] > weights[$1] || (weights[$0] == weights[$1] && $0 > $1) }
      let a = active.removeLast()
      let b = active.removeLast()
      let node = weights.count
      weights.append(weights[a] + weights[b])
      parent.append(-1)
      parent[a] = node
      parent[b] = node
      active.append(node)
    }
    return frequencies.indices.map { symbol in
      guard var node = leafOf[symbol] else { return 0 }
      var depth = 0
      while parent[node] >= 0 {
        node = parent[node]
        depth += 1
      }
      return depth
    }
  }

  static func reversed(_ code: UInt32, count: Int) -> UInt32 {
    var (input, output) = (code, UInt32(0))
    for _ in 0..<count {
      output = output << 1 | input & 1
      input >>= 1
    }
    return output
  }

  /// The fixed literal/length code of RFC 1951 section 3.2.6.
  static let fixedLiteral = HuffmanCode(
    lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
  /// The fixed distance code: 5 bits for each of 30 codes.
  static let fixedDistance = HuffmanCode(lengths: [Int](repeating: 5, count: 30))
}
