import Foundation
import GeNNModelFile
import GeNNNPY
import GeNNPlot
import GeNNRuntime

/// A finished run's output folder: recordings as NumPy files, the pictures and
/// `summary.json` (the layout is in docs/genn-command.md).
struct RunOutput {
  var file: ModelFile
  var backend: BackendChoice.Selection
  var threads: Int
  var steps: Int
  var build: Simulation.BuildInfo
  var compiler: String
  var sourcePath: String
  var simulateSeconds: Double
  /// The phases' times where the model measures them (`timing: true`).
  var phases: SimulationTiming?
  /// How often each custom update group of the file's schedule ran.
  var customUpdateRuns: [Int]
  /// What the result can be traced back to.
  var provenance: RunProvenance
  var recordings: RunRecordings

  /// The model time run, in ms.
  var duration: Double { Double(steps) * file.model.dt }

  /// Writes every file into `folder` and returns the summary written.
  @discardableResult
  func write(to folder: URL) throws(CommandError) -> RunSummary {
    var populations: [RunSummary.Population] = []
    var rasterPopulations: [SpikeRaster.Population] = []
    for spikes in recordings.spikes {
      let population = spikes.population
      guard let recording = spikes.recording else {
        populations.append(
          RunSummary.Population(
            name: population.name, neurons: population.size, spikesRecorded: false))
        continue
      }
      let stem = "spikes/\(population.name)"
      try Self.save(NPYArray(recording.times), to: "\(stem).times.npy", in: folder)
      try Self.save(NPYArray(recording.ids), to: "\(stem).ids.npy", in: folder)
      populations.append(
        RunSummary.Population(
          name: population.name, neurons: population.size, spikesRecorded: true,
          spikes: recording.count,
          meanRateHz: Self.rate(recording.count, neurons: population.size, ms: duration),
          timesFile: "\(stem).times.npy", idsFile: "\(stem).ids.npy"))
      rasterPopulations.append(
        SpikeRaster.Population(
          name: population.name, size: population.size, times: recording.times,
          ids: recording.ids.map(Int.init)))
    }
    var events: [RunSummary.SpikeEvents] = []
    for recorded in recordings.events {
      let stem = "spike_events/\(recorded.synapses).\(recorded.side.rawValue)"
      try Self.save(NPYArray(recorded.recording.times), to: "\(stem).times.npy", in: folder)
      try Self.save(NPYArray(recorded.recording.ids), to: "\(stem).ids.npy", in: folder)
      events.append(
        RunSummary.SpikeEvents(
          synapses: recorded.synapses, side: recorded.side.rawValue,
          neuronPopulation: recorded.neuronPopulation, neurons: recorded.neurons,
          events: recorded.recording.count, timesFile: "\(stem).times.npy",
          idsFile: "\(stem).ids.npy"))
    }
    var variables: [RunSummary.Variable] = []
    var traces: [TracePlot.Series] = []
    for recorded in recordings.variables {
      let element = recorded.request.element
      let stem = "vars/\(element.name).\(recorded.request.variable)"
      let samples = recorded.recording.steps.count
      let width = recorded.recording.width
      let times = recorded.recording.steps.map { Double($0 + 1) * file.model.dt }
      try Self.save(
        NPYArray(recorded.recording.values, shape: [samples, width]), to: "\(stem).npy", in: folder)
      try Self.save(NPYArray(times), to: "\(stem).times.npy", in: folder)
      let column = column(of: recorded.request)
      let valueUnit = file.unit(ofVariable: recorded.request.variable, of: element)
      variables.append(
        RunSummary.Variable(
          element: element.name, kind: element.kind, variable: recorded.request.variable,
          everySteps: recorded.request.everySteps, unit: column, valueUnit: valueUnit,
          width: width, samples: samples, file: "\(stem).npy", timesFile: "\(stem).times.npy"))
      traces.append(
        TracePlot.Series(
          population: element.name, variable: recorded.request.variable, times: times,
          values: (0..<samples).map { Array(recorded.recording.row($0)) }, column: column,
          unit: valueUnit))
    }
    let pictures = try Pictures(
      model: file.model.name, duration: duration, spikes: rasterPopulations, traces: traces
    ).write(to: folder)
    let summary = RunSummary(
      model: file.model.name, modelFile: file.path, backend: backend.name,
      backendReason: backend.reason, threads: threads,
      precision: file.model.precision.rawValue, dt: file.model.dt, steps: steps,
      durationMs: duration, seed: file.model.seed,
      parameters: file.parameters.ordered.map {
        RunSummary.Parameter(name: $0.name, value: $0.value)
      },
      populations: populations,
      spikeEvents: events, variables: variables,
      customUpdates: zip(file.run.customUpdates, customUpdateRuns).map {
        RunSummary.CustomUpdateRuns(group: $0.group, everySteps: $0.everySteps, runs: $1)
      },
      pictures: pictures,
      timing: RunSummary.Timing(
        generateS: build.generationSeconds, toolchainS: build.toolchainSeconds,
        compileS: build.compileSeconds, cacheHit: build.cacheHit, loadS: build.loadSeconds,
        simulateS: simulateSeconds,
        realTimeFactor: simulateSeconds > 0 && duration > 0
          ? duration / 1000 / simulateSeconds : nil,
        phases: phases.map {
          RunSummary.Phases(
            neuronUpdateS: $0.neuronUpdate, presynapticUpdateS: $0.presynapticUpdate,
            postsynapticUpdateS: $0.postsynapticUpdate, synapseDynamicsS: $0.synapseDynamics,
            initS: $0.initialisation, initSparseS: $0.sparseInitialisation,
            customUpdatesS: $0.customUpdates)
        }),
      build: RunSummary.Build(
        directory: build.directory.path, source: sourcePath, compiler: compiler),
      provenance: provenance)
    let json: Data
    do {
      json = try summary.json()
    } catch {
      throw .writeFailed(
        path: folder.appendingPathComponent(OutputFolder.marker).path, reason: "\(error)")
    }
    try OutputFiles.write(json, to: OutputFolder.marker, in: folder)
    return summary
  }

  /// `synapse` for a weight update model's per-synapse variable, else `neuron`.
  private func column(of request: GeNNModelFile.VariableRecording) -> String {
    guard case .synapsePopulation(let name) = request.element,
      let synapses = file.model.synapsePopulations.first(where: { $0.name == name }),
      synapses.weightUpdate.vars.contains(where: { $0.name == request.variable })
    else { return "neuron" }
    return "synapse"
  }

  /// Spikes per neuron per second over `ms` of model time; `nil` for no time or neurons.
  static func rate(_ spikes: Int, neurons: Int, ms: Double) -> Double? {
    ms > 0 && neurons > 0 ? Double(spikes) / Double(neurons) / (ms / 1000) : nil
  }

  /// Writes the array `make` returns to `path` inside `folder`.
  private static func save(
    _ make: @autoclosure () throws -> NPYArray, to path: String, in folder: URL
  ) throws(CommandError) {
    let array: NPYArray
    do {
      array = try make()
    } catch {
      throw .writeFailed(path: folder.appendingPathComponent(path).path, reason: "\(error)")
    }
    try OutputFiles.write(Data(array.encoded()), to: path, in: folder)
  }
}
