/// Finds what the CUDA backend needs, the NVIDIA driver and NVRTC, and nvcc when there
/// is one: a pure function from an ``EnvironmentSnapshot`` to a ``CUDAReport``.
///
/// It runs nothing and loads nothing; it reads the snapshot's variables, its loader cache
/// listing and files through its ``FileSystemView``. NVRTC candidates, in order of
/// preference:
/// 1. `$GENN_NVRTC_LIBRARY`: the library file itself.
/// 2. The toolkits in `$CUDA_PATH`, `$CUDA_HOME`, `$CUDA_ROOT` (`lib64/`, `lib/`,
///    `targets/x86_64-linux/lib/`).
/// 3. `$CONDA_PREFIX` (`lib/` and `targets/x86_64-linux/lib/`, conda's `cuda-nvrtc`).
/// 4. pip's wheels, `nvidia/*/lib/libnvrtc.so.N` in the folders of
///    `$GENN_PYTHON_SITE_PACKAGES` (the loading Python's `sys.path`), then in every
///    site-packages folder of the Python interpreters on `PATH`, of `$VIRTUAL_ENV` and of
///    `~/.local`.
/// 5. `/usr/local/cuda`, `/usr/local/cuda-*` (newest version first), `/opt/cuda`.
/// 6. The loader cache (`ldconfig -p`).
///
/// A library for another processor, a file that is not a shared library, and an NVRTC
/// whose CUDA major version is newer than the driver runs are rejected with the reason.
/// The choice is the first usable one, preferring one whose version is known (and so
/// checked against the driver); `$GENN_NVRTC_LIBRARY` always wins when usable.
public struct CUDADiscovery: Sendable {
  /// The environment searched.
  public let environment: EnvironmentSnapshot

  /// Creates a discovery over `environment`.
  public init(environment: EnvironmentSnapshot) {
    self.environment = environment
  }

  /// The toolkit-root variables, in order of preference.
  static let toolkitVariables = ["CUDA_PATH", "CUDA_HOME", "CUDA_ROOT"]
  /// The variable naming an NVRTC library file, which comes first.
  static let libraryVariable = "GENN_NVRTC_LIBRARY"

  /// Searches for the driver, NVRTC and nvcc, and reports every candidate, the NVRTC
  /// chosen and what is missing.
  public func report() -> CUDAReport {
    guard environment.platform == .linux else {
      return CUDAReport(
        platform: environment.platform, architecture: environment.architecture,
        driver: NVIDIADriverReport(libraries: []), nvrtcCandidates: [], nvrtcChoice: nil,
        nvccCandidates: [], missing: [.unsupportedPlatform(environment.platform)])
    }
    let driver = findDriver()
    let nvrtc = checkedAgainst(driver, markingRepeats(findNVRTC()))
    let choice = choose(from: nvrtc, driver: driver)
    return CUDAReport(
      platform: environment.platform, architecture: environment.architecture, driver: driver,
      nvrtcCandidates: nvrtc, nvrtcChoice: choice, nvccCandidates: markingRepeats(findNVCC()),
      missing: missingParts(driver: driver, choice: choice))
  }

  // MARK: - Choice and advice

  /// Rejects the usable candidates whose CUDA major version the driver does not run.
  private func checkedAgainst(
    _ driver: NVIDIADriverReport, _ candidates: [CUDACandidate]
  ) -> [CUDACandidate] {
    guard let driverVersion = driver.version else { return candidates }
    let supports = driverVersion.supportedCUDA
    return candidates.map { candidate in
      guard candidate.isUsable, let version = candidate.version, version.major > supports.major
      else { return candidate }
      var rejected = candidate
      rejected.outcome = .rejected(
        .newerThanDriver(version: version, driver: driverVersion, supports: supports))
      return rejected
    }
  }

  private func choose(
    from candidates: [CUDACandidate], driver: NVIDIADriverReport
  ) -> NVRTCChoice? {
    let usable = candidates.filter(\.isUsable)
    guard let first = usable.first else { return nil }
    if case .variable(let name, _) = first.origin, name == Self.libraryVariable {
      return NVRTCChoice(candidate: first, reason: .requested)
    }
    guard driver.isPresent else { return NVRTCChoice(candidate: first, reason: .noDriver) }
    guard let driverVersion = driver.version else {
      return NVRTCChoice(candidate: first, reason: .driverVersionUnknown)
    }
    let supports = driverVersion.supportedCUDA
    guard let index = usable.firstIndex(where: { $0.version != nil }) else {
      return NVRTCChoice(
        candidate: first, reason: .versionUnknown(driver: driverVersion, supports: supports))
    }
    return NVRTCChoice(
      candidate: usable[index],
      reason: .supportedByDriver(driver: driverVersion, supports: supports, passedOver: index))
  }

