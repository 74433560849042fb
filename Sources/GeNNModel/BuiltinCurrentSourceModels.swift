#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// GeNN 5.4's built-in current source models (`include/genn/genn/currentSourceModels.h`).
extension CurrentSourceModel {
  /// Every built-in current source model by its GeNN name.
  public static let builtins: [String: CurrentSourceModel] = [
    "DC": .dc, "GaussianNoise": .gaussianNoise, "PoissonExp": .poissonExp,
  ]

  /// A constant current `amp`.
  public static let dc = CurrentSourceModel(
    name: "DC", params: ["amp"], injectionCode: "injectCurrent(amp);\n")

  /// Gaussian noise with mean `mean` and standard deviation `sd`, drawn every step.
  public static let gaussianNoise = CurrentSourceModel(
    name: "GaussianNoise", params: ["mean", "sd"],
    injectionCode: "injectCurrent(mean + (gennrand_normal() * sd));\n",
    paramDomains: ["sd": .nonNegative])

  /// Current from a Poisson spike train at `rate` Hz through an exponential synapse.
  public static let poissonExp = CurrentSourceModel(
    name: "PoissonExp", params: ["weight", "tauSyn", "rate"],
    derivedParams: [
      DerivedParameter("ExpDecay") { p, dt in exp(-dt / p["tauSyn"]!) },
      DerivedParameter("Init") { p, dt in
        p["weight"]! * (1.0 - exp(-dt / p["tauSyn"]!)) * (p["tauSyn"]! / dt)
      },
      DerivedParameter("ExpMinusLambda") { p, dt in exp(-(p["rate"]! / 1000.0) * dt) },
    ],
    vars: [Variable("current", "scalar")],
    injectionCode: """
      scalar p = 1.0;
      unsigned int numSpikes = 0;
      do
      {
          numSpikes++;
          p *= gennrand_uniform();
      } while (p > ExpMinusLambda);
      current += Init * (scalar)(numSpikes - 1);
      injectCurrent(current);
      current *= ExpDecay;

      """, paramDomains: ["rate": .nonNegative])
}
