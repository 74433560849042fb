import Foundation
import Testing

@testable import genn

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The progress bar: drawn on a terminal for runs longer than a second, never otherwise.
@Suite struct ProgressTests {
  /// `script` (util-linux) runs a command on a pseudo-terminal.
  static let script = ["/usr/bin/script", "/bin/script"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// The STDP example for 60 s of model time: two seconds of simulation or more, long
  /// enough for the bar (drawn after a second) on a fast machine.
  static let longRun = ["run", Genn.example("stdp.yaml"), "--duration", "60000", "--out", "out"]

  @Test(.enabled(if: script != nil, "needs util-linux's script for a terminal"))
  func drawsOnATerminal() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(
      Self.longRun, in: folder, wrapper: { [Self.script!, "-qec", $0, "/dev/null"] })
    #expect(outcome.status == 0, "\(outcome.stdout)")
    // script merges both streams into its standard output.
    #expect(outcome.stdout.contains("steps  "), "\(outcome.stdout)")
    #expect(outcome.stdout.contains("ETA"))
    #expect(outcome.stdout.contains("/600000 steps"))
    #expect(outcome.stdout.contains("output"))
  }

  @Test(.enabled(if: script != nil, "needs util-linux's script for a terminal"))
  func quietOnATerminalDrawsNothing() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(
      Self.longRun + ["--quiet"], in: folder, wrapper: { [Self.script!, "-qec", $0, "/dev/null"] })
    #expect(outcome.status == 0, "\(outcome.stdout)")
    #expect(!outcome.stdout.contains("ETA"))
    #expect(!outcome.stdout.contains("model "))
  }

  @Test func lineShowsFractionRateAndTimeLeft() {
    let line = ProgressBar.line(done: 2000, total: 10_000, dt: 0.1, elapsed: 0.1, width: 8)
    #expect(line == " 20% [#-------] 2000/10000 steps  2.0x real time  ETA 0.4 s")
    // Slower than real time: seconds per model second.
    let slow = ProgressBar.line(done: 100, total: 10_000, dt: 0.1, elapsed: 5, width: 4)
    #expect(slow == "  1% [----] 100/10000 steps  500.0 s per model second  ETA 8 min 15 s")
    #expect(
      ProgressBar.line(done: 0, total: 0, dt: 0.1, elapsed: 0, width: 2) == "100% [##] 0/0 steps")
  }

  @Test func durations() {
    #expect(ProgressBar.duration(4.2) == "4.2 s")
    #expect(ProgressBar.duration(185) == "3 min 05 s")
    #expect(ProgressBar.duration(7380) == "2 h 03 min")
    #expect(ProgressBar.duration(.infinity) == "?")
  }

  @Test func disabledWhenAskedOrNotATerminal() {
    #expect(!ProgressBar(total: 10, dt: 0.1, enabled: false).enabled)
    // It follows whether standard error is a terminal.
    #expect(ProgressBar(total: 10, dt: 0.1, enabled: true).enabled == (isatty(STDERR_FILENO) != 0))
  }
}
