import Foundation
import Testing

/// Philox4x32-10 and GeNN's distributions as generated code computes them: the C++ is
/// compiled once and its draws checked against a Swift Philox and statistically, as
/// GeNN's `tests/features/test_rng.py` does.
@Suite struct RandomNumberTests {
  /// Random123's known-answer vectors: counter, key, and the block they give.
  static let knownAnswers: [(counter: [UInt32], key: [UInt32], block: [UInt32])] = [
    ([0, 0, 0, 0], [0, 0], [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]),
    (
      [0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff], [0xffff_ffff, 0xffff_ffff],
      [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]
    ),
    (
      [0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344], [0xa409_3822, 0x299f_31d0],
      [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]
    ),
  ]

  /// The samples drawn per distribution check.
  static let sampleCount = 20_000

  /// Where the raw-stream checks start.
  static let rawPosition = Philox.Position(
    seed: 0x0123_4567_89AB_CDEF, stream: 3, element: 2, step: 1)

  /// The log-normal parameters checked.
  static let logNormal = (mean: 0.3, sd: 0.5)

  /// The gamma shapes checked.
  static let gammaShapes = [0.5, 1, 3.5]

  /// The binomial parameters checked, `p` outside [0, 1] included to check clamping.
  static let binomials: [(n: UInt32, p: Double)] = [
    (10, 0.3), (20, 0.8), (1000, 0.9), (1_000_000, 0.5), (4_294_967_295, 1e-9), (0, 0.5),
    (10, 0), (10, 1), (10, -0.5), (10, 1.5),
  ]

  /// Every line the program prints, computed once for the whole suite.
  static let program = Result { try RandomNumberProgram(blocks: blocks, draws: draws) }

  /// The known-answer blocks as the program computes them.
  static var blocks: [RandomNumberProgram.Block] {
    knownAnswers.enumerated().map { .init(name: "philox\($0)", counter: $1.counter, key: $1.key) }
  }

  /// The raw-stream and determinism draws, then `sampleCount` samples of each
  /// distribution in float and double, each from its own stream.
  static var draws: [RandomNumberProgram.Draws] {
    var draws: [RandomNumberProgram.Draws] = [
      .init(name: "raw", expression: "genn_rand_uint32(&rng)", count: 40, position: rawPosition),
      .init(
        name: "raw_uniform_float", expression: "genn_rand_uniform_float(&rng)", count: 20,
        position: rawPosition),
      .init(
        name: "raw_uniform_double", expression: "genn_rand_uniform_double(&rng)", count: 20,
        position: rawPosition),
    ]
    for (name, position) in positions {
      draws.append(
        .init(name: name, expression: "genn_rand_uint32(&rng)", count: 16, position: position))
    }
    // The first three normals of each of 256 streams (elements 0 to 255), drawn one by one
    // and with the first worked out in batches.
    let oneByOne = """
      [&]() { static GeNNRng r; static uint32_t n = 0; const uint32_t e = n / 3u; \
      if (n++ % 3u == 0u) { genn_rng_init(&r, 99ull, 7u, e, 5u); } \
      return genn_rand_normal_float(&r); }()
      """
    let batched = """
      [&]() { static GeNNFirstNormals b; static GeNNRng r; static uint32_t n = 0; \
      const uint32_t e = n / 3u; \
      if (n % (3u * GENN_FIRST_NORMALS) == 0u) { genn_first_normals_float(&b, 99ull, 7u, e, GENN_FIRST_NORMALS, 5u); } \
      if (n++ % 3u == 0u) { genn_rng_init_first_normal(&r, 99ull, 7u, e, 5u, &b, e % GENN_FIRST_NORMALS); } \
      return genn_rand_normal_float(&r); }()
      """
    for (name, expression) in [("normals_one_by_one", oneByOne), ("normals_batched", batched)] {
      draws.append(
        .init(name: name, expression: expression, count: 3 * 256, position: rawPosition))
    }
    // The first six words (past the first block) of each of 300 streams, drawn one by one
    // and with the first block worked out for up to GENN_FIRST_BLOCKS at a time.
    let wordsOneByOne = """
      [&]() { static GeNNRng r; static uint32_t n = 0; const uint32_t e = n / 6u; \
      if (n++ % 6u == 0u) { genn_rng_init(&r, 99ull, 7u, e, 5u); } \
      return genn_rand_uint32(&r); }()
      """
    let wordsBatched = """
      [&]() { static GeNNFirstBlocks b; static GeNNRng r; static uint32_t n = 0; \
      const uint32_t e = n / 6u; \
      if (n % (6u * GENN_FIRST_BLOCKS) == 0u) { genn_first_blocks(&b, 99ull, 7u, e, 300u - e, 5u); } \
      if (n++ % 6u == 0u) { genn_rng_init_first_block(&r, 99ull, 7u, e, 5u, &b, e % GENN_FIRST_BLOCKS); } \
      return genn_rand_uint32(&r); }()
      """
    for (name, expression) in [
      ("words_one_by_one", wordsOneByOne), ("words_batched", wordsBatched),
    ] {
      draws.append(
        .init(name: name, expression: expression, count: 6 * 300, position: rawPosition))
    }
    for type in ["float", "double"] {
      func add(_ name: String, _ expression: String) {
        let position = Philox.Position(seed: 1234, stream: UInt32(draws.count))
        draws.append(
          .init(
            name: "\(name)_\(type)", expression: expression, count: sampleCount, position: position)
        )
      }
      add("uniform", "genn_rand_uniform_\(type)(&rng)")
      add("normal", "genn_rand_normal_\(type)(&rng)")
      add("exponential", "genn_rand_exponential_\(type)(&rng)")
      add("log_normal", "genn_rand_log_normal_\(type)(&rng, \(logNormal.mean), \(logNormal.sd))")
      for a in gammaShapes {
        add("gamma_\(a)", "genn_rand_gamma_\(type)(&rng, \(a))")
      }
      for (n, p) in binomials {
        add("binomial_\(n)_\(p)", "genn_rand_binomial_\(type)(&rng, \(n)u, \(p))")
      }
    }
    return draws
  }

