import Foundation
import Testing

@testable import GeNNToolchain

/// How to run this test binary again so that it runs one test only.
enum SelfInvocation {
  /// The variable naming the cache folder the second process builds into; unset, the
  /// second-process test does nothing.
  static let cacheVariable = "GENN_CACHE_PROBE"
  /// The variable naming the folder where the two processes meet.
  static let rendezvousVariable = "GENN_CACHE_PROBE_RENDEZVOUS"

  /// Whether this process is the second builder started by the two-process test.
  static var isSecondProcess: Bool {
    ProcessInfo.processInfo.environment[cacheVariable] != nil
  }

  /// The executable and arguments that run only the test whose identifier matches
  /// `filter`, or `nil` when it is unclear how this binary was started.
  ///
  /// On Linux the Swift Testing binary is `.build/<config>/<Package>PackageTests.xctest`,
  /// an executable that takes `--testing-library swift-testing --filter <regex>`; on
  /// macOS `swift test` runs it through `swiftpm-testing-helper --test-bundle-path …`.
  static func command(filter: String) -> (executable: String, arguments: [String])? {
    let arguments = CommandLine.arguments
    guard let first = arguments.first else { return nil }
    let executable =
      first.hasPrefix("/") ? first : FileManager.default.currentDirectoryPath + "/" + first
    let selection = ["--testing-library", "swift-testing", "--filter", filter]
    if executable.hasSuffix("swiftpm-testing-helper") {
      guard let index = arguments.firstIndex(of: "--test-bundle-path"),
        index + 1 < arguments.count
      else { return nil }
      return (executable, ["--test-bundle-path", arguments[index + 1]] + selection)
    }
    #if os(Linux)
      guard executable.hasSuffix(".xctest"),
        FileManager.default.isExecutableFile(atPath: executable)
      else { return nil }
      return (executable, selection)
    #else
      return nil
    #endif
  }
}

/// Whether the second process has finished, as seen by the first.
actor ProcessState {
  private(set) var finished = false
  func markFinished() { finished = true }
}

/// A rendezvous failure between the two builder processes.
struct RendezvousError: Error, CustomStringConvertible {
  var description: String
}

@Suite("Build cache across processes")
struct BuildCacheMultiProcessTests {
  static let source = tinyModelSource(2024)
  static let secondTestFilter = "BuildCacheMultiProcessTests/secondProcessBuilder"

  /// The longest a builder waits for the other to compile: only a safety net, since
  /// each also stops waiting once the other has ended (a compile under a full test
  /// suite on two cores has taken more than a minute).
  static let patience = Duration.seconds(600)

  /// A cache over `folder` whose builds, once compiled, announce themselves as `role`
  /// and wait for `other` before publishing: both compile, then both race to rename.
  static func racingCache(
    root: URL, rendezvous: URL, role: String, other: String,
    otherGaveUp: @escaping @Sendable () async -> Bool
  ) -> BuildCache {
    var cache = BuildCache(root: root)
    cache.hooks.beforePublish = { _ in
      try Data().write(to: rendezvous.appendingPathComponent("\(role)-compiled"))
      let otherReady = rendezvous.appendingPathComponent("\(other)-compiled").path
      let deadline = ContinuousClock.now + patience
      while !FileManager.default.fileExists(atPath: otherReady) {
        if await otherGaveUp() {
          throw RendezvousError(description: "the \(other) builder ended before compiling")
        }
        guard ContinuousClock.now < deadline else {
          throw RendezvousError(
            description: "the \(other) builder did not compile within \(patience)")
        }
        try await Task.sleep(for: .milliseconds(5))
      }
    }
    return cache
  }

  @Test("second builder process (does its work only when GENN_CACHE_PROBE names a cache)")
  func secondProcessBuilder() async throws {
    let environment = ProcessInfo.processInfo.environment
    guard let root = environment[SelfInvocation.cacheVariable],
      let rendezvousPath = environment[SelfInvocation.rendezvousVariable]
    else { return }
    let rendezvous = URL(fileURLWithPath: rendezvousPath)
    let firstEnded = rendezvous.appendingPathComponent("first-ended").path
    let cache = Self.racingCache(
      root: URL(fileURLWithPath: root), rendezvous: rendezvous, role: "second",
      other: "first", otherGaveUp: { FileManager.default.fileExists(atPath: firstEnded) })
    let entry = try await cache.library(
      for: Self.source, named: "model", toolchain: RealToolchain.get(), flags: quickFlags)
    let marker = try callMarker(in: entry.libraryPath)
    let report = "\(entry.directory.path)\n\(entry.lostPublishRace)\n\(marker)\n"
    try Data(report.utf8).write(to: rendezvous.appendingPathComponent("second-result"))
  }

  @Test(
    "two processes building the same model at once both succeed with identical entries",
    .enabled(
      if: !SelfInvocation.isSecondProcess && SelfInvocation.command(filter: "") != nil,
      "needs to know how to run this test binary again"))
  func twoProcesses() async throws {
    let (executable, arguments) = try #require(
      SelfInvocation.command(filter: Self.secondTestFilter))
    let folder = try makeTemporaryFolder("cache-processes")
    defer { try? FileManager.default.removeItem(at: folder) }
    let root = folder.appendingPathComponent("cache")
    let rendezvous = folder.appendingPathComponent("rendezvous")
    try FileManager.default.createDirectory(at: rendezvous, withIntermediateDirectories: true)
    let toolchain = try await RealToolchain.get()
    let second = ProcessState()

    async let secondRun = {
      defer { Task { await second.markFinished() } }
      return try await ProcessRunner.run(
        executable, arguments: arguments,
        extraEnvironment: [
          SelfInvocation.cacheVariable: root.path,
          SelfInvocation.rendezvousVariable: rendezvous.path,
        ])
    }()
    let cache = Self.racingCache(
      root: root, rendezvous: rendezvous, role: "first", other: "second",
      otherGaveUp: { await second.finished })
    // Wait for the second process even when this build fails, to show its output.
    let firstResult: Result<BuildCache.Entry, any Error>
    do {
      firstResult = .success(
        try await cache.library(
          for: Self.source, named: "model", toolchain: toolchain, flags: quickFlags))
    } catch {
      firstResult = .failure(error)
      // Tells the second builder not to wait for this one.
      try? Data().write(to: rendezvous.appendingPathComponent("first-ended"))
    }
    let secondResult = try await secondRun
    let secondOutput = secondResult.output
    #expect(secondResult.termination.isSuccess, "second process:\n\(secondOutput)")
    let first = try firstResult.get()

    let report = try String(
      contentsOf: rendezvous.appendingPathComponent("second-result"), encoding: .utf8
    ).split(separator: "\n").map(String.init)
    try #require(report.count == 3, "second process:\n\(secondOutput)")
    #expect(report[0] == first.directory.path)
    let secondLost = report[1] == "true"
    #expect(first.lostPublishRace != secondLost, "exactly one builder publishes")
    #expect(report[2] == "2024")
    #expect(try callMarker(in: first.libraryPath) == 2024)
    #expect(contents(root) == [".building", first.directory.lastPathComponent])
    #expect(contents(root.appendingPathComponent(".building")).isEmpty)
  }
}
