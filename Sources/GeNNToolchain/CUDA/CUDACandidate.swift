/// One place where discovery looked for a part of CUDA, and what it found there: the
/// file, its version and where that was read, and whether it can be used (or why not).
public struct CUDACandidate: Hashable, Sendable, CustomStringConvertible {
  /// Which rule produced the candidate.
  public enum Origin: Hashable, Sendable, CustomStringConvertible {
    /// An environment variable (`GENN_NVRTC_LIBRARY`, `CUDA_PATH`, `CONDA_PREFIX`, …),
    /// with its value (`nil` when unset or empty).
    case variable(name: String, value: String?)
    /// A Python site-packages folder (pip's `nvidia/*/lib` wheels), and how it was
    /// reached.
    case sitePackages(folder: String, via: PythonSource)
    /// The Python interpreters on `PATH`, when there are none.
    case pythonOnPath
    /// A CUDA toolkit in a well-known folder (`/usr/local/cuda`, `/usr/local/cuda-12.4`,
    /// `/opt/cuda`), or a folder pattern.
    case systemToolkit(folder: String)
    /// The dynamic loader's cache (`ldconfig -p`).
    case loaderCache
    /// A system library folder (`/usr/lib64`, `/usr/lib/wsl/lib`, …).
    case libraryFolder(String)
    /// A program name looked up on `PATH`.
    case onPath

    /// `$CUDA_PATH=/opt/cuda`, `toolkit /usr/local/cuda`, `loader cache`, ….
    public var description: String {
      switch self {
      case .variable(let name, let value):
        return value.map { "$\(name)=\($0)" } ?? "$\(name)"
      case .sitePackages(let folder, let via):
        return "\(folder) (\(via))"
      case .pythonOnPath:
        return "python on PATH"
      case .systemToolkit(let folder):
        return "toolkit \(folder)"
      case .loaderCache:
        return "loader cache"
      case .libraryFolder(let folder):
        return folder
      case .onPath:
        return "PATH"
      }
    }
  }

  /// How discovery reached a Python site-packages folder.
  public enum PythonSource: Hashable, Sendable, CustomStringConvertible {
    /// It belongs to the interpreter at this path, found on `PATH`.
    case interpreter(String)
    /// It belongs to the active virtual environment (`$VIRTUAL_ENV`) in this folder.
    case virtualEnvironment(String)
    /// It is the user's own (`~/.local/lib/python3.*/site-packages`).
    case userSite
    /// The Python process that loaded SwiftGeNN imports from it: it is listed in
    /// `$GENN_PYTHON_SITE_PACKAGES`, which the `swiftgenn` package sets to `sys.path`.
    case loadingProcess

    /// `of /usr/bin/python3`, `of the virtual environment /work/env`, ….
    public var description: String {
      switch self {
      case .interpreter(let path): return "of \(path)"
      case .virtualEnvironment(let folder): return "of the virtual environment \(folder)"
      case .userSite: return "user site-packages"
      case .loadingProcess: return "of this Python process, $GENN_PYTHON_SITE_PACKAGES"
      }
    }
  }

  /// Why a candidate is not used.
  public enum Rejection: Hashable, Sendable, CustomStringConvertible {
    /// The environment variable is unset or empty.
    case variableNotSet(name: String)
    /// Nothing exists at the path (a variable's target, a folder, a loader-cache entry).
    case missing(path: String)
    /// The path is a folder where a library file was expected.
    case isFolder(path: String)
    /// The folders exist but hold no file of this name.
    case noFile(name: String, searched: [String])
    /// A folder pattern (with `*`) matched nothing.
    case nothingMatches(pattern: String)
    /// No executable of this name is in any of the searched `PATH` folders.
    case notOnPath(name: String, searched: [String])
    /// Something exists at the path but is not an executable file.
    case notExecutable(path: String)
    /// The file is not an ELF shared library.
    case notSharedLibrary(path: String)
    /// The library is built for another processor.
    case wrongArchitecture(
      path: String, found: MachineArchitecture, expected: MachineArchitecture)
    /// NVRTC's CUDA major version is newer than the driver runs, so the driver would
    /// refuse the cubins it makes.
    case newerThanDriver(
      version: CUDAVersion, driver: NVIDIADriverVersion, supports: CUDAVersion)
    /// The loader cache lists no library of this name.
    case notInLoaderCache(name: String)
    /// The loader cache was not captured (no `ldconfig`, or it failed).
    case loaderCacheUnavailable

