import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// PROCEDURAL, TOEPLITZ and DENSE_PROCEDURALG matrices, kernel weights and the Conv2D,
/// AvgPoolConv2D and FixedNumberTotalWithReplacement snippets, each against an independent
/// computation of what it must deliver.
@Suite struct GeneratedConnectivityTests {
  /// Fires once, in the first step, where `fire` is 1.
  static let fireOnce = NeuronModel(
    name: "FireOnce", vars: [Variable("fire")], thresholdConditionCode: "fire > 0.5",
    resetCode: "fire = 0.0;")
  /// Adds up the input it receives.
  static let accumulator = NeuronModel(
    name: "Accumulator", vars: [Variable("total")], simCode: "total += Isyn;")

  /// `Pre` (firing once where `fire` says) onto `Post` accumulators through `matrix`
  /// connectivity with StaticPulse weights `weights`.
  static func oneVolley(
    _ name: String, pre: Int, post: Int, fire: [Double], matrix: SynapseMatrixType,
    connectivity: Connectivity, weights: VarInit
  ) -> ModelSpec {
    var model = ModelSpec(name: name, precision: .double, seed: 5)
    model.addNeuronPopulation("Pre", size: pre, model: fireOnce, vars: ["fire": .values(fire)])
    model.addNeuronPopulation("Post", size: post, model: accumulator, vars: ["total": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: matrix,
        connectivity: connectivity, weightUpdate: .staticPulse, weightUpdateVars: ["g": weights],
        postsynaptic: .deltaCurr))
    return model
  }

  /// Each neuron's total input after one volley has been delivered.
  static func delivered(_ model: ModelSpec, threads: Int? = nil) async throws -> [Double] {
    let simulation = try await simulate(model, threads: threads)
    try simulation.run(steps: 3)
    return try simulation.values(of: "total", in: "Post")
  }

  /// Kernel weights `[kh, kw, ic, oc]` that are small dyadic fractions, so every sum is
  /// exact in any order.
  static func kernel(_ shape: [Int]) -> [Double] {
    (0..<shape.reduce(1, *)).map { Double(($0 * 7919) % 23 - 11) / 16 }
  }

  /// A "same" 2D cross-correlation of `input` (`[h][w][ic]` flattened) with `kernel`
  /// (`[kh][kw][ic][oc]`), output `[oh][ow][oc]` flattened; stride 1.
  static func correlate(
    _ input: [Double], height: Int, width: Int, channels: Int, kernel: [Double], kh: Int, kw: Int,
    outChannels: Int
  ) -> [Double] {
    var output = Array(repeating: 0.0, count: height * width * outChannels)
    for row in 0..<height {
      for col in 0..<width {
        for out in 0..<outChannels {
          var sum = 0.0
          for kr in 0..<kh {
            for kc in 0..<kw {
              let inRow = row + kr - (kh - 1) / 2
              let inCol = col + kc - (kw - 1) / 2
              guard (0..<height).contains(inRow), (0..<width).contains(inCol) else { continue }
              for channel in 0..<channels {
                let weight = kernel[((kr * kw + kc) * channels + channel) * outChannels + out]
                sum += weight * input[(inRow * width + inCol) * channels + channel]
              }
            }
          }
          output[(row * width + col) * outChannels + out] = sum
        }
      }
    }
    return output
  }

  static func spikes(count: Int, seed: Int) -> [Double] {
    (0..<count).map { (($0 * 2_654_435_761 + seed) >> 7) % 3 == 0 ? 1 : 0 }
  }

  @Test func toeplitzConv2DIsACrossCorrelationWithItsKernel() async throws {
    let (height, width, channels, outChannels) = (9, 7, 2, 3)
    let shape = [3, 3, channels, outChannels]
    let kernel = Self.kernel(shape)
    let fire = Self.spikes(count: height * width * channels, seed: 1)
    let params: [String: Double] = [
      "conv_kh": 3, "conv_kw": 3, "conv_ih": Double(height), "conv_iw": Double(width),
      "conv_ic": Double(channels), "conv_oh": Double(height), "conv_ow": Double(width),
      "conv_oc": Double(outChannels),
    ]
    let model = Self.oneVolley(
      "toeplitz_conv2d", pre: fire.count, post: height * width * outChannels, fire: fire,
      matrix: .toeplitz, connectivity: .toeplitz(.conv2D, params: params),
      weights: .values(kernel))
    let expected = Self.correlate(
      fire, height: height, width: width, channels: channels, kernel: kernel, kh: 3, kw: 3,
      outChannels: outChannels)
    for threads in [1, 2, 3] {
      #expect(try await Self.delivered(model, threads: threads) == expected)
    }
    let simulation = try await simulate(model)
    #expect(try simulation.values(of: "g", in: "Syn") == kernel)
    #expect(throws: RuntimeError.self) { try simulation.connectivity(of: "Syn") }
  }

