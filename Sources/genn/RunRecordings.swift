import GeNNCodeGen
import GeNNModel
import GeNNModelFile
import GeNNRuntime

/// What a run recorded, gathered from the simulation once it has run, as the model file
/// asked: spikes per neuron population, spike-like events per synapse population and
/// side, and sampled variables.
struct RunRecordings {
  /// One neuron population's spikes (`nil` when they were not recorded).
  struct Spikes {
    var population: NeuronPopulation
    var recording: SpikeRecording?
  }

  /// One synapse population's spike-like events on one side.
  struct Events {
    var synapses: String
    var side: SynapseSide
    var neuronPopulation: String
    var neurons: Int
    var recording: SpikeRecording
  }

  /// One recorded variable.
  struct Variable {
    var request: GeNNModelFile.VariableRecording
    var recording: GeNNRuntime.VariableRecording
  }

  var spikes: [Spikes]
  var events: [Events]
  var variables: [Variable]

  /// Starts the recordings of `plan` on `simulation` (spikes are recorded by the model
  /// itself); returns each recorded variable's name (`ELEMENT.VAR`), values per sample
  /// and sampling interval, for the ``RecordingBudget``.
  static func start(_ plan: RecordingPlan, on simulation: any NetworkSimulation)
    throws(CommandError) -> [(name: String, width: Int, everySteps: Int)]
  {
    var variables: [(name: String, width: Int, everySteps: Int)] = []
    for request in plan.variables {
      do {
        try simulation.record(
          request.variable, of: request.element.name, every: request.everySteps)
        let width = try simulation.recording(of: request.variable, in: request.element.name)
          .width
        variables.append(
          ("\(request.element.name).\(request.variable)", width, request.everySteps))
      } catch {
        throw .build("cannot record \(request.element) variable '\(request.variable)': \(error)")
      }
    }
    return variables
  }

  /// Gathers what `simulation` recorded under `plan`.
  init(_ plan: RecordingPlan, from simulation: any NetworkSimulation) throws(CommandError) {
    let model = simulation.model
    spikes = model.neuronPopulations.map { population in
      Spikes(
        population: population,
        recording: population.recordSpikes ? try? simulation.spikes(of: population.name) : nil)
    }
    events = []
    for synapses in model.synapsePopulations {
      for side in [SynapseSide.presynaptic, .postsynaptic] {
        guard let recording = try? simulation.spikeEvents(of: synapses.name, side: side)
        else { continue }
        let neurons = side == .presynaptic ? synapses.source : synapses.target
        events.append(
          Events(
            synapses: synapses.name, side: side, neuronPopulation: neurons,
            neurons: model.neuronPopulation(named: neurons)?.size ?? 0, recording: recording))
      }
    }
    variables = []
    for request in plan.variables {
      do {
        variables.append(
          Variable(
            request: request,
            recording: try simulation.recording(
              of: request.variable, in: request.element.name)))
      } catch {
        throw .build("\(request.element) variable '\(request.variable)': \(error)")
      }
    }
  }
}

extension ModelElement {
  /// The element's kind as `summary.json` names it.
  var kind: String {
    switch self {
    case .neuronPopulation: "neuron_population"
    case .currentSource: "current_source"
    case .synapsePopulation: "synapse_population"
    case .customUpdate: "custom_update"
    case .customConnectivityUpdate: "custom_connectivity_update"
    }
  }
}
