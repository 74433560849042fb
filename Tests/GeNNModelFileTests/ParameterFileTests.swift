import Foundation
import GeNNModel
import GeNNModelFile
import Testing

/// A model file's `parameters:` and the `${...}` expressions that use them wherever a
/// number goes, with overrides.
@Suite struct ParameterFileTests {
  /// A small network whose sizes, parameters, initial values, connectivity, delays and
  /// run length come from parameters.
  static let text = """
    parameters:
      scale: 0.5
      N: ${round(100 * scale)}
      g: 0.25
      tau: ${2 * pi}
    neurons:
      E:
        size: ${N}
        model: LIF
        params: {C: 0.25, TauM: "${10 * (1 + scale)}", Vrest: -65, Vreset: -65, Vthresh: -50,
                 Ioffset: 0, TauRefrac: 2}
        vars: {V: "${-65 + 5}", RefracTime: 0}
      I: {size: "${N / 2}", model: Poisson, params: {rate: 10}, vars: {timeStepToSpike: 0}}
    synapses:
      IE:
        source: I
        target: E
        matrix_type: SPARSE
        connectivity: {snippet: FixedProbability, params: {prob: "${0.1 * scale}"}}
        weight_update: {model: StaticPulse, vars: {g: "${g}"}}
        postsynaptic: {model: ExpCurr, params: {tau: "${tau}"}}
        axonal_delay_steps: ${N / 10}
    run:
      duration: ${N * 2}
    """

  @Test func expressionsUseTheParameters() throws {
    let file = try ModelFile.parse(Self.text, path: "p.yaml")
    #expect(file.parameters.names == ["scale", "N", "g", "tau"])
    #expect(file.parameters["N"] == 50)
    let excitatory = try #require(file.model.neuronPopulations.first { $0.name == "E" })
    #expect(excitatory.size == 50)
    #expect(excitatory.params["TauM"] == 15)
    guard case .constant(let initial) = excitatory.vars["V"] else {
      Issue.record("V is not a constant")
      return
    }
    #expect(initial == -60)
    #expect(file.model.neuronPopulations.first { $0.name == "I" }?.size == 25)
    let synapses = try #require(file.model.synapsePopulations.first)
    #expect(synapses.axonalDelaySteps == 5)
    #expect(synapses.postsynapticParams["tau"] == 2 * Double.pi)
    #expect(file.run.length == .milliseconds(100))
  }

  @Test func listItemsMayBeExpressions() throws {
    let file = try ModelFile.parse(
      """
      parameters: {x: 3}
      neurons: {E: {size: 2, model: Poisson, params: {rate: 1}, vars: {timeStepToSpike: ["${x}", 1]}}}
      """, path: "p.yaml")
    guard case .values(let values) = file.model.neuronPopulations[0].vars["timeStepToSpike"] else {
      Issue.record("the list was not read as values")
      return
    }
    #expect(values == [3, 1])
  }

  /// A file with `parameters: {k: 3}` and a SPARSE population of 4 neurons onto
  /// themselves whose snippet's `max_row_length` is `length` (line 8).
  static func rowLengthFile(_ length: String) -> String {
    """
    parameters: {k: 3}
    neurons: {N: {size: 4, model: Poisson, params: {rate: 1}, vars: {timeStepToSpike: 0}}}
    synapses:
      S:
        source: N
        target: N
        matrix_type: SPARSE
        connectivity: {snippet: {row_build_code: 'addSynapse(0);', max_row_length: "\(length)"}}
        weight_update: {model: StaticPulseConstantWeight, params: {g: 1}}
    """
  }

  @Test func snippetSizesMayBeExpressions() throws {
    let file = try ModelFile.parse(Self.rowLengthFile("${k + 1}"), path: "p.yaml")
    guard case .snippet(let snippet, _) = file.model.synapsePopulations[0].connectivity else {
      Issue.record("the connectivity is not a snippet")
      return
    }
    #expect(snippet.maxRowLength(4, 4, [:]) == 4)
  }

  /// A maximum row length that is negative, or no number, for the populations' sizes is
  /// an error at the synapse population (it was taken as 1 or `num_post`).
  @Test(arguments: [
    ("-5", "negative or not a number for these populations (-1)"),
    ("num_post - 20", "negative or not a number for these populations (-1)"),
    ("0 / 0", "negative or not a number for these populations (-1)"),
    ("num_post / 0", "makes rows of up to 1000000000000000 synapses"),
  ])
  func aRowLengthThatIsNoLengthIsRefused(length: String, message: String) throws {
    do {
      _ = try ModelFile.parse(Self.rowLengthFile(length), path: "p.yaml")
      Issue.record("max_row_length \(length) was accepted")
    } catch {
      #expect(error.description.hasPrefix("p.yaml:8:"), "\(error)")
      #expect(error.description.contains(message), "\(error)")
    }
  }

  @Test func overridesReplaceParametersAndWhatFollowsThem() throws {
    let text = Self.text
    let file = try ModelFile.parse(
      text, path: "p.yaml", overrides: ModelOverrides(["scale": 1, "run.steps": 7, "seed": 3]))
    #expect(file.parameters["N"] == 100)
    #expect(file.model.neuronPopulations.first?.size == 100)
    #expect(file.run.length == .steps(7))
    #expect(file.model.seed == 3)
    let derived = try ModelFile.parse(text, path: "p.yaml", overrides: ModelOverrides(["N": 20]))
    #expect(derived.model.neuronPopulations.first?.size == 20)
    let duration = try ModelFile.parse(
      text, path: "p.yaml", overrides: ModelOverrides(["run.duration": 12.5]))
    #expect(duration.run.length == .milliseconds(12.5))
  }

