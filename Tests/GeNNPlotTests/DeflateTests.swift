import Testing

@testable import GeNNPlot

/// The compressor's output decodes to its input, by this target's own inflate and by
/// Python's zlib.
@Suite struct DeflateTests {
  static func inputs() -> [(name: String, bytes: [UInt8])] {
    var generator = Samples.Generator(state: 42)
    let random = (0..<20_000).map { _ in UInt8(generator.next() * 256) }
    let text = Array(
      String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 300).utf8)
    // Bytes from a skewed distribution, so that a dynamic code pays off.
    let skewed = (0..<50_000).map { _ in UInt8(pow2(generator.next())) }
    var mixed: [UInt8] = []
    for index in 0..<100 {
      mixed += [UInt8](repeating: UInt8(index), count: index * 37)
      mixed += random[(index * 100)..<(index * 100 + 50)]
    }
    return [
      ("empty", []), ("one byte", [7]), ("two bytes", [1, 2]), ("text", text),
      ("zeros", [UInt8](repeating: 0, count: 300_000)), ("random", random), ("skewed", skewed),
      ("mixed runs", mixed),
      // Matches reaching back the whole 32 KiB window.
      ("far repeat", random + [UInt8](repeating: 9, count: 12_768) + random),
    ]
  }

  static func pow2(_ x: Double) -> Double { (x * x * x * 40).rounded(.down) }

  @Test func roundTripsThroughOwnInflate() throws {
    for (name, bytes) in Self.inputs() {
      let compressed = Deflate.compress(bytes)
      #expect(try Inflate.inflate(compressed) == bytes, "\(name)")
      #expect(try Inflate.zlib(Deflate.zlib(bytes)) == bytes, "\(name)")
    }
  }

  @Test(.enabled(if: Python.available, "python3 is not available, so zlib is not checked"))
  func roundTripsThroughPythonZlib() throws {
    for (name, bytes) in Self.inputs() {
      #expect(try Python.zlibDecompress(Deflate.zlib(bytes)) == bytes, "\(name)")
    }
  }

  @Test func compresses() {
    #expect(Deflate.zlib([UInt8](repeating: 0, count: 300_000)).count < 1_000)
    let text = Array(String(repeating: "spike raster ", count: 1000).utf8)
    #expect(Deflate.compress(text).count < 200)
    // Incompressible data grows only slightly.
    var generator = Samples.Generator(state: 1)
    let random = (0..<10_000).map { _ in UInt8(generator.next() * 256) }
    #expect(Deflate.compress(random).count < 10_000 * 9 / 8 + 16)
  }

  @Test func huffmanCodesAreLengthLimitedAndComplete() {
    // Fibonacci frequencies give the deepest unlimited trees.
    var fibonacci = [1, 1]
    while fibonacci.count < 30 {
      fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2])
    }
    for limit in [7, 15] {
      let code = HuffmanCode(frequencies: fibonacci, limit: limit)
      #expect(code.lengths.max()! <= limit)
      let kraft = code.lengths.filter { $0 > 0 }.reduce(0.0) { $0 + 1 / Double(1 << $1) }
      #expect(kraft == 1)
    }
    // A lone symbol still gets a complete two-symbol code.
    let lone = HuffmanCode(frequencies: [0, 0, 5], limit: 15)
    #expect(lone.lengths.filter { $0 > 0 }.count == 2)
  }
}
