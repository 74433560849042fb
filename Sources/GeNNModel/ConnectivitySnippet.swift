#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A sparse-connectivity initialisation snippet, GeNN's `InitSparseConnectivitySnippet`:
/// either code run once per presynaptic neuron (`id_pre`) that calls
/// `addSynapse(id_post)` for each of its synapses (row build code), or code run once per
/// postsynaptic neuron (`id_post`) that calls `addSynapse(id_pre)` (column build code);
/// and the longest row it can build, which sizes the storage.
public struct ConnectivitySnippet: Sendable {
  /// The snippet's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// Code run for each presynaptic neuron, calling `addSynapse(id_post)`.
  public var rowBuildCode: String
  /// Code run for each postsynaptic neuron, calling `addSynapse(id_pre)`.
  public var colBuildCode: String
  /// The longest row the code can build for `numPre` and `numPost` neurons and the
  /// parameter values.
  public var maxRowLength:
    @Sendable (_ numPre: Int, _ numPost: Int, _ parameters: [String: Double]) -> Int

  /// Creates a snippet.
  public init(
    name: String, params: [String] = [], derivedParams: [DerivedParameter] = [],
    rowBuildCode: String = "", colBuildCode: String = "",
    maxRowLength:
      @escaping @Sendable (_ numPre: Int, _ numPost: Int, _ parameters: [String: Double])
      -> Int
  ) {
    self.name = name
    self.params = params
    self.derivedParams = derivedParams
    self.rowBuildCode = rowBuildCode
    self.colBuildCode = colBuildCode
    self.maxRowLength = maxRowLength
  }
}

/// GeNN 5.4's built-in row-building connectivity snippets
/// (`include/genn/genn/initSparseConnectivitySnippet.h`).
extension ConnectivitySnippet {
  /// The built-in snippets available so far, by GeNN name.
  public static let builtins: [String: ConnectivitySnippet] = [
    "OneToOne": .oneToOne, "FixedProbability": .fixedProbability,
    "FixedProbabilityNoAutapse": .fixedProbabilityNoAutapse,
    "FixedNumberPostWithReplacement": .fixedNumberPostWithReplacement,
    "FixedNumberPreWithReplacement": .fixedNumberPreWithReplacement,
  ]

  /// Each postsynaptic neuron receives `num` synapses from presynaptic neurons drawn
  /// uniformly with replacement (a column build).
  public static let fixedNumberPreWithReplacement = ConnectivitySnippet(
    name: "FixedNumberPreWithReplacement", params: ["num"],
    colBuildCode: """
      for(unsigned int c = num; c != 0; c--) {
         const unsigned int idPre = gennrand() % num_pre;
         addSynapse(idPre + id_pre_begin);
      }

      """,
    maxRowLength: { numPre, numPost, p in
      // Each row's length is binomial(num * numPost, 1 / numPre); the quantile all rows
      // stay under with probability 0.9999, as GeNN sizes it.
      binomialInverseCDF(
        pow(0.9999, 1.0 / Double(max(numPre, 1))), Int(p["num"]!) * numPost,
        1.0 / Double(max(numPre, 1)))
    })

  /// Neuron `i` connects to neuron `i`.
  public static let oneToOne = ConnectivitySnippet(
    name: "OneToOne", rowBuildCode: "addSynapse(id_pre);\n", maxRowLength: { _, _, _ in 1 })

  private static let probabilityDerived = [
    DerivedParameter("probLogRecip") { p, _ in 1.0 / log(1.0 - p["prob"]!) }
  ]

  /// The row length GeNN allows for fixed-probability rows: the binomial quantile that
  /// all `numPre` rows stay under with probability 0.9999.
  private static let probabilityMaxRow: @Sendable (Int, Int, [String: Double]) -> Int = {
    numPre, numPost, p in
    binomialInverseCDF(pow(0.9999, 1.0 / Double(max(numPre, 1))), numPost, p["prob"]!)
  }

  /// Each pair is connected with probability `prob` (gaps drawn from the geometric
  /// distribution).
  public static let fixedProbability = ConnectivitySnippet(
    name: "FixedProbability", params: ["prob"], derivedParams: probabilityDerived,
    rowBuildCode: """
      int prevJ = -1;
      while(true) {
         const scalar u = gennrand_uniform();
         prevJ += (1 + (int)(log(u) * probLogRecip));
         if(prevJ < num_post) {
             addSynapse(prevJ + id_post_begin);
         }
         else {
             break;
         }
      }

      """,
    maxRowLength: probabilityMaxRow)

  /// ``fixedProbability`` without connections from a neuron to itself.
  public static let fixedProbabilityNoAutapse = ConnectivitySnippet(
    name: "FixedProbabilityNoAutapse", params: ["prob"], derivedParams: probabilityDerived,
    rowBuildCode: """
      int prevJ = -1;
      while(true) {
         int nextJ;
         do {
             const scalar u = gennrand_uniform();
             nextJ = prevJ + (1 + (int)(log(u) * probLogRecip));
         } while(nextJ == id_pre);
         prevJ = nextJ;
         if(prevJ < num_post) {
             addSynapse(prevJ + id_post_begin);
         }
         else {
             break;
         }
      }

      """,
    maxRowLength: probabilityMaxRow)

  /// Each presynaptic neuron connects to `num` targets drawn with replacement.
  public static let fixedNumberPostWithReplacement = ConnectivitySnippet(
    name: "FixedNumberPostWithReplacement", params: ["num"],
    rowBuildCode: """
      scalar x = 0.0;
      for(unsigned int c = num; c != 0; c--) {
         const scalar u = gennrand_uniform();
         x += (1.0 - x) * (1.0 - pow(u, 1.0 / (scalar)c));
         unsigned int postIdx = (unsigned int)(x * num_post);
         postIdx = (postIdx < num_post) ? postIdx : (num_post - 1);
         addSynapse(postIdx + id_post_begin);
      }

      """,
    maxRowLength: { _, _, p in Int(p["num"]!) })
}

/// The smallest `k` with P(X <= k) >= `cdf` for X ~ Binomial(`n`, `p`), GeNN's
/// `binomialInverseCDF`, summing the probability mass in the log domain.
public func binomialInverseCDF(_ cdf: Double, _ n: Int, _ p: Double) -> Int {
  if p <= 0 || cdf <= 0 || n == 0 { return 0 }
  if p >= 1 || cdf >= 1 { return n }
  let logP = log(p)
  let logOneMinusP = log(1 - p)
  var sum = 0.0
  for k in 0...n {
    let logCoefficient = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    sum += exp(logCoefficient + Double(k) * logP + Double(n - k) * logOneMinusP)
    if sum >= cdf { return k }
  }
  return n
}
