import GeNNModelFile
import GeNNRuntime

/// The memory a run's recording takes, checked against the memory available
/// (``GeNNRuntime/HostMemory``) so that a run too long to record is refused at once instead of
/// filling the machine's memory for hours.
///
/// Recorded variables are sized exactly before the run: one value (8 bytes) per element
/// and sample, and the sample's step (8 bytes). Spikes cannot be counted before they
/// happen, so their part is projected while the run goes, from the spikes recorded so
/// far (20 bytes each: step, id and time), as soon as the first are gathered. Writing the
/// output copies the recording about once more, so twice the recording must fit. Over
/// the memory available, the run is refused (or stopped, when spikes are what grows);
/// over half of it, a warning says so, once.
struct RecordingBudget {
  /// Bytes a recorded spike or spike-like event takes: its step, id and time.
  static let bytesPerSpike = 20
  /// Above this fraction of the memory available, a warning.
  static let warningFraction = 0.5
  /// The steps the spikes recorded must cover before they are projected to the whole run
  /// (a second of model time at the usual 0.1 ms), so that a burst at the start does not
  /// count for the whole run.
  static let projectionSteps = 10_000

  /// One recorded variable and what its recording takes.
  struct Variable {
    /// `ELEMENT.VAR`.
    var name: String
    var width: Int
    var everySteps: Int
    var samples: Int
    var bytes: Int
  }

  /// The recorded variables, largest first.
  let variables: [Variable]
  /// The steps of the run.
  let steps: Int
  /// The memory available, in bytes; `nil` when unknown (nothing is checked).
  let available: Int?
  /// What warnings are written to.
  let warn: (String) -> Void
  private var warned = false

  /// The budget of a run of `steps` steps recording `variables` (element and variable
  /// names, elements per sample, sampling interval).
  init(
    variables: [(name: String, width: Int, everySteps: Int)], steps: Int, available: Int?,
    warn: @escaping (String) -> Void
  ) {
    self.variables = variables.map { variable in
      let samples = steps / max(1, variable.everySteps)
      let bytes = Self.product(samples, Self.product(variable.width + 1, 8))
      return Variable(
        name: variable.name, width: variable.width, everySteps: variable.everySteps,
        samples: samples, bytes: bytes)
    }.sorted { $0.bytes > $1.bytes }
    self.steps = steps
    self.available = available
    self.warn = warn
  }

  /// The variable recordings' size in bytes.
  var variableBytes: Int { variables.reduce(0) { Self.sum($0, $1.bytes) } }

  /// Checks the variable recordings before the run.
  ///
  /// - Throws: ``CommandError/recordingTooLarge(_:)`` when they do not fit.
  mutating func checkBeforeRun() throws(CommandError) {
    guard let available, !variables.isEmpty else { return }
    let needed = Self.product(variableBytes, 2)
    let described =
      variables.prefix(3).map(Self.describe).joined(separator: "; ")
      + (variables.count > 3 ? "; and \(variables.count - 3) more" : "")
    if needed > available {
      throw .recordingTooLarge(
        "this run's recorded variables would take \(Self.bytes(variableBytes)) of memory "
          + "(\(described)), and writing them out about as much again, but "
          + "\(Self.bytes(available)) is available. Sample less often (`every:` in "
          + "`record: vars:`), record fewer variables, or run fewer steps (--steps, "
          + "--duration)")
    }
    warnIfLarge(variableBytes, of: available, what: "recorded variables (\(described))")
  }

  /// Checks, after `done` steps with `spikes` spikes and spike-like events recorded, that
  /// the recording so far fits, and (once the spikes cover ``projectionSteps`` steps)
  /// that the recording projected to the end of the run fits.
  ///
  /// - Throws: ``CommandError/recordingTooLarge(_:)`` when either does not.
  mutating func check(after done: Int, spikes: Int) throws(CommandError) {
    guard let available, spikes > 0, done < steps else { return }
    // Projected, the spikes are never fewer than those held.
    let projecting = done >= Self.projectionSteps
    let counted = projecting ? Self.product(spikes, steps / done + 1) : spikes
    let recording = Self.sum(variableBytes, Self.product(counted, Self.bytesPerSpike))
    if Self.product(recording, 2) > available {
      let size =
        projecting
        ? "at the rate it records spikes (\(spikes) so far, \(Self.bytesPerSpike) bytes each), "
          + "its recording would take \(Self.about(recording)) of memory by the end"
        : "the spikes it recorded so far (\(spikes), \(Self.bytesPerSpike) bytes each) take, "
          + "with the recorded variables, \(Self.about(recording)) of memory"
      throw .recordingTooLarge(
        "the run was stopped after \(done) of \(steps) steps, and nothing was written: "
          + "\(size), and writing it out about as much again, but \(Self.bytes(available)) "
          + "is available. Record the spikes of fewer populations (`record: spikes:`), or "
          + "run fewer steps (--steps, --duration)")
    }
    if projecting {
      warnIfLarge(recording, of: available, what: "recording, at the rate it records spikes,")
    }
  }

  /// Warns, once, when twice `recording` (held, then written out) is more than
  /// ``warningFraction`` of `available`.
  private mutating func warnIfLarge(_ recording: Int, of available: Int, what: String) {
    let needed = Double(recording) * 2
    guard !warned, needed > Self.warningFraction * Double(available) else { return }
    warned = true
    let percent = Int((needed / Double(available) * 100).rounded())
    warn(
      "warning: this run's \(what) will take \(Self.about(recording)) of memory, and about "
        + "as much again while the output is written: \(percent)% of the "
        + "\(Self.bytes(available)) available\n")
  }

  /// `'Exc.V' every 10 steps: 4000 values × 100 samples = 3.2 MB`.
  private static func describe(_ variable: Variable) -> String {
    "'\(variable.name)' every \(variable.everySteps) step\(variable.everySteps == 1 ? "" : "s"): "
      + "\(variable.width) values × \(variable.samples) samples = \(bytes(variable.bytes))"
  }

  /// `count` bytes in words (`GeNN.Doctor.bytes`); `Int.max` stands for a size too large
  /// to count.
  static func bytes(_ count: Int) -> String {
    count == .max ? "more than \(GeNN.Doctor.bytes(count))" : GeNN.Doctor.bytes(count)
  }

  /// `about 3.2 GB`, or `more than 9.2 EB` for a size too large to count.
  static func about(_ count: Int) -> String {
    count == .max ? bytes(count) : "about \(bytes(count))"
  }

  /// `a * b`, or `Int.max` when it overflows.
  static func product(_ a: Int, _ b: Int) -> Int {
    let (result, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? .max : result
  }

  /// `a + b`, or `Int.max` when it overflows.
  static func sum(_ a: Int, _ b: Int) -> Int {
    let (result, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : result
  }
}
