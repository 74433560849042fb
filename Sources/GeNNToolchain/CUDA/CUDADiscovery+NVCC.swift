extension CUDADiscovery {
  /// nvcc (optional): on `PATH`, then in `bin/` of the toolkits that NVRTC is looked for
  /// in (`$CUDA_PATH`, `$CUDA_HOME`, `$CUDA_ROOT`, `$CONDA_PREFIX`, `/usr/local/cuda`,
  /// `/usr/local/cuda-*`, `/opt/cuda`), each with its toolkit's version when known.
  func findNVCC() -> [CUDACandidate] {
    var candidates: [CUDACandidate] = []
    if let path = environment.findOnPath("nvcc") {
      candidates.append(nvccCandidate(path: path, origin: .onPath))
    } else {
      candidates.append(
        CUDACandidate(
          component: .nvcc, origin: .onPath,
          outcome: .rejected(.notOnPath(name: "nvcc", searched: environment.searchPath))))
    }
    for name in Self.toolkitVariables + ["CONDA_PREFIX"] {
      guard let value = environment.value(of: name) else { continue }
      candidates.append(
        nvccCandidate(
          path: PathComponents.appending("bin/nvcc", to: absolute(value)),
          origin: .variable(name: name, value: value)))
    }
    for root in ["/usr/local/cuda"] + versionedSystemToolkits() + ["/opt/cuda"] {
      candidates.append(
        nvccCandidate(
          path: PathComponents.appending("bin/nvcc", to: root), origin: .systemToolkit(folder: root)
        ))
    }
    return candidates
  }

  private func nvccCandidate(path: String, origin: CUDACandidate.Origin) -> CUDACandidate {
    guard fileSystem.exists(path) else {
      return CUDACandidate(
        component: .nvcc, origin: origin, path: path, outcome: .rejected(.missing(path: path)))
    }
    guard fileSystem.isExecutableFile(path) else {
      return CUDACandidate(
        component: .nvcc, origin: origin, path: path,
        outcome: .rejected(.notExecutable(path: path)))
    }
    let roots = [fileSystem.resolvingSymbolicLinks(path) ?? path, path].map {
      PathComponents.directory(of: PathComponents.directory(of: $0))
    }
    let version = roots.lazy.compactMap(toolkitVersion(root:)).first
    return CUDACandidate(
      component: .nvcc, origin: origin, path: path, version: version?.0,
      versionEvidence: version?.1, outcome: .found)
  }
}
