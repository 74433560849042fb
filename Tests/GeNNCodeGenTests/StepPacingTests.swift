import Foundation
import Testing

@testable import GeNNCodeGen

/// The choice between sharing a step's phases and running them on one thread
/// (``StepPacingSource``), fed epoch times of machines that favour one way, the other,
/// or each in turn, also with epochs that the operating system stretches at random: the
/// time it spends is close to that of always taking the faster way.
@Suite struct StepPacingTests {
  /// A machine: each epoch's seconds on one thread and shared, by epoch number `e`
  /// (C++ expressions), for epochs of `steps` steps.
  struct Machine {
    var name: String
    var epochs: Int
    var steps: Int
    var alone: String
    var shared: String
    /// Whether other programs stretch epochs at random: then no choice can foresee
    /// which epoch is stretched, and the time is held to that of the way that is faster
    /// on average throughout, not of the faster way in each epoch.
    var random = false
  }

  /// COBA's seconds per step on the 2-core machine, in epochs of about 5 ms; a worker
  /// descheduled in an epoch costs it a time slice, 3 ms.
  static let machines = [
    // 64k neurons, quiet: two threads 1.5x as fast.
    Machine(name: "quiet", epochs: 2_000, steps: 112, alone: "50.5e-6", shared: "33.5e-6"),
    // 16k, quiet: two threads 1.2x as fast.
    Machine(name: "close", epochs: 2_000, steps: 560, alone: "10.8e-6", shared: "9.0e-6"),
    // 16k, a busy core: every shared epoch waits for a descheduled worker.
    Machine(
      name: "busy", epochs: 200, steps: 560, alone: "9.2e-6", shared: "9.0e-6 + 3e-3 / 560"),
    // A busy core now and then: 3 epochs in 10 wait for a worker, twice.
    Machine(
      name: "stalls", epochs: 2_000, steps: 560, alone: "9.2e-6",
      shared: "9.0e-6 + (e % 10 < 3 ? 6e-3 / 560 : 0.0)"),
    // Quiet, then busy, then quiet again.
    Machine(
      name: "changing", epochs: 3_000, steps: 112, alone: "50.5e-6",
      shared: "33.5e-6 + (e >= 1000 && e < 2000 ? 6e-3 / 112 : 0.0)"),
    // Both ways alike.
    Machine(name: "alike", epochs: 2_000, steps: 100, alone: "50e-6", shared: "50e-6"),
    // 64k, quiet but for other programs that now and then take a thread away for 5 ms:
    // from one epoch in 20 when alone, one in 10 when shared.
    Machine(
      name: "noisy", epochs: 3_000, steps: 112, alone: "50.5e-6 + outlier(e, 1, 5, 5e-3) / 112",
      shared: "33.5e-6 + outlier(e, 2, 10, 5e-3) / 112", random: true),
    // The same with a busy core: shared epochs wait 3 ms for a descheduled worker.
    Machine(
      name: "noisy busy", epochs: 3_000, steps: 112,
      alone: "50.5e-6 + outlier(e, 1, 5, 5e-3) / 112",
      shared: "33.5e-6 + 3e-3 / 112 + outlier(e, 2, 10, 5e-3) / 112", random: true),
  ]

  @Test func timeIsCloseToTheFasterWays() throws {
    let results = try Self.run(Self.machines)
    for machine in Self.machines {
      let name = machine.name.replacingOccurrences(of: " ", with: "_")
      let result = try #require(results[name])
      let fastest = machine.random ? min(result.alone, result.shared) : result.fastestEachEpoch
      #expect(fastest > 0)
      #expect(
        result.spent <= 1.03 * fastest,
        "\(machine.name): \(result.spent) s, always taking the faster way \(fastest) s")
    }
  }

  /// Seconds a machine's epochs took.
  struct Outcome {
    /// As the pacing chose.
    var spent: Double
    /// Taking the faster way in each epoch.
    var fastestEachEpoch: Double
    /// Always alone.
    var alone: Double
    /// Always shared.
    var shared: Double
  }

  /// Each machine's seconds, by name (spaces as underscores).
  static func run(_ machines: [Machine]) throws -> [String: Outcome] {
    let cases = machines.map { machine in
      """
          {
              genn::StepPacing pacing;
              double spent = 0.0, fastest = 0.0, alwaysAlone = 0.0, alwaysShared = 0.0;
              for (uint32_t e = 0; e < \(machine.epochs)u; e++) {
                  const double alone = \(machine.steps) * (\(machine.alone));
                  const double shared = \(machine.steps) * (\(machine.shared));
                  const double seconds = pacing.sharing() ? shared : alone;
                  spent += seconds;
                  fastest += std::min(alone, shared);
                  alwaysAlone += alone;
                  alwaysShared += shared;
                  pacing.epochEnded(seconds, \(machine.steps)u);
              }
              std::printf("\(machine.name.replacingOccurrences(of: " ", with: "_")) %.17g %.17g %.17g %.17g\\n", spent, fastest, alwaysAlone, alwaysShared);
          }
      """
    }
    let source = """
      #include <algorithm>
      #include <chrono>
      #include <cstdint>
      #include <cstdio>
      \(StepPacingSource.cpp)
      // `seconds` in `percent` % of epochs, the epochs chosen by a hash of `e` and `salt`.
      static double outlier(uint32_t e, uint32_t salt, uint32_t percent, double seconds) {
          return ((e * 2654435761u) ^ (salt * 40503u)) % 100u < percent ? seconds : 0.0;
      }
      int main() {
      \(cases.joined(separator: "\n"))
          return 0;
      }
      """
    let output = String(
      decoding: try CXXTool.output(
        ofProgram: source, name: "pacing",
        flags: ["-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror"]),
      as: UTF8.self)
    var results: [String: Outcome] = [:]
    for line in output.split(separator: "\n") {
      let fields = line.split(separator: " ")
      let numbers = fields.dropFirst().compactMap { Double($0) }
      guard fields.count == 5, numbers.count == 4 else {
        throw CXXTool.Failure(description: "unexpected line: \(line)")
      }
      results[String(fields[0])] = Outcome(
        spent: numbers[0], fastestEachEpoch: numbers[1], alone: numbers[2], shared: numbers[3])
    }
    return results
  }
}
