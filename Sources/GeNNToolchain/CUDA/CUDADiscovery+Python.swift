extension CUDADiscovery {
  /// The variable in which a Python process that loads SwiftGeNN lists the folders it
  /// imports from (`sys.path`, separated by `:`), so that the wheels of its own virtual
  /// environment are found even when that environment is not on `PATH` nor active.
  static let sitePackagesVariable = "GENN_PYTHON_SITE_PACKAGES"

  /// NVRTC from pip's wheels: `nvidia/*/lib/libnvrtc.so.N` (`nvidia/cuda_nvrtc/lib` for
  /// CUDA 12, `nvidia/cu13/lib` for CUDA 13) in the folders of
  /// `$GENN_PYTHON_SITE_PACKAGES`, then in the site-packages folders of the Python
  /// interpreters on `PATH` (also of the file an interpreter links to, and of every
  /// version behind a pyenv shim), of `$VIRTUAL_ENV`, and of `~/.local`. A folder reached
  /// twice is searched once.
  func pythonCandidates() -> [CUDACandidate] {
    var searched = Set<String>()
    var candidates: [CUDACandidate] = []
    func search(_ folders: [String], via source: CUDACandidate.PythonSource) {
      for folder in folders {
        let identity = fileSystem.resolvingSymbolicLinks(folder) ?? folder
        guard searched.insert(identity).inserted else { continue }
        candidates += sitePackagesCandidates(folder, via: source)
      }
    }

    if let value = environment.value(of: Self.sitePackagesVariable) {
      let folders = value.split(separator: ":").map { absolute(String($0)) }
      for folder in folders where !fileSystem.isDirectory(folder) {
        candidates.append(
          CUDACandidate(
            component: .nvrtc, origin: .sitePackages(folder: folder, via: .loadingProcess),
            outcome: .rejected(.missing(path: folder))))
      }
      search(folders.filter(fileSystem.isDirectory), via: .loadingProcess)
    }

    let interpreters = pythonInterpreters()
    if interpreters.isEmpty {
      candidates.append(
        CUDACandidate(
          component: .nvrtc, origin: .pythonOnPath,
          outcome: .rejected(.notOnPath(name: "python3", searched: environment.searchPath))))
    }
    var prefixes = Set<String>()
    for python in interpreters {
      var ownPrefixes = [Self.prefix(of: python)]
      if let resolved = fileSystem.resolvingSymbolicLinks(python) {
        ownPrefixes.append(Self.prefix(of: resolved))
      }
      ownPrefixes += pyenvVersions(shim: python)
      let fresh = ownPrefixes.filter { prefixes.insert($0).inserted }
      guard !fresh.isEmpty else { continue }
      let folders = fresh.flatMap(sitePackagesFolders(prefix:))
      if folders.isEmpty {
        let pattern = fresh[0] + "/lib/python3.*/site-packages"
        candidates.append(
          CUDACandidate(
            component: .nvrtc, origin: .sitePackages(folder: pattern, via: .interpreter(python)),
            outcome: .rejected(.nothingMatches(pattern: pattern))))
      }
      search(folders, via: .interpreter(python))
    }

    if let value = environment.value(of: "VIRTUAL_ENV") {
      let folder = absolute(value)
      let origin = CUDACandidate.Origin.variable(name: "VIRTUAL_ENV", value: value)
      let folders = sitePackagesFolders(prefix: folder)
      if !fileSystem.exists(folder) {
        candidates.append(
          CUDACandidate(
            component: .nvrtc, origin: origin, outcome: .rejected(.missing(path: folder))))
      } else if folders.isEmpty {
        let pattern = folder + "/lib/python3.*/site-packages"
        candidates.append(
          CUDACandidate(
            component: .nvrtc, origin: origin,
            outcome: .rejected(.nothingMatches(pattern: pattern))))
      }
      search(folders, via: .virtualEnvironment(folder))
    } else {
      candidates.append(
        CUDACandidate(
          component: .nvrtc, origin: .variable(name: "VIRTUAL_ENV", value: nil),
          outcome: .rejected(.variableNotSet(name: "VIRTUAL_ENV"))))
    }

    if let home = environment.homeDirectory {
      let pattern = home + "/.local/lib/python3.*/site-packages"
      let folders = fileSystem.folders(matching: pattern)
      if folders.isEmpty {
        candidates.append(
          CUDACandidate(
            component: .nvrtc, origin: .sitePackages(folder: pattern, via: .userSite),
            outcome: .rejected(.nothingMatches(pattern: pattern))))
      }
      search(folders, via: .userSite)
    }
    return candidates
  }

  // MARK: - Interpreters and folders

  /// The executables called `python`, `python3` or `python3.N` in the `PATH` folders, in
  /// `PATH` order.
  private func pythonInterpreters() -> [String] {
    environment.searchPath.flatMap { folder in
      fileSystem.contentsOfDirectory(folder)
        .filter(Self.isPythonName)
        .map { PathComponents.appending($0, to: folder) }
        .filter(fileSystem.isExecutableFile)
    }
  }

  private static func isPythonName(_ name: String) -> Bool {
    if name == "python" || name == "python3" { return true }
    guard name.hasPrefix("python3.") else { return false }
    let minor = name.dropFirst("python3.".count)
    return !minor.isEmpty && minor.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// The installations behind a pyenv shim (`ROOT/shims/python3`, a script): the
  /// folders in `ROOT/versions`; empty for any other interpreter.
  private func pyenvVersions(shim: String) -> [String] {
    let folder = PathComponents.directory(of: shim)
    guard SharedLibraryName.fileName(of: folder) == "shims" else { return [] }
    let versions = PathComponents.appending("versions", to: PathComponents.directory(of: folder))
    return fileSystem.folders(matching: versions + "/*")
  }

  /// The installation prefix of an interpreter: `/prefix` for `/prefix/bin/python3`.
  private static func prefix(of interpreter: String) -> String {
    PathComponents.directory(of: PathComponents.directory(of: interpreter))
  }

  /// The existing package folders of an installation in `prefix`:
  /// `lib/python3.*/site-packages`, `lib64/python3.*/site-packages`, and Debian's
  /// `lib/python3*/dist-packages` (for `/usr` also `/usr/local/lib/python3.*/dist-packages`).
  func sitePackagesFolders(prefix: String) -> [String] {
    var patterns = [
      "/lib/python3.*/site-packages", "/lib64/python3.*/site-packages",
      "/lib/python3.*/dist-packages", "/lib/python3/dist-packages",
    ].map { prefix + $0 }
    if prefix == "/usr" { patterns.append("/usr/local/lib/python3.*/dist-packages") }
    var seen = Set<String>()
    return patterns.flatMap(fileSystem.folders(matching:)).filter {
      seen.insert(fileSystem.resolvingSymbolicLinks($0) ?? $0).inserted
    }
  }

  /// The NVRTC libraries of the wheels in one site-packages folder, newest major first,
  /// each with the version its wheel's dist-info folder names.
  private func sitePackagesCandidates(
    _ folder: String, via source: CUDACandidate.PythonSource
  ) -> [CUDACandidate] {
    let origin = CUDACandidate.Origin.sitePackages(folder: folder, via: source)
    let pattern = PathComponents.appending("nvidia/*/lib", to: folder)
    let libraries = fileSystem.folders(matching: pattern).flatMap(nvrtcLibraries(in:))
      .map { path in
        (
          path,
          SharedLibraryName.versionParts(
            of: SharedLibraryName.fileName(of: path), library: "nvrtc")?.first
        )
      }
      .sorted { ($0.1 ?? -1) > ($1.1 ?? -1) }
    guard !libraries.isEmpty else {
      return [
        CUDACandidate(
          component: .nvrtc, origin: origin,
          outcome: .rejected(.noFile(name: CUDAComponent.nvrtc.fileName, searched: [pattern])))
      ]
    }
    let wheels = nvrtcWheels(in: folder)
    return libraries.map { path, major in
      let wheel = wheels.filter { major == nil || $0.0.major == major }.max { $0.0 < $1.0 }
      return nvrtcCandidate(path: path, origin: origin, context: wheel)
    }
  }

  /// The versions of the NVRTC wheels installed in a site-packages folder, from their
  /// dist-info folders: `nvidia_cuda_nvrtc_cu12-12.9.86.dist-info`,
  /// `nvidia_cuda_nvrtc-13.0.88.dist-info`.
  private func nvrtcWheels(in folder: String) -> [(CUDAVersion, VersionEvidence)] {
    fileSystem.contentsOfDirectory(folder).compactMap { name in
      guard let version = Self.nvrtcWheelVersion(distInfo: name) else { return nil }
      return (version, .distInfo(folder: name))
    }
  }

  /// The version in an NVRTC wheel's dist-info folder name; `nil` for another package's.
  static func nvrtcWheelVersion(distInfo name: String) -> CUDAVersion? {
    guard name.hasSuffix(".dist-info"), let dash = name.firstIndex(of: "-") else { return nil }
    let package = name[..<dash]
    let stem = "nvidia_cuda_nvrtc"
    guard package.hasPrefix(stem) else { return nil }
    let flavour = package.dropFirst(stem.count)
    guard
      flavour.isEmpty
        || (flavour.hasPrefix("_cu") && flavour.count > 3
          && flavour.dropFirst(3).allSatisfy { $0.isASCII && $0.isNumber })
    else { return nil }
    let release = name[name.index(after: dash)...].dropLast(".dist-info".count)
    let numeric = release.prefix { $0 == "." || ($0.isASCII && $0.isNumber) }
    let parts = numeric.split(separator: ".").prefix(3)
    return CUDAVersion(parts.joined(separator: "."))
  }
}
