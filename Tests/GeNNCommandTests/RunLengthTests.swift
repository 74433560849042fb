import Foundation
import Testing

/// A run of more steps than can be counted is an error that names the values, not a
/// crash: `--duration 1e300`, or a tiny `dt` with the default duration.
@Suite struct RunLengthTests {
  @Test func tooManyStepsIsAnError() throws {
    let folder = try Genn.temporaryFolder()
    try TinyModel.write(to: folder)
    let duration = try Genn.run(["run", "tiny.yaml", "--duration", "1e300", "-q"], in: folder)
    #expect(duration.status == 1)
    #expect(
      duration.stderr.contains(
        "error: the run is too long: a duration of 1e+300 ms at dt = 0.1 ms is 1e+301 time steps"))
    try TinyModel.write(
      to: folder, name: "tiny-dt.yaml",
      replacing: [("name: tiny\n", "name: tiny\ndt: 1e-300\n"), ("run: {duration: 100}\n", "")])
    let step = try Genn.run(["run", "tiny-dt.yaml", "-q"], in: folder)
    #expect(step.status == 1)
    #expect(step.stderr.contains("a duration of 1000.0 ms at dt = 1e-300 ms is 1e+303 time steps"))
    #expect(Genn.contents(of: folder) == ["tiny-dt.yaml", "tiny.yaml"])
  }
}