  @Test func anUnknownOverrideListsTheParameters() throws {
    let text = Self.text
    do {
      _ = try ModelFile.parse(text, path: "p.yaml", overrides: ModelOverrides(["scal": 1]))
      Issue.record("an unknown name was accepted")
    } catch {
      #expect(
        error.description
          == "p.yaml: error: '--set': there is no parameter or setting named 'scal'; did you mean "
          + "'scale'? Available: scale, N, g, tau, seed, run.duration, run.steps.")
    }
  }

  @Test func anUnknownNameInAnExpressionIsReportedWhereItIs() throws {
    let text = """
      parameters: {scale: 1}
      neurons:
        E: {size: 10, model: Poisson, params: {rate: "${10 * scal}"}, vars: {timeStepToSpike: 0}}
      """
    let error = try #require(Fixtures.error(text))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 3, column: 56))
    #expect(error.description.contains("'neurons.E.params.rate': the expression '${10 * scal}'"))
    #expect(error.description.contains("unknown name 'scal'; did you mean 'scale'?"))
    #expect(error.description.contains("the parameters scale, pi"))
  }

  @Test func aParameterUsesOnlyTheOnesBeforeIt() throws {
    let text = """
      parameters: {a: ${b}, b: 1}
      neurons: {E: {size: 1, model: Poisson, params: {rate: 1}, vars: {timeStepToSpike: 0}}}
      """
    let error = try #require(
      Fixtures.error(text.replacing("{a: ${b}, b: 1}", with: "{a: \"${b}\", b: 1}")))
    #expect(error.description.contains("unknown name 'b'"))
    #expect(error.description.contains("no parameters are declared"))
  }

  @Test func sizesMustBeWholePositiveNumbers() throws {
    let fraction = try #require(
      Fixtures.error(
        """
        parameters: {N: 10.5}
        neurons: {E: {size: "${N}", model: Poisson, params: {rate: 1}, vars: {timeStepToSpike: 0}}}
        """))
    #expect(
      fraction.description.contains(
        "'neurons.E.size': the expression '${N}' cannot be used: it evaluates to 10.5; it must "
          + "give a whole number"))
    let negative = try #require(
      Fixtures.error(
        """
        parameters: {N: -3}
        neurons: {E: {size: "${N}", model: Poisson, params: {rate: 1}, vars: {timeStepToSpike: 0}}}
        """))
    #expect(negative.description.contains("'neurons.E.size' is ${N} = -3.0; it must be between 1"))
  }

  @Test func nonFiniteResultsAreErrors() throws {
    let error = try #require(
      Fixtures.error(
        """
        parameters: {x: 0}
        neurons: {E: {size: 1, model: Poisson, params: {rate: "${1 / x}"}, vars: {timeStepToSpike: 0}}}
        """))
    #expect(error.description.contains("it evaluates to inf; it must give a finite number"))
    let parameter = try #require(Fixtures.error("parameters: {x: .inf}\nneurons: {}"))
    #expect(parameter.description.contains("'parameters.x' is inf; it must be a finite number"))
  }

  @Test func expressionsComputeOnly() throws {
    for bad in ["${x = 3}", "${printf(\"hi\")}", "${system(1)}", "${a[0]}", "${x++}"] {
      let error = try #require(
        Fixtures.error(
          """
          parameters: {x: 1}
          neurons: {E: {size: 1, model: Poisson, params: {rate: "\(bad.replacing("\"", with: "\\\""))"}, vars: {timeStepToSpike: 0}}}
          """))
      #expect(error.description.contains("cannot be used"), "\(bad): \(error)")
    }
    let long = "${" + String(repeating: "1+", count: 600) + "1}"
    let error = try #require(
      Fixtures.error("neurons: {E: {size: 1, model: Poisson, params: {rate: \"\(long)\"}}}"))
    #expect(error.description.contains("at most 1000 are allowed"))
  }

  @Test func badParameterNamesAreRefused() throws {
    let reserved = try #require(Fixtures.error("parameters: {pi: 3}\nneurons: {}"))
    #expect(reserved.description.contains("'pi' is the constant expressions use"))
    let invalid = try #require(Fixtures.error("parameters: {2x: 3}\nneurons: {}"))
    #expect(invalid.description.contains("a parameter name"))
    let wrong = try #require(Fixtures.error("parameters: {x: abc}\nneurons: {}"))
    #expect(wrong.description.contains("'parameters.x' is the string 'abc'; it must be a number"))
  }

  @Test func settingOverridesAreChecked() throws {
    let text =
      "neurons: {E: {size: 1, model: Poisson, params: {rate: 1}, vars: {timeStepToSpike: 0}}}"
    for (name, value) in [("seed", -1.0), ("run.steps", 1.5), ("run.duration", -2.0)] {
      #expect(throws: ModelFileError.self) {
        try ModelFile.parse(text, path: "p.yaml", overrides: ModelOverrides([name: value]))
      }
    }
  }
}
