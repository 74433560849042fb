import Testing

@testable import GeNNModel

/// Values a model passes in are checked against what holds them, for every front door:
/// parameters against their declared domains and integer types, initial values and
/// extra global parameter values against their variable's type, and the population
/// sizes convolution snippets describe against the populations.
@Suite struct ValueDomainTests {
  static let lifParams = SynapseValidationTests.lifParams
  static let lifVars = SynapseValidationTests.lifVars

  /// `Pre` (`preSize` LIF neurons), `Post` (`postSize`) and `synapses` from one to the
  /// other.
  static func model(
    _ synapses: SynapsePopulation, preSize: Int = 4, postSize: Int = 3,
    precision: Precision = .float
  ) -> ModelSpec {
    var model = ModelSpec(name: "values", precision: precision)
    model.addNeuronPopulation("Pre", size: preSize, model: .lif, params: lifParams, vars: lifVars)
    model.addNeuronPopulation(
      "Post", size: postSize, model: .lif, params: lifParams, vars: lifVars)
    model.addSynapsePopulation(synapses)
    return model
  }

  /// The problems validation finds in `model`.
  static func problems(_ model: ModelSpec) -> [ModelProblem] {
    do {
      try model.validate()
      return []
    } catch {
      return error.problems
    }
  }

  /// A SPARSE population from `Pre` to `Post` built by `snippet` with `params`.
  static func built(_ snippet: ConnectivitySnippet, _ params: [String: Double])
    -> SynapsePopulation
  {
    SynapsePopulation(
      name: "S", source: "Pre", target: "Post", matrixType: .sparse,
      connectivity: .snippet(snippet, params: params), weightUpdate: .staticPulseConstantWeight,
      weightUpdateParams: ["g": 1], postsynaptic: .deltaCurr)
  }

