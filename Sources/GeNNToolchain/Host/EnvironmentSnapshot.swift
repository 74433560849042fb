import Foundation

/// Everything toolchain discovery may look at: environment variables, the platform and
/// processor, the working and home folders, a read-only view of the file system, and the
/// dynamic loader's list of libraries.
///
/// Discovery is a pure function of a snapshot. ``current()`` describes the running
/// process; tests build a snapshot over a fake tree in a temporary folder.
public struct EnvironmentSnapshot: Hashable, Sendable {
  /// Environment variables by name (`PATH`, `CXX`, `HOME`, …).
  public var variables: [String: String]
  /// The file system, as discovery may query it.
  public var fileSystem: FileSystemView
  /// Whose conventions apply (search locations, library suffix).
  public var platform: HostPlatform
  /// The folder relative paths (in `PATH` or `CXX`) are read against.
  public var workingDirectory: String
  /// The user's home folder; `nil` when unknown.
  public var homeDirectory: String?
  /// The processor that libraries must be built for to be loaded.
  public var architecture: MachineArchitecture
  /// The text of `ldconfig -p` (the loader cache's libraries); `nil` when not captured.
  public var loaderCacheListing: String?

  /// Creates a snapshot. `homeDirectory` defaults to the `HOME` variable.
  public init(
    variables: [String: String],
    fileSystem: FileSystemView = FileSystemView(),
    platform: HostPlatform = .current,
    workingDirectory: String = "/",
    homeDirectory: String? = nil,
    architecture: MachineArchitecture = .current,
    loaderCacheListing: String? = nil
  ) {
    self.variables = variables
    self.fileSystem = fileSystem
    self.platform = platform
    self.workingDirectory = workingDirectory
    self.homeDirectory = homeDirectory ?? variables["HOME"].flatMap { $0.isEmpty ? nil : $0 }
    self.architecture = architecture
    self.loaderCacheListing = loaderCacheListing
  }

  /// A snapshot of the running process: its environment, the real file system, its
  /// working folder and home folder, its processor, and (on Linux) the loader cache as
  /// `ldconfig -p` lists it, which is run once per process.
  public static func current() -> EnvironmentSnapshot {
    let process = ProcessInfo.processInfo
    let home = process.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
    return EnvironmentSnapshot(
      variables: process.environment,
      fileSystem: FileSystemView(),
      platform: .current,
      workingDirectory: FileManager.default.currentDirectoryPath,
      homeDirectory: home ?? NSHomeDirectory(),
      architecture: .current,
      loaderCacheListing: LoaderCache.systemListing
    )
  }

  /// The loader cache read from ``loaderCacheListing``; `nil` when it was not captured.
  public var loaderCache: LoaderCache? {
    loaderCacheListing.map(LoaderCache.init(listing:))
  }

  /// The value of `name`, or `nil` when it is unset or empty.
  public func value(of name: String) -> String? {
    guard let value = variables[name], !value.isEmpty else { return nil }
    return value
  }

  /// The folders of `PATH`, in order, as absolute paths (an empty entry means the
  /// working folder, as in POSIX shells); duplicates are kept once.
  public var searchPath: [String] {
    guard let path = variables["PATH"] else { return [] }
    var seen = Set<String>()
    var folders: [String] = []
    for entry in path.split(separator: ":", omittingEmptySubsequences: false) {
      let folder = PathComponents.absolute(
        entry.isEmpty ? "." : String(entry), relativeTo: workingDirectory)
      if seen.insert(folder).inserted { folders.append(folder) }
    }
    return folders
  }

  /// The first `PATH` folder holding an executable file called `name`, with that file's
  /// path.
  public func findOnPath(_ name: String) -> String? {
    for folder in searchPath {
      let candidate = PathComponents.appending(name, to: folder)
      if fileSystem.isExecutableFile(candidate) { return candidate }
    }
    return nil
  }
}
