import Foundation

/// A one-line progress bar on standard error for a run: the fraction done, steps, model
/// time per wall time and the time left.
///
/// It draws only when standard error is a terminal and the run has taken longer than a
/// second, redraws at most ten times a second, and clears its line when the run ends.
struct ProgressBar {
  /// The steps of the whole run.
  let total: Int
  /// The time step in ms, for the model-time rate.
  let dt: Double
  /// Whether it draws at all.
  let enabled: Bool
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private var lastDraw: ContinuousClock.Instant?

  /// How long a run goes before the bar appears, in seconds.
  static let delay = 1.0
  /// The fewest seconds between two redraws.
  static let interval = 0.1

  /// A bar for a run of `total` steps; it draws if `enabled` and standard error is a
  /// terminal.
  init(total: Int, dt: Double, enabled: Bool) {
    self.total = total
    self.dt = dt
    self.enabled = enabled && Terminal.standardErrorIsTerminal
    start = clock.now
  }

  /// Seconds since the run started.
  var elapsed: Double { (clock.now - start).seconds }

  /// Shows that `done` steps are done.
  mutating func update(done: Int) {
    guard enabled else { return }
    let now = clock.now
    let seconds = (now - start).seconds
    guard seconds >= Self.delay else { return }
    if let lastDraw, (now - lastDraw).seconds < Self.interval { return }
    lastDraw = now
    Terminal.showTransient(Self.line(done: done, total: total, dt: dt, elapsed: seconds))
  }

  /// Clears the bar's line, if it was drawn.
  func finish() {
    guard lastDraw != nil else { return }
    Terminal.clearTransient()
  }

  /// The bar's text after `done` of `total` steps in `elapsed` seconds, for example
  /// ` 42% [##########--------------]  4200/10000 steps  1.6x real time  ETA 3.1 s`.
  static func line(done: Int, total: Int, dt: Double, elapsed: Double, width: Int = 24)
    -> String
  {
    let fraction = total > 0 ? min(1, max(0, Double(done) / Double(total))) : 1
    let filled = Int((fraction * Double(width)).rounded(.down))
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let percent = String(format: "%3d%%", Int((fraction * 100).rounded(.down)))
    var text = "\(percent) [\(bar)] \(done)/\(total) steps"
    if done > 0 && elapsed > 0 {
      let speed = Double(done) * dt / 1000 / elapsed
      text +=
        "  "
        + (speed >= 1
          ? String(format: "%.1fx real time", speed)
          : String(format: "%.1f s per model second", 1 / speed))
      let left = elapsed / Double(done) * Double(total - done)
      text += "  ETA " + duration(left)
    }
    return text
  }

  /// `seconds` as `4.2 s`, `3 min 05 s` or `2 h 03 min`.
  static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    let whole = Int(seconds.rounded())
    if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
    return String(format: "%d h %02d min", whole / 3600, (whole % 3600) / 60)
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
