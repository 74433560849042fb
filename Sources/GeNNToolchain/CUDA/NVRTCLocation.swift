import Foundation

/// Where an NVRTC library is for tests and tools that compile CUDA without a GPU, or why
/// none was found (the reason a skipped test prints).
///
/// `$GENN_NVRTC_LIBRARY` when set (then it must load); else the library discovery
/// chooses; else pip's wheel in the cache `.ci/run` installs it into
/// (`~/.cache/swiftgenn-ci/nvrtc`).
public struct NVRTCLocation: Hashable, Sendable {
  /// The library's path; `nil` when none was found.
  public var path: String?
  /// Where it came from, or why there is none.
  public var reason: String

  /// Creates a location.
  public init(path: String?, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// The place `.ci/run` installs pip's `nvidia-cuda-nvrtc-cu12` into, under `home`.
  public static func ciCache(home: String) -> String {
    "\(home)/.cache/swiftgenn-ci/nvrtc/nvidia/cuda_nvrtc/lib/libnvrtc.so.12"
  }

  /// Looks in `environment` (only at paths: nothing is loaded).
  public static func find(in environment: EnvironmentSnapshot = .current()) -> NVRTCLocation {
    if let path = environment.value(of: CUDADiscovery.libraryVariable) {
      return NVRTCLocation(path: path, reason: "NVRTC from GENN_NVRTC_LIBRARY=\(path)")
    }
    let report = CUDADiscovery(environment: environment).report()
    if let path = report.nvrtcLibrary {
      return NVRTCLocation(path: path, reason: "NVRTC found by discovery: \(path)")
    }
    let home = environment.homeDirectory ?? NSHomeDirectory()
    let cache = ciCache(home: home)
    if environment.fileSystem.exists(cache) {
      return NVRTCLocation(path: cache, reason: "NVRTC from .ci/run's cache: \(cache)")
    }
    let searched = report.nvrtcCandidates.compactMap(\.path) + [cache]
    return NVRTCLocation(
      path: nil,
      reason: "no NVRTC library: GENN_NVRTC_LIBRARY is not set, discovery found none and "
        + "pip's nvidia-cuda-nvrtc-cu12 is not in \(cache) (.ci/run installs it with pip); "
        + "searched \(searched.count) places: \(searched.joined(separator: ", "))")
  }
}
