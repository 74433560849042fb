import Foundation
import GeNNModel
import GeNNModelFile
import GeNNRuntime

/// Load time and memory (`load` mode): for COBA at 4k, 16k, 64k and 256k neurons and for
/// the full-scale Potjans-Diesmann microcircuit, how long loading takes (allocating and
/// initialising the state: connectivity, weights, delays; the compiled library comes
/// from the build cache) on 1 and on 2 threads, and the peak resident memory of a
/// process that loads the model and runs it (COBA 1 s, the microcircuit 100 ms of model
/// time), per synapse. Each measurement runs in a child process of its own, so that
/// each peak is that model's alone; a first child builds the library if the cache does
/// not have it yet, so that no load includes a compilation.
///
/// `COBABenchmark load [microcircuit.yaml]` prints the table; the microcircuit's model
/// file defaults to `Examples/models/potjans-diesmann.yaml`.
enum LoadMemoryBenchmark {
  /// What the process was asked to do.
  enum Mode {
    /// Measure every model, each in child processes, and print the table.
    case table(microcircuit: String)
    /// In this process: build `model` into the build cache, unless it is there already.
    case build(model: Model)
    /// In this process: build (or find in the cache) `model`, load it on `threads`
    /// threads, run it for `milliseconds`, and print one result line.
    case one(model: Model, threads: Int, milliseconds: Double)

    /// The mode `arguments` (the command line) asks for; `nil` for the other modes.
    init?(arguments: [String]) {
      let rest = Array(arguments.dropFirst())
      switch rest.first {
      case "load":
        self = .table(
          microcircuit: rest.dropFirst().first ?? "Examples/models/potjans-diesmann.yaml")
      case "build-one":
        guard rest.count == 3, let model = Model(kind: rest[1], value: rest[2]) else { return nil }
        self = .build(model: model)
      case "load-one":
        guard rest.count == 5, let model = Model(kind: rest[1], value: rest[2]),
          let threads = Int(rest[3]), let milliseconds = Double(rest[4])
        else { return nil }
        self = .one(model: model, threads: threads, milliseconds: milliseconds)
      default:
        return nil
      }
    }
  }

  /// A model measured.
  enum Model {
    /// COBA with this many neurons.
    case coba(neurons: Int)
    /// The model of a model file.
    case file(path: String)

    /// The model a child's arguments `kind` (`coba` or `file`) and `value` name.
    init?(kind: String, value: String) {
      switch (kind, Int(value)) {
      case ("coba", let neurons?): self = .coba(neurons: neurons)
      case ("file", _): self = .file(path: value)
      default: return nil
      }
    }

    /// The child's command-line arguments naming this model.
    var arguments: [String] {
      switch self {
      case .coba(let neurons): ["coba", "\(neurons)"]
      case .file(let path): ["file", path]
      }
    }

    /// The model itself.
    func spec() throws -> ModelSpec {
      switch self {
      case .coba(let neurons): cobaModel(neurons: neurons)
      case .file(let path):
        // A file with a `scale` parameter (the microcircuit) is measured at full scale.
        try ModelFile.load(path: path).parameters["scale"] == nil
          ? try ModelFile.load(path: path).model
          : try ModelFile.load(path: path, overrides: ModelOverrides(["scale": 1])).model
      }
    }
  }

  /// One child's measurement.
  struct Result {
    /// Seconds spent allocating and initialising the state.
    var loadSeconds: Double
    /// Processor seconds (every thread's, user and system) the load took.
    var loadCPUSeconds: Double
    /// The synapses stored.
    var synapses: Int
    /// The bytes of the model's state arrays.
    var stateBytes: Int
    /// The process's peak resident memory.
    var peakBytes: Int
    /// Seconds the run took.
    var runSeconds: Double
    /// The synaptic events the run delivered: each population's spikes times the mean
    /// row length of each synapse population they start from.
    var events: Double

    /// The line a child prints.
    var line: String {
      "RESULT \(loadSeconds) \(loadCPUSeconds) \(runSeconds) \(events) \(synapses) \(stateBytes) \(peakBytes)"
    }

    /// Seconds per synaptic event of the run; `nil` without events.
    var secondsPerEvent: Double? { events > 0 ? runSeconds / events : nil }

    /// The result in a child's output, if it printed one.
    init?(output: String) {
      guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") })
      else { return nil }
      let fields = line.split(separator: " ").dropFirst().map(String.init)
      let seconds = fields.prefix(4).compactMap { Double($0) }
      let numbers = fields.dropFirst(4).compactMap { Int($0) }
      guard fields.count == 7, seconds.count == 4, numbers.count == 3 else { return nil }
      (loadSeconds, loadCPUSeconds, runSeconds, events) = (
        seconds[0], seconds[1], seconds[2], seconds[3]
      )
      (synapses, stateBytes, peakBytes) = (numbers[0], numbers[1], numbers[2])
    }

    init(
      loadSeconds: Double, loadCPUSeconds: Double, runSeconds: Double, events: Double,
      synapses: Int, stateBytes: Int, peakBytes: Int
    ) {
      (self.loadSeconds, self.loadCPUSeconds) = (loadSeconds, loadCPUSeconds)
      (self.runSeconds, self.events) = (runSeconds, events)
      (self.synapses, self.stateBytes, self.peakBytes) = (synapses, stateBytes, peakBytes)
    }
  }

  /// GeNN 5.4's peak resident memory (PyGeNN, `optimize_code`, Python interpreter
  /// included) where the issue measured it, in MB, by COBA size.
  static let gennPeakMegabytes: [Int: Double] = [64_000: 112, 256_000: 280]

