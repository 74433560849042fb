import Testing

@testable import GeNNPlot

/// CRC-32 and Adler-32 against their published check values.
@Suite struct ChecksumTests {
  @Test func crc32KnownValues() {
    #expect(Checksums.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(Checksums.crc32([UInt8]()) == 0)
    #expect(
      Checksums.crc32(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    // The CRC PNG stores for an IEND chunk.
    #expect(Checksums.crc32(Array("IEND".utf8)) == 0xAE42_6082)
  }

  @Test func crc32Continues() {
    let bytes = Array("123456789".utf8)
    let first = Checksums.crc32(bytes[..<4])
    #expect(Checksums.crc32(bytes[4...], continuing: first) == 0xCBF4_3926)
  }

  @Test func adler32KnownValues() {
    #expect(Checksums.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    #expect(Checksums.adler32([]) == 1)
    // Long input: sums are reduced before they overflow.
    let long = [UInt8](repeating: 0xFF, count: 100_000)
    var (a, b): (UInt64, UInt64) = (1, 0)
    for byte in long {
      a = (a + UInt64(byte)) % 65521
      b = (b + a) % 65521
    }
    #expect(Checksums.adler32(long) == UInt32(b << 16 | a))
  }
}
