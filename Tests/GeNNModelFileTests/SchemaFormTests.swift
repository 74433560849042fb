import Foundation
import GeNNModel
import GeNNModelFile
import GeNNNPY
import Testing

/// The shorter and rarer forms the schema allows.
@Suite struct SchemaFormTests {
  static let population = """
    neurons:
      N: {size: 4, model: Izhikevich, params: {a: 1, b: 1, c: 1, d: 1}, vars: {V: 1, U: 1}}

    """

  @Test func defaultsAndExtensionKeys() throws {
    let file = try ModelFile.parse(
      "x-anything: {a: [1, 2]}\n" + Self.population + "run: {steps: 250}\n",
      path: "folder/my model-1.yaml")
    #expect(file.model.name == "my_model_1")
    #expect(file.model.precision == .float && file.model.timePrecision == .float)
    #expect(file.model.dt == 0.1 && file.model.seed == 1234)
    #expect(file.run == RunDefaults(length: .steps(250), seed: nil))
    #expect(try file.run.length?.steps(dt: 0.1) == 250)
    let digits = try ModelFile.parse(Self.population, path: "2003.yaml")
    #expect(digits.model.name == "model_2003")
  }

  @Test func connectivityShorthandAndDefaultPostsynapticModel() throws {
    let file = try ModelFile.parse(
      Self.population + """
        synapses:
          S:
            source: N
            target: N
            connectivity: OneToOne
            weight_update: {model: StaticPulse, vars: {g: 0.5}}
        """, path: "m.yaml")
    let synapses = try #require(file.model.synapsePopulations.first)
    #expect(synapses.matrixType == .sparse)
    #expect(synapses.postsynaptic.name == "DeltaCurr")
    guard case .snippet(let snippet, let params) = synapses.connectivity else {
      Issue.record("the connectivity is not a snippet")
      return
    }
    #expect(snippet.name == "OneToOne" && params.isEmpty)
  }

  @Test func kernelInitialiserFromNPY() throws {
    let folder = try Fixtures.temporaryFolder()
    try NPYArray([0.1, 0.2, 0.3, 0.4]).write(to: folder.appendingPathComponent("kernel.npy"))
    let text =
      Self.population + """
        synapses:
          S:
            source: N
            target: N
            matrix_type: SPARSE
            connectivity:
              snippet: Conv2D
              params: {conv_kh: 2, conv_kw: 2, conv_sh: 1, conv_sw: 1, conv_padh: 0, conv_padw: 0,
                       conv_ih: 2, conv_iw: 2, conv_ic: 1, conv_oh: 2, conv_ow: 2, conv_oc: 1}
            weight_update: {model: StaticPulse, vars: {g: {kernel: {npy: kernel.npy}}}}
        """
    let file = try ModelFile.parse(text, path: "m.yaml", directory: folder)
    guard case .kernel(let values)? = file.model.synapsePopulations.first?.weightUpdateVars["g"]
    else {
      Issue.record("g is not a kernel")
      return
    }
    #expect(values == [0.1, 0.2, 0.3, 0.4])
  }

  @Test func inlineSnippetsWithFormulas() throws {
    let text =
      Self.population + """
        synapses:
          S:
            source: N
            target: N
            connectivity:
              snippet:
                params: {num: unsigned int, scale: scalar}
                col_build_code: |
                  for (unsigned int c = 0; c < num; c++) {
                    addSynapse((id_post + c) % num_pre);
                  }
                max_row_length: num * 2
                kernel_size: [num, 3]
              params: {num: 2, scale: 0.5}
            weight_update: {model: StaticPulseConstantWeight, params: {g: 1}}
        """
    let file = try ModelFile.parse(text, path: "m.yaml")
    guard
      case .snippet(let snippet, let params)? = file.model.synapsePopulations.first?.connectivity
    else {
      Issue.record("the connectivity is not a snippet")
      return
    }
    #expect(snippet.name == "S_snippet")
    #expect(snippet.params == ["num", "scale"] && snippet.paramTypes == ["num": "unsigned int"])
    #expect(snippet.colBuildCode.hasPrefix("for (unsigned int c = 0;"))
    #expect(snippet.maxRowLength(4, 4, params) == 4)
    #expect(snippet.kernelSize?(params) == [2, 3])
  }

  @Test func formulaErrorAtItsPosition() throws {
    let text = """
      neurons:
        N:
          size: 2
          model:
            derived_params: {x: exp(-dt / tauu)}
      """
    let error = try #require(Fixtures.error(text))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 5, column: 37))
    #expect(
      error.description.contains(
        "formula 'neurons.N.model.derived_params.x': unknown name 'tauu'"))
  }

  @Test func variableDeclarationsAsLists() throws {
    let text = """
      neurons:
        N:
          size: 2
          model:
            vars: [V, U]
            sim_code: V += U;
          vars: {V: 0, U: 1}
      record:
        spikes: N
        spike_events: [N]
      """
    let file = try ModelFile.parse(text, path: "m.yaml")
    let population = try #require(file.model.neuronPopulation(named: "N"))
    #expect(population.model.vars == [Variable("V"), Variable("U")])
    #expect(population.model.simCode == "V += U;")
    #expect(population.recordSpikes && population.recordSpikeEvents)
    #expect(file.recording.spikes == ["N"] && file.recording.spikeEvents == ["N"])
  }
}
