import ArgumentParser
import Foundation
import GeNNModelFile
import GeNNRuntime
import GeNNToolchain

extension GeNN {
  /// `genn run MODEL.yaml`: build, run, and write recordings, `summary.json` and pictures.
  struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build and run a model file; write its recordings, summary and pictures.",
      discussion: """
        Writes to the output folder (--out): spikes/POP.times.npy and .ids.npy, \
        vars/ELEMENT.VAR.npy [sample, index] with .times.npy, spike_events/, summary.json \
        (per population: neurons, spikes, mean rate; build, load and simulation times), \
        raster.svg/.png and traces.svg/.png. Nothing is written unless the run succeeds.
        """)

    @OptionGroup var model: ModelOptions

    @Option(help: "Model time to run, in ms (default: the file's run, else 1000).")
    var duration: Double?

    @Option(help: "Time steps to run, instead of --duration.")
    var steps: Int?

    @Option(help: "Worker threads (default: the machine's cores).")
    var threads: Int?

    @Option(help: "The output folder (default: MODEL-NAME-output).")
    var out: String?

    @Flag(help: "Replace the output folder of an earlier run.")
    var overwrite = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors: no progress bar, no report.")
    var quiet = false

    @Flag(
      inversion: .prefixedNo,
      help: """
        Check every index of an extra global parameter as the code runs; one out of range \
        stops the run with an error. --no-check leaves the checks out, as GeNN does \
        (faster where such indexing runs in loops the compiler would vectorise).
        """)
    var check = true

    @Flag(
      help: """
        Keep IEEE's subnormal numbers (below 1.2e-38 in float) instead of flushing them to \
        zero, as GeNN's CPU backend does without optimize_code; arithmetic on them is many \
        times slower.
        """)
    var keepSubnormals = false

    /// The run length used when neither the options nor the file give one.
    static let defaultLength = RunLength.milliseconds(1000)

    func validate() throws {
      if duration != nil && steps != nil {
        throw ValidationError("give --duration or --steps, not both")
      }
      if let duration, !(duration >= 0 && duration.isFinite) {
        throw ValidationError("--duration must be a number of ms ≥ 0, not \(duration)")
      }
      if let steps, steps < 0 { throw ValidationError("--steps must be ≥ 0, not \(steps)") }
      if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1, not \(threads)") }
    }

    func run() async throws {
      try await CommandError.reported { () async throws(CommandError) in try await execute() }
    }

    private func execute() async throws(CommandError) {
      let started = Date()
      InterruptCleanup.shared.install()
      let file = try model.load()
      try file.checkOneBatch(command: "run")
      let cuda = CUDADiscovery(environment: .current()).report()
      var selection = try model.backend.select(cuda: cuda)
      let output = try OutputFolder(
        path: out ?? "\(file.model.name)-output", overwrite: overwrite,
        modelFile: model.modelFile)
      let length: RunLength =
        if let steps { .steps(steps) } else if let duration { .milliseconds(duration) } else {
          file.run.length ?? Self.defaultLength
        }
      let totalSteps: Int
      do {
        totalSteps = try length.steps(dt: file.model.dt)
      } catch {
        throw .invalidOptions("the run is too long: \(error)")
      }
      let status = !quiet && Terminal.standardErrorIsTerminal
      let simulation: any NetworkSimulation
      do throws(CommandError) {
        simulation = try await load(file, selection: &selection, cuda: cuda, status: status)
      } catch {
        if status { Terminal.clearTransient() }
        throw error
      }
      if status { Terminal.clearTransient() }
      // Before the run: the checksums of the files as they were read.
      let provenance = try RunProvenance.current(
        start: started, modelFile: file.path, contents: file.contents, inputs: file.inputFiles,
        buildDirectory: simulation.build.directory, compiler: simulation.compilerDescription)
      let recorded = try RunRecordings.start(file.recording, on: simulation)
      var budget = RecordingBudget(
        variables: recorded, steps: totalSteps, available: HostMemory.available(),
        warn: { [quiet] text in
          guard !quiet else { return }
          if Terminal.standardErrorIsTerminal { Terminal.clearTransient() }
          Terminal.writeError(text)
        })
      try budget.checkBeforeRun()
      simulation.reserveRecording(steps: totalSteps)

      var progress = ProgressBar(total: totalSteps, dt: file.model.dt, enabled: !quiet)
      let customUpdateRuns: [Int]
      do throws(CommandError) {
        customUpdateRuns = try Self.advance(
          simulation, steps: totalSteps, schedule: file.run.customUpdates, progress: &progress,
          budget: &budget)
      } catch {
        // The error starts on a line of its own, not after the bar.
        progress.finish()
        throw error
      }
      let simulated = progress.elapsed
      progress.finish()

      let result = RunOutput(
        file: file, backend: selection, threads: simulation.threads, steps: totalSteps,
        build: simulation.build, compiler: simulation.compilerDescription,
        sourcePath: simulation.sourcePath, simulateSeconds: simulated,
        phases: file.model.timingEnabled ? simulation.timing : nil,
        customUpdateRuns: customUpdateRuns, provenance: provenance,
        recordings: try RunRecordings(file.recording, from: simulation))
      var summary: RunSummary?
      try output.write { folder throws(CommandError) in summary = try result.write(to: folder) }
      if !quiet, let summary {
        print(
          RunReport(
            summary: summary, output: output.destination.path,
            fileGaveLength: steps == nil && duration == nil && file.run.length != nil
          ).text)
      }
    }

    /// Builds and loads `file` on the backend `selection` names. Under `--backend auto`, a
    /// GPU that fails to start the model (a driver or NVRTC failure) is reported as a
    /// warning and the model runs on the CPU instead, with `selection` saying why.
    private func load(
      _ file: ModelFile, selection: inout BackendChoice.Selection, cuda: CUDAReport, status: Bool
    ) async throws(CommandError) -> any NetworkSimulation {
      let backend = selection.backend(
        threads: threads, checkIndices: check, flushSubnormals: !keepSubnormals, cuda: cuda)
      do {
        if status { Terminal.showTransient("building \(file.model.name)...") }
        let built = try await backend.build(file.model)
        if status { Terminal.showTransient("loading \(file.model.name)...") }
        return try built.load()
      } catch {
        let failure = file.commandError(error)
        guard selection.isCUDA, model.backend == .auto else { throw failure }
        if status { Terminal.clearTransient() }
        // A problem in the model's code strings is reported by the CPU build, at its
        // place in the file; anything else the GPU did is worth a warning.
        if !quiet, case .build = failure {
          Terminal.writeError("warning: CUDA could not run \(file.model.name): \(error)\n")
          Terminal.writeError("warning: running on the CPU backend instead\n")
        }
        selection = .cpu("auto: found CUDA, but it could not run the model: \(error)")
        return try await load(file, selection: &selection, cuda: cuda, status: status)
      }
    }

    /// Runs `steps` steps in chunks of about a tenth of a second, runs each scheduled
    /// custom update group after every step at which it is due, updates `progress`, and
    /// checks after each chunk that the recording will fit (`budget`); returns how often
    /// each scheduled group ran.
    static func advance(
      _ simulation: any NetworkSimulation, steps: Int, schedule: [CustomUpdateSchedule],
      progress: inout ProgressBar, budget: inout RecordingBudget
    ) throws(CommandError) -> [Int] {
      var runs = Array(repeating: 0, count: schedule.count)
      var done = 0
      var chunk = min(steps, 100)
      while done < steps {
        let before = progress.elapsed
        let due = schedule.map { $0.everySteps - done % $0.everySteps }.min() ?? Int.max
        let count = min(chunk, steps - done, due)
        do {
          try simulation.run(steps: count)
        } catch {
          throw .build("the run stopped after \(done) of \(steps) steps: \(error)")
        }
        done += count
        for (index, entry) in schedule.enumerated() where done % entry.everySteps == 0 {
          do {
            try simulation.customUpdate(entry.group)
          } catch {
            throw .build("custom update group '\(entry.group)': \(error)")
          }
          runs[index] += 1
        }
        try budget.check(after: done, spikes: simulation.recordedSpikeCount)
        progress.update(done: done)
        let seconds = progress.elapsed - before
        // Aim at 0.1 s a chunk: often enough for the bar, rarely enough to cost nothing.
        let rate = seconds > 0 ? Double(count) / seconds : Double(count) * 10
        chunk = max(1, min(Int(rate * ProgressBar.interval), 1 << 20))
      }
      return runs
    }
  }
}
