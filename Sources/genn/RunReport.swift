import Foundation

/// What `genn run` prints when a run is done: the model, backend, build, run speed,
/// spikes per population and the files written.
struct RunReport {
  var summary: RunSummary
  /// The output folder, as it will be printed.
  var output: String
  /// Whether the run length came from the file's `run:` entry.
  var fileGaveLength: Bool

  var text: String {
    var lines: [String] = []
    lines.append("model    \(summary.model) (\(summary.modelFile))")
    lines.append(
      "backend  \(summary.backend), \(summary.threads) thread\(summary.threads == 1 ? "" : "s") (\(summary.backendReason))"
    )
    let timing = summary.timing
    let built =
      timing.cacheHit
      ? "from the build cache, generated in \(Self.seconds(timing.generateS))"
      : "generated in \(Self.seconds(timing.generateS)), compiled in \(Self.seconds(timing.compileS))"
    lines.append(
      "build    \(built), loaded in \(Self.seconds(timing.loadS)); code: \(summary.build.source)")
    var run = "run      \(Self.number(summary.durationMs)) ms of model time (\(summary.steps) steps"
    run += fileGaveLength ? ", as the file says)" : ")"
    run += " in \(Self.seconds(timing.simulateS))"
    if let factor = timing.realTimeFactor {
      run +=
        factor >= 1
        ? String(format: ": %.1fx faster than real time", factor)
        : String(format: ": %.1fx slower than real time", 1 / factor)
    }
    lines.append(run)
    let nameWidth = summary.populations.map(\.name.count).max() ?? 0
    let sizeWidth = summary.populations.map { String($0.neurons).count }.max() ?? 0
    for (index, population) in summary.populations.enumerated() {
      let name = population.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
      let size =
        String(repeating: " ", count: sizeWidth - String(population.neurons).count)
        + String(population.neurons)
      var line = (index == 0 ? "spikes   " : "         ") + "\(name)  \(size) neurons  "
      if let spikes = population.spikes {
        line += "\(spikes) spikes"
        if let rate = population.meanRateHz { line += String(format: ", %.2f Hz", rate) }
      } else {
        line += "not recorded"
      }
      lines.append(line)
    }
    for (index, update) in summary.customUpdates.enumerated() {
      lines.append(
        (index == 0 ? "updates  " : "         ")
          + "custom update group \(update.group): ran \(update.runs) times, "
          + "after every \(update.everySteps) steps")
    }
    var files = ["summary.json"]
    let recorded = summary.populations.filter(\.spikesRecorded).count
    if recorded > 0 { files.append("spikes/ (\(recorded) population\(recorded == 1 ? "" : "s"))") }
    if !summary.spikeEvents.isEmpty { files.append("spike_events/") }
    if !summary.variables.isEmpty {
      files.append(
        "vars/ (\(summary.variables.count) variable\(summary.variables.count == 1 ? "" : "s"))")
    }
    files += summary.pictures
    lines.append("output   \(output)/: " + files.joined(separator: ", "))
    if summary.pictures.isEmpty {
      lines.append(
        "         nothing was recorded, so no pictures: add a `record:` entry to the model file")
    }
    return lines.joined(separator: "\n")
  }

  /// `seconds` with a precision that suits it: `0.012 s`, `1.52 s`, `73.4 s`.
  static func seconds(_ seconds: Double) -> String {
    seconds < 0.1
      ? String(format: "%.3f s", seconds)
      : seconds < 10 ? String(format: "%.2f s", seconds) : String(format: "%.1f s", seconds)
  }

  /// `value` without a fraction when it has none.
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
