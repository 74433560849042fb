/// A DEFLATE compressor (RFC 1951) and its zlib wrapper (RFC 1950): LZ77 matching over a
/// 32 KiB window with hash chains, then each block of tokens coded with whichever of the
/// fixed or a dynamic (per-block, length-limited) Huffman code is shorter.
public enum Deflate {
  /// The most candidates followed along one hash chain.
  static let maxChain = 48
  /// The LZ77 window, in bytes.
  static let windowSize = 32768
  /// Tokens per block: each block gets its own Huffman code.
  static let blockTokens = 1 << 16

  /// `bytes` as a zlib stream: header (deflate, 32 KiB window), DEFLATE data, Adler-32.
  public static func zlib(_ bytes: [UInt8]) -> [UInt8] {
    var output: [UInt8] = [0x78, 0x9C]
    output += compress(bytes)
    let adler = Checksums.adler32(bytes)
    output += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: adler >> $0) }
    return output
  }

  /// `bytes` as raw DEFLATE data (no zlib header or trailer).
  public static func compress(_ bytes: [UInt8]) -> [UInt8] {
    let tokens = LZ77.tokens(bytes, maxChain: maxChain, windowSize: windowSize)
    var writer = BitWriter()
    if tokens.isEmpty {
      writer.write(1, count: 1)  // final
      writer.write(1, count: 2)  // fixed Huffman
      writer.write(
        HuffmanCode.fixedLiteral.codes[256], count: HuffmanCode.fixedLiteral.lengths[256])
      return writer.finish()
    }
    var start = 0
    while start < tokens.count {
      let end = min(start + blockTokens, tokens.count)
      BlockWriter.write(tokens[start..<end], final: end == tokens.count, to: &writer)
      start = end
    }
    return writer.finish()
  }
}

/// One LZ77 token: a literal byte, or a match of `length` (3...258) bytes `distance`
/// (1...32768) back.
struct Token {
  /// Literal: the byte; match: bit 31 set, the length in bits 16-24, distance - 1 below.
  var raw: UInt32

  static func literal(_ byte: UInt8) -> Token { Token(raw: UInt32(byte)) }
  static func match(length: Int, distance: Int) -> Token {
    Token(raw: 1 << 31 | UInt32(length) << 16 | UInt32(distance - 1))
  }
  var isMatch: Bool { raw & (1 << 31) != 0 }
  var literal: Int { Int(raw & 0xFF) }
  var length: Int { Int((raw >> 16) & 0x1FF) }
  var distance: Int { Int(raw & 0x7FFF) + 1 }
}

/// The LZ77 stage: greedy longest matches found through chains of positions whose next
/// three bytes hash alike.
enum LZ77 {
  static let hashBits = 15
  static let minMatch = 3
  static let maxMatch = 258

  static func tokens(_ bytes: [UInt8], maxChain: Int, windowSize: Int) -> [Token] {
    var tokens: [Token] = []
    tokens.reserveCapacity(bytes.count / 8 + 16)
    let count = bytes.count
    let hashMask = (1 << hashBits) - 1
    let windowMask = windowSize - 1
    var head = [Int32](repeating: -1, count: 1 << hashBits)
    var previous = [Int32](repeating: -1, count: windowSize)
    bytes.withUnsafeBufferPointer { data in
      head.withUnsafeMutableBufferPointer { head in
        previous.withUnsafeMutableBufferPointer { previous in
          func hash(_ position: Int) -> Int {
            (Int(data[position]) << 10 ^ Int(data[position + 1]) << 5 ^ Int(data[position + 2]))
              & hashMask
          }
          func insert(_ position: Int) {
            let key = hash(position)
            previous[position & windowMask] = head[key]
            head[key] = Int32(position)
          }
          var position = 0
          while position < count {
            guard position + minMatch <= count else {
              tokens.append(.literal(data[position]))
              position += 1
              continue
            }
            let limit = min(maxMatch, count - position)
            var (bestLength, bestDistance) = (0, 0)
            var candidate = Int(head[hash(position)])
            var steps = 0
            while candidate >= 0, position - candidate <= windowSize, steps < maxChain {
              if data[candidate + bestLength] == data[position + bestLength] {
                var length = 0
                while length < limit, data[candidate + length] == data[position + length] {
                  length += 1
                }
                if length > bestLength {
                  (bestLength, bestDistance) = (length, position - candidate)
                  if length == limit { break }
                }
              }
              let next = Int(previous[candidate & windowMask])
              if next >= candidate { break }  // the slot was reused by a newer position
              candidate = next
              steps += 1
            }
            if bestLength >= minMatch {
              tokens.append(.match(length: bestLength, distance: bestDistance))
              let end = position + bestLength
              while position < end {
                if position + minMatch <= count { insert(position) }
                position += 1
              }
            } else {
              insert(position)
              tokens.append(.literal(data[position]))
              position += 1
            }
          }
        }
      }
    }
    return tokens
  }
}

/// Collects bits least-significant first, as DEFLATE packs them.
struct BitWriter {
  private(set) var bytes: [UInt8] = []
  private var buffer: UInt64 = 0
  private var bitCount = 0

  /// Appends the low `count` bits of `value` (`count` at most 32).
  mutating func write(_ value: UInt32, count: Int) {
    buffer |= UInt64(value) << UInt64(bitCount)
    bitCount += count
    while bitCount >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: buffer))
      buffer >>= 8
      bitCount -= 8
    }
  }

  /// The bytes, the last one padded with zero bits.
  mutating func finish() -> [UInt8] {
    if bitCount > 0 { write(0, count: 8 - bitCount) }
    return bytes
  }
}
