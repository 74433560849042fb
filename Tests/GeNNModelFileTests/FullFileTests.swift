import Foundation
import GeNNModel
import GeNNModelFile
import Testing

/// The full-featured fixture loads into the model it describes, field by field.
@Suite struct FullFileTests {
  static func load() throws -> ModelFile { try ModelFile.load(path: Fixtures.path("full.yaml")) }

  @Test func header() throws {
    let file = try Self.load()
    #expect(file.model.name == "full_featured")
    #expect(file.model.precision == .double)
    #expect(file.model.timePrecision == .float)
    #expect(file.model.dt == 0.5)
    #expect(file.model.seed == 42)
    #expect(file.run == RunDefaults(length: .milliseconds(100), seed: 42))
    #expect(try file.run.length?.steps(dt: file.model.dt) == 200)
  }

  @Test func neuronPopulations() throws {
    let model = try Self.load().model
    #expect(model.neuronPopulations.map(\.name) == ["Exc", "Inh", "Adaptive", "Source"])
    let exc = try #require(model.neuronPopulation(named: "Exc"))
    #expect(exc.size == 8)
    #expect(exc.model.name == "LIF")
    #expect(exc.params["TauM"] == 20)
    #expect(exc.params.count == 7)
    #expect(exc.recordSpikes)
    guard case .snippet(let snippet, let params)? = exc.vars["V"] else {
      Issue.record("V is not a snippet")
      return
    }
    #expect(snippet.name == "Uniform")
    #expect(params == ["min": -70, "max": -50])
    let inh = try #require(model.neuronPopulation(named: "Inh"))
    #expect(inh.params["TauM"] == 10)
    #expect(inh.params["Vthresh"] == -50)
    guard case .values(let values)? = inh.vars["V"] else {
      Issue.record("Inh's V is not a list")
      return
    }
    #expect(values == [-65, -60, -55, -52])
    let source = try #require(model.neuronPopulation(named: "Source"))
    #expect(source.extraGlobalParams["spikeTimes"] == [1, 5, 2])
  }

