import Foundation
import GeNNModel
import GeNNModelFile
import Testing

/// Numbers a model file gives that are too large for what they count: a located error
/// that says the range, never a crash.
@Suite struct NumberRangeTests {
  static let population = ErrorTests.population

  @Test func durationOfTooManyStepsIsARangeError() throws {
    let error = try #require(Fixtures.error(Self.population + "run: {duration: 1e18}\n"))
    #expect(error.position == SourcePosition(file: "test.yaml", line: 7, column: 17))
    #expect(
      error.description.contains(
        "'run.duration' is 1e+18; it must be at most 9.223372036854776e+17 ms "
          + "(9223372036854775807 time steps of dt = 0.1 ms)"))
    let tinyStep = try #require(
      Fixtures.error("dt: 1e-300\n" + Self.population + "run: {duration: 1}\n"))
    #expect(tinyStep.position.line == 8)
    #expect(tinyStep.description.contains("time steps of dt = 1e-300 ms"))
  }

  @Test func runLengthOfTooManyStepsThrows() throws {
    // A file without a run length, and `--duration`, meet dt only when the run starts.
    #expect(throws: StepCountError(duration: 1000, dt: 1e-300)) {
      try RunLength.milliseconds(1000).steps(dt: 1e-300)
    }
    #expect(throws: StepCountError(duration: 1e300, dt: 0.1)) {
      try RunLength.milliseconds(1e300).steps(dt: 0.1)
    }
    #expect(try RunLength.milliseconds(2.5).steps(dt: 0.1) == 25)
    #expect(
      "\(StepCountError(duration: 1e300, dt: 0.1))"
        == "a duration of 1e+300 ms at dt = 0.1 ms is 1e+301 time steps; a run takes 0 to "
        + "9223372036854775807 steps, so give a shorter duration or a larger dt")
  }

  @Test func largestWholeNumbersAreReadExactly() throws {
    let file = try ModelFile.parse(
      "seed: 9223372036854775807\n" + Self.population + "run: {steps: 9223372036854775807}\n",
      path: "test.yaml")
    #expect(file.model.seed == 9_223_372_036_854_775_807)
    #expect(file.run.length == .steps(Int.max))
  }

  @Test func wholeNumbersBeyondTheirRangeSayTheRange() throws {
    let synapses =
      "synapses: {S: {source: E, target: E, axonal_delay_steps: DELAY, weight_update: "
      + "{model: StaticPulse, vars: {g: 1}}}}\n"
    for delay in ["9223372036854775807", "9223372036854775808", "1e30"] {
      let text = Self.population + synapses.replacing("DELAY", with: delay)
      let error = try #require(Fixtures.error(text))
      #expect(error.position.line == 7)
      #expect(
        error.description.contains(
          "'synapses.S.axonal_delay_steps' is \(delay); it must be between 0 and 65535"))
      #expect(!error.description.contains("whole number"))
    }
    let seed = try #require(Fixtures.error("seed: 1e19\n" + Self.population))
    #expect(
      seed.description.contains("'seed' is 1e19; it must be between 0 and 9223372036854775807"))
    let fraction = try #require(Fixtures.error("seed: 1.5\n" + Self.population))
    #expect(fraction.description.contains("'seed' is the number 1.5; it must be a whole number"))
  }
}
