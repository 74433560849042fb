import Foundation
import GeNNModelFile
import GeNNNPY
import Testing

/// Values a model file passes in (inline or from `.npy` files) are checked as the model
/// layer checks them, and each error is at the entry that gave the value.
@Suite struct ValueCheckTests {
  static let population = ErrorTests.population

  /// A DENSE population from `A` (4 neurons) to `B` (3) whose weights are `g`.
  static func dense(_ g: String) -> String {
    """
    neurons:
      A: {size: 4, model: Poisson, params: {rate: 10}, vars: {timeStepToSpike: 0}}
      B: {size: 3, model: Poisson, params: {rate: 10}, vars: {timeStepToSpike: 0}}
    synapses:
      S:
        source: A
        target: B
        matrix_type: DENSE
        weight_update: {model: StaticPulse, vars: {g: \(g)}}

    """
  }

  @Test func denseWeightsFromNPYMustBePreByPost() throws {
    let folder = try Fixtures.temporaryFolder()
    let weights = (0..<12).map(Double.init)
    for (name, shape) in [("flat", [12]), ("matrix", [4, 3])] {
      try NPYArray(weights, shape: shape).write(to: folder.appendingPathComponent("\(name).npy"))
      let file = try ModelFile.parse(
        Self.dense("{npy: \(name).npy}"), path: "test.yaml", directory: folder)
      guard case .values(let values)? = file.model.synapsePopulations.first?.weightUpdateVars["g"]
      else {
        Issue.record("g is not per-synapse values")
        continue
      }
      #expect(values == weights)
    }
    for shape in [[3, 4], [2, 6], [12, 1]] {
      try NPYArray(weights, shape: shape).write(to: folder.appendingPathComponent("w.npy"))
      let error = try #require(Fixtures.error(Self.dense("{npy: w.npy}"), folder: folder))
      #expect(error.position == SourcePosition(file: "test.yaml", line: 9, column: 57))
      #expect(
        error.description.contains(
          "the NumPy file 'w.npy' holds an array of shape "
            + "(\(shape.map(String.init).joined(separator: ", "))); it must hold 12 values, one "
            + "per synapse (shape (12,) or (4, 3), presynaptic by postsynaptic neurons)"))
    }
  }

  @Test func neuronValuesFromNPYMustBeOneDimensional() throws {
    let folder = try Fixtures.temporaryFolder()
    try NPYArray([Double](repeating: -65, count: 3), shape: [3, 1]).write(
      to: folder.appendingPathComponent("v.npy"))
    let text = Self.population.replacing("V: -65,", with: "V: {npy: v.npy},")
    let error = try #require(Fixtures.error(text, folder: folder))
    #expect(error.description.contains("holds an array of shape (3, 1); it must hold 3 values"))
  }

  @Test func nonFiniteAndOutOfRangeValuesAreLocated() throws {
    let folder = try Fixtures.temporaryFolder()
    try NPYArray([-65, Double.nan, -65]).write(to: folder.appendingPathComponent("nan.npy"))
    try NPYArray([-65, -65, Double.infinity]).write(to: folder.appendingPathComponent("inf.npy"))
    for (value, found) in [
      ("{npy: nan.npy}", "starts at nan (element 1)"),
      ("{npy: inf.npy}", "starts at inf (element 2)"),
      ("1e300", "starts at 1e+300; its type scalar (float in this model) holds numbers in"),
    ] {
      let text = Self.population.replacing("V: -65,", with: "V: \(value),")
      let error = try #require(Fixtures.error(text, folder: folder))
      #expect(error.position == SourcePosition(file: "test.yaml", line: 6, column: 12))
      #expect(error.description.contains("neuron population 'E': variable 'V' \(found)"))
    }
  }

  @Test func integerVariablesAreCheckedAgainstTheirType() throws {
    for delay in ["-5", "300", "2.5"] {
      let text =
        Self.population + """
          synapses:
            S:
              source: E
              target: E
              max_dendritic_delay_steps: 10
              weight_update: {model: StaticPulseDendriticDelay, vars: {g: 1, d: \(delay)}}

          """
      let error = try #require(Fixtures.error(text))
      #expect(error.position == SourcePosition(file: "test.yaml", line: 12, column: 68))
      #expect(
        error.description.contains(
          "variable 'd' starts at \(Double(delay)!); its type uint8_t holds whole numbers in "
            + "[0, 255]"))
    }
  }

  @Test func snippetParametersOutsideTheirDomainsAreLocated() throws {
    for (prob, shown) in [("-1", "-1.0"), ("1.5", "1.5")] {
      let text =
        Self.population + """
          synapses:
            S:
              source: E
              target: E
              connectivity: {snippet: FixedProbability, params: {prob: \(prob)}}
              weight_update: {model: StaticPulseConstantWeight, params: {g: 1}}

          """
      let error = try #require(Fixtures.error(text))
      #expect(error.all.count == 1)
      #expect(error.position == SourcePosition(file: "test.yaml", line: 11, column: 56))
      #expect(
        error.description
          == "test.yaml:11:56: error: synapse population 'S', connectivity snippet "
          + "'FixedProbability': parameter 'prob' is \(shown); it must be a number in [0, 1].")
    }
    let initSnippet = Self.population.replacing(
      "RefracTime: 0", with: "RefracTime: {snippet: Binomial, params: {n: 10, p: 2}}")
    let binomial = try #require(Fixtures.error(initSnippet))
    #expect(binomial.position == SourcePosition(file: "test.yaml", line: 6, column: 68))
    #expect(binomial.description.contains("parameter 'p' is 2.0; it must be a number in [0, 1]"))
  }

  @Test func convolutionsTakePopulationsOfAnySize() throws {
    // A 2x2 input and a 1x3 output between populations of 3 neurons, as GeNN allows.
    let text =
      Self.population + """
        synapses:
          S:
            source: E
            target: E
            connectivity:
              toeplitz: Conv2D
              params: {conv_kh: 1, conv_kw: 1, conv_ih: 2, conv_iw: 2, conv_ic: 1, conv_oh: 1, conv_ow: 3, conv_oc: 1}
            weight_update: {model: StaticPulse, vars: {g: 1}}

        """
    let file = try ModelFile.parse(text, path: "test.yaml", directory: nil)
    #expect(file.model.synapsePopulations.map(\.name) == ["S"])
  }
}