  /// Generator positions for the determinism checks: a base, the base again, and the
  /// base with each of seed, stream, element and step changed.
  static let positions: [(String, Philox.Position)] = [
    ("base", .init(seed: 42, stream: 5, element: 7, step: 9)),
    ("base_again", .init(seed: 42, stream: 5, element: 7, step: 9)),
    ("other_seed", .init(seed: 43, stream: 5, element: 7, step: 9)),
    ("other_stream", .init(seed: 42, stream: 6, element: 7, step: 9)),
    ("other_element", .init(seed: 42, stream: 5, element: 8, step: 9)),
    ("other_step", .init(seed: 42, stream: 5, element: 7, step: 10)),
  ]

  /// The numbers the program printed on line `name`.
  static func values(_ name: String) throws -> [Double] { try program.get().values(name) }

  @Test func swiftPhiloxMatchesRandom123() {
    for answer in Self.knownAnswers {
      #expect(Philox.block(counter: answer.counter, key: answer.key) == answer.block)
    }
  }

  @Test func generatedPhiloxMatchesRandom123() throws {
    for (index, answer) in Self.knownAnswers.enumerated() {
      #expect(try Self.values("philox\(index)") == answer.block.map(Double.init))
    }
  }

  @Test func rawStreamMatchesSwiftPhilox() throws {
    let expected = Philox.stream(at: Self.rawPosition, count: 40)
    #expect(try Self.values("raw") == expected.map(Double.init))
  }

  @Test func uniformsAreTheDocumentedFunctionOfTheStream() throws {
    let words = Philox.stream(at: Self.rawPosition, count: 80)
    let floats = words.map { Double($0 >> 8) / 0x1p24 }.filter { $0 > 0 }
    #expect(try Self.values("raw_uniform_float") == Array(floats.prefix(20)))
    let pairs = stride(from: 0, to: words.count, by: 2).map { i -> UInt64 in
      let high = UInt64(words[i] >> 5)
      return high << 26 | UInt64(words[i + 1] >> 6)
    }
    let doubles = pairs.filter { $0 > 0 }.map { Double($0) / 0x1p53 }
    #expect(try Self.values("raw_uniform_double") == Array(doubles.prefix(20)))
  }

  @Test func batchedFirstNormalsAreTheNormalsDrawnOneByOne() throws {
    let oneByOne = try Self.values("normals_one_by_one")
    #expect(oneByOne.count == 3 * 256)
    #expect(Set(oneByOne).count == oneByOne.count)
    #expect(try Self.values("normals_batched") == oneByOne)
  }

  @Test func batchedFirstBlocksAreTheBlocksDrawnOneByOne() throws {
    let oneByOne = try Self.values("words_one_by_one")
    #expect(oneByOne.count == 6 * 300)
    #expect(Set(oneByOne).count > 6 * 300 - 2)
    #expect(try Self.values("words_batched") == oneByOne)
  }

