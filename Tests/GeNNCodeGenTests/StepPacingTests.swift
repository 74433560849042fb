import Foundation
import Testing

@testable import GeNNCodeGen

/// The choice between sharing a step's phases and running them on one thread
/// (``StepPacingSource``), fed epoch times of machines that favour one way, the other,
/// or each in turn: the time it spends is close to that of always taking the faster way.
@Suite struct StepPacingTests {
  /// A machine: each epoch's seconds on one thread and shared, by epoch number `e`
  /// (C++ expressions), for epochs of `steps` steps.
  struct Machine {
    var name: String
    var epochs: Int
    var steps: Int
    var alone: String
    var shared: String
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
  ]

  @Test func timeIsCloseToTheFasterWays() throws {
    let results = try Self.run(Self.machines)
    for machine in Self.machines {
      let (spent, fastest) = try #require(results[machine.name])
      #expect(fastest > 0)
      #expect(
        spent <= 1.03 * fastest,
        "\(machine.name): \(spent) s, always taking the faster way \(fastest) s")
    }
  }

  /// Each machine's seconds spent and the seconds of always taking the faster way.
  static func run(_ machines: [Machine]) throws -> [String: (Double, Double)] {
    let cases = machines.map { machine in
      """
          {
              genn::StepPacing pacing;
              double spent = 0.0, fastest = 0.0;
              for (uint32_t e = 0; e < \(machine.epochs)u; e++) {
                  const double alone = \(machine.steps) * (\(machine.alone));
                  const double shared = \(machine.steps) * (\(machine.shared));
                  const double seconds = pacing.sharing() ? shared : alone;
                  spent += seconds;
                  fastest += std::min(alone, shared);
                  pacing.epochEnded(seconds, \(machine.steps)u);
              }
              std::printf("\(machine.name) %.17g %.17g\\n", spent, fastest);
          }
      """
    }
    let source = """
      #include <algorithm>
      #include <chrono>
      #include <cstdint>
      #include <cstdio>
      \(StepPacingSource.cpp)
      int main() {
      \(cases.joined(separator: "\n"))
          return 0;
      }
      """
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("genn-pacing-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("pacing.cpp")
    let program = folder.appendingPathComponent("pacing")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let compiler = try CXXTool.compiler()
    let flags = ["-std=c++17", "-O1", "-Wall", "-Wextra", "-Werror"]
    let build = try CXXTool.run(compiler + flags + ["-o", program.path, file.path])
    guard build.status == 0 else { throw CXXTool.Failure(description: build.text) }
    let output = try CXXTool.run([program.path])
    guard output.status == 0 else { throw CXXTool.Failure(description: output.text) }
    var results: [String: (Double, Double)] = [:]
    for line in output.text.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 3, let spent = Double(fields[1]), let fastest = Double(fields[2])
      else { throw CXXTool.Failure(description: "unexpected line: \(line)") }
      results[String(fields[0])] = (spent, fastest)
    }
    return results
  }
}
