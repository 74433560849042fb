import Foundation
import GeNNToolchain
import Testing

@testable import genn

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `genn` ended by a signal: it leaves no half-written output, puts an earlier output
/// back, cleans up after runs killed outright, and takes its compiler with it.
@Suite struct InterruptionTests {
  /// The tiny model made big enough that its output takes seconds to write: 4,000
  /// neurons' `V` at every step.
  static let bigModel: [(String, String)] = [
    ("name: tiny", "name: big_output"), ("size: 10", "size: 4000"), ("every: 10", "every: 1"),
  ]

  @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
  func aSignalWhileWritingLeavesNothingAndKeepsTheEarlierOutput(signal: Int32) throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder, name: "big.yaml", replacing: Self.bigModel)
    try TinyModel.write(to: folder)
    #expect(try Genn.run(["run", "tiny.yaml", "--out", "out", "-q"], in: folder).status == 0)
    let earlier = try Data(contentsOf: folder.appendingPathComponent("out/summary.json"))

    let genn = try Genn.start(["run", "big.yaml", "--out", "out", "--overwrite", "-q"], in: folder)
    let staging = Self.waitFor(seconds: 300) {
      Genn.contents(of: folder).first { $0.hasPrefix(".out.partial-") }
    }
    #expect(staging != nil, "the run never started writing its output")
    kill(genn.processIdentifier, signal)
    genn.waitUntilExit()
    #expect(genn.terminationReason == .uncaughtSignal && genn.terminationStatus == signal)
    #expect(Genn.contents(of: folder) == ["big.yaml", "out", "tiny.yaml"])
    #expect(try Data(contentsOf: folder.appendingPathComponent("out/summary.json")) == earlier)
  }

  @Test func leftoversOfKilledRunsAreRemovedByTheNextRun() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    let dead = try Self.deadProcess()
    let host = StagingFolder.thisHost
    let leftovers = [
      ".out.partial-\(dead)-17-\(host)",  // a killed run's new output: deleted
      ".kept.old-\(dead)-18-\(host)",  // a killed run's earlier output: put back as 'kept'
      ".older.partial-\(dead)-19",  // from a version without the machine: deleted
    ]
    let others = [
      ".live.partial-\(getpid())-20-\(host)",  // a running process's: kept
      // Another machine's.
      ".remote.partial-\(dead)-21-\(host == "00000000" ? "00000001" : "00000000")",
      ".notes.partial-x",  // not a staging folder
    ]
    for name in leftovers + others {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
      try Data("x".utf8).write(to: url.appendingPathComponent("summary.json"))
    }
    let outcome = try Genn.run(["run", "tiny.yaml", "--out", "new", "-q"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(Genn.contents(of: folder) == (others + ["kept", "new", "tiny.yaml"]).sorted())
    #expect(Genn.contents(of: folder.appendingPathComponent("kept")) == ["summary.json"])
  }

  @Test func stagingFolderNames() throws {
    let folder = StagingFolder(output: "run.1", kind: .partial, tag: StagingFolder.newTag())
    #expect(folder.name.hasPrefix(".run.1.partial-\(getpid())-"))
    #expect(StagingFolder(parsing: folder.name) == folder)
    #expect(!folder.isLeftOver)
    let old = try #require(StagingFolder(parsing: ".a.partial-b.old-12-34-0123abcd"))
    #expect(old.output == "a.partial-b" && old.kind == .old && old.process == 12)
    #expect(old.host == "0123abcd")
    #expect(StagingFolder(parsing: ".a.partial-12-34")?.host == nil)
    for name in [
      "a.partial-12-34", ".a.partial-x-34", ".a.partial-12", ".a.old-12-34-zz", ".partial-1-2",
    ] {
      #expect(StagingFolder(parsing: name) == nil, "\(name)")
    }
  }

  /// A compiler that takes long: it writes its process id where the test finds it, then
  /// waits (as a child, like `cc1plus` under the driver) before compiling for real.
  static func slowCompiler(in folder: URL) async throws -> URL {
    let real = try await Toolchain.detect().compiler
    let command = ([real.executable] + real.leadingArguments).map(Genn.shellQuoted)
      .joined(separator: " ")
    let script = folder.appendingPathComponent("slow-c++")
    try """
    #!/bin/sh
    case "$1" in --version) exec \(command) --version;; esac
    echo $$ > '\(folder.path)/compiler.pid'
    sleep 120
    exec \(command) "$@"

    """.write(to: script, atomically: true, encoding: .utf8)
    chmod(script.path, 0o755)
    return script
  }

  @Test(arguments: [SIGTERM, SIGKILL, SIGINT])
  func theCompilerDiesWithGenn(signal: Int32) async throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    let compiler = try await Self.slowCompiler(in: folder)
    let genn = try Genn.start(
      ["build", "tiny.yaml"], in: folder,
      environment: [
        "CXX": compiler.path, "GENN_CACHE_DIR": folder.appendingPathComponent("cache").path,
      ])
    let pidFile = folder.appendingPathComponent("compiler.pid")
    let started = Self.waitFor(seconds: 300) {
      (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap {
        pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
    }
    let compilerGroup = getpgid(try #require(started, "the compiler never started"))
    #expect(compilerGroup > 0 && compilerGroup != getpgrp())
    #expect(Self.livingProcesses(inGroup: compilerGroup) >= 2)  // the compiler and its guard
    kill(genn.processIdentifier, signal)
    genn.waitUntilExit()
    #expect(genn.terminationReason == .uncaughtSignal && genn.terminationStatus == signal)
    let gone = Self.waitFor(seconds: 10) {
      Self.livingProcesses(inGroup: compilerGroup) == 0 ? true : nil
    }
    #expect(gone == true, "the compiler outlived genn")
  }

  /// Polls `probe` every 20 ms until it gives a value, for at most `seconds`. It sleeps
  /// its thread rather than the task: under a full test run, the other tests' processes
  /// keep the cooperative threads busy, and a task's wake-up could come after the moment
  /// it waits for has passed.
  static func waitFor<Value>(seconds: Double, _ probe: () -> Value?) -> Value? {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
      if let value = probe() { return value }
      usleep(20_000)
    }
    return probe()
  }

  /// How many processes of process group `group` are alive (zombies, which no longer run,
  /// are not counted).
  static func livingProcesses(inGroup group: pid_t) -> Int {
    #if os(Linux)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
      return names.filter { name in
        guard Int32(name) != nil,
          let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
          let end = stat.lastIndex(of: ")")
        else { return false }
        // After the command's name: state, parent, process group.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        return fields.count > 2 && fields[0] != "Z" && pid_t(fields[2]) == group
      }.count
    #else
      return kill(-group, 0) == 0 ? 1 : 0
    #endif
  }

  /// The id of a process that has ended.
  static func deadProcess() throws -> pid_t {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }
}
