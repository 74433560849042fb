import Foundation
import Testing

/// `genn run --check` on code strings that would read or write outside their memory
/// (issue 17, item 3): an extra global parameter indexed out of range stops the run with
/// exit 1 and a message naming the population, the parameter, the index and the size (it
/// crashed with SIGSEGV); `printf` formats that do not match their arguments are errors
/// at their file position, with or without `--check` (`%n` crashed, `%d%d...` printed
/// the stack).
@Suite struct UserCodeBoundsTests {
  /// Four neurons with extra global parameter `e = [1, 2, 3]` running `code` (a block
  /// scalar: its line is line 9 of the file, indented by 8).
  static func model(_ code: String) -> String {
    """
    name: bounds
    neurons:
      E:
        size: 4
        model:
          vars: {V: scalar}
          extra_global_params: {e: scalar*}
          sim_code: |
            \(code)
        vars: {V: -55}
        extra_global_params: {e: [1, 2, 3]}
    run: {steps: 10}

    """
  }

  /// Runs `genn run --check` on `model(code)` in a fresh folder; returns what it did and
  /// whether it left anything but the model file.
  static func run(_ code: String) throws -> (outcome: Genn.Outcome, leftOver: [String]) {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try model(code).write(
      to: folder.appendingPathComponent("bounds.yaml"), atomically: true, encoding: .utf8)
    let outcome = try Genn.run(["run", "bounds.yaml", "--out", "out", "-q", "--check"], in: folder)
    return (outcome, Genn.contents(of: folder).filter { $0 != "bounds.yaml" })
  }

  @Test(arguments: [
    ("V += e[100000000];", "100000000"),
    ("e[id - 1000] = V;", "4294966296"),
    ("e[(int)id - 1000] = V;", "-1000"),
  ])
  func anIndexOutOfRangeStopsTheRunWithExit1(code: String, index: String) throws {
    let (outcome, leftOver) = try Self.run(code)
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(
      outcome.stderr
        == "error: the run stopped after 0 of 10 steps: neuron population 'E': code indexed "
        + "extra global parameter 'e' at \(index), outside its 3 elements (indices 0 to 2). Keep "
        + "indices within the array, or give it more values\n")
    #expect(leftOver == [])
  }

  @Test func indexesWithinTheArrayRun() throws {
    let (outcome, leftOver) = try Self.run("V += e[id % 3u]; e[2] = 3.0;")
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(leftOver == ["out"])
  }

  @Test(arguments: [
    (
      "printf(\"%s %n\", 1);",
      "bounds.yaml:9:20: error: neuron population 'E', sim code: '%n' in printf's format"
    ),
    (
      "printf(\"%d%d%d%d%d%d%d%d\");",
      "bounds.yaml:9:17: error: neuron population 'E', sim code: '%d' in printf's format has no argument"
    ),
    (
      "printf(\"%d\", V);",
      "bounds.yaml:9:22: error: neuron population 'E', sim code: '%d' takes int32_t"
    ),
  ])
  func mismatchedPrintfFormatsAreErrorsAtTheirPlace(code: String, expected: String) throws {
    let (outcome, leftOver) = try Self.run(code)
    #expect(outcome.status == 1)
    #expect(outcome.stderr.hasPrefix(expected), "\(outcome.stderr)")
    #expect(leftOver == [])
  }
}
