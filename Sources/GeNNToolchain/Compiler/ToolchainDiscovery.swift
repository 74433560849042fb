/// Finds C++ compilers: a pure function from an ``EnvironmentSnapshot`` to a report.
///
/// Candidates, in order of preference:
/// 1. `$CXX`: a path (absolute, or relative to the working folder), or a name looked up
///    on `PATH`; a value with spaces such as `ccache g++` runs its first word with the
///    rest as leading arguments.
/// 2. `c++`, `g++`, `clang++` on `PATH`.
/// 3. The `clang++` that ships with Swift: beside the `swift` found on `PATH` (and beside
///    the file that `swift` links to), then, on Linux, `/opt/swift/usr/bin`,
///    `/usr/share/swift/usr/bin` and swiftly's toolchains; on macOS, the selected Xcode,
///    `$DEVELOPER_DIR`, `/Applications/Xcode*.app`, the Command Line Tools and the
///    toolchains in `/Library/Developer/Toolchains` and `~/Library/Developer/Toolchains`.
///
/// Nothing is run: whether a found compiler works is for ``Toolchain/detect(environment:)`` to
/// find out.
public struct ToolchainDiscovery: Sendable {
  /// The environment searched.
  public let environment: EnvironmentSnapshot

  /// Creates a discovery over `environment`.
  public init(environment: EnvironmentSnapshot) {
    self.environment = environment
  }

  /// Searches every candidate location and reports each one, found or rejected.
  public func findCXXCompilers() -> CompilerSearchReport {
    var candidates: [CompilerCandidate] = [cxxVariableCandidate()]
    for name in ["c++", "g++", "clang++"] {
      candidates.append(pathCandidate(named: name))
    }
    candidates += besideSwiftCandidates()
    for (pattern, origin) in toolchainFolderPatterns() {
      candidates += toolchainCandidates(pattern: pattern, origin: origin)
    }
    return CompilerSearchReport(
      platform: environment.platform, candidates: markingRepeats(candidates))
  }

  // MARK: - Rules

  private var fileSystem: FileSystemView { environment.fileSystem }

  private func cxxVariableCandidate() -> CompilerCandidate {
    guard let value = environment.value(of: "CXX") else {
      return CompilerCandidate(
        origin: .cxxVariable(value: nil), outcome: .rejected(.variableNotSet(name: "CXX")))
    }
    let origin = CompilerCandidate.Origin.cxxVariable(value: value)
    if value.contains("/") {
      let path = PathComponents.absolute(value, relativeTo: environment.workingDirectory)
      if fileSystem.isExecutableFile(path) {
        return CompilerCandidate(
          origin: origin, outcome: .found(CompilerCommand(executable: path)))
      }
    }
    let words = value.split(whereSeparator: \.isWhitespace).map(String.init)
    guard let program = words.first else {
      return CompilerCandidate(origin: origin, outcome: .rejected(.variableNotSet(name: "CXX")))
    }
    let leading = Array(words.dropFirst())
    if program.contains("/") {
      let path = PathComponents.absolute(program, relativeTo: environment.workingDirectory)
      return CompilerCandidate(origin: origin, outcome: checkFile(path, leading: leading))
    }
    guard let path = environment.findOnPath(program) else {
      return CompilerCandidate(
        origin: origin,
        outcome: .rejected(.notOnPath(name: program, searched: environment.searchPath)))
    }
    return CompilerCandidate(
      origin: origin,
      outcome: .found(CompilerCommand(executable: path, leadingArguments: leading)))
  }

  private func pathCandidate(named name: String) -> CompilerCandidate {
    let origin = CompilerCandidate.Origin.onPath(name: name)
    guard let path = environment.findOnPath(name) else {
      return CompilerCandidate(
        origin: origin,
        outcome: .rejected(.notOnPath(name: name, searched: environment.searchPath)))
    }
    return CompilerCandidate(origin: origin, outcome: .found(CompilerCommand(executable: path)))
  }

  private func besideSwiftCandidates() -> [CompilerCandidate] {
    guard let swift = environment.findOnPath("swift") else {
      return [
        CompilerCandidate(
          origin: .besideSwift(swift: nil),
          outcome: .rejected(.swiftNotOnPath(searched: environment.searchPath)))
      ]
    }
    var swifts = [swift]
    if let resolved = fileSystem.resolvingSymbolicLinks(swift),
      PathComponents.directory(of: resolved) != PathComponents.directory(of: swift)
    {
      swifts.append(resolved)
    }
    return swifts.map { swiftPath in
      let clang = PathComponents.appending(
        "clang++", to: PathComponents.directory(of: swiftPath))
      return CompilerCandidate(
        origin: .besideSwift(swift: swiftPath), outcome: checkFile(clang, leading: []))
    }
  }

