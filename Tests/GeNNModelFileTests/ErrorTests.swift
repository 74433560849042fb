import Foundation
import GeNNModelFile
import GeNNNPY
import Testing

/// Each kind of error names the file, line and column of the entry at fault, what is
/// wrong and what is allowed.
@Suite struct ErrorTests {
  /// A minimal valid population, for files that break something else.
  static let population = """
    neurons:
      E:
        size: 3
        model: LIF
        params: {C: 1, TauM: 20, Vrest: -65, Vreset: -70, Vthresh: -50, Ioffset: 0, TauRefrac: 2}
        vars: {V: -65, RefracTime: 0}

    """

  @Test func missingFile() throws {
    do {
      _ = try ModelFile.load(path: "/nonexistent/folder/model.yaml")
      Issue.record("a missing file loaded")
    } catch {
      #expect(error.position.line == 0)
      #expect(
        error.description
          == "/nonexistent/folder/model.yaml: error: cannot read the model file: no file exists "
          + "at this path")
    }
  }

  @Test func folderInsteadOfFile() throws {
    let folder = try Fixtures.temporaryFolder()
    #expect(throws: ModelFileError.self) { try ModelFile.load(path: folder.path) }
  }

  /// A model file read from a pipe (`genn run <(make-model)`) loads; a device that never
  /// ends stops at the limit with an error, and an empty one is an empty model file.
  @Test func filesThatAreNotRegularFiles() throws {
    #if os(Linux)
      let folder = try Fixtures.temporaryFolder()
      let pipe = folder.appendingPathComponent("model.pipe").path
      #expect(mkfifo(pipe, 0o600) == 0)
      let text = Self.population + "run: {duration: 1}\n"
      let writer = Thread {
        if let handle = FileHandle(forWritingAtPath: pipe) {
          handle.write(Data(text.utf8))
          try? handle.close()
        }
      }
      writer.start()
      let loaded = try ModelFile.load(path: pipe)
      #expect(loaded.model.neuronPopulations.map(\.name) == ["E"])
      do {
        _ = try ModelFile.load(path: "/dev/zero")
        Issue.record("/dev/zero loaded")
      } catch {
        #expect(
          error.description
            == "/dev/zero: error: cannot read the model file: it is not a regular file and gave "
            + "more than 256 MiB; give the path of a .yaml model file")
      }
      #expect(throws: ModelFileError.self) { try ModelFile.load(path: "/dev/null") }
    #endif
  }

  @Test func syntaxError() throws {
    let error = try #require(Fixtures.error("neurons:\n  E: {size: 3\n  F: 2\n"))
    #expect(error.position.file == "test.yaml")
    #expect(error.position.line == 3)
    #expect(error.description.hasPrefix("test.yaml:3:"))
    #expect(error.description.contains("error: the file is not valid YAML"))
  }

  @Test func syntaxErrorInFixture() throws {
    do {
      _ = try ModelFile.load(path: Fixtures.path("errors/bad-indentation.yaml"))
      Issue.record("the file loaded")
    } catch {
      #expect(error.position.line == 5)
      #expect(error.description.contains("bad-indentation.yaml:5:"))
    }
  }

  @Test func duplicateKey() throws {
    let text = Self.population + "  E:\n    size: 2\n    model: LIF\n"
    let error = try #require(Fixtures.error(text))
    #expect(error.description.contains("the key 'E' more than once"))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 7, column: 3))
  }

  @Test func unknownKeyWithSuggestion() throws {
    let error = try #require(Fixtures.error("neurons:\n  E:\n    sise: 3\n    model: LIF\n"))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 3, column: 5))
    #expect(
      error.description
        == "test.yaml:3:5: error: unknown key 'sise' in 'neurons.E'; did you mean 'size'? "
        + "Allowed keys: size, model, params, vars, extra_global_params, record_spikes, "
        + "record_spike_events, dynamic_params.")
  }

  @Test func unknownTopLevelKey() throws {
    let error = try #require(Fixtures.error(Self.population + "synapse:\n  {}\n"))
    #expect(error.position.line == 7 && error.position.column == 1)
    #expect(
      error.description.contains("unknown key 'synapse' at the top level; did you mean 'synapses'?")
    )
  }

  @Test func unknownParameter() throws {
    let text = Self.population.replacing("Vthresh: -50", with: "Vthres: -50")
    let error = try #require(Fixtures.error(text))
    #expect(error.position.line == 5)
    #expect(
      error.description.contains(
        "unknown key 'Vthres' in 'neurons.E.params'; did you mean 'Vthresh'?"))
  }

  @Test func missingRequiredKey() throws {
    let error = try #require(Fixtures.error("neurons:\n  E:\n    model: LIF\n"))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 3, column: 5))
    #expect(error.description == "test.yaml:3:5: error: 'neurons.E' needs the key 'size'.")
  }

  @Test func missingNeurons() throws {
    let error = try #require(Fixtures.error("dt: 0.1\n"))
    #expect(
      error.description
        == "test.yaml:1:1: error: the top level of the file needs the key 'neurons'.")
  }

  @Test func stringWhereNumberIsNeeded() throws {
    let text = Self.population.replacing("TauM: 20", with: "TauM: twenty")
    let error = try #require(Fixtures.error(text))
    #expect(error.position.line == 5)
    #expect(error.position.column == 26)
    #expect(
      error.description.hasSuffix(
        "error: 'neurons.E.params.TauM' is the string 'twenty'; it must be a number."))
  }

  @Test func quotedNumberIsAString() throws {
    let error = try #require(Fixtures.error("neurons:\n  E:\n    size: \"3\"\n    model: LIF\n"))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 3, column: 11))
    #expect(
      error.description.contains("'neurons.E.size' is the string '3'; it must be a whole number"))
  }

  @Test func listWhereMappingIsNeeded() throws {
    let error = try #require(Fixtures.error("neurons:\n  - E\n"))
    #expect(error.position.line == 2)
    #expect(
      error.description.contains("'neurons' is a list; it must be a mapping from population names"))
  }

  @Test func unknownBuiltinModel() throws {
    let error = try #require(Fixtures.error("neurons:\n  E:\n    size: 3\n    model: LIFF\n"))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 4, column: 12))
    #expect(
      error.description.contains(
        "there is no built-in neuron model named 'LIFF'; did you mean 'LIF'?"))
    #expect(error.description.contains("Available: Izhikevich, IzhikevichVariable, LIF, Poisson"))
  }

  @Test func unknownSnippet() throws {
    let text = Self.population.replacing(
      "V: -65,", with: "V: {snippet: Uniformm, params: {min: 0, max: 1}},")
    let error = try #require(Fixtures.error(text))
    #expect(error.position.line == 6)
    #expect(
      error.description.contains(
        "no built-in variable initialisation snippet named 'Uniformm'; did you mean 'Uniform'?"))
  }

  @Test func unknownConnectivitySnippet() throws {
    let text =
      Self.population + """
        synapses:
          EE:
            source: E
            target: E
            connectivity: {snippet: FixedProb, params: {prob: 0.1}}
            weight_update: {model: StaticPulseConstantWeight, params: {g: 1}}

        """
    let error = try #require(Fixtures.error(text))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 11, column: 29))
    #expect(error.description.contains("Available: Conv2D, FixedNumberPostWithReplacement"))
  }

  @Test func unknownPopulation() throws {
    let text =
      Self.population + """
        current_sources:
          Drive: {model: DC, target: Exc, params: {amp: 1}}

        """
    let error = try #require(Fixtures.error(text))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 8, column: 30))
    #expect(error.description.contains("there is no neuron population named 'Exc'"))
    #expect(error.description.contains("Available: E."))
  }

  @Test func valuesOutOfRange() throws {
    let dt = try #require(Fixtures.error("dt: -0.1\n" + Self.population))
    #expect(dt.position == SourcePosition(file: "test.yaml", line: 1, column: 5))
    #expect(dt.description.contains("'dt' is -0.1; it must be a positive number of milliseconds"))
    let size = try #require(Fixtures.error(Self.population.replacing("size: 3", with: "size: 0")))
    #expect(size.position == SourcePosition(file: "test.yaml", line: 3, column: 11))
    #expect(size.description.contains("'neurons.E.size' is 0; it must be between 1 and 2147483647"))
    let precision = try #require(Fixtures.error("precision: half\n" + Self.population))
    #expect(precision.description.contains("'precision' is 'half'; it must be float or double"))
  }

  @Test func wrongListLength() throws {
    let text = Self.population.replacing("V: -65,", with: "V: [1, 2],")
    let error = try #require(Fixtures.error(text))
    #expect(error.position.line == 6)
    #expect(
      error.description.contains("'neurons.E.vars.V' has 2 values; it needs 3, one per neuron"))
  }

  @Test func conflictingRunKeys() throws {
    let error = try #require(Fixtures.error(Self.population + "run: {duration: 10, steps: 5}\n"))
    #expect(error.position.line == 7)
    #expect(error.description.contains("'duration', 'steps' cannot both be given"))
  }

  @Test func unknownRecordedVariable() throws {
    let text = Self.population + "record:\n  vars:\n    - {population: E, var: U}\n"
    let error = try #require(Fixtures.error(text))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 9, column: 28))
    #expect(error.description.contains("no variable of neuron population 'E' named 'U'"))
    #expect(error.description.contains("Available: V, RefracTime."))
  }

  @Test func missingNPYFile() throws {
    let folder = try Fixtures.temporaryFolder()
    let text = Self.population.replacing("V: -65,", with: "V: {npy: missing.npy},")
    let error = try #require(Fixtures.error(text, folder: folder))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 6, column: 21))
    #expect(error.description.contains("cannot read the NumPy file 'missing.npy': no file exists"))
  }

  @Test func npyOfWrongShape() throws {
    let folder = try Fixtures.temporaryFolder()
    try NPYArray([1.0, 2, 3, 4, 5]).write(to: folder.appendingPathComponent("v.npy"))
    let text = Self.population.replacing("V: -65,", with: "V: {npy: v.npy},")
    let error = try #require(Fixtures.error(text, folder: folder))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 6, column: 21))
    #expect(
      error.description.contains(
        "the NumPy file 'v.npy' holds an array of shape (5); it must hold 3 values, one per "
          + "neuron (shape (3,))"))
  }

  @Test func npyOfWrongType() throws {
    let folder = try Fixtures.temporaryFolder()
    try NPYArray([true, false, true]).write(to: folder.appendingPathComponent("v.npy"))
    try NPYArray([0.0, 1.5]).write(to: folder.appendingPathComponent("pre.npy"))
    let text = Self.population.replacing("V: -65,", with: "V: {npy: v.npy},")
    let error = try #require(Fixtures.error(text, folder: folder))
    #expect(error.description.contains("holds booleans; it must hold numbers"))
    let connectivity =
      Self.population + """
        synapses:
          EE:
            source: E
            target: E
            connectivity: {pre: {npy: pre.npy}, post: [0, 1]}
            weight_update: {model: StaticPulseConstantWeight, params: {g: 1}}

        """
    let indices = try #require(Fixtures.error(connectivity, folder: folder))
    #expect(indices.position == SourcePosition(file: "test.yaml", line: 11, column: 31))
    #expect(indices.description.contains("holds elements of type <f8; it must hold integers"))
  }

  @Test func validationProblemAtItsEntry() throws {
    let text = Self.population.replacing("TauM: 20, ", with: "")
    let error = try #require(Fixtures.error(text))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 5, column: 5))
    #expect(
      error.description
        == "test.yaml:5:5: error: neuron population 'E': parameter 'TauM' has no value; "
        + "parameters are: C (nF), TauM (ms), Vrest (mV), Vreset (mV), Vthresh (mV), "
        + "Ioffset (nA), TauRefrac (ms).")
  }

  @Test func validationProblemsOfSynapses() throws {
    let text =
      Self.population + """
        synapses:
          EE:
            source: E
            target: E
            connectivity: {pre: [0, 7], post: [1, 2]}
            weight_update: {model: StaticPulse}

        """
    let error = try #require(Fixtures.error(text))
    let all = error.all
    #expect(all.count == 2)
    #expect(
      all.contains { $0.position.line == 11 && $0.description.contains("index 7 is out of range") })
    #expect(
      all.contains {
        $0.position.line == 12 && $0.description.contains("variable 'g' has no initial value")
      })
  }

  @Test func neverCrashesOnOddInput() throws {
    let inputs = [
      "", "~", "[]", "42", "neurons: 3", "neurons: {E: 3}", "neurons: {E: {size: -1, model: []}}",
      "neurons: {E: {size: 1e30, model: LIF}}", "neurons: {E: {size: .nan, model: LIF}}",
      "neurons: {? [a]: 1}", "neurons:\n  E: &a {size: 1, model: *a}", "\t", "neurons: !!binary x",
      "neurons: {E: {size: 2, model: {sim_code: [1]}}}", "run: {steps: -1}\nneurons: {}",
      "neurons: {}\nsynapses: {S: {source: 1, target: 2, weight_update: 3}}",
      "neurons: {E: {size: 2, model: Poisson, params: {rate: 1}, vars: {timeStepToSpike: {kernel: [1]}}}}",
      "neurons: {E: {size: 2, model: LIF}}\nsynapses: {S: {source: E, target: E, connectivity: {toeplitz: {diagonal_build_code: x, max_row_length: '(', kernel_size: [a]}}, weight_update: {model: StaticPulse}}}}",
    ]
    for input in inputs {
      do {
        _ = try ModelFile.parse(input, path: "odd.yaml")
      } catch {
        #expect(error.description.hasPrefix("odd.yaml"))
      }
    }
  }
}
