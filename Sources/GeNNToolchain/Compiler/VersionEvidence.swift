/// Where discovery read a version from.
public enum VersionEvidence: Hashable, Sendable, CustomStringConvertible {
  /// A library's file name: `libnvrtc.so.12.4.127` (full version), `libnvrtc.so.12` (the
  /// major version only) or `libcuda.so.550.54.15` (a driver version).
  case fileName(String)
  /// A pip wheel's metadata folder in site-packages, such as
  /// `nvidia_cuda_nvrtc_cu12-12.9.86.dist-info`.
  case distInfo(folder: String)
  /// A CUDA toolkit's `version.json` or `version.txt`, at this path.
  case versionFile(path: String)
  /// The NVIDIA kernel module's version file (`/proc/driver/nvidia/version`).
  case kernelModule(path: String)

  /// `from the file name libnvrtc.so.12.4.127`, `from /usr/local/cuda/version.json`, ….
  public var description: String {
    switch self {
    case .fileName(let name): return "from the file name \(name)"
    case .distInfo(let folder): return "from \(folder)"
    case .versionFile(let path): return "from \(path)"
    case .kernelModule(let path): return "from \(path)"
    }
  }
}