  @Test func inlineNeuronModel() throws {
    let population = try #require(try Self.load().model.neuronPopulation(named: "Adaptive"))
    let model = population.model
    #expect(model.name == "AdaptiveLIF")
    #expect(model.params == ["tau", "Vthresh", "beta"])
    #expect(model.derivedParams.map(\.name) == ["decay", "halfDecay"])
    #expect(model.derivedParams.map(\.formula) == ["exp(-dt / tau)", "decay * 0.5"])
    #expect(
      model.vars == [
        Variable("V"), Variable("A"), Variable("gain", "scalar", access: .readOnly),
      ])
    #expect(model.extraGlobalParams == [ExtraGlobalParameter("drive", "scalar*")])
    #expect(
      model.additionalInputVars == [
        AdditionalInputVariable("Iextra"), AdditionalInputVariable("Ibias", initialValue: 1.5),
      ])
    #expect(model.simCode.hasPrefix("V = (V * decay)"))
    #expect(model.simCode.hasSuffix("A *= halfDecay;\n"))
    #expect(model.thresholdConditionCode == "V >= Vthresh + A")
    #expect(model.resetCode == "V = 0.0;\nA += beta;\n")
    #expect(population.recordSpikeEvents)
    #expect(population.extraGlobalParams["drive"] == [0.1, 0.2, 0.3])
    guard case .snippet(let snippet, let params)? = population.vars["A"] else {
      Issue.record("A is not a snippet")
      return
    }
    #expect(snippet.code == "value = scale * id;")
    #expect(params == ["scale": 0.1])
  }

  @Test func currentSources() throws {
    let model = try Self.load().model
    #expect(model.currentSources.map(\.name) == ["Drive", "Noise"])
    #expect(model.currentSources[0].model.name == "DC")
    #expect(model.currentSources[0].params == ["amp": 0.5])
    #expect(model.currentSources[1].target == "Inh")
    #expect(model.currentSources[1].model.name == "Noise")
    #expect(model.currentSources[1].model.injectionCode.contains("injectCurrent(level);"))
  }

  @Test func synapsePopulations() throws {
    let model = try Self.load().model
    #expect(
      model.synapsePopulations.map(\.name) == ["ExcInh", "InhExc", "Plastic", "Listed", "Graded"])
    let excInh = model.synapsePopulations[0]
    #expect(excInh.matrixType == .sparse)
    #expect(excInh.axonalDelaySteps == 2)
    #expect(excInh.postsynaptic.name == "ExpCond")
    #expect(excInh.postsynapticParams == ["tau": 5, "E": 0])
    guard case .snippet(let snippet, let params) = excInh.connectivity else {
      Issue.record("ExcInh's connectivity is not a snippet")
      return
    }
    #expect(snippet.name == "FixedProbability")
    #expect(params == ["prob": 0.5])
    let inhExc = model.synapsePopulations[1]
    #expect(inhExc.matrixType == .dense)
    #expect(inhExc.weightUpdateParams == ["g": -0.2])
    let listed = model.synapsePopulations[3]
    #expect(listed.maxDendriticDelaySteps == 4)
    guard case .explicit(let pre, let post) = listed.connectivity else {
      Issue.record("Listed's connectivity is not a list")
      return
    }
    #expect(pre == [0, 1, 2] && post == [1, 2, 3])
    let graded = model.synapsePopulations[4]
    #expect(graded.matrixType == .sparse)
    #expect(graded.preVarRefs == ["V": "V"])
    guard case .snippet(let band, let bandParams) = graded.connectivity else {
      Issue.record("Graded's connectivity is not a snippet")
      return
    }
    #expect(band.name == "Band")
    #expect(band.paramTypes == ["width": "int"])
    #expect(band.maxRowLength(3, 4, bandParams) == 2)
  }

  @Test func inlineSynapseModels() throws {
    let plastic = try #require(
      try Self.load().model.synapsePopulations.first { $0.name == "Plastic" })
    let update = plastic.weightUpdate
    #expect(update.name == "TraceSTDP")
    #expect(update.preVars == [Variable("xPre")] && update.postVars == [Variable("xPost")])
    #expect(update.postNeuronVarRefs == [NeuronVarReference("Vpost")])
    #expect(update.psmVarRefs == [NeuronVarReference("trace")])
    #expect(update.preSpikeSynCode == "addToPost(w);\nw -= rate * xPost;\n")
    #expect(update.postSpikeSynCode == "w += rate * xPre;\n")
    #expect(update.synapseDynamicsCode == "w = fmax(w, 0.0);\n")
    #expect(update.preSpikeCode == "xPre += 1.0;\n" && update.postSpikeCode == "xPost += 1.0;\n")
    #expect(update.preDynamicsCode == "xPre *= decayPre;\n")
    #expect(update.postDynamicsCode == "xPost *= exp(-dt / tauPost);\n")
    #expect(plastic.postVarRefs == ["Vpost": "V"] && plastic.psmVarRefs == ["trace": "x"])
    #expect(plastic.backPropDelaySteps == 1)
    #expect(plastic.postsynaptic.name == "TracePSM")
    #expect(plastic.postsynaptic.neuronVarRefs == [NeuronVarReference("Vm")])
    #expect(plastic.postsynapticVarRefs == ["Vm": "V"])
    guard case .values(let weights)? = plastic.weightUpdateVars["w"] else {
      Issue.record("w is not a list")
      return
    }
    #expect(weights == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
  }

  @Test func recording() throws {
    let file = try Self.load()
    #expect(file.recording.spikes == ["Exc", "Inh"])
    #expect(file.recording.spikeEvents == ["Adaptive"])
    #expect(file.model.neuronPopulation(named: "Inh")?.recordSpikes == true)
    #expect(
      file.recording.variables == [
        VariableRecording(element: .neuronPopulation("Exc"), variable: "V", everySteps: 2),
        VariableRecording(element: .synapsePopulation("Plastic"), variable: "w"),
        VariableRecording(element: .currentSource("Noise"), variable: "level", everySteps: 10),
      ])
  }

  @Test func sourceMapPositions() throws {
    let file = try Self.load()
    let path = Fixtures.path("full.yaml")
    #expect(
      file.position(of: .neuronPopulation("Exc")) == SourcePosition(file: path, line: 18, column: 3)
    )
    #expect(file.sourceMap.position(of: "synapses.Plastic.back_prop_delay_steps")?.line == 161)
  }
}
