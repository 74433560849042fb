#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A sparse-connectivity initialisation snippet, GeNN's `InitSparseConnectivitySnippet`:
/// either code run once per presynaptic neuron (`id_pre`) that calls
/// `addSynapse(id_post)` for each of its synapses (row build code), or code run once per
/// postsynaptic neuron (`id_post`) that calls `addSynapse(id_pre)` (column build code);
/// and the longest row it can build, which sizes the storage. A snippet with a kernel
/// passes each synapse's kernel indices as further `addSynapse` arguments.
public struct ConnectivitySnippet: Sendable {
  /// Row lengths a snippet needs drawn before its rows are built (what GeNN's snippets
  /// compute in host initialisation code), read by the build code as
  /// `preCalcRowLength[id_pre]`.
  public enum RowLengthDraw: Sendable {
    /// The value of parameter `parameter` synapses, placed uniformly over the whole
    /// matrix: each row's length drawn in turn from the binomial distribution of the
    /// synapses left over the pairs left, as GeNN's `FixedNumberTotalWithReplacement`.
    case totalSynapses(parameter: String)
  }

  /// The snippet's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// GeNN type names of parameters that are not `scalar` (for example `"int"`).
  public var paramTypes: [String: String]
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
  /// The shape of the kernel for the parameter values (GeNN's `calcKernelSizeFunc`), when
  /// `addSynapse` takes kernel indices after the target.
  public var kernelSize: (@Sendable (_ parameters: [String: Double]) -> [Int])?
  /// Row lengths drawn before the build code runs, if it reads them.
  public var rowLengthDraw: RowLengthDraw?
  /// The values parameters may take beyond their type's (probabilities, sizes), checked
  /// by validation before ``maxRowLength`` or ``kernelSize`` see them.
  public var paramDomains: [String: ValueDomain]
  /// Arrays the build code indexes (GeNN's extra global parameters of a connectivity
  /// snippet).
  public var extraGlobalParams: [ExtraGlobalParameter]
  /// The values of ``extraGlobalParams`` for the synapse population this snippet builds
  /// (as PyGeNN's `connectivity_extra_global_params[egp].set_init_values`).
  public var extraGlobalParamValues: [String: [Double]]

  /// Creates a snippet.
  public init(
    name: String, params: [String] = [], paramTypes: [String: String] = [:],
    derivedParams: [DerivedParameter] = [], rowBuildCode: String = "", colBuildCode: String = "",
    maxRowLength:
      @escaping @Sendable (_ numPre: Int, _ numPost: Int, _ parameters: [String: Double])
      -> Int,
    kernelSize: (@Sendable (_ parameters: [String: Double]) -> [Int])? = nil,
    rowLengthDraw: RowLengthDraw? = nil, paramDomains: [String: ValueDomain] = [:],
    extraGlobalParams: [ExtraGlobalParameter] = [],
    extraGlobalParamValues: [String: [Double]] = [:]
  ) {
    self.extraGlobalParams = extraGlobalParams
    self.extraGlobalParamValues = extraGlobalParamValues
    self.name = name
    self.params = params
    self.paramTypes = paramTypes
    self.derivedParams = derivedParams
    self.rowBuildCode = rowBuildCode
    self.colBuildCode = colBuildCode
    self.maxRowLength = maxRowLength
    self.kernelSize = kernelSize
    self.rowLengthDraw = rowLengthDraw
    self.paramDomains = paramDomains
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
    "FixedNumberTotalWithReplacement": .fixedNumberTotalWithReplacement, "Conv2D": .conv2D,
  ]

