/// GeNN 5.4's built-in variable-initialisation snippets
/// (`include/genn/genn/initVarSnippet.h`).
extension InitSnippet {
  /// Every built-in snippet by its GeNN name.
  public static let builtins: [String: InitSnippet] = [
    "Constant": .constant, "Uniform": .uniform, "Normal": .normal,
    "NormalClipped": .normalClipped, "NormalClippedDelay": .normalClippedDelay,
    "Exponential": .exponential, "Gamma": .gamma, "Binomial": .binomial,
  ]

  /// The value of `constant`.
  public static let constant = InitSnippet(
    name: "Constant", params: ["constant"], code: "value = constant;")

  /// Uniformly distributed between `min` and `max`.
  public static let uniform = InitSnippet(
    name: "Uniform", params: ["min", "max"],
    code: """
      const scalar scale = max - min;
      value = min + (gennrand_uniform() * scale);
      """,
    paramRules: [.ordered(low: "min", high: "max")])

  /// Normally distributed with `mean` and `sd`.
  public static let normal = InitSnippet(
    name: "Normal", params: ["mean", "sd"], code: "value = mean + (gennrand_normal() * sd);",
    paramDomains: ["sd": .nonNegative])

  /// Normally distributed with `mean` and `sd`, redrawn until within [`min`, `max`].
  public static let normalClipped = InitSnippet(
    name: "NormalClipped", params: ["mean", "sd", "min", "max"],
    code: """
      scalar normal;
      do
      {
         normal = mean + (gennrand_normal() * sd);
      } while (normal > max || normal < min);
      value = normal;

      """,
    paramRules: [.clippedNormal(mean: "mean", sd: "sd", min: "min", max: "max")])

  /// ``normalClipped`` in time steps and rounded: for delays given in milliseconds.
  public static let normalClippedDelay = InitSnippet(
    name: "NormalClippedDelay", params: ["mean", "sd", "min", "max"],
    derivedParams: [
      DerivedParameter("meanTimestep") { p, dt in p["mean"]! / dt },
      DerivedParameter("sdTimestep") { p, dt in p["sd"]! / dt },
      DerivedParameter("minTimestep") { p, dt in p["min"]! / dt },
      DerivedParameter("maxTimestep") { p, dt in p["max"]! / dt },
    ],
    code: """
      scalar normal;
      do
      {
         normal = meanTimestep + (gennrand_normal() * sdTimestep);
      } while (normal > maxTimestep || normal < minTimestep);
      value = rint(normal);

      """,
    paramRules: [.clippedNormal(mean: "mean", sd: "sd", min: "min", max: "max")])

  /// Exponentially distributed with scale `lambda`.
  public static let exponential = InitSnippet(
    name: "Exponential", params: ["lambda"], code: "value = lambda * gennrand_exponential();",
    paramDomains: ["lambda": .nonNegative])

  /// Gamma distributed with shape `a` and scale `b`.
  public static let gamma = InitSnippet(
    name: "Gamma", params: ["a", "b"], code: "value = b * gennrand_gamma(a);",
    paramDomains: ["a": ValueDomain(above: 0), "b": .nonNegative])

  /// Binomially distributed with `n` trials of probability `p`.
  public static let binomial = InitSnippet(
    name: "Binomial", params: ["n", "p"], code: "value = gennrand_binomial((unsigned int)n, p);",
    paramDomains: ["n": .count, "p": .probability])
}