  @Test func domainsDescribeThemselves() {
    #expect("\(ValueDomain.probability)" == "a number in [0, 1]")
    #expect("\(ValueDomain.size)" == "a whole number in [1, 2147483647]")
    #expect("\(ValueDomain.nonNegative)" == "a number of at least 0")
    #expect("\(ValueDomain(above: 0))" == "a number greater than 0")
    #expect("\(ValueDomain.of(.uint8))" == "a whole number in [0, 255]")
    #expect(
      "\(ValueDomain.of(.int64))" == "a whole number in [-9223372036854775808, 9223372036854774784]"
    )
    #expect(ValueDomain.of(.int64).contains(-0x1p63) && !ValueDomain.of(.int64).contains(0x1p63))
    #expect(!ValueDomain.of(.uint64).contains(0x1p64))
    #expect(!ValueDomain.of(.float).contains(1e39) && ValueDomain.of(.double).contains(1e300))
    #expect(!ValueDomain.of(.double).contains(.infinity) && !ValueDomain.probability.contains(.nan))
    #expect(!ValueDomain.count.contains(2.5) && ValueDomain.count.contains(4e9))
  }

  // MARK: Parameters (issue 17, item 16)

  @Test func probabilityOutsideZeroToOne() {
    for prob in [-1.0, 1.5] {
      let problems = Self.problems(Self.model(Self.built(.fixedProbability, ["prob": prob])))
      #expect(
        problems == [
          .parameterOutOfDomain(
            element: "synapse population 'S', connectivity snippet 'FixedProbability'",
            name: "prob", value: prob, domain: .probability)
        ])
      #expect(
        problems.first?.description
          == "synapse population 'S', connectivity snippet 'FixedProbability': parameter 'prob' "
          + "is \(prob); it must be a number in [0, 1]")
    }
  }

  @Test func countsAreWholeNumbersTheirTypeHolds() {
    for num in [-3.0, 2.5, 1e30] {
      let problems = Self.problems(
        Self.model(Self.built(.fixedNumberPostWithReplacement, ["num": num])))
      #expect(problems.count == 1)
      #expect(
        problems.first?.description.contains("it must be a whole number in [0, 4294967295]") == true
      )
    }
    let binomial = Self.problems(
      Self.model(
        Self.built(.oneToOne, [:]).with {
          $0.postsynaptic = SynapseValidationTests.withVars
          $0.postsynapticVars = ["x": .snippet(.binomial, params: ["n": 4, "p": 2]), "gain": 1.0]
        }))
    #expect(binomial.count == 1)
    #expect(
      binomial.first?.description
        == "synapse population 'S' (postsynaptic model 'WithVars'), variable 'x' (init snippet "
        + "'Binomial'): parameter 'p' is 2.0; it must be a number in [0, 1]")
  }

  @Test func snippetsWithParametersOutOfTheirDomainsNeverTrap() {
    // A zero stride, a kernel of 10^30 rows: validation reports them before anything
    // computes a kernel shape or a row length from them.
    var conv = Self.convParams
    conv["conv_sh"] = 0
    conv["conv_kh"] = 1e30
    let problems = Self.problems(
      Self.model(Self.built(.conv2D, conv), preSize: 16, postSize: 16).withKernelWeights)
    #expect(problems.count == 2)
    #expect(
      problems.allSatisfy {
        $0.description.contains("it must be a whole number in [1, 2147483647]")
      })
    var toeplitz = Self.toeplitzParams
    toeplitz["conv_kh"] = 1e12
    let synapses = SynapsePopulation(
      name: "S", source: "Pre", target: "Post", matrixType: .toeplitz,
      connectivity: .toeplitz(.conv2D, params: toeplitz), weightUpdate: .staticPulse,
      weightUpdateVars: ["g": 1.0], postsynaptic: .deltaCurr)
    #expect(Self.problems(Self.model(synapses, preSize: 16, postSize: 16)).count == 1)
  }

  @Test func rowsLongerThanARowHoldsAreRefusedQuickly() {
    // Each of 10 rows expects 8e17 synapses: the quantile is not summed term by term.
    let clock = ContinuousClock()
    let start = clock.now
    let problems = Self.problems(
      Self.model(
        Self.built(.fixedNumberPreWithReplacement, ["num": 4e9]), preSize: 10,
        postSize: 2_000_000_000))
    #expect(clock.now - start < .seconds(5))
    #expect(
      problems.map(\.description) == [
        "synapse population 'S': connectivity snippet 'FixedNumberPreWithReplacement' makes rows "
          + "of up to 8000000000000000000 synapses; a row holds at most 4294967295"
      ])
  }

  @Test func modelParametersWithADomain() {
    var model = ModelSpec(name: "rates")
    model.addNeuronPopulation(
      "P", size: 2, model: .poisson, params: ["rate": -10], vars: ["timeStepToSpike": 0.0])
    #expect(
      Self.problems(model) == [
        .parameterOutOfDomain(
          element: "neuron population 'P'", name: "rate", value: -10, domain: .nonNegative)
      ])
  }

  /// Distributions whose parameters describe none: a negative standard deviation or
  /// scale, a gamma shape of 0 or less, a uniform interval given backwards (GeNN draws
  /// from each anyway, a different distribution than the one written).
  @Test func distributionParametersDescribeADistribution() {
    let cases: [(VarInit, String)] = [
      (
        .snippet(.normal, params: ["mean": 0, "sd": -1]),
        "init snippet 'Normal'): parameter 'sd' is -1.0; it must be a number of at least 0"
      ),
      (
        .snippet(.exponential, params: ["lambda": -2]),
        "init snippet 'Exponential'): parameter 'lambda' is -2.0; it must be a number of at "
          + "least 0"
      ),
      (
        .snippet(.gamma, params: ["a": 0, "b": 1]),
        "init snippet 'Gamma'): parameter 'a' is 0.0; it must be a number greater than 0"
      ),
      (
        .snippet(.uniform, params: ["min": 5, "max": 1]),
        "init snippet 'Uniform'): 'min' (5.0) must not be above 'max' (1.0)"
      ),
    ]
    for (initialiser, message) in cases {
      var model = ModelSpec(name: "distributions")
      model.addNeuronPopulation(
        "P", size: 2, model: .lif,
        params: [
          "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -65, "Vthresh": -50, "Ioffset": 0,
          "TauRefrac": 2,
        ], vars: ["V": initialiser, "RefracTime": 0])
      let problems = Self.problems(model)
      #expect(problems.count == 1, "\(message)")
      #expect(problems.first?.description.hasSuffix(message) == true, "\(problems)")
    }
    var noise = ModelSpec(name: "noise")
    noise.addNeuronPopulation(
      "P", size: 2, model: .poisson, params: ["rate": 10], vars: ["timeStepToSpike": 0.0])
    noise.addCurrentSource("N", model: .gaussianNoise, target: "P", params: ["mean": 0, "sd": -1])
    #expect(
      Self.problems(noise) == [
        .parameterOutOfDomain(
          element: "current source 'N'", name: "sd", value: -1, domain: .nonNegative)
      ])
  }

  // MARK: Initial values (items 13 and 14)

  @Test func integerVariablesTakeWholeNumbersInTheirRange() {
    for (delay, index): (VarInit, Int?) in [(-5.0, nil), (300.0, nil), ([1, 2.5], 1)] {
      let synapses = SynapsePopulation(
        name: "S", source: "Pre", target: "Pre", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 1], post: [1, 2]),
        weightUpdate: .staticPulseDendriticDelay, weightUpdateVars: ["g": 1.0, "d": delay],
        postsynaptic: .deltaCurr, maxDendriticDelaySteps: 10)
      let problems = Self.problems(Self.model(synapses))
      let value: Double =
        switch delay {
        case .constant(let value): value
        default: 2.5
        }
      #expect(
        problems == [
          .initialValueOutOfRange(
            element: "synapse population 'S' (weight update model 'StaticPulseDendriticDelay')",
            variable: "d", index: index, value: value, type: "uint8_t", domain: .of(.uint8))
        ])
    }
    let message = ModelProblem.initialValueOutOfRange(
      element: "E", variable: "d", index: nil, value: 300, type: "uint8_t", domain: .of(.uint8)
    ).description
    #expect(
      message == "E: variable 'd' starts at 300.0; its type uint8_t holds whole numbers in [0, 255]"
    )
  }

  @Test func floatVariablesTakeFiniteFloats() {
    for values: VarInit in [1e300, [0, 0, .nan, 0], [0, .infinity, 0, 0], [0, 0, 0, -1e39]] {
      var model = ModelSpec(name: "floats")
      var vars = Self.lifVars
      vars["V"] = values
      model.addNeuronPopulation("E", size: 4, model: .lif, params: Self.lifParams, vars: vars)
      let problems = Self.problems(model)
      #expect(problems.count == 1)
      guard case .initialValueOutOfRange(_, "V", _, _, let type, _)? = problems.first else {
        Issue.record("expected an out-of-range initial value, got \(problems)")
        continue
      }
      #expect(type == "scalar (float in this model)")
      #expect(problems.first?.description.contains("use double precision") == true)
      // Double precision holds 1e300 and -1e39, but never a NaN or an infinity.
      model.precision = .double
      model.timePrecision = .double
      #expect(Self.problems(model).isEmpty == values.allValues.allSatisfy(\.isFinite))
    }
  }

  @Test func extraGlobalParameterValuesFitTheirType() {
    for (times, value) in [([1, 1e39], 1e39), ([1, .nan], Double.nan)] {
      var model = ModelSpec(name: "egps")
      model.addNeuronPopulation(
        "S", size: 2, model: .spikeSourceArray, vars: ["startSpike": [0, 1], "endSpike": [1, 2]],
        extraGlobalParams: ["spikeTimes": times])
      let problems = Self.problems(model)
      #expect(
        problems.map(\.description) == [
          "neuron population 'S': extra global parameter 'spikeTimes' has \(value) at element 1; "
            + "its element type scalar (float in this model) holds numbers in "
            + "[-3.4028234663852886e+38, 3.4028234663852886e+38] (use double precision or "
            + "rescale the units)"
        ])
    }
  }

  // MARK: Convolution sizes (item 15)

  static let convParams: [String: Double] = [
    "conv_kh": 3, "conv_kw": 3, "conv_sh": 1, "conv_sw": 1, "conv_padh": 1, "conv_padw": 1,
    "conv_ih": 4, "conv_iw": 4, "conv_ic": 1, "conv_oh": 4, "conv_ow": 4, "conv_oc": 1,
  ]
  static let toeplitzParams = convParams.filter {
    !["conv_sh", "conv_sw", "conv_padh", "conv_padw"].contains($0.key)
  }

  /// GeNN does not compare a convolution's input and output with the populations, and
  /// neither does validation: every target index the generated code computes is checked
  /// against the target population (SPARSE builders refuse it when initialising, TOEPLITZ
  /// and PROCEDURAL code skip it), and every source index is a neuron of the source.
  @Test func convolutionsTakePopulationsOfAnySize() {
    for (preSize, postSize) in [(16, 16), (10, 17), (40, 3)] {
      let problems = Self.problems(
        Self.model(Self.built(.conv2D, Self.convParams), preSize: preSize, postSize: postSize)
          .withKernelWeights)
      #expect(problems.isEmpty, "Conv2D from \(preSize) to \(postSize): \(problems)")
    }
    for (snippet, params) in [
      (ToeplitzSnippet.conv2D, Self.toeplitzParams),
      (
        .avgPoolConv2D,
        [
          "conv_kh": 3, "conv_kw": 3, "pool_kh": 2, "pool_kw": 2, "pool_sh": 2, "pool_sw": 2,
          "pool_ih": 8, "pool_iw": 8, "pool_ic": 1, "conv_oh": 4, "conv_ow": 4, "conv_oc": 1,
        ]
      ),
    ] {
      for (preSize, postSize) in [(snippet.name == "Conv2D" ? 16 : 64, 16), (15, 16), (100, 5)] {
        let synapses = SynapsePopulation(
          name: "S", source: "Pre", target: "Post", matrixType: .toeplitz,
          connectivity: .toeplitz(snippet, params: params), weightUpdate: .staticPulse,
          weightUpdateVars: ["g": 1.0], postsynaptic: .deltaCurr)
        let problems = Self.problems(Self.model(synapses, preSize: preSize, postSize: postSize))
        #expect(problems.isEmpty, "\(snippet.name) from \(preSize) to \(postSize): \(problems)")
      }
    }
  }
}

extension SynapsePopulation {
  /// The population changed by `change`.
  fileprivate func with(_ change: (inout SynapsePopulation) -> Void) -> SynapsePopulation {
    var copy = self
    change(&copy)
    return copy
  }
}

extension ModelSpec {
  /// The model with its synapse populations' weights given as a 3x3 kernel (for
  /// convolutions).
  fileprivate var withKernelWeights: ModelSpec {
    var model = self
    for index in model.synapsePopulations.indices {
      model.synapsePopulations[index].weightUpdate = .staticPulse
      model.synapsePopulations[index].weightUpdateParams = [:]
      model.synapsePopulations[index].weightUpdateVars = [
        "g": .kernel(Array(repeating: 1, count: 9))
      ]
    }
    return model
  }
}

extension VarInit {
  /// The constant, or the values.
  fileprivate var allValues: [Double] {
    switch self {
    case .constant(let value): [value]
    case .values(let values), .kernel(let values): values
    case .snippet, .uninitialised: []
    }
  }
}