  private func missingParts(
    driver: NVIDIADriverReport, choice: NVRTCChoice?
  ) -> [CUDAMissingPart] {
    var missing: [CUDAMissingPart] = []
    if !driver.isPresent { missing.append(.driver) }
    let supported = driver.supportedCUDA
    if let version = driver.version, let supported, supported.major < 11 {
      let minimum = NVIDIADriverVersion.minimumDriver(forCUDAMajor: 12) ?? 525
      missing.append(.driverTooOld(version: version, minimumMajor: minimum))
    }
    if choice == nil { missing.append(.nvrtc(pipPackage: Self.pipPackage(for: supported))) }
    return missing
  }

  /// The pip package with an NVRTC that a driver running CUDA `supported` runs:
  /// `nvidia-cuda-nvrtc` (CUDA 13 and later), `nvidia-cuda-nvrtc-cu11` (CUDA 11), else
  /// `nvidia-cuda-nvrtc-cu12` (also when there is no driver, or its version is unknown).
  static func pipPackage(for supported: CUDAVersion?) -> String {
    switch supported?.major {
    case .some(let major) where major >= 13: return "nvidia-cuda-nvrtc"
    case .some(11): return "nvidia-cuda-nvrtc-cu11"
    default: return "nvidia-cuda-nvrtc-cu12"
    }
  }

  // MARK: - Shared helpers

  var fileSystem: FileSystemView { environment.fileSystem }

  /// `path` made absolute against the working folder.
  func absolute(_ path: String) -> String {
    PathComponents.absolute(path, relativeTo: environment.workingDirectory)
  }

  /// Whether `path` is an ELF shared library for the snapshot's processor.
  func checkLibrary(_ path: String) -> CUDACandidate.Outcome {
    guard fileSystem.exists(path) else { return .rejected(.missing(path: path)) }
    guard !fileSystem.isDirectory(path) else { return .rejected(.isFolder(path: path)) }
    guard let bytes = fileSystem.leadingBytes(of: path, limit: ELFHeader.byteCount),
      let header = ELFHeader(bytes: bytes), header.isSharedObject
    else { return .rejected(.notSharedLibrary(path: path)) }
    guard header.architecture == environment.architecture else {
      return .rejected(
        .wrongArchitecture(
          path: path, found: header.architecture, expected: environment.architecture))
    }
    return .found
  }

  /// The CUDA version a toolkit in `root` declares in `version.json` or `version.txt`.
  func toolkitVersion(root: String) -> (CUDAVersion, VersionEvidence)? {
    let json = PathComponents.appending("version.json", to: root)
    if let text = fileSystem.text(of: json), let version = CUDAVersion(versionJSON: text) {
      return (version, .versionFile(path: json))
    }
    let plain = PathComponents.appending("version.txt", to: root)
    if let text = fileSystem.text(of: plain), let version = CUDAVersion(versionText: text) {
      return (version, .versionFile(path: plain))
    }
    return nil
  }

  /// `/usr/local/cuda-*` folders, newest version first (names that are no version last).
  func versionedSystemToolkits() -> [String] {
    let folders = fileSystem.folders(matching: "/usr/local/cuda-*")
    func version(_ folder: String) -> CUDAVersion? {
      CUDAVersion(SharedLibraryName.fileName(of: folder).dropFirst("cuda-".count))
    }
    return folders.enumerated().sorted { left, right in
      switch (version(left.element), version(right.element)) {
      case (let l?, let r?): return l != r ? l > r : left.offset < right.offset
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return left.offset < right.offset
      }
    }.map(\.element)
  }

  /// Marks a usable candidate that is the same file (after links) as an earlier one.
  func markingRepeats(_ candidates: [CUDACandidate]) -> [CUDACandidate] {
    var seen: [String: String] = [:]
    return candidates.map { candidate in
      guard candidate.isUsable, let path = candidate.path else { return candidate }
      let resolved = fileSystem.resolvingSymbolicLinks(path) ?? path
      if let earlier = seen[resolved] {
        var repeated = candidate
        repeated.outcome = .sameAsEarlier(earlier: earlier)
        return repeated
      }
      seen[resolved] = path
      return candidate
    }
  }
}