  @Test func sparseConv2DWithKernelInitialisationMatchesToeplitz() async throws {
    let (height, width, channels, outChannels) = (6, 8, 1, 2)
    let shape = [3, 3, channels, outChannels]
    let kernel = Self.kernel(shape)
    let fire = Self.spikes(count: height * width * channels, seed: 3)
    let params: [String: Double] = [
      "conv_kh": 3, "conv_kw": 3, "conv_sh": 1, "conv_sw": 1, "conv_padh": 1, "conv_padw": 1,
      "conv_ih": Double(height), "conv_iw": Double(width), "conv_ic": Double(channels),
      "conv_oh": Double(height), "conv_ow": Double(width), "conv_oc": Double(outChannels),
    ]
    let model = Self.oneVolley(
      "sparse_conv2d", pre: fire.count, post: height * width * outChannels, fire: fire,
      matrix: .sparse, connectivity: .snippet(.conv2D, params: params), weights: .kernel(kernel))
    let expected = Self.correlate(
      fire, height: height, width: width, channels: channels, kernel: kernel, kh: 3, kw: 3,
      outChannels: outChannels)
    #expect(try await Self.delivered(model, threads: 2) == expected)

    // Each stored synapse took the kernel element of its offset and channels.
    let simulation = try await simulate(model)
    let connectivity = try simulation.connectivity(of: "Syn")
    let weights = try simulation.values(of: "g", in: "Syn")
    #expect(connectivity.pre.count == weights.count)
    for (k, (pre, post)) in zip(connectivity.pre, connectivity.post).enumerated() {
      let (inRow, inCol) = (pre / channels / width, pre / channels % width)
      let (outRow, outCol, out) = (
        post / outChannels / width, post / outChannels % width, post % outChannels
      )
      let (kr, kc) = (inRow - outRow + 1, inCol - outCol + 1)
      #expect(weights[k] == kernel[((kr * 3 + kc) * channels + pre % channels) * outChannels + out])
    }
  }

  @Test func avgPoolConv2DPoolsBeforeConvolving() async throws {
    // A 4 x 4 input pooled 2 x 2 (stride 2) to 2 x 2, then a 3 x 3 "same" convolution.
    let kernel = Self.kernel([3, 3, 1, 1])
    let params: [String: Double] = [
      "conv_kh": 3, "conv_kw": 3, "pool_kh": 2, "pool_kw": 2, "pool_sh": 2, "pool_sw": 2,
      "pool_ih": 4, "pool_iw": 4, "pool_ic": 1, "conv_oh": 2, "conv_ow": 2, "conv_oc": 1,
    ]
    let fire = Self.spikes(count: 16, seed: 11)
    let model = Self.oneVolley(
      "avgpool_conv2d", pre: 16, post: 4, fire: fire, matrix: .toeplitz,
      connectivity: .toeplitz(.avgPoolConv2D, params: params), weights: .values(kernel))
    // Each input spike counts once towards its pooling window's sum.
    var pooled = Array(repeating: 0.0, count: 4)
    for pixel in 0..<16 where fire[pixel] == 1 {
      pooled[(pixel / 4 / 2) * 2 + (pixel % 4) / 2] += 1
    }
    let expected = Self.correlate(
      pooled, height: 2, width: 2, channels: 1, kernel: kernel, kh: 3, kw: 3, outChannels: 1)
    #expect(try await Self.delivered(model) == expected)
  }

