import GeNNModel
import Testing

@testable import GeNNCodeGen

/// A module carries the random number generator and only the distributions its code
/// calls, in the model's precision, and the lines put in before the rest keep every
/// later line's origin.
@Suite struct RandomNumberSupportTests {
  /// Every distribution's definition, by the name it is called with.
  static let distributions =
    [
      "uniform", "normal", "exponential", "log_normal", "gamma", "binomial",
    ].flatMap { name in ["float", "double"].map { "genn_rand_\(name)_\($0)" } }
    + ["float", "double"].flatMap {
      ["genn_rng_marsaglia_tsang_\($0)", "genn_rng_binomial_inversion_\($0)"]
    }

  /// The distributions `source` defines.
  static func defined(in source: String) -> Set<String> {
    Set(distributions.filter { source.contains(" \($0)(GeNNRng *rng") })
  }

  /// A LIF population whose `V` starts from `initialiser`, in `precision`.
  static func model(_ precision: Precision, v initialiser: VarInit) -> ModelSpec {
    var model = ModelSpec(name: "random_support", precision: precision)
    model.addNeuronPopulation(
      "Exc", size: 8, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
        "TauRefrac": 2,
      ],
      vars: ["V": initialiser, "RefracTime": 0])
    return model
  }

  /// The sources both backends generate for `model`.
  static func sources(_ model: ModelSpec) throws -> [String] {
    [try CPUBackend().generate(model).source, try CUDABackend().generate(model).source]
  }

  @Test func aModelThatDrawsNothingCarriesNoDistribution() throws {
    for source in try Self.sources(Self.model(.float, v: -65)) {
      #expect(Self.defined(in: source).isEmpty)
      #expect(source.contains("GENN_FUNCTION uint32_t genn_rand_uint32(GeNNRng *rng)"))
    }
  }

  @Test func aFloatModelCarriesOnlyTheFloatDistributionsItCalls() throws {
    let model = Self.model(.float, v: .snippet(.uniform, params: ["min": -70, "max": -50]))
    for source in try Self.sources(model) {
      #expect(Self.defined(in: source) == ["genn_rand_uniform_float"])
    }
  }

  @Test func aDistributionBringsTheOnesItCalls() throws {
    let model = Self.model(.double, v: .snippet(.gamma, params: ["a": 2, "b": 1]))
    for source in try Self.sources(model) {
      #expect(
        Self.defined(in: source) == [
          "genn_rand_gamma_double", "genn_rng_marsaglia_tsang_double", "genn_rand_normal_double",
          "genn_rand_uniform_double",
        ])
    }
  }

  @Test func everyDistributionComesBeforeItsCallers() {
    let source = RandomNumberSource.source(calledBy: "genn_rand_binomial_float(&rng, 10u, 0.5f)")
    #expect(
      Self.defined(in: source) == [
        "genn_rand_binomial_float", "genn_rng_binomial_inversion_float",
        "genn_rng_marsaglia_tsang_float", "genn_rand_normal_float", "genn_rand_uniform_float",
      ])
    let order = [
      "genn_rand_uniform_float", "genn_rand_normal_float", "genn_rng_marsaglia_tsang_float",
      "genn_rng_binomial_inversion_float", "genn_rand_binomial_float",
    ].compactMap { source.range(of: " \($0)(GeNNRng *rng")?.lowerBound }
    #expect(order.count == 5 && order == order.sorted())
  }

  @Test func linesPutInAtAPlaceholderKeepTheOriginsAfterIt() {
    var code = GeneratedCode()
    code.enter(.driver)
    code.line("int before;")
    code.line("namespace {")
    let placeholder = code.placeholder()
    code.enter(.customUpdate("Reset"))
    code.line("int first;")
    code.enterPart("update code")
    code.line("int second;")
    code.line("}")
    code.insert("int a;\nint b;", at: placeholder)
    #expect(
      code.lines == [
        "int before;", "namespace {", "    int a;", "    int b;", "    int first;",
        "    int second;", "}",
      ])
    let support = CodeOrigin(element: .support)
    let reset = CodeOrigin(element: .customUpdate("Reset"))
    #expect(
      (1...7).map { code.origins[$0] } == [
        CodeOrigin(element: .driver), CodeOrigin(element: .driver), support, support, reset,
        CodeOrigin(element: .customUpdate("Reset"), part: "update code"),
        CodeOrigin(element: .customUpdate("Reset"), part: "update code"),
      ])
    #expect(code.origins.count == 7 && code.origins[8] == nil)
  }
}
