import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Variable initialisation on our Philox generator, checked statistically as GeNN's
/// `tests/features/test_rng.py` checks its own: Kolmogorov-Smirnov tests against the
/// distribution each snippet promises, and moments where no closed-form CDF is handy.
@Suite struct VarInitTests {
  static let size = 20_000

  /// One population per snippet, each variable drawn from it.
  static func model(precision: Precision) -> ModelSpec {
    var model = ModelSpec(name: "var_init_\(precision)", precision: precision, seed: 2024)
    let custom = NeuronModel(
      name: "Holder",
      vars: [
        "uniform", "normal", "exponential", "gamma", "binomial", "clipped", "constant", "custom",
      ].map { Variable($0) })
    let triangular = InitSnippet(
      name: "Triangular", params: ["low", "high"],
      code: "value = low + (high - low) * fmax(gennrand_uniform(), gennrand_uniform());")
    model.addNeuronPopulation(
      "Draws", size: size, model: custom,
      vars: [
        "uniform": .snippet(.uniform, params: ["min": -2, "max": 3]),
        "normal": .snippet(.normal, params: ["mean": 1.5, "sd": 0.5]),
        "exponential": .snippet(.exponential, params: ["lambda": 2]),
        "gamma": .snippet(.gamma, params: ["a": 3.5, "b": 2]),
        "binomial": .snippet(.binomial, params: ["n": 20, "p": 0.3]),
        "clipped": .snippet(.normalClipped, params: ["mean": 0, "sd": 1, "min": -0.5, "max": 1]),
        "constant": .snippet(.constant, params: ["constant": 4.25]),
        "custom": .snippet(triangular, params: ["low": 1, "high": 2]),
      ])
    return model
  }

  /// The Kolmogorov-Smirnov statistic of `samples` against `cdf`.
  static func ksStatistic(_ samples: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = samples.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
      let f = cdf(x)
      d = max(d, abs(Double(i + 1) / n - f), abs(f - Double(i) / n))
    }
    return d
  }

  /// The critical KS value at alpha = 0.001.
  static var critical: Double { 1.95 / Double(size).squareRoot() }

  static func moments(_ x: [Double]) -> (mean: Double, variance: Double) {
    let mean = x.reduce(0, +) / Double(x.count)
    return (mean, x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1))
  }

  @Test(arguments: [Precision.float, .double])
  func snippetsDrawFromTheirDistributions(precision: Precision) async throws {
    let simulation = try await simulate(Self.model(precision: precision), threads: 2)
    let uniform = try simulation.values(of: "uniform", in: "Draws")
    #expect(Self.ksStatistic(uniform) { min(max(($0 + 2) / 5, 0), 1) } < Self.critical)
    #expect(uniform.allSatisfy { $0 >= -2 && $0 <= 3 })

    let normal = try simulation.values(of: "normal", in: "Draws")
    #expect(
      Self.ksStatistic(normal) { 0.5 * (1 + erf(($0 - 1.5) / (0.5 * 2.0.squareRoot()))) }
        < Self.critical)

    let exponential = try simulation.values(of: "exponential", in: "Draws")
    #expect(Self.ksStatistic(exponential) { $0 <= 0 ? 0 : 1 - exp(-$0 / 2) } < Self.critical)

    let custom = try simulation.values(of: "custom", in: "Draws")
    // The maximum of two uniforms on [1, 2] has CDF ((x - 1))^2.
    #expect(Self.ksStatistic(custom) { pow(min(max($0 - 1, 0), 1), 2) } < Self.critical)

    // Gamma(a = 3.5, scale 2): mean 7, variance 14; binomial(20, 0.3): mean 6, variance 4.2.
    let gamma = Self.moments(try simulation.values(of: "gamma", in: "Draws"))
    #expect(abs(gamma.mean - 7) < 4 * (14 / Double(Self.size)).squareRoot())
    #expect(abs(gamma.variance - 14) / 14 < 0.06)
    let binomialValues = try simulation.values(of: "binomial", in: "Draws")
    #expect(binomialValues.allSatisfy { $0 == $0.rounded() && $0 >= 0 && $0 <= 20 })
    let binomial = Self.moments(binomialValues)
    #expect(abs(binomial.mean - 6) < 4 * (4.2 / Double(Self.size)).squareRoot())
    #expect(abs(binomial.variance - 4.2) / 4.2 < 0.06)

    let clipped = try simulation.values(of: "clipped", in: "Draws")
    #expect(clipped.allSatisfy { $0 >= -0.5 && $0 <= 1 })
    #expect(try simulation.values(of: "constant", in: "Draws").allSatisfy { $0 == 4.25 })
  }

  @Test func reinitialiseRedrawsTheSameValues() async throws {
    let simulation = try await simulate(Self.model(precision: .float))
    let first = try simulation.values(of: "normal", in: "Draws")
    try simulation.setValues(Array(repeating: 0, count: Self.size), of: "normal", in: "Draws")
    simulation.reinitialise()
    #expect(try simulation.values(of: "normal", in: "Draws") == first)
    // Different variables draw from different streams.
    #expect(
      try simulation.values(of: "uniform", in: "Draws")
        != simulation.values(of: "custom", in: "Draws"))
  }
}