  @Test func drawsDependOnlyOnSeedStreamElementAndStep() throws {
    let base = try Self.values("base")
    #expect(try Self.values("base_again") == base)
    for name in ["other_seed", "other_stream", "other_element", "other_step"] {
      let other = try Self.values(name)
      #expect(zip(base, other).filter { $0 == $1 }.count <= 1, "\(name) repeats the base")
    }
  }

  @Test(arguments: ["float", "double"])
  func uniformIsUniformOnTheOpenInterval(type: String) throws {
    let samples = try Self.values("uniform_\(type)")
    let open = samples.allSatisfy { $0 > 0 && $0 < 1 }
    #expect(open)
    expectKS(samples, "uniform_\(type)") { min(max($0, 0), 1) }
  }

  @Test(arguments: ["float", "double"])
  func normalIsStandardNormal(type: String) throws {
    expectKS(try Self.values("normal_\(type)"), "normal_\(type)", cdf: Statistics.normalCDF)
  }

  @Test(arguments: ["float", "double"])
  func exponentialHasRateOne(type: String) throws {
    let samples = try Self.values("exponential_\(type)")
    let positive = samples.allSatisfy { $0 > 0 && $0.isFinite }
    #expect(positive)
    expectKS(samples, "exponential_\(type)") { 1 - exp(-$0) }
  }

  @Test(arguments: ["float", "double"])
  func logNormalHasTheGivenParameters(type: String) throws {
    let (mu, sigma) = Self.logNormal
    let samples = try Self.values("log_normal_\(type)")
    expectKS(samples, "log_normal_\(type)") {
      $0 > 0 ? Statistics.normalCDF((log($0) - mu) / sigma) : 0
    }
    let raw = (1...4).map { k in exp(Double(k) * mu + Double(k * k) * sigma * sigma / 2) }
    let mean = raw[0]
    let fourth = raw[3] - 4 * mean * raw[2] + 6 * mean * mean * raw[1] - 3 * pow(mean, 4)
    let variance = raw[1] - mean * mean
    #expect(
      Statistics.momentMismatch(samples, mean: mean, variance: variance, fourth: fourth) == nil)
  }

  @Test(arguments: ["float", "double"], gammaShapes)
  func gammaHasTheGivenShape(type: String, shape: Double) throws {
    let samples = try Self.values("gamma_\(shape)_\(type)")
    let nonNegative = samples.allSatisfy { $0 >= 0 && $0.isFinite }
    #expect(nonNegative)
    expectKS(samples, "gamma_\(shape)_\(type)") { Statistics.gammaCDF($0, shape: shape) }
    let fourth = 3 * shape * shape + 6 * shape
    #expect(Statistics.momentMismatch(samples, mean: shape, variance: shape, fourth: fourth) == nil)
  }

  @Test(arguments: ["float", "double"])
  func binomialIsExactForSmallAndLargeN(type: String) throws {
    for (n, p) in Self.binomials {
      let name = "binomial_\(n)_\(p)_\(type)"
      let samples = try Self.values(name)
      let count = Double(n)
      let clamped = min(max(p, 0), 1)
      let inRange = samples.allSatisfy { $0 >= 0 && $0 <= count && $0 == $0.rounded() }
      #expect(inRange, "\(name)")
      if clamped == 0 || clamped == 1 || n == 0 {
        let constant = samples.allSatisfy { $0 == count * clamped }
        #expect(constant, "\(name)")
        continue
      }
      expectKS(samples, name, integers: true, cdf: Statistics.binomialCDF(n: count, p: p))
      let variance = count * p * (1 - p)
      let fourth = variance * (1 + 3 * (count - 2) * p * (1 - p))
      let mismatch = Statistics.momentMismatch(
        samples, mean: count * p, variance: variance, fourth: fourth)
      #expect(mismatch == nil, "\(name)")
    }
  }

  private func expectKS(
    _ samples: [Double], _ name: String, integers: Bool = false, cdf: (Double) -> Double
  ) {
    let statistic = Statistics.ksStatistic(samples, integers: integers, cdf: cdf)
    let critical = Statistics.ksCritical(count: samples.count)
    #expect(samples.count == Self.sampleCount)
    #expect(statistic < critical, "\(name): KS statistic \(statistic) >= \(critical)")
  }
}