  /// `num` synapses in total, each between a pair drawn uniformly with replacement: row
  /// lengths are drawn first (``RowLengthDraw/totalSynapses(parameter:)``), then each row
  /// places its synapses as ``fixedNumberPostWithReplacement`` does.
  public static let fixedNumberTotalWithReplacement = ConnectivitySnippet(
    name: "FixedNumberTotalWithReplacement", params: ["num"],
    paramTypes: ["num": "unsigned int"],
    rowBuildCode: """
      scalar x = 0.0;
      for(unsigned int c = preCalcRowLength[(id_pre * num_threads) + id_thread]; c != 0; c--) {
         const scalar u = gennrand_uniform();
         x += (1.0 - x) * (1.0 - pow(u, 1.0 / (scalar)c));
         unsigned int postIdx = (unsigned int)(x * num_post);
         postIdx = (postIdx < num_post) ? postIdx : (num_post - 1);
         addSynapse(postIdx + id_post_begin);
      }

      """,
    maxRowLength: { numPre, numPost, p in
      // Each row's length is binomial(num, 1 / numPre); the quantile all rows stay under
      // with probability 0.9999, as GeNN sizes it.
      binomialInverseCDF(
        pow(0.9999, 1.0 / Double(max(numPre, 1))), Int(p["num"]!), 1.0 / Double(max(numPre, 1)))
    },
    rowLengthDraw: .totalSynapses(parameter: "num"), paramDomains: ["num": .count])

  /// A 2D convolution from an `conv_ih` x `conv_iw` x `conv_ic` input (row-major, channel
  /// fastest) to an `conv_oh` x `conv_ow` x `conv_oc` output with a `conv_kh` x `conv_kw`
  /// kernel, strides `conv_sh`, `conv_sw` and padding `conv_padh`, `conv_padw`; each
  /// synapse carries its kernel indices `[kernRow, kernCol, inChan, outChan]`.
  public static let conv2D = ConnectivitySnippet(
    name: "Conv2D",
    params: [
      "conv_kh", "conv_kw", "conv_sh", "conv_sw", "conv_padh", "conv_padw", "conv_ih", "conv_iw",
      "conv_ic", "conv_oh", "conv_ow", "conv_oc",
    ],
    paramTypes: Dictionary(
      uniqueKeysWithValues: [
        "conv_kh", "conv_kw", "conv_sh", "conv_sw", "conv_padh", "conv_padw", "conv_ih", "conv_iw",
        "conv_ic", "conv_oh", "conv_ow", "conv_oc",
      ].map { ($0, "int") }),
    rowBuildCode: """
      const int inRow = (id_pre / conv_ic) / conv_iw;
      const int inCol = (id_pre / conv_ic) % conv_iw;
      const int inChan = id_pre % conv_ic;
      const int maxOutRow = min(conv_oh, max(0, 1 + ((inRow + conv_padh) / conv_sh)));
      const int minOutCol = min(conv_ow, max(0, 1 + (int)floor((inCol + conv_padw - conv_kw) / (scalar)conv_sw)));
      const int maxOutCol = min(conv_ow, max(0, 1 + ((inCol + conv_padw) / conv_sw)));
      int outRow = min(conv_oh, max(0, 1 + (int)floor((inRow + conv_padh - conv_kh) / (scalar)conv_sh)));
      for(;outRow < maxOutRow; outRow++) {
         const int strideRow = (outRow * conv_sh) - conv_padh;
         const int kernRow = inRow - strideRow;
         for(int outCol = minOutCol; outCol < maxOutCol; outCol++) {
             const int strideCol = (outCol * conv_sw) - conv_padw;
             const int kernCol = inCol - strideCol;
             for(int outChan = 0; outChan < conv_oc; outChan++) {
                 const int idPost = ((outRow * conv_ow * conv_oc) +
                                      (outCol * conv_oc) +
                                      outChan);
                  addSynapse(idPost, kernRow, kernCol, inChan, outChan);
             }
         }
      }

      """,
    maxRowLength: { _, _, p in
      saturatingProduct(
        Int((p["conv_kh"]! / p["conv_sh"]!).rounded(.up)),
        Int((p["conv_kw"]! / p["conv_sw"]!).rounded(.up)), Int(p["conv_oc"]!))
    },
    kernelSize: { p in
      [Int(p["conv_kh"]!), Int(p["conv_kw"]!), Int(p["conv_ic"]!), Int(p["conv_oc"]!)]
    },
    paramDomains: Dictionary(
      uniqueKeysWithValues: [
        "conv_kh", "conv_kw", "conv_sh", "conv_sw", "conv_padh", "conv_padw", "conv_ih", "conv_iw",
        "conv_ic", "conv_oh", "conv_ow", "conv_oc",
      ].map { ($0, $0.hasPrefix("conv_pad") ? ValueDomain.padding : .size) }))

