import Foundation
import Testing

@testable import GeNNToolchain

/// A toolchain whose compiler is a script that counts its runs, then runs the real one.
struct CountingToolchain {
  let toolchain: Toolchain
  let counter: URL

  init(in folder: URL) async throws {
    let real = try await RealToolchain.get()
    counter = folder.appendingPathComponent("compiler-runs")
    let script = folder.appendingPathComponent("counting-c++")
    let command = ([real.compiler.executable] + real.compiler.leadingArguments)
      .map { "'\($0)'" }.joined(separator: " ")
    try Data("#!/bin/sh\necho run >> '\(counter.path)'\nexec \(command) \"$@\"\n".utf8)
      .write(to: script)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    toolchain = Toolchain(
      compiler: CompilerCommand(executable: script.path), identity: real.identity)
  }

  /// How many times the compiler has run.
  var runs: Int {
    let text = (try? String(contentsOf: counter, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").count
  }
}

/// A small model-like translation unit.
func tinyModelSource(_ marker: Int) -> String {
  """
  extern "C" int model_marker() { return \(marker); }
  extern "C" void step(float* v, int n) { for (int i = 0; i < n; i++) v[i] *= 0.5f; }

  """
}

/// Loads the library and calls its `model_marker()`, keeping it loaded meanwhile.
func callMarker(in library: URL) throws -> Int32 {
  let loaded = try SharedLibrary(path: library.path)
  return try withExtendedLifetime(loaded) {
    try loaded.symbol(named: "model_marker", as: (@convention(c) () -> Int32).self)()
  }
}

/// The names in `folder`, or nothing when it does not exist.
func contents(_ folder: URL) -> [String] {
  ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

@Suite("Build cache")
struct BuildCacheTests {
  @Test("default root: GENN_CACHE_DIR, then XDG_CACHE_HOME, then the platform's cache folder")
  func defaultRoot() {
    func root(_ variables: [String: String], _ platform: HostPlatform = .linux) -> String {
      BuildCache.defaultRoot(
        in: EnvironmentSnapshot(
          variables: variables, platform: platform, workingDirectory: "/work")
      ).path
    }
    let home = ["HOME": "/home/me"]
    #expect(
      root(home.merging(["GENN_CACHE_DIR": "/fast/cache", "XDG_CACHE_HOME": "/x"]) { $1 })
        == "/fast/cache")
    #expect(root(home.merging(["GENN_CACHE_DIR": "rel/cache"]) { $1 }) == "/work/rel/cache")
    #expect(root(home.merging(["XDG_CACHE_HOME": "/xdg"]) { $1 }) == "/xdg/swiftgenn")
    #expect(root(home.merging(["GENN_CACHE_DIR": ""]) { $1 }) == "/home/me/.cache/swiftgenn")
    #expect(root(["HOME": "/Users/me"], .macOS) == "/Users/me/Library/Caches/SwiftGeNN")
    #expect(BuildCache(root: URL(fileURLWithPath: "/tmp/c")).root.path == "/tmp/c")
  }

  @Test("the key covers source, compiler identity, flags, and the CPU only with -march=native")
  func key() {
    func key(
      _ source: String = "int f();", identity: String = "g++ 13", flags: [String] = ["-O3"],
      cpu: String = "cpu A"
    ) -> String {
      BuildCache.key(source: source, compilerIdentity: identity, flags: flags, hostCPU: cpu)
    }
    #expect(key().count == 64)
    #expect(key() == key())
    #expect(key("int g();") != key())
    #expect(key(identity: "g++ 14") != key())
    #expect(key(flags: ["-O2"]) != key())
    #expect(key(flags: ["-O3", "-g"]) != key(flags: ["-O3 -g"]))
    #expect(key(cpu: "cpu B") == key())
    #expect(key(flags: ["-march=native"], cpu: "cpu B") != key(flags: ["-march=native"]))
  }

  @Test("a miss builds, then a hit runs no compiler; size and clear")
  func missThenHit() async throws {
    let folder = try makeTemporaryFolder("cache-hit")
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = try await CountingToolchain(in: folder)
    let cache = BuildCache(root: folder.appendingPathComponent("cache"))
    let source = tinyModelSource(7)

    let first = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    #expect(!first.cacheHit && !first.lostPublishRace)
    #expect(first.buildSeconds > 0)
    #expect(counting.runs == 1)
    #expect(try String(contentsOf: first.sourcePath, encoding: .utf8) == source)
    #expect(
      first.libraryPath.lastPathComponent == HostPlatform.current.sharedLibraryFileName("model"))
    #expect(try String(contentsOf: first.logPath, encoding: .utf8).hasPrefix("$ "))
    #expect(
      contents(first.directory)
        == [
          "compile.log", HostPlatform.current.sharedLibraryFileName("model"), "manifest.txt",
          "model.cc",
        ].sorted())
    #expect(first.directory.lastPathComponent.hasPrefix("model-"))

    let second = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    #expect(second.cacheHit)
    #expect(second.buildSeconds == 0)
    #expect(second.directory == first.directory && second.libraryPath == first.libraryPath)
    #expect(counting.runs == 1)

    #expect(try callMarker(in: second.libraryPath) == 7)

    let other = try await cache.library(
      for: tinyModelSource(8), named: "model", toolchain: counting.toolchain, flags: quickFlags)
    #expect(!other.cacheHit && other.directory != first.directory)
    #expect(counting.runs == 2)

    #expect(try cache.size() > 0)
    try cache.clear()
    #expect(try cache.size() == 0)
    #expect(contents(cache.root).isEmpty)
    let rebuilt = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    #expect(!rebuilt.cacheHit)
    #expect(counting.runs == 3)
  }

