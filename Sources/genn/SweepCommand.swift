import ArgumentParser
import Foundation
import GeNNModel
import GeNNModelFile
import GeNNRuntime
import GeNNToolchain

extension GeNN {
  /// `genn sweep MODEL.yaml --set 'g=[0.5,1,2]' --set 'seed=[1,2]'`: one run per
  /// combination of the values, each into a folder of its own, and a table of them all.
  struct Sweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run a model file once per combination of the values given as lists.",
      discussion: """
        Each --set NAME=[V1,V2,...] (a parameter of the file, or seed, run.duration or \
        run.steps) is swept, the first varying slowest; a --set NAME=VALUE holds in every \
        run. Writes run-001/, run-002/, ... into the output folder (--out), each what \
        genn run writes, and sweep.csv: per run its folder, every parameter's value, the \
        mean rate of every population and the time of each stage. Runs whose generated \
        code is the same (values that the code does not hold, such as the seed or \
        dynamic parameters) reuse one build.
        """)

    @OptionGroup var model: ModelOptions

    @Option(help: "Model time to run each time, in ms (default: the file's run, else 1000).")
    var duration: Double?

    @Option(help: "Time steps to run each time, instead of --duration.")
    var steps: Int?

    @Option(help: "Worker threads (default: the machine's cores).")
    var threads: Int?

    @Option(help: "The output folder (default: MODEL-NAME-sweep).")
    var out: String?

    @Flag(help: "Replace the output folder of an earlier sweep.")
    var overwrite = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

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
      InterruptCleanup.shared.install()
      let plan = try SweepPlan(try SetAssignment.parse(model.assignments))
      if model.seed != nil, plan.swept.contains("seed") {
        throw .invalidOptions("give the seeds with --set seed=[...] or one with --seed, not both")
      }
      // The first run's file names the folder and finds a bad name before anything runs.
      let first = try model.load(overrides: plan.runs[0].overrides)
      try first.checkOneBatch(command: "sweep")
      let cuda = CUDADiscovery(environment: .current()).report()
      let selection = try model.backend.select(cuda: cuda)
      let folder = try SweepFolder(
        path: out ?? "\(first.model.name)-sweep", overwrite: overwrite,
        modelFile: model.modelFile)
      var table = SweepTable()
      for run in plan.runs {
        let name = plan.folderName(of: run.number)
        let file: ModelFile
        let summary: RunSummary
        do throws(CommandError) {
          file =
            run.number == 1 ? first : try model.load(overrides: run.overrides, again: first)
          summary = try await simulate(
            file, like: first.model, selection: selection, cuda: cuda,
            into: folder.destination.appendingPathComponent(name))
        } catch {
          let before =
            run.number == 1
            ? "nothing was written" : "the runs before it are in '\(folder.given)'"
          if run.number == 1 { folder.removeEmpty() }
          throw .invalidOptions(
            "run \(run.number) of \(plan.runs.count) (\(plan.describe(run))) failed; \(before):"
              + "\n\(error)")
        }
        var values = zip(plan.swept, run.sweptValues).map { ($0, $1) }
        values += file.parameters.ordered.filter { !plan.swept.contains($0.name) }.map {
          ($0.name, $0.value)
        }
        if !plan.swept.contains("seed") { values.append(("seed", Double(file.model.seed))) }
        table.append(number: run.number, folder: name, values: values, summary: summary)
        try folder.write(table)
        if !quiet {
          let built = summary.timing.cacheHit ? "build cache" : "compiled"
          print(
            "\(name)  \(plan.describe(run))  (\(built); simulated in "
              + "\(RunReport.seconds(summary.timing.simulateS)))")
        }
      }
      if !quiet {
        print("sweep    \(plan.runs.count) runs in \(folder.given)/; table: \(SweepTable.fileName)")
      }
    }

    /// Builds (or finds in the build cache), loads and runs `file` on the backend
    /// `selection` names, its dynamic parameters built at their values in `reference`
    /// and set once loaded (``DynamicParameterReuse``), and writes its output to
    /// `destination` as `genn run` does.
    private func simulate(
      _ file: ModelFile, like reference: ModelSpec, selection: BackendChoice.Selection,
      cuda: CUDAReport,
      into destination: URL
    ) async throws(CommandError) -> RunSummary {
      let length: RunLength =
        if let steps { .steps(steps) } else if let duration { .milliseconds(duration) } else {
          file.run.length ?? Run.defaultLength
        }
      let totalSteps: Int
      do {
        totalSteps = try length.steps(dt: file.model.dt)
      } catch {
        throw .invalidOptions("the run is too long: \(error)")
      }
      let output = try OutputFolder(
        path: destination.path, overwrite: false, modelFile: model.modelFile)
      let simulation: any NetworkSimulation
      let reuse = DynamicParameterReuse(file.model, like: reference)
      do {
        let built = try await selection.backend(
          threads: threads, checkIndices: true, cuda: cuda
        ).build(reuse.build)
        simulation = try built.load()
        for (parameter, value) in reuse.settings {
          try simulation.setDynamicParameter(parameter.name, of: parameter.element, to: value)
        }
      } catch {
        throw file.commandError(error)
      }
      // Before the run: the checksums of the files as they were read.
      let provenance = try RunProvenance.current(
        start: Date(), modelFile: file.path, contents: file.contents, inputs: file.inputFiles,
        buildDirectory: simulation.build.directory, compiler: simulation.compilerDescription)
      let recorded = try RunRecordings.start(file.recording, on: simulation)
      var budget = RecordingBudget(
        variables: recorded, steps: totalSteps, available: HostMemory.available(),
        warn: { [quiet] text in if !quiet { Terminal.writeError(text) } })
      try budget.checkBeforeRun()
      simulation.reserveRecording(steps: totalSteps)
      var progress = ProgressBar(total: totalSteps, dt: file.model.dt, enabled: false)
      let customUpdateRuns = try Run.advance(
        simulation, steps: totalSteps, schedule: file.run.customUpdates, progress: &progress,
        budget: &budget)
      let result = RunOutput(
        file: file, backend: selection, threads: simulation.threads, steps: totalSteps,
        build: simulation.build, compiler: simulation.compilerDescription,
        sourcePath: simulation.sourcePath, simulateSeconds: progress.elapsed,
        phases: file.model.timingEnabled ? simulation.timing : nil,
        customUpdateRuns: customUpdateRuns, provenance: provenance,
        recordings: try RunRecordings(file.recording, from: simulation))
      var summary: RunSummary?
      try output.write { folder throws(CommandError) in summary = try result.write(to: folder) }
      guard let summary else {
        throw .writeFailed(path: destination.path, reason: "no summary was written")
      }
      return summary
    }
  }
}
