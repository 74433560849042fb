import Foundation
import Testing

/// `--set` on `genn run`, `build` and `check`, and `genn sweep`, on a small model whose
/// input current is a parameter.
@Suite struct SweepTests {
  /// Writes the tiny model with its input current as the parameter `I0` into `folder`.
  static func writeModel(to folder: URL) throws {
    try TinyModel.write(
      to: folder,
      replacing: [
        ("name: tiny\n", "name: tiny\nparameters: {I0: 0.5, N: 10}\n"),
        ("size: 10", "size: ${N}"), ("Ioffset: 0.5", "Ioffset: \"${I0}\""),
      ])
  }

  /// `sweep.csv` in `folder`, as rows of fields.
  static func table(in folder: URL) throws -> [[String]] {
    let text = try String(
      contentsOf: folder.appendingPathComponent("sweep.csv"), encoding: .utf8)
    return text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
  }

  @Test func aSweepRunsEveryCombinationIntoItsOwnFolder() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.writeModel(to: folder)
    let outcome = try Genn.run(
      ["sweep", "tiny.yaml", "--set", "I0=[0.5, 1]", "--set", "seed=[1,2]", "--out", "s"],
      in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let sweep = folder.appendingPathComponent("s")
    #expect(
      Genn.contents(of: sweep) == ["run-001", "run-002", "run-003", "run-004", "sweep.csv"])
    let rows = try Self.table(in: sweep)
    #expect(
      rows.first
        == [
          "run", "folder", "I0", "seed", "N", "steps", "duration_ms", "rate_Exc_hz", "cache_hit",
          "generate_s", "compile_s", "load_s", "simulate_s",
        ])
    #expect(rows.count == 5)
    #expect(
      rows.dropFirst().map { Array($0[0...4]) } == [
        ["1", "run-001", "0.5", "1", "10"], ["2", "run-002", "0.5", "2", "10"],
        ["3", "run-003", "1", "1", "10"], ["4", "run-004", "1", "2", "10"],
      ])
    for (index, row) in rows.dropFirst().enumerated() {
      let run = try RunFolder(sweep.appendingPathComponent(row[1]))
      try run.checkConsistency()
      #expect(run.steps == 1000)
      #expect(run.summary["seed"] as? Int == (index % 2 == 0 ? 1 : 2))
      let rate = try #require(try run.population("Exc")["mean_rate_hz"] as? Double)
      #expect(Double(row[7]) == rate)
    }
    // More input, more spikes.
    #expect(Double(rows[3][7])! > Double(rows[1][7])!)
    // A seed is not in the generated code: the second seed of each current reuses the
    // first one's build.
    #expect(rows[2][8] == "true")
    #expect(rows[4][8] == "true")
  }

  @Test func dynamicParametersAreSweptWithOneBuild() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(
      to: folder,
      replacing: [
        ("name: tiny\n", "name: tiny\nparameters: {I0: 0.5}\n"),
        ("Ioffset: 0.5", "Ioffset: \"${I0}\""),
        ("record_spikes: true", "record_spikes: true\n    dynamic_params: [Ioffset]"),
      ])
    let cache = ["GENN_CACHE_DIR": folder.appendingPathComponent("cache").path]
    let sweep = try Genn.run(
      ["sweep", "tiny.yaml", "--set", "I0=[0.5,0.7,0.9]", "--out", "s"], in: folder,
      environment: cache)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let rows = try Self.table(in: folder.appendingPathComponent("s"))
    #expect(
      rows.dropFirst().map { $0[rows[0].firstIndex(of: "cache_hit")!] } == [
        "false", "true", "true",
      ])
    // Set once loaded, the value runs as it does compiled in.
    let run = try Genn.run(
      ["run", "tiny.yaml", "--set", "I0=0.9", "--out", "o", "-q"], in: folder, environment: cache)
    #expect(run.status == 0, "\(run.stderr)")
    let swept = try RunFolder(folder.appendingPathComponent("s/run-003"))
    let single = try RunFolder(folder.appendingPathComponent("o"))
    for file in ["spikes/Exc.times.npy", "spikes/Exc.ids.npy", "vars/Exc.V.npy"] {
      #expect(try swept.bytes(file) == single.bytes(file), "\(file)")
    }
  }

  @Test func anEarlierSweepIsReplacedOnlyWithOverwrite() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.writeModel(to: folder)
    let arguments = ["sweep", "tiny.yaml", "--set", "N=[4,6]", "--steps", "10", "--out", "s"]
    #expect(try Genn.run(arguments, in: folder).status == 0)
    let again = try Genn.run(arguments, in: folder)
    #expect(again.status == 1)
    #expect(again.stderr.contains("already exists"))
    let replaced = try Genn.run(arguments + ["--overwrite", "--set", "I0=2"], in: folder)
    #expect(replaced.status == 0, "\(replaced.stderr)")
    #expect(try Self.table(in: folder.appendingPathComponent("s"))[1][3] == "2")
    try "notes".write(
      to: folder.appendingPathComponent("s/notes.txt"), atomically: true, encoding: .utf8)
    let kept = try Genn.run(arguments + ["--overwrite"], in: folder)
    #expect(kept.status == 1)
    #expect(kept.stderr.contains("it holds 'notes.txt', which `genn sweep` does not write"))
  }

  @Test func setOverridesParametersAndRunSettings() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.writeModel(to: folder)
    let outcome = try Genn.run(
      ["run", "tiny.yaml", "--set", "N=4", "--set", "run.duration=20", "--out", "o"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let run = try RunFolder(folder.appendingPathComponent("o"))
    #expect(run.steps == 200)
    #expect(try run.population("Exc")["neurons"] as? Int == 4)
    let check = try Genn.run(["check", "tiny.yaml", "--set", "N=7"], in: folder)
    #expect(check.stdout.contains("7 neurons"), "\(check.stderr)")
    let build = try Genn.run(["build", "tiny.yaml", "--set", "N=3", "-q"], in: folder)
    #expect(build.status == 0, "\(build.stderr)")
  }

  @Test func summaryRecordsTheParameterValuesTheRunUsed() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(
      to: folder,
      replacing: [
        ("name: tiny\n", "name: tiny\nparameters: {I0: 0.5, N: 10, I_half: '${I0 / 2}'}\n"),
        ("size: 10", "size: ${N}"), ("Ioffset: 0.5", "Ioffset: \"${I_half}\""),
      ])
    let outcome = try Genn.run(
      ["run", "tiny.yaml", "--set", "I0=0.8", "--steps", "10", "--out", "o", "-q"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let run = try RunFolder(folder.appendingPathComponent("o"))
    let parameters = try #require(run.summary["parameters"] as? [[String: Any]])
    // In the order the file declares them, `I0` as set and `I_half` computed from it.
    #expect(parameters.map { $0["name"] as? String } == ["I0", "N", "I_half"])
    #expect(parameters.map { $0["value"] as? Double } == [0.8, 10, 0.4])
  }

  @Test func badAssignmentsAreErrorsThatSayWhatIsAllowed() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.writeModel(to: folder)
    let cases: [([String], String)] = [
      (
        ["run", "tiny.yaml", "--set", "I=1"],
        "there is no parameter or setting named 'I'; did you mean 'I0'? Available: I0, N, seed, "
          + "run.duration, run.steps."
      ),
      (["run", "tiny.yaml", "--set", "I0"], "'--set I0' has no '='"),
      (["run", "tiny.yaml", "--set", "I0=nan"], "'nan' is not a finite number"),
      (["run", "tiny.yaml", "--set", "I0=[1,2]"], "only genn sweep runs several values"),
      (["run", "tiny.yaml", "--set", "N=2.5"], "it must give a whole number"),
      (["run", "tiny.yaml", "--set", "I0=1", "--set", "I0=2"], "is given twice"),
      (["sweep", "tiny.yaml", "--set", "I0=1"], "needs at least one --set NAME=[V1,V2,...]"),
      (["sweep", "tiny.yaml", "--set", "I0=[]"], "'' is not a finite number"),
      (
        ["sweep", "tiny.yaml", "--set", "seed=[1,2]", "--seed", "3"],
        "--set seed=[...] or one with --seed, not both"
      ),
      (["check", "tiny.yaml", "--set", "seed=-1"], "'--set seed' is -1.0; it must be a whole"),
      (
        ["check", "tiny.yaml", "--set", "seed=9223372036854775808"],
        "it must be a whole number, 0 or more and less than 2^63"
      ),
    ]
    for (arguments, message) in cases {
      let outcome = try Genn.run(arguments, in: folder)
      #expect(outcome.status == 1, "\(arguments)")
      #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
      #expect(Genn.contents(of: folder) == ["tiny.yaml"], "\(arguments) wrote a file")
    }
  }
}