  @Test("a failed compile leaves no entry; the error has the compiler's message")
  func failedCompile() async throws {
    let folder = try makeTemporaryFolder("cache-failure")
    defer { try? FileManager.default.removeItem(at: folder) }
    let toolchain = try await RealToolchain.get()
    let cache = BuildCache(root: folder)
    let source = "extern \"C\" int f() {\n  return not_declared_anywhere;\n}\n"

    let error = await #expect(throws: ToolchainError.self) {
      try await cache.library(for: source, named: "broken", toolchain: toolchain, flags: quickFlags)
    }
    guard case .compilationFailed(let failure) = error else {
      Issue.record("expected compilationFailed, got \(String(describing: error))")
      return
    }
    #expect(failure.diagnostics.contains("not_declared_anywhere"))
    #expect(failure.firstError?.file == "model.cc" && failure.firstError?.line == 2)
    #expect(error?.description.contains("not_declared_anywhere") == true)

    let key = BuildCache.key(source: source, toolchain: toolchain, flags: quickFlags)
    let entry = cache.entryFolder(key: key, named: "broken")
    #expect(!FileManager.default.fileExists(atPath: entry.path))
    #expect(contents(folder.appendingPathComponent(".building")).isEmpty)
    #expect(contents(folder) == [".building", ".failed"])
    // The source stays readable where the error says.
    #expect(failure.sourcePath.contains("/.failed/"))
    #expect(try String(contentsOfFile: failure.sourcePath, encoding: .utf8) == source)
  }

  @Test("a killed build's folder is never taken for an entry, and is cleaned up when stale")
  func killedBuild() async throws {
    let folder = try makeTemporaryFolder("cache-killed")
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = try await CountingToolchain(in: folder)
    let cache = BuildCache(root: folder.appendingPathComponent("cache"), staleBuildAge: 600)
    let source = tinyModelSource(3)
    let key = BuildCache.key(source: source, toolchain: counting.toolchain, flags: quickFlags)
    let name = BuildCache.folderName(key: key, named: "model")
    let building = cache.root.appendingPathComponent(".building")

    // Leftovers of two builds killed mid-compile: one old, one recent.
    for suffix in ["old", "recent"] {
      let leftover = building.appendingPathComponent("\(name).4242-\(suffix)")
      try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
      try Data(source.utf8).write(to: leftover.appendingPathComponent("model.cc"))
      try Data().write(
        to: leftover.appendingPathComponent(HostPlatform.current.sharedLibraryFileName("model")))
    }
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: -3600)],
      ofItemAtPath: building.appendingPathComponent("\(name).4242-old").path)

    let entry = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    #expect(!entry.cacheHit)
    #expect(counting.runs == 1)
    #expect(contents(building) == ["\(name).4242-recent"])
    #expect(try callMarker(in: entry.libraryPath) == 3)
  }

  @Test("an entry folder without its library (damaged by hand) is rebuilt")
  func damagedEntry() async throws {
    let folder = try makeTemporaryFolder("cache-damaged")
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = try await CountingToolchain(in: folder)
    let cache = BuildCache(root: folder.appendingPathComponent("cache"))
    let source = tinyModelSource(4)
    let first = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    try FileManager.default.removeItem(at: first.libraryPath)

    let second = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    #expect(!second.cacheHit && !second.lostPublishRace)
    #expect(counting.runs == 2)
    #expect(FileManager.default.fileExists(atPath: second.libraryPath.path))
  }

  @Test("several tasks building the same model at once all succeed with one entry")
  func concurrentTasks() async throws {
    let folder = try makeTemporaryFolder("cache-tasks")
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = try await CountingToolchain(in: folder)
    let builders = 4
    let barrier = Barrier(count: builders)
    var racing = BuildCache(root: folder.appendingPathComponent("cache"))
    // Every builder finishes compiling before any publishes: a real race for the rename.
    racing.hooks.beforePublish = { _ in try await barrier.arriveAndWait() }
    let cache = racing
    let source = tinyModelSource(11)

    let entries = try await withThrowingTaskGroup(of: BuildCache.Entry.self) { group in
      for _ in 0..<builders {
        group.addTask {
          try await cache.library(
            for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(entries.count == builders)
    #expect(Set(entries.map(\.directory)).count == 1)
    #expect(entries.filter { !$0.lostPublishRace }.count == 1)
    #expect(entries.allSatisfy { !$0.cacheHit })
    #expect(counting.runs == builders)
    #expect(contents(cache.root.appendingPathComponent(".building")).isEmpty)
    #expect(contents(cache.root).count == 2)  // .building and the entry
    #expect(try callMarker(in: entries[0].libraryPath) == 11)
  }
}

/// Lets `count` tasks wait until all of them have arrived.
actor Barrier {
  private let count: Int
  private var arrived = 0

  init(count: Int) { self.count = count }

  func arriveAndWait() async throws {
    arrived += 1
    let deadline = ContinuousClock.now + .seconds(60)
    while arrived < count {
      guard ContinuousClock.now < deadline else { throw CancellationError() }
      try await Task.sleep(for: .milliseconds(5))
    }
  }
}