    /// Why, in words (`/opt/cuda does not exist`).
    public var description: String {
      switch self {
      case .variableNotSet(let name):
        return "\(name) is not set"
      case .missing(let path):
        return "\(path) does not exist"
      case .isFolder(let path):
        return "\(path) is a folder, not a library file"
      case .noFile(let name, let searched):
        return "no \(name) in " + searched.joined(separator: ", ")
      case .nothingMatches(let pattern):
        return "nothing matches \(pattern)"
      case .notOnPath(let name, let searched):
        return "no executable \(name) in "
          + (searched.isEmpty ? "PATH (it is empty)" : searched.joined(separator: ", "))
      case .notExecutable(let path):
        return "\(path) exists but is not an executable file"
      case .notSharedLibrary(let path):
        return "\(path) is not a shared library"
      case .wrongArchitecture(let path, let found, let expected):
        return "\(path) is for \(found), not \(expected)"
      case .newerThanDriver(let version, let driver, let supports):
        return "CUDA \(version) is newer than driver \(driver) runs (CUDA \(supports)); "
          + "the driver would refuse its cubins"
      case .notInLoaderCache(let name):
        return "no \(name) in the loader cache"
      case .loaderCacheUnavailable:
        return "the loader cache was not read (no ldconfig -p)"
      }
    }
  }

  /// What discovery concluded about a candidate.
  public enum Outcome: Hashable, Sendable {
    /// A usable file.
    case found
    /// The same file (after following links) as an earlier candidate, at this path.
    case sameAsEarlier(earlier: String)
    /// Not usable, and why.
    case rejected(Rejection)
  }

  /// What was looked for.
  public var component: CUDAComponent
  /// Which rule produced the candidate.
  public var origin: Origin
  /// The file examined, when there was one.
  public var path: String?
  /// The file's CUDA version (for nvcc: its toolkit's), when known.
  public var version: CUDAVersion?
  /// Where ``version`` was read.
  public var versionEvidence: VersionEvidence?
  /// What came of it.
  public var outcome: Outcome

  /// Creates a candidate record.
  public init(
    component: CUDAComponent, origin: Origin, path: String? = nil,
    version: CUDAVersion? = nil, versionEvidence: VersionEvidence? = nil, outcome: Outcome
  ) {
    self.component = component
    self.origin = origin
    self.path = path
    self.version = version
    self.versionEvidence = versionEvidence
    self.outcome = outcome
  }

  /// Whether the candidate can be used (found, and not a repeat).
  public var isUsable: Bool { outcome == .found }

  /// The rejection, when the candidate was rejected.
  public var rejection: Rejection? {
    if case .rejected(let reason) = outcome { return reason }
    return nil
  }

  /// `CUDA 12.4.127, from the file name libnvrtc.so.12.4.127`; `nil` when unknown.
  public var versionDescription: String? {
    guard let version else { return nil }
    return "CUDA \(version)" + (versionEvidence.map { ", \($0)" } ?? "")
  }

  /// One line: the rule, then what it found
  /// (`$CUDA_PATH=/opt/cuda: found /opt/cuda/lib64/libnvrtc.so.12 (CUDA 12.4.127, …)`).
  public var description: String {
    let version = versionDescription.map { " (\($0))" } ?? ""
    switch outcome {
    case .found:
      return "\(origin): found \(path ?? "?")\(version)"
    case .sameAsEarlier(let earlier):
      return "\(origin): \(path ?? "?") (same file as \(earlier))"
    case .rejected(let reason):
      switch reason {
      case .newerThanDriver:
        return "\(origin): \(path ?? "?"): \(reason)"
      default:
        return "\(origin): \(reason)"
      }
    }
  }
}