  /// Folder patterns (a `*` matches one name) holding a Swift or Xcode `clang++`.
  private func toolchainFolderPatterns() -> [(String, (String) -> CompilerCandidate.Origin)] {
    let swift: (String) -> CompilerCandidate.Origin = { .swiftToolchain(folder: $0) }
    let xcode: (String) -> CompilerCandidate.Origin = { .xcodeToolchain(folder: $0) }
    let home = environment.homeDirectory
    switch environment.platform {
    case .linux:
      var patterns = [("/opt/swift/usr/bin", swift), ("/usr/share/swift/usr/bin", swift)]
      if let swiftly = swiftlyToolchainsFolder() {
        patterns.append((swiftly + "/*/usr/bin", swift))
      }
      return patterns
    case .macOS:
      let xcodeDefault = "Toolchains/XcodeDefault.xctoolchain/usr/bin"
      var patterns: [(String, (String) -> CompilerCandidate.Origin)] = []
      if let developer = environment.value(of: "DEVELOPER_DIR") {
        patterns.append((developer + "/" + xcodeDefault, xcode))
        patterns.append((developer + "/usr/bin", xcode))
      }
      patterns += [
        ("/var/db/xcode_select_link/" + xcodeDefault, xcode),
        ("/Applications/Xcode*.app/Contents/Developer/" + xcodeDefault, xcode),
        ("/Library/Developer/CommandLineTools/usr/bin", xcode),
        ("/Library/Developer/Toolchains/*.xctoolchain/usr/bin", swift),
      ]
      if let home {
        patterns.append((home + "/Library/Developer/Toolchains/*.xctoolchain/usr/bin", swift))
      }
      return patterns
    }
  }

  private func swiftlyToolchainsFolder() -> String? {
    if let folder = environment.value(of: "SWIFTLY_TOOLCHAINS_DIR") { return folder }
    if let home = environment.value(of: "SWIFTLY_HOME_DIR") { return home + "/toolchains" }
    if let data = environment.value(of: "XDG_DATA_HOME") { return data + "/swiftly/toolchains" }
    return environment.homeDirectory.map { $0 + "/.local/share/swiftly/toolchains" }
  }

  private func toolchainCandidates(
    pattern: String, origin: (String) -> CompilerCandidate.Origin
  ) -> [CompilerCandidate] {
    let folders = fileSystem.folders(matching: pattern)
    guard pattern.contains("*") else {
      let clang = PathComponents.appending("clang++", to: pattern)
      return [CompilerCandidate(origin: origin(pattern), outcome: checkFile(clang, leading: []))]
    }
    guard !folders.isEmpty else {
      return [
        CompilerCandidate(
          origin: origin(pattern), outcome: .rejected(.nothingMatches(pattern: pattern)))
      ]
    }
    return folders.map { folder in
      let clang = PathComponents.appending("clang++", to: folder)
      return CompilerCandidate(origin: origin(folder), outcome: checkFile(clang, leading: []))
    }
  }

  // MARK: - Helpers

  private func checkFile(_ path: String, leading: [String]) -> CompilerCandidate.Outcome {
    if fileSystem.isExecutableFile(path) {
      return .found(CompilerCommand(executable: path, leadingArguments: leading))
    }
    return .rejected(fileSystem.exists(path) ? .notExecutable(path: path) : .missing(path: path))
  }

  /// Marks a found candidate that is the same file (after links) with the same leading
  /// arguments as an earlier one.
  private func markingRepeats(_ candidates: [CompilerCandidate]) -> [CompilerCandidate] {
    var seen: [String: String] = [:]
    return candidates.map { candidate in
      guard let command = candidate.command else { return candidate }
      let resolved = fileSystem.resolvingSymbolicLinks(command.executable) ?? command.executable
      let identity = ([resolved] + command.leadingArguments).joined(separator: "\u{0}")
      if let earlier = seen[identity] {
        return CompilerCandidate(
          origin: candidate.origin,
          outcome: .sameAsEarlier(path: command.executable, earlier: earlier))
      }
      seen[identity] = command.executable
      return candidate
    }
  }
}
