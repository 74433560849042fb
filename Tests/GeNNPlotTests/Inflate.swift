/// A small DEFLATE decoder (RFC 1951), independent of the encoder, to check its output
/// without other tools.
enum Inflate {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Reads bits least-significant first.
  struct BitReader {
    let bytes: [UInt8]
    var position = 0

    mutating func bit() throws -> Int {
      guard position < bytes.count * 8 else { throw Failure(description: "out of data") }
      defer { position += 1 }
      return Int(bytes[position >> 3] >> UInt8(position & 7)) & 1
    }

    mutating func bits(_ count: Int) throws -> Int {
      var value = 0
      for index in 0..<count { value |= try bit() << index }
      return value
    }
  }

  /// A canonical Huffman decoder built from code lengths.
  struct Decoder {
    var table: [Int: [Int: Int]] = [:]  // length -> code -> symbol

    init(lengths: [Int]) {
      var code = 0
      for length in 1...15 {
        for (symbol, symbolLength) in lengths.enumerated() where symbolLength == length {
          table[length, default: [:]][code] = symbol
          code += 1
        }
        code <<= 1
      }
    }

    func decode(_ reader: inout BitReader) throws -> Int {
      var code = 0
      for length in 1...15 {
        code = code << 1 | (try reader.bit())
        if let symbol = table[length]?[code] { return symbol }
      }
      throw Failure(description: "invalid Huffman code")
    }
  }

  static let lengthBase = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
    131, 163, 195, 227, 258,
  ]
  static let lengthExtra = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  static let distanceBase = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]

  /// The bytes `data` (raw DEFLATE) decodes to.
  static func inflate(_ data: [UInt8]) throws -> [UInt8] {
    var reader = BitReader(bytes: data)
    var output: [UInt8] = []
    var final = 0
    while final == 0 {
      final = try reader.bits(1)
      let type = try reader.bits(2)
      switch type {
      case 0:
        reader.position = (reader.position + 7) & ~7
        let length = try reader.bits(16)
        _ = try reader.bits(16)
        for _ in 0..<length { output.append(UInt8(try reader.bits(8))) }
      case 1:
        let literal = Decoder(
          lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
        let distance = Decoder(lengths: [Int](repeating: 5, count: 30))
        try block(&reader, literal, distance, &output)
      case 2:
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengths[order[index]] = try reader.bits(3) }
        let codeLengthDecoder = Decoder(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
          let symbol = try codeLengthDecoder.decode(&reader)
          switch symbol {
          case 0...15: lengths.append(symbol)
          case 16:
            guard let last = lengths.last else { throw Failure(description: "repeat first") }
            lengths += [Int](repeating: last, count: 3 + (try reader.bits(2)))
          case 17: lengths += [Int](repeating: 0, count: 3 + (try reader.bits(3)))
          default: lengths += [Int](repeating: 0, count: 11 + (try reader.bits(7)))
          }
        }
        guard lengths.count == literalCount + distanceCount else {
          throw Failure(description: "code lengths overrun")
        }
        try block(
          &reader, Decoder(lengths: Array(lengths[..<literalCount])),
          Decoder(lengths: Array(lengths[literalCount...])), &output)
      default:
        throw Failure(description: "reserved block type")
      }
    }
    return output
  }

  static func block(
    _ reader: inout BitReader, _ literal: Decoder, _ distance: Decoder, _ output: inout [UInt8]
  ) throws {
    while true {
      let symbol = try literal.decode(&reader)
      if symbol < 256 {
        output.append(UInt8(symbol))
      } else if symbol == 256 {
        return
      } else {
        let index = symbol - 257
        guard index < 29 else { throw Failure(description: "bad length symbol") }
        let length = lengthBase[index] + (try reader.bits(lengthExtra[index]))
        let code = try distance.decode(&reader)
        guard code < 30 else { throw Failure(description: "bad distance symbol") }
        let extra = code < 4 ? 0 : code / 2 - 1
        let back = distanceBase[code] + (try reader.bits(extra))
        guard back <= output.count else { throw Failure(description: "distance too far") }
        let start = output.count - back
        for offset in 0..<length { output.append(output[start + offset]) }
      }
    }
  }

  /// The bytes of a zlib stream, its header and Adler-32 checked.
  static func zlib(_ data: [UInt8]) throws -> [UInt8] {
    guard data.count >= 6, data[0] & 0x0F == 8, (Int(data[0]) << 8 | Int(data[1])) % 31 == 0
    else { throw Failure(description: "bad zlib header") }
    let bytes = try inflate(Array(data[2..<(data.count - 4)]))
    let stored = data.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    var (a, b): (UInt32, UInt32) = (1, 0)
    for byte in bytes {
      a = (a + UInt32(byte)) % 65521
      b = (b + a) % 65521
    }
    guard stored == b << 16 | a else { throw Failure(description: "Adler-32 mismatch") }
    return bytes
  }
}
