import Foundation
import GeNNBuildInfo
import GeNNToolchain
import Testing

@testable import genn

/// `summary.json`'s `provenance`: what a run's result can be traced back to.
@Suite struct ProvenanceTests {
  /// The SHA-256 of the file at `url`.
  static func sha256(_ url: URL) throws -> String {
    var hash = SHA256()
    hash.update(try Data(contentsOf: url))
    return hash.hexDigest()
  }

  @Test func theSummaryRecordsVersionHostCommandLineChecksumsAndCompiler() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try TinyModel.write(
      to: folder, replacing: [("RefracTime: 0", "RefracTime: {npy: refrac.npy}")])
    let npy = folder.appendingPathComponent("refrac.npy")
    try BadInputTests.npy(float64: Array(repeating: 0, count: 10)).write(to: npy)
    let before = Date()
    let arguments = ["run", "tiny.yaml", "--out", "out", "--threads", "1", "--seed", "7"]
    let outcome = try Genn.run(arguments, in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let summary = try RunFolder(folder.appendingPathComponent("out")).summary
    #expect(summary["backend"] as? String == "cpu")
    #expect(summary["threads"] as? Int == 1)
    #expect(summary["seed"] as? Int == 7)
    let provenance = try #require(summary["provenance"] as? [String: Any])

    #expect(provenance["swiftgenn_version"] as? String == BuildInfo.version)
    #expect(provenance["swiftgenn_commit"] as? String == BuildInfo.commit)
    let date = try #require(provenance["date"] as? String)
    let started = try #require(ISO8601DateFormatter().date(from: date))
    #expect(abs(started.timeIntervalSince(before)) < 120)

    let host = try #require(provenance["host"] as? [String: Any])
    #expect((host["cores"] as? Int ?? 0) >= 1)
    #expect(!(host["cpu_model"] as? String ?? "").isEmpty)
    #expect(!(host["os"] as? String ?? "").isEmpty)
    #expect(["x86_64", "arm64"].contains(host["architecture"] as? String ?? ""))

    let commandLine = try #require(provenance["command_line"] as? [String])
    #expect(Array(commandLine.dropFirst()) == arguments)
    #expect(commandLine.first?.hasSuffix("genn") == true)
    let workingDirectory = try #require(provenance["working_directory"] as? String)
    #expect(
      URL(fileURLWithPath: workingDirectory).resolvingSymlinksInPath().path
        == folder.resolvingSymlinksInPath().path)

    let modelFile = try #require(provenance["model_file"] as? [String: Any])
    #expect(modelFile["path"] as? String == "tiny.yaml")
    #expect(modelFile["sha256"] as? String == (try Self.sha256(model)))
    let inputs = try #require(provenance["inputs"] as? [[String: Any]])
    try #require(inputs.count == 1)
    #expect((inputs[0]["path"] as? String)?.hasSuffix("/refrac.npy") == true)
    #expect(inputs[0]["sha256"] as? String == (try Self.sha256(npy)))
    #expect(inputs[0]["bytes"] as? Int == (try Data(contentsOf: npy)).count)

    let compiler = try #require(provenance["compiler"] as? [String: Any])
    #expect(!(compiler["command"] as? String ?? "").isEmpty)
    #expect(!(compiler["version"] as? String ?? "").isEmpty)
    let flags = try #require(compiler["flags"] as? [String])
    #expect(flags == Toolchain.defaultFlags)
  }

  /// A model file read from a pipe (`genn run <(make-model)`) is hashed as it was read,
  /// not read again (which would find the pipe empty), and a sweep over it reads it once
  /// for all its runs.
  @Test(arguments: ["run", "sweep"])
  func aModelFileFromAPipeIsReadOnce(command: String) throws {
    #if os(Linux)
      let folder = try Genn.temporaryFolder()
      defer { try? FileManager.default.removeItem(at: folder) }
      let model = try TinyModel.write(to: folder)
      let contents = try Data(contentsOf: model)
      let pipe = folder.appendingPathComponent("model.pipe")
      #expect(mkfifo(pipe.path, 0o600) == 0)
      // One writer: a second read of the pipe would wait for another and time out.
      let writer = Thread {
        if let handle = FileHandle(forWritingAtPath: pipe.path) {
          handle.write(contents)
          try? handle.close()
        }
      }
      writer.start()
      let arguments =
        [command, "model.pipe", "--out", "out", "--threads", "1"]
        + (command == "sweep" ? ["--set", "seed=[1,2]"] : [])
      let outcome = try Genn.run(arguments, in: folder, timeout: 300)
      #expect(outcome.status == 0, "\(outcome.stderr)")
      let runs = command == "sweep" ? ["out/run-001", "out/run-002"] : ["out"]
      for run in runs {
        let summary = try RunFolder(folder.appendingPathComponent(run)).summary
        let provenance = try #require(summary["provenance"] as? [String: Any])
        let modelFile = try #require(provenance["model_file"] as? [String: Any])
        #expect(modelFile["sha256"] as? String == (try Self.sha256(model)), "\(run)")
        #expect(modelFile["bytes"] as? Int == contents.count, "\(run)")
      }
    #endif
  }

  @Test func aSummaryWithoutProvenanceStillReads() throws {
    var summary = CommandUnitTests.sampleSummary
    summary.provenance = nil
    let json = try summary.json()
    #expect(try RunSummary.decode(json).provenance == nil)
  }

  @Test func aTimedModelRecordsWhereTheSimulationTimeWent() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder, replacing: [("name: tiny", "name: tiny\ntiming: true")])
    let outcome = try Genn.run(["run", "tiny.yaml", "--out", "out", "-q"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let timing = try #require(
      try RunFolder(folder.appendingPathComponent("out")).summary["timing"] as? [String: Any])
    let phases = try #require(timing["phases"] as? [String: Any])
    let neurons = try #require(phases["neuron_update_s"] as? Double)
    #expect(neurons > 0 && neurons <= (timing["simulate_s"] as? Double ?? 0))
    #expect(phases["presynaptic_update_s"] as? Double == 0, "no synapses")
    #expect(phases["init_s"] as? Double ?? 0 > 0)

    // Without `timing: true` the model measures nothing, and the summary says nothing.
    try TinyModel.write(to: folder, name: "untimed.yaml")
    #expect(try Genn.run(["run", "untimed.yaml", "--out", "plain", "-q"], in: folder).status == 0)
    let plain = try RunFolder(folder.appendingPathComponent("plain")).summary["timing"]
    #expect((plain as? [String: Any])?["phases"] == nil)
  }
}
