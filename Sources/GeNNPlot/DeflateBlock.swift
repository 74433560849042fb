/// Writes one DEFLATE block of LZ77 tokens, choosing the fixed or a dynamic Huffman code
/// by their exact size in bits.
enum BlockWriter {
  /// Base length of each length symbol 257...285, and its count of extra bits.
  static let lengthBase = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
    131, 163, 195, 227, 258,
  ]
  static let lengthExtra = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  /// Base distance of each distance symbol 0...29, and its count of extra bits.
  static let distanceBase = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
  ]
  /// The length symbol index (0...28) for each match length 0...258.
  static let lengthSymbol: [UInt8] = (0...258).map { length in
    UInt8(max(0, (lengthBase.lastIndex { $0 <= length }) ?? 0))
  }
  /// The distance symbol for each distance 1...32768 (index 0 unused).
  static let distanceSymbol: [UInt8] = (0...32768).map { distance in
    UInt8((distanceBase.lastIndex { $0 <= distance }) ?? 0)
  }
  /// The order in which code length code lengths are sent.
  static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  static func write(_ tokens: ArraySlice<Token>, final: Bool, to writer: inout BitWriter) {
    var literalFrequencies = [Int](repeating: 0, count: 286)
    var distanceFrequencies = [Int](repeating: 0, count: 30)
    for token in tokens {
      if token.isMatch {
        let length = Int(lengthSymbol[token.length])
        let distance = Int(distanceSymbol[token.distance])
        literalFrequencies[257 + length] += 1
        distanceFrequencies[distance] += 1
      } else {
        literalFrequencies[token.literal] += 1
      }
    }
    literalFrequencies[256] = 1
    // Extra bits are the same under either code, so only the Huffman-coded bits count.
    func cost(_ code: HuffmanCode, _ frequencies: [Int]) -> Int {
      zip(code.lengths, frequencies).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let literal = HuffmanCode(frequencies: literalFrequencies, limit: 15)
    let distance = HuffmanCode(frequencies: distanceFrequencies, limit: 15)
    let header = DynamicHeader(literal: literal, distance: distance)
    let dynamicBits =
      header.bitCount + cost(literal, literalFrequencies) + cost(distance, distanceFrequencies)
    let fixedBits =
      cost(.fixedLiteral, literalFrequencies) + cost(.fixedDistance, distanceFrequencies)
    writer.write(final ? 1 : 0, count: 1)
    if dynamicBits < fixedBits {
      writer.write(2, count: 2)
      header.write(to: &writer)
      writeTokens(tokens, literal: literal, distance: distance, to: &writer)
    } else {
      writer.write(1, count: 2)
      writeTokens(tokens, literal: .fixedLiteral, distance: .fixedDistance, to: &writer)
    }
  }

  static func writeTokens(
    _ tokens: ArraySlice<Token>, literal: HuffmanCode, distance: HuffmanCode,
    to writer: inout BitWriter
  ) {
    for token in tokens {
      if token.isMatch {
        let symbol = Int(lengthSymbol[token.length])
        writer.write(literal.codes[257 + symbol], count: literal.lengths[257 + symbol])
        writer.write(UInt32(token.length - lengthBase[symbol]), count: lengthExtra[symbol])
        let distanceCode = Int(distanceSymbol[token.distance])
        writer.write(distance.codes[distanceCode], count: distance.lengths[distanceCode])
        writer.write(
          UInt32(token.distance - distanceBase[distanceCode]), count: distanceExtra[distanceCode])
      } else {
        writer.write(literal.codes[token.literal], count: literal.lengths[token.literal])
      }
    }
    writer.write(literal.codes[256], count: literal.lengths[256])
  }
}

/// The header of a dynamic-Huffman block: both codes' lengths, run-length coded with
/// symbols 0-18 that are themselves Huffman coded.
struct DynamicHeader {
  var literalCount: Int
  var distanceCount: Int
  /// Run-length symbols, each with its extra-bits value.
  var runs: [(symbol: Int, extra: UInt32)] = []
  var codeLengthCode: HuffmanCode
  var codeLengthCount: Int

  init(literal: HuffmanCode, distance: HuffmanCode) {
    literalCount = max(257, (literal.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
    distanceCount = max(1, (distance.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
    let lengths = Array(literal.lengths[..<literalCount] + distance.lengths[..<distanceCount])
    var index = 0
    while index < lengths.count {
      let value = lengths[index]
      var run = 1
      while index + run < lengths.count, lengths[index + run] == value { run += 1 }
      index += run
      if value == 0 {
        while run >= 11 {
          let take = min(run, 138)
          runs.append((18, UInt32(take - 11)))
          run -= take
        }
        if run >= 3 {
          runs.append((17, UInt32(run - 3)))
          run = 0
        }
        runs += [(symbol: Int, extra: UInt32)](repeating: (0, 0), count: run)
      } else {
        runs.append((value, 0))
        run -= 1
        while run >= 3 {
          let take = min(run, 6)
          runs.append((16, UInt32(take - 3)))
          run -= take
        }
        runs += [(symbol: Int, extra: UInt32)](repeating: (value, 0), count: run)
      }
    }
    var frequencies = [Int](repeating: 0, count: 19)
    for run in runs { frequencies[run.symbol] += 1 }
    codeLengthCode = HuffmanCode(frequencies: frequencies, limit: 7)
    let codeLengths = codeLengthCode.lengths
    codeLengthCount = max(
      4, (BlockWriter.codeLengthOrder.lastIndex { codeLengths[$0] > 0 } ?? 0) + 1)
  }

  static let runExtraBits = [16: 2, 17: 3, 18: 7]

  /// The header's size in bits.
  var bitCount: Int {
    14 + 3 * codeLengthCount
      + runs.reduce(0) {
        $0 + codeLengthCode.lengths[$1.symbol] + (Self.runExtraBits[$1.symbol] ?? 0)
      }
  }

  func write(to writer: inout BitWriter) {
    writer.write(UInt32(literalCount - 257), count: 5)
    writer.write(UInt32(distanceCount - 1), count: 5)
    writer.write(UInt32(codeLengthCount - 4), count: 4)
    for symbol in BlockWriter.codeLengthOrder[..<codeLengthCount] {
      writer.write(UInt32(codeLengthCode.lengths[symbol]), count: 3)
    }
    for run in runs {
      writer.write(codeLengthCode.codes[run.symbol], count: codeLengthCode.lengths[run.symbol])
      writer.write(run.extra, count: Self.runExtraBits[run.symbol] ?? 0)
    }
  }
}
