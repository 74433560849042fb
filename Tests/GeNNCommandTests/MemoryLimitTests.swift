import Foundation
import Testing

/// Whether the system enforces `ulimit -v` (macOS does not).
#if os(Linux)
  private let addressSpaceLimitEnforced = true
#else
  private let addressSpaceLimitEnforced = false
#endif

/// `genn` under an address-space limit (`ulimit -v`), as a shared machine or a batch
/// system sets one: a model or a recording beyond the limit gets an error that says how
/// much it needs and what to change, never a crash when an allocation fails, and nothing
/// is written.
@Suite(.enabled(if: addressSpaceLimitEnforced, "only Linux enforces an address-space limit"))
struct MemoryLimitTests {
  /// Runs `genn arguments...` in `folder` with the address space limited to `kilobytes`.
  static func run(_ arguments: [String], in folder: URL, kilobytes: Int) throws -> Genn.Outcome {
    try Genn.run(
      arguments, in: folder,
      wrapper: { ["/bin/sh", "-c", "ulimit -v \(kilobytes) && exec \($0)"] },
      timeout: 600)
  }

  static let lif =
    "{C: 0.2, TauM: 20, Vrest: -49, Vreset: -60, Vthresh: -50, Ioffset: 0, TauRefrac: 5}"

  @Test func aModelBeyondTheLimitIsRefused() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try """
    neurons:
      E: {size: 300000000, model: LIF, params: \(Self.lif), vars: {V: -55, RefracTime: 0}}
    """.write(to: folder.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
    let outcome = try Self.run(
      ["run", "big.yaml", "--steps", "1", "--out", "out"], in: folder, kilobytes: 4_000_000)
    #expect(outcome.exited && outcome.status == 1, "\(outcome.ending): \(outcome.stderr)")
    #expect(outcome.stderr.contains("the model needs 3.4 GiB"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("neuron population 'E' variable 'V'"), "\(outcome.stderr)")
    #expect(Genn.contents(of: folder) == ["big.yaml"])
  }

  @Test func spikesRecordedBeyondTheLimitStopAShortRun() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 200,000 spikes a step: 4 MB of recording a step, in a run too short for the
    // recording to be projected to its end.
    try """
    neurons:
      P: {size: 200000, model: {threshold_condition_code: "true"}, record_spikes: true}
    """.write(to: folder.appendingPathComponent("spiking.yaml"), atomically: true, encoding: .utf8)
    let outcome = try Self.run(
      ["run", "spiking.yaml", "--steps", "5000", "--threads", "1", "--out", "out", "--quiet"],
      in: folder, kilobytes: 2_500_000)
    #expect(outcome.exited && outcome.status == 1, "\(outcome.ending): \(outcome.stderr)")
    #expect(
      outcome.stderr.contains("and nothing was written: the spikes it recorded so far"),
      "\(outcome.stderr)")
    #expect(Genn.contents(of: folder) == ["spiking.yaml"])
  }
}
