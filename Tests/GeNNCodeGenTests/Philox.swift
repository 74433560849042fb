/// A reference Philox4x32-10 in Swift (Salmon et al. 2011, Random123's `philox4x32`),
/// to check the generated C++ against known answers and draw by draw.
enum Philox {
  /// Where `genn_rng_init` starts a generator.
  struct Position {
    var seed: UInt64
    var stream: UInt32
    var element: UInt32 = 0
    var step: UInt32 = 0
  }

  /// One block: ten rounds over `counter` with `key`.
  static func block(counter: [UInt32], key: [UInt32]) -> [UInt32] {
    var (c0, c1, c2, c3) = (counter[0], counter[1], counter[2], counter[3])
    var (k0, k1) = (key[0], key[1])
    for round in 0..<10 {
      if round > 0 {
        k0 &+= 0x9E37_79B9
        k1 &+= 0xBB67_AE85
      }
      let p0 = UInt32(0xD251_1F53).multipliedFullWidth(by: c0)
      let p1 = UInt32(0xCD9E_8D57).multipliedFullWidth(by: c2)
      (c0, c1, c2, c3) = (p1.high ^ c1 ^ k0, p1.low, p0.high ^ c3 ^ k1, p0.low)
    }
    return [c0, c1, c2, c3]
  }

  /// The first `count` words `genn_rand_uint32` gives from `position`: blocks 0, 1, ...
  /// of the counter (block, element, stream, step) under the key (low, high word of the
  /// seed).
  static func stream(at position: Position, count: Int) -> [UInt32] {
    let seed = position.seed
    let key = [UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)]
    let words = (0..<(count + 3) / 4).flatMap { index in
      block(counter: [UInt32(index), position.element, position.stream, position.step], key: key)
    }
    return Array(words.prefix(count))
  }
}
