extension CUDADiscovery {
  /// Every NVRTC candidate, in order of preference, before repeats are marked and
  /// versions are checked against the driver.
  func findNVRTC() -> [CUDACandidate] {
    var candidates = [libraryVariableCandidate()]
    for name in Self.toolkitVariables {
      guard let value = environment.value(of: name) else {
        candidates.append(unset(name))
        continue
      }
      candidates += toolkitCandidates(
        root: absolute(value), origin: .variable(name: name, value: value))
    }
    candidates += condaCandidates()
    candidates += pythonCandidates()
    candidates += toolkitCandidates(
      root: "/usr/local/cuda", origin: .systemToolkit(folder: "/usr/local/cuda"))
    let versioned = versionedSystemToolkits()
    if versioned.isEmpty {
      let pattern = "/usr/local/cuda-*"
      candidates.append(
        CUDACandidate(
          component: .nvrtc, origin: .systemToolkit(folder: pattern),
          outcome: .rejected(.nothingMatches(pattern: pattern))))
    }
    for root in versioned {
      candidates += toolkitCandidates(root: root, origin: .systemToolkit(folder: root))
    }
    candidates += toolkitCandidates(root: "/opt/cuda", origin: .systemToolkit(folder: "/opt/cuda"))
    candidates += loaderCacheCandidates()
    return candidates
  }

  // MARK: - Rules

  private func unset(_ name: String) -> CUDACandidate {
    CUDACandidate(
      component: .nvrtc, origin: .variable(name: name, value: nil),
      outcome: .rejected(.variableNotSet(name: name)))
  }

  private func libraryVariableCandidate() -> CUDACandidate {
    let name = Self.libraryVariable
    guard let value = environment.value(of: name) else { return unset(name) }
    return nvrtcCandidate(
      path: absolute(value), origin: .variable(name: name, value: value), context: nil)
  }

  /// The NVRTC of the toolkit in `root`: its `lib64/`, `lib/` or `targets/*/lib/`.
  private func toolkitCandidates(
    root: String, origin: CUDACandidate.Origin
  ) -> [CUDACandidate] {
    guard fileSystem.exists(root) else {
      return [
        CUDACandidate(component: .nvrtc, origin: origin, outcome: .rejected(.missing(path: root)))
      ]
    }
    var folders = ["lib64", "lib"]
    if let target = environment.architecture.cudaTargetName {
      folders.append("targets/\(target)/lib")
    }
    return candidates(
      inFirstOf: folders.map { PathComponents.appending($0, to: root) }, origin: origin,
      context: toolkitVersion(root: root))
  }

  /// conda's split `cuda-nvrtc` package: `$CONDA_PREFIX/lib` or
  /// `$CONDA_PREFIX/targets/x86_64-linux/lib`.
  private func condaCandidates() -> [CUDACandidate] {
    guard let value = environment.value(of: "CONDA_PREFIX") else { return [unset("CONDA_PREFIX")] }
    let prefix = absolute(value)
    let origin = CUDACandidate.Origin.variable(name: "CONDA_PREFIX", value: value)
    guard fileSystem.exists(prefix) else {
      return [
        CUDACandidate(component: .nvrtc, origin: origin, outcome: .rejected(.missing(path: prefix)))
      ]
    }
    var folders = ["lib"]
    if let target = environment.architecture.cudaTargetName {
      folders.append("targets/\(target)/lib")
    }
    return candidates(
      inFirstOf: folders.map { PathComponents.appending($0, to: prefix) }, origin: origin,
      context: nil)
  }

  private func loaderCacheCandidates() -> [CUDACandidate] {
    guard let cache = environment.loaderCache else {
      return [
        CUDACandidate(
          component: .nvrtc, origin: .loaderCache, outcome: .rejected(.loaderCacheUnavailable))
      ]
    }
    let entries = cache.entries.filter {
      !(SharedLibraryName.versionParts(of: $0.name, library: "nvrtc") ?? []).isEmpty
    }
    guard !entries.isEmpty else {
      return [
        CUDACandidate(
          component: .nvrtc, origin: .loaderCache,
          outcome: .rejected(.notInLoaderCache(name: CUDAComponent.nvrtc.fileName)))
      ]
    }
    return entries.map { nvrtcCandidate(path: $0.path, origin: .loaderCache, context: nil) }
  }

