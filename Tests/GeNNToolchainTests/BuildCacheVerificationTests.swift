import Foundation
import Testing

@testable import GeNNToolchain

/// A damaged entry is rebuilt, never loaded: a truncated library would crash the process
/// that loads it (SIGBUS), another model's library would run the wrong model.
@Suite("Build cache verification")
struct BuildCacheVerificationTests {
  @Test("the manifest records the library's SHA-256")
  func manifestRecordsTheDigest() async throws {
    let folder = try makeTemporaryFolder("cache-digest")
    defer { try? FileManager.default.removeItem(at: folder) }
    let toolchain = try await RealToolchain.get()
    let cache = BuildCache(root: folder)
    let entry = try await cache.library(
      for: tinyModelSource(21), named: "model", toolchain: toolchain, flags: quickFlags)
    let manifest = try String(
      contentsOf: entry.directory.appendingPathComponent("manifest.txt"), encoding: .utf8)
    var hash = SHA256()
    hash.update(try Data(contentsOf: entry.libraryPath))
    #expect(manifest.contains("\nproduct sha256: \(hash.hexDigest())\n"))
    #expect(manifest.contains("\nkey: \(entry.key)\n"))
  }

  @Test("a truncated library is rebuilt, not loaded")
  func truncatedLibrary() async throws {
    let folder = try makeTemporaryFolder("cache-truncated")
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = try await CountingToolchain(in: folder)
    let cache = BuildCache(root: folder.appendingPathComponent("cache"))
    let source = tinyModelSource(22)
    let first = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    let bytes = try Data(contentsOf: first.libraryPath)
    try bytes.prefix(bytes.count / 2).write(to: first.libraryPath)

    let second = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    #expect(!second.cacheHit && !second.lostPublishRace)
    #expect(counting.runs == 2)
    #expect(second.directory == first.directory)
    #expect(try Data(contentsOf: second.libraryPath).count == bytes.count)
    #expect(try callMarker(in: second.libraryPath) == 22)
    // The damaged folder was moved aside and deleted: nothing is left building.
    #expect(contents(cache.root.appendingPathComponent(".building")).isEmpty)
    let third = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    #expect(third.cacheHit)
    #expect(counting.runs == 2)
  }

  @Test("another model's library copied into an entry is rebuilt, so the right model runs")
  func swappedLibrary() async throws {
    let folder = try makeTemporaryFolder("cache-swapped")
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = try await CountingToolchain(in: folder)
    let cache = BuildCache(root: folder.appendingPathComponent("cache"))
    let mine = try await cache.library(
      for: tinyModelSource(23), named: "model", toolchain: counting.toolchain, flags: quickFlags)
    let other = try await cache.library(
      for: tinyModelSource(24), named: "model", toolchain: counting.toolchain, flags: quickFlags)
    try FileManager.default.removeItem(at: mine.libraryPath)
    try FileManager.default.copyItem(at: other.libraryPath, to: mine.libraryPath)

    let again = try await cache.library(
      for: tinyModelSource(23), named: "model", toolchain: counting.toolchain, flags: quickFlags)
    #expect(!again.cacheHit)
    #expect(counting.runs == 3)
    #expect(try callMarker(in: again.libraryPath) == 23)
  }

  @Test("an entry whose manifest records no digest (an older entry) or another key is rebuilt")
  func manifestWithoutDigest() async throws {
    let folder = try makeTemporaryFolder("cache-old-manifest")
    defer { try? FileManager.default.removeItem(at: folder) }
    let counting = try await CountingToolchain(in: folder)
    let cache = BuildCache(root: folder.appendingPathComponent("cache"))
    let source = tinyModelSource(25)
    let entry = try await cache.library(
      for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
    let manifestURL = entry.directory.appendingPathComponent("manifest.txt")
    let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
    let edits = [
      manifest.split(separator: "\n").filter { !$0.hasPrefix("product sha256:") }
        .joined(separator: "\n"),
      manifest.replacingOccurrences(
        of: "key: \(entry.key)", with: "key: \(String(repeating: "0", count: 64))"),
    ]
    for (index, edited) in edits.enumerated() {
      try Data(edited.utf8).write(to: manifestURL)
      let rebuilt = try await cache.library(
        for: source, named: "model", toolchain: counting.toolchain, flags: quickFlags)
      #expect(!rebuilt.cacheHit)
      #expect(counting.runs == index + 2)
    }
  }

  @Test("a cubin entry is used only while the cubin has the digest its manifest records")
  func cubinEntry() throws {
    let folder = try makeTemporaryFolder("cache-cubin-digest")
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = BuildCache(root: folder)
    let key = String(repeating: "ab", count: 32)
    let directory = cache.entryFolder(key: key, named: "scale")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let cubin = directory.appendingPathComponent("scale.cubin")
    try Data([0x7F, 0x45, 0x4C, 0x46, 1, 2, 3, 4]).write(to: cubin)
    try Data(
      ("SwiftGeNN build cache entry (CUDA)\nkey: \(key)\n"
        + (try BuildCache.digestLine(forProductAt: cubin))).utf8
    ).write(to: directory.appendingPathComponent("manifest.txt"))
    #expect(cache.existingEntry(key: key, named: "scale", kind: .cubin)?.libraryPath == cubin)

    try Data([0x7F, 0x45, 0x4C, 0x46]).write(to: cubin)
    #expect(cache.existingEntry(key: key, named: "scale", kind: .cubin) == nil)
  }

  @Test("a cache folder that is a file, or under a file, is a clear error naming the file")
  func rootIsAFile() async throws {
    let folder = try makeTemporaryFolder("cache-root-file")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("cache")
    try Data("not a folder".utf8).write(to: file)
    let toolchain = try await RealToolchain.get()
    for root in [file, file.appendingPathComponent("below")] {
      let cache = BuildCache(root: root)
      #expect(throws: ToolchainError.cacheRootNotAFolder(root: root.path, file: file.path)) {
        try cache.checkRoot()
      }
      let error = await #expect(throws: ToolchainError.self) {
        try await cache.library(
          for: tinyModelSource(26), named: "model", toolchain: toolchain, flags: quickFlags)
      }
      let message = error?.description ?? ""
      #expect(message.contains("the build cache folder \(root.path) cannot be used"))
      #expect(message.contains(root == file ? "it is a file" : "\(file.path) is a file"))
      #expect(message.contains("GENN_CACHE_DIR"))
      #expect(!message.contains("NSCocoaErrorDomain"))
    }
    #expect(try String(contentsOf: file, encoding: .utf8) == "not a folder")
    try BuildCache(root: folder.appendingPathComponent("fresh/cache")).checkRoot()
  }
}
