/// A Toeplitz connectivity snippet, GeNN's `InitToeplitzConnectivitySnippet`: structured
/// connectivity (convolutions) described by diagonals. For each diagonal `id_diag` below
/// the longest row, the diagonal build code runs a `for_each_synapse` loop whose body,
/// once per spiking presynaptic neuron `id_pre`, calls
/// `addSynapse(id_post, kernel indices...)` for the synapse of that diagonal, if any.
/// Nothing is stored: synapses are generated each time their presynaptic neuron spikes,
/// and their variables live in a kernel of ``kernelSize``.
public struct ToeplitzSnippet: Sendable {
  /// The snippet's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// GeNN type names of parameters that are not `scalar` (for example `"int"`).
  public var paramTypes: [String: String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// Code run for each diagonal, with a `for_each_synapse` loop over the spikes.
  public var diagonalBuildCode: String
  /// The number of diagonals for `numPre` and `numPost` neurons and the parameter values.
  public var maxRowLength:
    @Sendable (_ numPre: Int, _ numPost: Int, _ parameters: [String: Double]) -> Int
  /// The shape of the kernel for the parameter values.
  public var kernelSize: @Sendable (_ parameters: [String: Double]) -> [Int]
  /// The values parameters may take beyond their type's, checked by validation before
  /// ``maxRowLength`` or ``kernelSize`` see them.
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
    derivedParams: [DerivedParameter] = [], diagonalBuildCode: String,
    maxRowLength:
      @escaping @Sendable (_ numPre: Int, _ numPost: Int, _ parameters: [String: Double])
      -> Int,
    kernelSize: @escaping @Sendable (_ parameters: [String: Double]) -> [Int],
    paramDomains: [String: ValueDomain] = [:],
    extraGlobalParams: [ExtraGlobalParameter] = [],
    extraGlobalParamValues: [String: [Double]] = [:]
  ) {
    self.extraGlobalParams = extraGlobalParams
    self.extraGlobalParamValues = extraGlobalParamValues
    self.name = name
    self.params = params
    self.paramTypes = paramTypes
    self.derivedParams = derivedParams
    self.diagonalBuildCode = diagonalBuildCode
    self.maxRowLength = maxRowLength
    self.kernelSize = kernelSize
    self.paramDomains = paramDomains
  }
}

/// GeNN 5.4's built-in Toeplitz snippets
/// (`include/genn/genn/initToeplitzConnectivitySnippet.h`).
extension ToeplitzSnippet {
  /// The built-in snippets, by GeNN name.
  public static let builtins: [String: ToeplitzSnippet] = [
    "Conv2D": .conv2D, "AvgPoolConv2D": .avgPoolConv2D,
  ]

  /// A 2D convolution with "same"-style borders from a `conv_ih` x `conv_iw` x `conv_ic`
  /// input to a `conv_oh` x `conv_ow` x `conv_oc` output (row-major, channel fastest) with
  /// a `conv_kh` x `conv_kw` kernel and stride 1.
  public static let conv2D = ToeplitzSnippet(
    name: "Conv2D",
    params: [
      "conv_kh", "conv_kw", "conv_ih", "conv_iw", "conv_ic", "conv_oh", "conv_ow", "conv_oc",
    ],
    paramTypes: integerTypes([
      "conv_kh", "conv_kw", "conv_ih", "conv_iw", "conv_ic", "conv_oh", "conv_ow", "conv_oc",
    ]),
    derivedParams: [
      DerivedParameter("conv_bw") { p, _ in
        (((p["conv_iw"]! + p["conv_kw"]! - 1) - p["conv_ow"]!) / 2).rounded(.towardZero)
      },
      DerivedParameter("conv_bh") { p, _ in
        (((p["conv_ih"]! + p["conv_kh"]! - 1) - p["conv_oh"]!) / 2).rounded(.towardZero)
      },
    ],
    diagonalBuildCode: """
      const int kernRow = (id_diag / conv_oc) / conv_kw;
      const int kernCol = (id_diag / conv_oc) % conv_kw;
      const int kernOutChan = id_diag % conv_oc;
      const int flipKernRow = conv_kh - kernRow - 1;
      const int flipKernCol = conv_kw - kernCol - 1;
      for_each_synapse {
          const int preRow = (id_pre / conv_ic) / conv_iw;
          const int preCol = (id_pre / conv_ic) % conv_iw;
          const int preChan = id_pre % conv_ic;
          // If we haven't gone off edge of output
          const int postRow = preRow + kernRow - conv_bh;
          const int postCol = preCol + kernCol - conv_bw;
          if(postRow >= 0 && postCol >= 0 && postRow < conv_oh && postCol < conv_ow) {
              // Calculate postsynaptic index
              const int postInd = ((postRow * conv_ow * conv_oc) +
                                   (postCol * conv_oc) +
                                    kernOutChan);
              addSynapse(postInd,  flipKernRow, flipKernCol, preChan, kernOutChan);
           }
      }

      """,
    maxRowLength: { _, _, p in
      saturatingProduct(Int(p["conv_kh"]!), Int(p["conv_kw"]!), Int(p["conv_oc"]!))
    },
    kernelSize: { p in
      [Int(p["conv_kh"]!), Int(p["conv_kw"]!), Int(p["conv_ic"]!), Int(p["conv_oc"]!)]
    },
    paramDomains: sizes([
      "conv_kh", "conv_kw", "conv_ih", "conv_iw", "conv_ic", "conv_oh", "conv_ow", "conv_oc",
    ]))