  // MARK: - Libraries in folders

  /// The NVRTC libraries in the first of `folders` that has any, newest major version
  /// first; one rejected candidate when none has.
  func candidates(
    inFirstOf folders: [String], origin: CUDACandidate.Origin,
    context: (CUDAVersion, VersionEvidence)?
  ) -> [CUDACandidate] {
    for folder in folders where fileSystem.isDirectory(folder) {
      let libraries = nvrtcLibraries(in: folder)
      if !libraries.isEmpty {
        return libraries.map { nvrtcCandidate(path: $0, origin: origin, context: context) }
      }
    }
    return [
      CUDACandidate(
        component: .nvrtc, origin: origin,
        outcome: .rejected(.noFile(name: CUDAComponent.nvrtc.fileName, searched: folders)))
    ]
  }

  /// One NVRTC library per CUDA major version in `folder`, newest first: the shortest
  /// versioned name (the one the loader asks for, `libnvrtc.so.12`, or CUDA 11's
  /// `libnvrtc.so.11.2`); the bare `libnvrtc.so` only when there is no versioned one.
  func nvrtcLibraries(in folder: String) -> [String] {
    var byMajor: [Int: String] = [:]
    var bare: String?
    for name in fileSystem.contentsOfDirectory(folder) {
      guard let parts = SharedLibraryName.versionParts(of: name, library: "nvrtc") else {
        continue
      }
      guard let major = parts.first else {
        bare = name
        continue
      }
      if let existing = byMajor[major], existing.count <= name.count { continue }
      byMajor[major] = name
    }
    let names = byMajor.sorted { $0.key > $1.key }.map(\.value)
    return (names.isEmpty ? bare.map { [$0] } ?? [] : names)
      .map { PathComponents.appending($0, to: folder) }
  }

  /// A candidate for the NVRTC library at `path`: usable or not, and its version.
  func nvrtcCandidate(
    path: String, origin: CUDACandidate.Origin, context: (CUDAVersion, VersionEvidence)?
  ) -> CUDACandidate {
    let outcome = checkLibrary(path)
    if outcome == .rejected(.missing(path: path)) {
      return CUDACandidate(component: .nvrtc, origin: origin, path: path, outcome: outcome)
    }
    let version = nvrtcVersion(path: path, context: context)
    return CUDACandidate(
      component: .nvrtc, origin: origin, path: path, version: version?.0,
      versionEvidence: version?.1, outcome: outcome)
  }

  /// The version of the NVRTC library at `path`, read from (in order) a full
  /// `libnvrtc.so.M.m.p` name (its own, its link target's, or one beside it with the same
  /// major version), then `context` (a wheel's dist-info, a toolkit's version file) when
  /// its major version agrees, then the major version in its own name.
  private func nvrtcVersion(
    path: String, context: (CUDAVersion, VersionEvidence)?
  ) -> (CUDAVersion, VersionEvidence)? {
    let resolved = fileSystem.resolvingSymbolicLinks(path) ?? path
    let ownNames = [path, resolved].map(SharedLibraryName.fileName(of:))
    let major = ownNames.lazy.compactMap {
      SharedLibraryName.versionParts(of: $0, library: "nvrtc")?.first
    }.first
    func full(_ name: String) -> CUDAVersion? {
      guard let parts = SharedLibraryName.versionParts(of: name, library: "nvrtc"),
        parts.count == 3, major == nil || parts[0] == major
      else { return nil }
      return CUDAVersion(major: parts[0], minor: parts[1], patch: parts[2])
    }
    for name in ownNames {
      if let version = full(name) { return (version, .fileName(name)) }
    }
    let folders = Set([path, resolved].map(PathComponents.directory(of:)))
    let beside = folders.sorted().flatMap(fileSystem.contentsOfDirectory)
      .compactMap { name in full(name).map { ($0, VersionEvidence.fileName(name)) } }
      .max { $0.0 < $1.0 }
    if let beside { return beside }
    if let context, major == nil || context.0.major == major { return context }
    guard let major,
      let name = ownNames.first(where: {
        SharedLibraryName.versionParts(of: $0, library: "nvrtc")?.first == major
      })
    else { return nil }
    return (CUDAVersion(major: major), .fileName(name))
  }
}
