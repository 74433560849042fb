import Foundation
import Testing

@testable import genn

/// The memory a run's recording takes, against the memory available.
@Suite struct RecordingBudgetTests {
  /// Collects the warnings a budget writes.
  final class Warnings: @unchecked Sendable {
    var texts: [String] = []
  }

  static func budget(
    width: Int = 1000, every: Int = 1, steps: Int, available: Int?, warnings: Warnings
  ) -> RecordingBudget {
    RecordingBudget(
      variables: [("Exc.V", width, every)], steps: steps, available: available,
      warn: { warnings.texts.append($0) })
  }

  @Test func variablesAreSizedExactly() {
    let budget = Self.budget(width: 4000, every: 10, steps: 1000, available: nil, warnings: .init())
    // 100 samples of 4000 values and a step each, 8 bytes apiece.
    #expect(budget.variableBytes == 100 * 4001 * 8)
    #expect(budget.variables.map(\.samples) == [100])
  }

  @Test func aRecordingThatFitsTwiceRunsSilently() throws {
    let warnings = Warnings()
    // 8,008,000 bytes, twice: 16 MB of 100 MB.
    var budget = Self.budget(steps: 1000, available: 100_000_000, warnings: warnings)
    try budget.checkBeforeRun()
    try budget.check(after: 20_000, spikes: 10)
    #expect(warnings.texts.isEmpty)
  }

  @Test func overHalfOfTheMemoryWarnsOnce() throws {
    let warnings = Warnings()
    var budget = Self.budget(steps: 1000, available: 20_000_000, warnings: warnings)
    try budget.checkBeforeRun()
    try budget.checkBeforeRun()
    #expect(
      warnings.texts == [
        "warning: this run's recorded variables ('Exc.V' every 1 step: 1000 values × 1000 "
          + "samples = 8.0 MB) will take about 8.0 MB of memory, and about as much again "
          + "while the output is written: 80% of the 20.0 MB available\n"
      ])
  }

  @Test func moreThanTheMemoryIsRefusedBeforeTheRun() {
    var budget = Self.budget(steps: 1000, available: 10_000_000, warnings: .init())
    #expect(throws: CommandError.self) { try budget.checkBeforeRun() }
    var unknown = Self.budget(steps: .max, available: nil, warnings: .init())
    #expect(throws: Never.self) { try unknown.checkBeforeRun() }
  }

  @Test func spikesAreProjectedOnceTheyCoverEnoughSteps() throws {
    let warnings = Warnings()
    var budget = RecordingBudget(
      variables: [], steps: 100_000_000, available: 1_000_000_000,
      warn: { warnings.texts.append($0) })
    // A burst at the start is not taken for the rate of the whole run.
    try budget.check(after: RecordingBudget.projectionSteps - 1, spikes: 1_000_000)
    // 100 spikes per 10,000 steps: 1,000,100 spikes of 20 bytes by the end, twice: 40 MB.
    try budget.check(after: RecordingBudget.projectionSteps, spikes: 100)
    #expect(warnings.texts.isEmpty)
    // 20,000 per 10,000 steps: 200 million spikes, 4 GB.
    let error = #expect(throws: CommandError.self) {
      try budget.check(after: RecordingBudget.projectionSteps, spikes: 20_000)
    }
    #expect(
      error?.description.hasPrefix(
        "error: the run was stopped after 10000 of 100000000 steps, and nothing was written: "
          + "at the rate it records spikes (20000 so far, 20 bytes each), its recording would "
          + "take about 4.0 GB of memory by the end") == true)
  }

  @Test func spikesRecordedSoFarMustFitInAnyRun() throws {
    // A short run (no projection): 1,000 steps, each recording a million spikes.
    var budget = RecordingBudget(
      variables: [], steps: 1_000, available: 1_000_000_000, warn: { _ in })
    try budget.check(after: 10, spikes: 20_000_000)
    let error = #expect(throws: CommandError.self) {
      try budget.check(after: 30, spikes: 30_000_000)
    }
    #expect(
      error?.description.hasPrefix(
        "error: the run was stopped after 30 of 1000 steps, and nothing was written: the "
          + "spikes it recorded so far (30000000, 20 bytes each) take, with the recorded "
          + "variables, about 600.0 MB of memory") == true)
  }

  @Test func byteCounts() {
    #expect(GeNN.Doctor.bytes(999) == "999 B")
    #expect(GeNN.Doctor.bytes(3_400) == "3.4 kB")
    #expect(GeNN.Doctor.bytes(880_000_000_000_000) == "880.0 TB")
    #expect(RecordingBudget.bytes(.max) == "more than 9.2 EB")
  }
}
