/// The two checksums a PNG file carries: CRC-32 over each chunk, Adler-32 over the
/// uncompressed bytes of its zlib stream.
public enum Checksums {
  /// The CRC-32 lookup table for the reflected polynomial 0xEDB88320 (ISO 3309, as
  /// zlib, gzip and PNG use it).
  static let crcTable: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 {
      value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
    }
    return value
  }

  /// The CRC-32 of `bytes`; `crc32(Array("123456789".utf8))` is 0xCBF43926.
  public static func crc32<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
    crc32(bytes, continuing: 0)
  }

  /// The CRC-32 of the bytes so far (`crc`, the checksum of the earlier ones) followed
  /// by `bytes`.
  public static func crc32<Bytes: Sequence<UInt8>>(_ bytes: Bytes, continuing crc: UInt32)
    -> UInt32
  {
    var value = ~crc
    crcTable.withUnsafeBufferPointer { table in
      for byte in bytes {
        value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8)
      }
    }
    return ~value
  }

  /// The Adler-32 of `bytes` (RFC 1950); `adler32(Array("Wikipedia".utf8))` is
  /// 0x11E60398.
  public static func adler32(_ bytes: [UInt8]) -> UInt32 {
    let modulus: UInt32 = 65521
    // 5552 bytes is the longest run whose sums cannot overflow 32 bits (zlib's NMAX).
    let blockSize = 5552
    var (a, b): (UInt32, UInt32) = (1, 0)
    bytes.withUnsafeBufferPointer { buffer in
      var start = 0
      while start < buffer.count {
        let end = min(start + blockSize, buffer.count)
        for index in start..<end {
          a &+= UInt32(buffer[index])
          b &+= a
        }
        a %= modulus
        b %= modulus
        start = end
      }
    }
    return b << 16 | a
  }
}
