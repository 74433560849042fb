extension CUDADiscovery {
  /// The kernel module's version file.
  static let procVersionPath = "/proc/driver/nvidia/version"
  /// The folder with one subfolder per GPU, each holding an `information` file.
  static let procGPUsPath = "/proc/driver/nvidia/gpus"

  /// The NVIDIA driver: `libcuda.so.1` in the loader cache, the multiarch folder
  /// (`/usr/lib/x86_64-linux-gnu`), `/usr/lib64`, `/usr/lib` and WSL's `/usr/lib/wsl/lib`;
  /// its version from the kernel module or from a `libcuda.so.550.54.15` file name; and
  /// the GPUs the kernel module lists.
  func findDriver() -> NVIDIADriverReport {
    var libraries = [CUDACandidate]()
    let name = CUDAComponent.driverLibrary.fileName
    if let cache = environment.loaderCache {
      let entries = cache.entries(named: name)
      if entries.isEmpty {
        libraries.append(
          CUDACandidate(
            component: .driverLibrary, origin: .loaderCache,
            outcome: .rejected(.notInLoaderCache(name: name))))
      }
      for entry in entries {
        libraries.append(
          CUDACandidate(
            component: .driverLibrary, origin: .loaderCache, path: entry.path,
            outcome: checkLibrary(entry.path)))
      }
    } else {
      libraries.append(
        CUDACandidate(
          component: .driverLibrary, origin: .loaderCache,
          outcome: .rejected(.loaderCacheUnavailable)))
    }
    var folders = ["/usr/lib64", "/usr/lib", "/usr/lib/wsl/lib"]
    if let multiarch = environment.architecture.multiarchName {
      folders.insert("/usr/lib/\(multiarch)", at: 0)
    }
    for folder in folders {
      let path = PathComponents.appending(name, to: folder)
      libraries.append(
        CUDACandidate(
          component: .driverLibrary, origin: .libraryFolder(folder), path: path,
          outcome: checkLibrary(path)))
    }
    libraries = markingRepeats(libraries)

    var report = NVIDIADriverReport(libraries: libraries, gpus: gpus())
    if let text = fileSystem.text(of: Self.procVersionPath),
      let version = NVIDIADriverVersion(procVersion: text)
    {
      report.version = version
      report.versionEvidence = .kernelModule(path: Self.procVersionPath)
    } else if let library = report.library, let (version, evidence) = driverVersion(library) {
      report.version = version
      report.versionEvidence = evidence
    }
    return report
  }

  /// The driver version in the name of the file `libcuda.so.1` links to, or of a
  /// `libcuda.so.X.Y.Z` beside it (the newest, when there are several).
  private func driverVersion(_ library: String) -> (NVIDIADriverVersion, VersionEvidence)? {
    func version(_ name: String) -> NVIDIADriverVersion? {
      guard let parts = SharedLibraryName.versionParts(of: name, library: "cuda"),
        !parts.isEmpty
      else { return nil }
      return NVIDIADriverVersion(name.dropFirst("libcuda.so.".count))
    }
    let resolved = fileSystem.resolvingSymbolicLinks(library) ?? library
    let target = SharedLibraryName.fileName(of: resolved)
    if let found = version(target) { return (found, .fileName(target)) }
    let folders = Set([library, resolved].map(PathComponents.directory(of:)))
    return folders.sorted().flatMap(fileSystem.contentsOfDirectory)
      .compactMap { name in version(name).map { ($0, VersionEvidence.fileName(name)) } }
      .max { $0.0 < $1.0 }
  }

  /// The GPUs in `/proc/driver/nvidia/gpus/*/information`, by bus location.
  private func gpus() -> [NVIDIAGPU] {
    fileSystem.folders(matching: Self.procGPUsPath + "/*").map { folder in
      let bus = SharedLibraryName.fileName(of: folder)
      let information = PathComponents.appending("information", to: folder)
      guard let text = fileSystem.text(of: information) else {
        return NVIDIAGPU(busLocation: bus, model: nil)
      }
      return NVIDIAGPU(busLocation: bus, information: text)
    }
  }
}
