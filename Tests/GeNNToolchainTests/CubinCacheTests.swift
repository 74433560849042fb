import Foundation
import Testing

@testable import GeNNToolchain

/// The build cache's CUDA entries: NVRTC compiles once per source, architecture and
/// NVRTC; failures keep the source under `.failed` and leave no entry. Needs NVRTC (pip's
/// `nvidia-cuda-nvrtc-cu12`, which `.ci/run` installs), not a GPU.
@Suite struct CubinCacheTests {
  static let location = NVRTCCompilerTests.location

  @Test(
    "a cubin is compiled once, then found; another architecture is another entry",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)))
  func compiledOnceThenFound() throws {
    let root = try makeTemporaryFolder("cubin-cache")
    defer { try? FileManager.default.removeItem(at: root) }
    let cache = BuildCache(root: root)
    let nvrtc = try NVRTCCompiler(path: try #require(Self.location.path))
    let source = NVRTCCompilerTests.kernel

    let first = try cache.cubin(for: source, named: "scale", compiler: nvrtc, architecture: "sm_80")
    #expect(!first.cacheHit)
    #expect(first.buildSeconds > 0)
    #expect(first.libraryPath.lastPathComponent == "scale.cubin")
    #expect(first.sourcePath.lastPathComponent == "model.cu")
    let cubin = try Data(contentsOf: first.libraryPath)
    #expect(Array(cubin.prefix(4)) == [0x7F, 0x45, 0x4C, 0x46])
    #expect(try String(contentsOf: first.sourcePath, encoding: .utf8) == source)
    let manifest = try String(
      contentsOf: first.directory.appendingPathComponent("manifest.txt"), encoding: .utf8)
    #expect(manifest.contains("NVRTC \(nvrtc.version)"))
    #expect(manifest.contains("--gpu-architecture=sm_80"))
    #expect(FileManager.default.fileExists(atPath: first.logPath.path))

    let second = try cache.cubin(
      for: source, named: "scale", compiler: nvrtc, architecture: "sm_80")
    #expect(second.cacheHit)
    #expect(second.buildSeconds == 0)
    #expect(second.directory == first.directory)

    let other = try cache.cubin(for: source, named: "scale", compiler: nvrtc, architecture: "sm_90")
    #expect(!other.cacheHit)
    #expect(other.directory != first.directory)
    // Nothing is left building.
    let building = root.appendingPathComponent(".building")
    #expect(try FileManager.default.contentsOfDirectory(atPath: building.path).isEmpty)
  }

  @Test(
    "a source NVRTC rejects is kept under .failed, named in the error, and makes no entry",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)))
  func failureKeepsSource() throws {
    let root = try makeTemporaryFolder("cubin-cache-failure")
    defer { try? FileManager.default.removeItem(at: root) }
    let cache = BuildCache(root: root)
    let nvrtc = try NVRTCCompiler(path: try #require(Self.location.path))
    let source = NVRTCCompilerTests.kernel.replacingOccurrences(
      of: "values[id] *= factor;", with: "values[id] *= factr;")
    do {
      _ = try cache.cubin(for: source, named: "broken", compiler: nvrtc, architecture: "sm_80")
      Issue.record("the broken source compiled")
    } catch NVRTCError.compilationFailed(let failure) {
      let kept = try #require(failure.sourcePath)
      #expect(kept.contains("/.failed/broken-"))
      #expect(try String(contentsOfFile: kept, encoding: .utf8) == source)
      #expect(failure.description.contains("The whole source is kept at \(kept)"))
      #expect(failure.errorLine == 5)
    }
    let entries = try FileManager.default.contentsOfDirectory(atPath: root.path)
    #expect(entries.allSatisfy { $0.hasPrefix(".") }, "entries: \(entries)")
  }
}