  static func run(_ mode: Mode) async throws {
    switch mode {
    case .build(let model):
      _ = try await ModelBuild(model: try model.spec())
    case .one(let model, let threads, let milliseconds):
      print(try await measure(model, threads: threads, milliseconds: milliseconds).line)
    case .table(let microcircuit):
      try table(microcircuit: microcircuit)
    }
  }

  /// Builds, loads and runs `model` in this process.
  static func measure(_ model: Model, threads: Int, milliseconds: Double) async throws -> Result {
    let spec = try model.spec()
    let build = try await ModelBuild(model: spec, options: .init(threads: threads))
    let cpuBefore = processorSeconds()
    let simulation = try Simulation(build: build)
    let loadCPUSeconds = processorSeconds() - cpuBefore
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
      try simulation.run(steps: Int((milliseconds / spec.dt).rounded()))
    }
    return Result(
      loadSeconds: simulation.build.loadSeconds, loadCPUSeconds: loadCPUSeconds,
      runSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds)
        / 1e18,
      events: try synapticEvents(of: spec, in: simulation),
      synapses: try storedSynapses(of: spec, in: simulation),
      stateBytes: simulation.stateBytes, peakBytes: peakResidentBytes())
  }

  /// The synaptic events `simulation` of `model` delivered so far, for each synapse
  /// population its source's recorded spikes times its mean row length (0 where the
  /// source's spikes are not recorded).
  static func synapticEvents(of model: ModelSpec, in simulation: Simulation) throws -> Double {
    try model.synapsePopulations.reduce(0) { total, synapses in
      guard let source = model.neuronPopulation(named: synapses.source), source.recordSpikes
      else { return total }
      let lengths = try simulation.sparseRows(of: synapses.name).rowLengths
      let rows = lengths.pointer.assumingMemoryBound(to: UInt32.self)
      let stored = (0..<lengths.count).reduce(0) { $0 + Int(rows[$1]) }
      let spikes = try simulation.spikeCount(of: source.name)
      return total + Double(spikes) * Double(stored) / Double(max(1, source.size))
    }
  }

  /// The processor time this process has used, every thread's, user and system, in seconds.
  static func processorSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }

  /// This process's peak resident memory (`VmHWM`), in bytes; 0 where unknown.
  static func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
      let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return 0 }
    return kilobytes * 1024
  }

  /// Runs this executable as a child measuring `model` and returns its result.
  static func child(_ model: Model, threads: Int, milliseconds: Double) throws -> Result {
    let output = try child(["load-one"] + model.arguments + ["\(threads)", "\(milliseconds)"])
    guard let result = Result(output: output) else {
      throw BenchmarkFailure(command: model.arguments.joined(separator: " "), output: output)
    }
    return result
  }

  /// Runs this executable with `arguments` and returns what it printed.
  @discardableResult
  static func child(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw BenchmarkFailure(command: arguments.joined(separator: " "), output: output)
    }
    return output
  }

  /// A child that did not print a result.
  struct BenchmarkFailure: Error, CustomStringConvertible {
    /// The child's arguments.
    let command: String
    /// What it printed.
    let output: String
    var description: String { "COBABenchmark \(command) failed:\n\(output)" }
  }

  /// Measures every model and prints the table.
  static func table(microcircuit: String) throws {
    let models: [(label: String, model: Model, milliseconds: Double, genn: Double?)] =
      [4_000, 16_000, 64_000, 256_000].map {
        ("COBA \($0 / 1000)k", .coba(neurons: $0), 1000, gennPeakMegabytes[$0])
      } + [("microcircuit", .file(path: microcircuit), 100, nil)]
    print(
      "model          synapses   load, 1 thread     load, 2 threads    peak RSS   bytes/synapse  GeNN peak  run s   ns/event"
    )
    print(
      "                          wall s (CPU s)     wall s (CPU s)                (peak / state)")
    var perEvent: [String: Double] = [:]
    for entry in models {
      // Builds the library into the cache first, so that no load below compiles.
      try child(["build-one"] + entry.model.arguments)
      let one = try child(entry.model, threads: 1, milliseconds: 0)
      let two = try child(entry.model, threads: 2, milliseconds: entry.milliseconds)
      let megabytes = Double(two.peakBytes) / 1_048_576
      perEvent[entry.label] = two.secondsPerEvent
      print(
        String(
          format: "%-13@ %10d   %7.3f (%7.3f)  %7.3f (%7.3f)  %7.1f MB  %5.1f / %4.1f  "
            + "%-9@ %6.3f  %6.2f",
          entry.label as NSString, two.synapses, one.loadSeconds, one.loadCPUSeconds,
          two.loadSeconds, two.loadCPUSeconds, megabytes,
          Double(two.peakBytes) / Double(two.synapses),
          Double(two.stateBytes) / Double(two.synapses),
          (entry.genn.map { String(format: "%.0f MB", $0) } ?? "-") as NSString,
          two.runSeconds, 1e9 * (two.secondsPerEvent ?? 0)))
    }
    print("load: allocating and initialising the state (the library from the build cache), in")
    print("wall-clock and processor seconds; peak RSS: the process that loads on 2 threads and")
    print("runs (COBA 1 s, the microcircuit 100 ms, spikes recorded); run s and ns/event: that")
    print("run on 2 threads, per synaptic event (spikes times mean row length).")
    if let circuit = perEvent["microcircuit"], let coba = perEvent["COBA 256k"] {
      print(
        String(
          format: "microcircuit / COBA 256k, seconds per synaptic event: %.2f", circuit / coba))
    }
  }
}