  /// Each postsynaptic neuron receives `num` synapses from presynaptic neurons drawn
  /// uniformly with replacement (a column build).
  public static let fixedNumberPreWithReplacement = ConnectivitySnippet(
    name: "FixedNumberPreWithReplacement", params: ["num"], paramTypes: ["num": "unsigned int"],
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
        pow(0.9999, 1.0 / Double(max(numPre, 1))), saturatingProduct(Int(p["num"]!), numPost),
        1.0 / Double(max(numPre, 1)))
    }, paramDomains: ["num": .count])

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
    maxRowLength: probabilityMaxRow, paramDomains: ["prob": .probability])

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
    maxRowLength: probabilityMaxRow, paramDomains: ["prob": .probability])

  /// Each presynaptic neuron connects to `num` targets drawn with replacement.
  public static let fixedNumberPostWithReplacement = ConnectivitySnippet(
    name: "FixedNumberPostWithReplacement", params: ["num"], paramTypes: ["num": "unsigned int"],
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
    maxRowLength: { _, _, p in Int(p["num"]!) }, paramDomains: ["num": .count])
}

/// The smallest `k` with P(X <= k) >= `cdf` for X ~ Binomial(`n`, `p`), as GeNN 5.4's
/// `binomialInverseCDF` computes it: the probability mass is summed from the near tail
/// (upwards from where it stops underflowing for `cdf < 0.5`; else the complement,
/// downwards from the top), each term updated from the last in the log domain, so that
/// large `n` (millions of synapses) neither underflows nor saturates below `cdf`. Where
/// the mean is beyond what a row holds (2^32 synapses), `n` itself, without summing (the
/// sum would take billions of steps).
public func binomialInverseCDF(_ cdf: Double, _ n: Int, _ p: Double) -> Int {
  if p <= 0 || cdf <= 0 || n == 0 { return 0 }
  if p >= 1 || cdf >= 1 || Double(n) * p > Double(UInt32.max) { return n }
  let logP = log(p)
  let logOneMinusP = log(1 - p)
  let logRatio = logP - logOneMinusP
  let logSmallest = log(Double.leastNormalMagnitude)
  func logPMF(_ k: Int) -> Double {
    lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
      + Double(k) * logP + Double(n - k) * logOneMinusP
  }
  let mean = Int(Double(n) * p)
  if cdf < 0.5 {
    // The first k, below the mean, whose mass does not underflow, within 100.
    var low = 0
    var high = mean
    while high - low > 100 {
      let middle = (low + high) / 2
      if logPMF(middle) > logSmallest { high = middle } else { low = middle }
    }
    var logMass = logPMF(low)
    var total = exp(logMass)
    for k in low..<n {
      if total >= cdf { return k }
      logMass += log(Double(n - k) / Double(k + 1)) + logRatio
      total += exp(logMass)
    }
    return n
  }
  // Sum the upper tail down to the point its mass exceeds 1 - cdf.
  let tail = 1 - cdf
  var low = mean
  var high = n
  while high - low > 100 {
    let middle = (low + high) / 2
    if logPMF(middle) > logSmallest { low = middle } else { high = middle }
  }
  var logMass = logPMF(high)
  var total = exp(logMass)
  var k = high - 1
  while k >= 0 {
    if total > tail { return k + 1 }
    logMass += log(Double(k + 1) / Double(n - k)) - logRatio
    if logMass > logSmallest { total += exp(logMass) }
    k -= 1
  }
  return 0
}