  /// As in GeNN, a convolution's populations need not have the sizes of its input and
  /// output (GeNN's `test_custom_update.py` sends 10 neurons into a 10 x 10 Conv2D): each
  /// source neuron is the input element of its index (one beyond the input is a row
  /// below it), a larger target gets nothing beyond the output, and a synapse beyond a
  /// smaller target stops initialisation (SPARSE) or the run (TOEPLITZ, PROCEDURAL, which
  /// leave it out); GeNN writes beyond the target's input there.
  @Test func convolutionsBetweenPopulationsOfOtherSizes() async throws {
    let kernel = Self.kernel([3, 3, 1, 1])
    let toeplitz: [String: Double] = [
      "conv_kh": 3, "conv_kw": 3, "conv_ih": 10, "conv_iw": 10, "conv_ic": 1, "conv_oh": 10,
      "conv_ow": 10, "conv_oc": 1,
    ]
    let strided = toeplitz.merging(
      ["conv_sh": 1, "conv_sw": 1, "conv_padh": 1, "conv_padw": 1]) { a, _ in a }
    let spikes = Self.spikes(count: 110, seed: 23)
    /// The input of the first `pre` neurons (10 x 10, and an 11th row) correlated, as
    /// the output's 10 x 10 neurons, cut or padded to `post` neurons.
    func expected(pre: Int, post: Int) -> [Double] {
      let input = Array(spikes[..<pre]) + Array(repeating: 0, count: 110 - pre)
      let output = Self.correlate(
        input, height: 11, width: 10, channels: 1, kernel: kernel, kh: 3, kw: 3,
        outChannels: 1)[..<100]
      return Array((Array(output) + Array(repeating: 0, count: post))[..<post])
    }
    for (pre, post) in [(10, 100), (110, 100), (10, 30), (100, 120)] {
      let fire = Array(spikes[..<pre])
      let models = [
        Self.oneVolley(
          "toeplitz_\(pre)_\(post)", pre: pre, post: post, fire: fire, matrix: .toeplitz,
          connectivity: .toeplitz(.conv2D, params: toeplitz), weights: .values(kernel)),
        Self.oneVolley(
          "procedural_conv_\(pre)_\(post)", pre: pre, post: post, fire: fire,
          matrix: .procedural, connectivity: .snippet(.conv2D, params: strided),
          weights: .kernel(kernel)),
      ]
      for model in models {
        #expect(
          try await Self.delivered(model, threads: 3) == expected(pre: pre, post: post),
          "\(model.name)")
      }
    }
    for (pre, post) in [(10, 100), (110, 100), (100, 120)] {
      let model = Self.oneVolley(
        "sparse_conv_\(pre)_\(post)", pre: pre, post: post, fire: Array(spikes[..<pre]),
        matrix: .sparse, connectivity: .snippet(.conv2D, params: strided),
        weights: .kernel(kernel))
      #expect(try await Self.delivered(model, threads: 3) == expected(pre: pre, post: post))
    }
    let tooSmall = Self.oneVolley(
      "sparse_conv_small_target", pre: 100, post: 30, fire: Array(spikes[..<100]),
      matrix: .sparse, connectivity: .snippet(.conv2D, params: strided),
      weights: .kernel(kernel))
    let error = await #expect(throws: RuntimeError.self) { _ = try await simulate(tooSmall) }
    guard case .connectivityOutOfRange(_, _, _, let target, "Post", 30)? = error else {
      Issue.record("expected a synapse beyond 'Post', got \(String(describing: error))")
      return
    }
    #expect(target >= 30)
    let regenerated: [(SynapseMatrixType, Connectivity, VarInit, RuntimeError.BuildCode)] = [
      (.toeplitz, .toeplitz(.conv2D, params: toeplitz), .values(kernel), .diagonal),
      (.procedural, .snippet(.conv2D, params: strided), .kernel(kernel), .row),
    ]
    for (matrix, connectivity, weights, code) in regenerated {
      let simulation = try await simulate(
        Self.oneVolley(
          "\(matrix)_conv_small_target", pre: 100, post: 30, fire: Array(spikes[..<100]),
          matrix: matrix, connectivity: connectivity, weights: weights),
        threads: 3)
      let error = #expect(throws: RuntimeError.self) { try simulation.run(steps: 3) }
      guard case .connectivityOutOfRange(_, code, _, let target, "Post", 30)? = error else {
        Issue.record("\(matrix): expected a synapse beyond 'Post', got \(error.map { "\($0)" })")
        continue
      }
      #expect(target >= 30)
    }
  }

  @Test func proceduralRowsAreTheSparseRowsOfTheSameSnippet() async throws {
    let fire = Self.spikes(count: 500, seed: 7)
    let snippet = Connectivity.snippet(.fixedProbability, params: ["prob": 0.1])
    let weight = VarInit.snippet(
      InitSnippet(
        name: "ByIndex", params: ["scale"],
        code: "value = scale * (scalar)((id_pre + id_post) % 5);"),
      params: ["scale": 0.25])
    let sparse = try await Self.delivered(
      Self.oneVolley(
        "procedural_reference", pre: 500, post: 300, fire: fire, matrix: .sparse,
        connectivity: snippet, weights: weight))
    let model = Self.oneVolley(
      "procedural_rows", pre: 500, post: 300, fire: fire, matrix: .procedural,
      connectivity: snippet, weights: weight)
    for threads in [1, 2, 3] {
      #expect(try await Self.delivered(model, threads: threads) == sparse)
    }
    let simulation = try await simulate(model)
    #expect(throws: RuntimeError.self) { try simulation.values(of: "g", in: "Syn") }
    #expect(sparse.reduce(0, +) > 100)
  }

  @Test func proceduralRandomWeightsDoNotDependOnThreads() async throws {
    let fire = Self.spikes(count: 400, seed: 9)
    let model = Self.oneVolley(
      "procedural_random", pre: 400, post: 250, fire: fire, matrix: .procedural,
      connectivity: .snippet(.fixedNumberPostWithReplacement, params: ["num": 20]),
      weights: .snippet(.normal, params: ["mean": 1, "sd": 0.5]))
    let single = try await Self.delivered(model, threads: 1)
    #expect(try await Self.delivered(model, threads: 3) == single)
    // 20 synapses per spike with weights of mean 1.
    let spikes = fire.reduce(0, +)
    let total = single.reduce(0, +)
    #expect(abs(total - 20 * spikes) < 5 * 0.5 * (20 * spikes).squareRoot())
  }

  @Test func proceduralKernelWeights() async throws {
    let (height, width) = (5, 5)
    let kernel = Self.kernel([3, 3, 1, 1])
    let fire = Self.spikes(count: 25, seed: 13)
    let params: [String: Double] = [
      "conv_kh": 3, "conv_kw": 3, "conv_sh": 1, "conv_sw": 1, "conv_padh": 1, "conv_padw": 1,
      "conv_ih": 5, "conv_iw": 5, "conv_ic": 1, "conv_oh": 5, "conv_ow": 5, "conv_oc": 1,
    ]
    let expected = Self.correlate(
      fire, height: height, width: width, channels: 1, kernel: kernel, kh: 3, kw: 3,
      outChannels: 1)
    for (matrix, weights) in [
      (SynapseMatrixType.proceduralKernelG, VarInit.values(kernel)),
      (.procedural, .kernel(kernel)),
    ] {
      let model = Self.oneVolley(
        "procedural_kernel_\(matrix.rawValue)", pre: 25, post: 25, fire: fire, matrix: matrix,
        connectivity: .snippet(.conv2D, params: params), weights: weights)
      #expect(try await Self.delivered(model, threads: 2) == expected)
    }
  }

  @Test func denseProceduralWeightsAreComputedPerSynapse() async throws {
    let fire = Self.spikes(count: 40, seed: 17)
    let snippet = InitSnippet(
      name: "Distance", params: ["scale"],
      code: "value = scale * (scalar)(id_pre > id_post ? id_pre - id_post : id_post - id_pre);")
    let procedural = Self.oneVolley(
      "dense_proceduralg", pre: 40, post: 30, fire: fire, matrix: .denseProceduralG,
      connectivity: .allToAll, weights: .snippet(snippet, params: ["scale": 0.125]))
    let stored = Self.oneVolley(
      "dense_stored", pre: 40, post: 30, fire: fire, matrix: .dense, connectivity: .allToAll,
      weights: .values(
        (0..<40).flatMap { i in (0..<30).map { j in 0.125 * Double(abs(i - j)) } }))
    #expect(try await Self.delivered(procedural, threads: 2) == (try await Self.delivered(stored)))
  }

  @Test func fixedNumberTotalPlacesExactlyItsNumber() async throws {
    let model = ConnectivitySnippetTests.model(
      "fixed_number_total", pre: 300, post: 200, .fixedNumberTotalWithReplacement,
      ["num": 6000])
    let simulation = try await simulate(model, threads: 2)
    let connectivity = try simulation.connectivity(of: "Syn")
    #expect(connectivity.pre.count == 6000)
    let rows = ConnectivitySnippetTests.rows(connectivity, count: 300)
    #expect(rows.allSatisfy { $0 == $0.sorted() && $0.allSatisfy { (0..<200).contains($0) } })
    // Row lengths are multinomial: each Binomial(6000, 1/300), mean 20, variance ~19.9.
    let lengths = rows.map { Double($0.count) }
    let variance = lengths.reduce(0) { $0 + ($1 - 20) * ($1 - 20) } / 299
    #expect(abs(variance - 19.93) / 19.93 < 0.25)
    // The same rows on one thread.
    let single = try await simulate(model, threads: 1)
    #expect(try single.connectivity(of: "Syn") == connectivity)
    // Regenerated procedurally, the same synapses deliver the same input.
    let fire = Self.spikes(count: 300, seed: 19)
    let total = Connectivity.snippet(.fixedNumberTotalWithReplacement, params: ["num": 6000])
    var delivered: [[Double]] = []
    for matrix in [SynapseMatrixType.sparse, .procedural] {
      delivered.append(
        try await Self.delivered(
          Self.oneVolley(
            "fixed_number_total_\(matrix.rawValue)", pre: 300, post: 200, fire: fire,
            matrix: matrix, connectivity: total, weights: 0.5),
          threads: 2))
    }
    #expect(delivered[0] == delivered[1])
    #expect(delivered[0].reduce(0, +) > 0)
  }

  @Test func invalidCombinationsAreRejected() throws {
    let conv: [String: Double] = [
      "conv_kh": 3, "conv_kw": 3, "conv_ih": 4, "conv_iw": 4, "conv_ic": 1, "conv_oh": 4,
      "conv_ow": 4, "conv_oc": 1,
    ]
    let cases: [(SynapseMatrixType, Connectivity, VarInit, String)] = [
      (.toeplitz, .snippet(.fixedProbability, params: ["prob": 0.1]), 1, "TOEPLITZ"),
      (.sparse, .toeplitz(.conv2D, params: conv), 1, "SPARSE"),
      (.procedural, .snippet(.fixedNumberPreWithReplacement, params: ["num": 2]), 1, "row build"),
      (.procedural, .snippet(.fixedProbability, params: ["prob": 0.1]), .values([1]), "values"),
      (.denseProceduralG, .allToAll, .snippet(.uniform, params: ["min": 0, "max": 1]), "random"),
      (.sparse, .snippet(.fixedProbability, params: ["prob": 0.1]), .kernel([1]), "kernel size"),
      (.toeplitz, .toeplitz(.conv2D, params: conv), .values([1, 2]), "9"),
      (.denseProceduralG, .explicit(pre: [0], post: [0]), 1, "index lists"),
    ]
    for (matrix, connectivity, weights, fragment) in cases {
      let model = Self.oneVolley(
        "invalid", pre: 16, post: 16, fire: Array(repeating: 0, count: 16), matrix: matrix,
        connectivity: connectivity, weights: weights)
      let error = #expect(throws: ModelError.self) { try model.validate() }
      #expect(
        error?.description.contains(fragment) == true
          && error?.description.contains("synapse population 'Syn'") == true,
        "\(matrix.rawValue): \(error?.description ?? "no error")")
    }
  }

  @Test func kernelVariablesAreReadOnlyInSynapseCode() async throws {
    let conv: [String: Double] = [
      "conv_kh": 3, "conv_kw": 3, "conv_ih": 4, "conv_iw": 4, "conv_ic": 1, "conv_oh": 4,
      "conv_ow": 4, "conv_oc": 1,
    ]
    var model = Self.oneVolley(
      "kernel_write", pre: 16, post: 16, fire: Array(repeating: 0, count: 16), matrix: .toeplitz,
      connectivity: .toeplitz(.conv2D, params: conv), weights: .values(Self.kernel([3, 3, 1, 1])))
    model.synapsePopulations[0].weightUpdate = WeightUpdateModel(
      name: "Learner", vars: [Variable("g")], preSpikeSynCode: "addToPost(g);\ng += 1.0;")
    await #expect {
      _ = try await simulate(model)
    } throws: { error in
      "\(error)".contains("synapse population 'Syn'") && "\(error)".contains("read-only")
    }
  }
}