  /// Average pooling (`pool_kh` x `pool_kw` windows, strides `pool_sh`, `pool_sw`) of a
  /// `pool_ih` x `pool_iw` x `pool_ic` input followed by a ``conv2D``-style convolution to
  /// `conv_oh` x `conv_ow` x `conv_oc`.
  public static let avgPoolConv2D = ToeplitzSnippet(
    name: "AvgPoolConv2D",
    params: [
      "conv_kh", "conv_kw", "pool_kh", "pool_kw", "pool_sh", "pool_sw", "pool_ih", "pool_iw",
      "pool_ic", "conv_oh", "conv_ow", "conv_oc",
    ],
    paramTypes: integerTypes([
      "conv_kh", "conv_kw", "pool_kh", "pool_kw", "pool_sh", "pool_sw", "pool_ih", "pool_iw",
      "pool_ic", "conv_oh", "conv_ow", "conv_oc",
    ]),
    derivedParams: [
      DerivedParameter("conv_bw") { p, _ in
        ((((p["pool_iw"]! - p["pool_kw"]! + 1.0) / p["pool_sw"]!).rounded(.up) + p["conv_kw"]!
          - 1 - p["conv_ow"]!) / 2).rounded(.towardZero)
      },
      DerivedParameter("conv_bh") { p, _ in
        ((((p["pool_ih"]! - p["pool_kh"]! + 1.0) / p["pool_sh"]!).rounded(.up) + p["conv_kh"]!
          - 1 - p["conv_oh"]!) / 2).rounded(.towardZero)
      },
    ],
    diagonalBuildCode: """
      const int kernRow = (id_diag / conv_oc) / conv_kw;
      const int kernCol = (id_diag / conv_oc) % conv_kw;
      const int kernOutChan = id_diag % conv_oc;
      const int flipKernRow = conv_kh - kernRow - 1;
      const int flipKernCol = conv_kw - kernCol - 1;
      for_each_synapse {
          // Convert spike ID into row, column and channel going INTO pool
          const int prePoolInRow = (id_pre / pool_ic) / pool_iw;
          const int prePoolInCol = (id_pre / pool_ic) % pool_iw;
          const int preChan = id_pre % pool_ic;
          // Calculate row and column going OUT of pool
          const int poolPreOutRow = prePoolInRow / pool_sh;
          const int poolStrideRow = poolPreOutRow * pool_sh;
          const int poolPreOutCol = prePoolInCol / pool_sw;
          const int poolStrideCol = poolPreOutCol * pool_sw;
          if(prePoolInRow < (poolStrideRow + pool_kh) && prePoolInCol < (poolStrideCol + pool_kw)) {
             // If we haven't gone off edge of output
             const int postRow = poolPreOutRow + kernRow - conv_bh;
             const int postCol = poolPreOutCol + kernCol - conv_bw;
             if(postRow >= 0 && postCol >= 0 && postRow < conv_oh && postCol < conv_ow) {
                 // Calculate postsynaptic index
                 const int postInd = ((postRow * conv_ow * conv_oc) +
                                       (postCol * conv_oc) +
                                       kernOutChan);
                 addSynapse(postInd,  flipKernRow, flipKernCol, preChan, kernOutChan);
             }
          }
      }

      """,
    maxRowLength: { _, _, p in
      saturatingProduct(Int(p["conv_kh"]!), Int(p["conv_kw"]!), Int(p["conv_oc"]!))
    },
    kernelSize: { p in
      [Int(p["conv_kh"]!), Int(p["conv_kw"]!), Int(p["pool_ic"]!), Int(p["conv_oc"]!)]
    },
    paramDomains: sizes([
      "conv_kh", "conv_kw", "pool_kh", "pool_kw", "pool_sh", "pool_sw", "pool_ih", "pool_iw",
      "pool_ic", "conv_oh", "conv_ow", "conv_oc",
    ]))

  private static func integerTypes(_ names: [String]) -> [String: String] {
    Dictionary(uniqueKeysWithValues: names.map { ($0, "int") })
  }

  private static func sizes(_ names: [String]) -> [String: ValueDomain] {
    Dictionary(uniqueKeysWithValues: names.map { ($0, .size) })
  }
}
