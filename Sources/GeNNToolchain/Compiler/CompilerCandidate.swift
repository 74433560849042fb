/// How to run a C++ compiler: its executable and any arguments that always come first
/// (for example `CXX="ccache g++"` gives `ccache` with the leading argument `g++`).
public struct CompilerCommand: Hashable, Sendable, CustomStringConvertible {
  /// Absolute path of the program to run.
  public var executable: String
  /// Arguments placed before every other argument.
  public var leadingArguments: [String]

  /// Creates a command from an executable path and its leading arguments.
  public init(executable: String, leadingArguments: [String] = []) {
    self.executable = executable
    self.leadingArguments = leadingArguments
  }

  public var description: String {
    ([executable] + leadingArguments).joined(separator: " ")
  }
}

/// One place where discovery looked for a C++ compiler, and what it found there.
public struct CompilerCandidate: Hashable, Sendable, CustomStringConvertible {
  /// Which rule produced the candidate.
  public enum Origin: Hashable, Sendable, CustomStringConvertible {
    /// The `CXX` environment variable, with its value (`nil` when unset or empty).
    case cxxVariable(value: String?)
    /// A compiler name (`c++`, `g++`, `clang++`) looked up on `PATH`.
    case onPath(name: String)
    /// The `clang++` beside the `swift` executable at this path (`nil`: no `swift`).
    case besideSwift(swift: String?)
    /// The `clang++` in a well-known Swift toolchain folder (or folder pattern).
    case swiftToolchain(folder: String)
    /// The `clang++` in an Xcode or Command Line Tools toolchain folder (or pattern).
    case xcodeToolchain(folder: String)

    public var description: String {
      switch self {
      case .cxxVariable(let value):
        return value.map { "$CXX=\($0)" } ?? "$CXX"
      case .onPath(let name):
        return "\(name) on PATH"
      case .besideSwift(let swift):
        return swift.map { "clang++ beside \($0)" } ?? "clang++ beside swift"
      case .swiftToolchain(let folder):
        return "clang++ in Swift toolchain \(folder)"
      case .xcodeToolchain(let folder):
        return "clang++ in Xcode toolchain \(folder)"
      }
    }
  }

  /// Why a candidate was not used.
  public enum Rejection: Hashable, Sendable, CustomStringConvertible {
    /// The environment variable is unset or empty.
    case variableNotSet(name: String)
    /// No executable of this name is in any of the searched `PATH` folders.
    case notOnPath(name: String, searched: [String])
    /// Nothing exists at the path.
    case missing(path: String)
    /// Something exists at the path but is not an executable file.
    case notExecutable(path: String)
    /// `swift` is in none of the `PATH` folders, so there is no folder to look beside.
    case swiftNotOnPath(searched: [String])
    /// A folder pattern (with `*`) matched nothing.
    case nothingMatches(pattern: String)

    public var description: String {
      switch self {
      case .variableNotSet(let name):
        return "\(name) is not set"
      case .notOnPath(let name, let searched):
        return "no executable \(name) in " + Self.list(searched)
      case .missing(let path):
        return "\(path) does not exist"
      case .notExecutable(let path):
        return "\(path) exists but is not an executable file"
      case .swiftNotOnPath(let searched):
        return "no swift in " + Self.list(searched)
      case .nothingMatches(let pattern):
        return "nothing matches \(pattern)"
      }
    }

    private static func list(_ folders: [String]) -> String {
      folders.isEmpty ? "PATH (it is empty)" : folders.joined(separator: ", ")
    }
  }

  /// What discovery concluded about a candidate.
  public enum Outcome: Hashable, Sendable {
    /// A usable executable.
    case found(CompilerCommand)
    /// The same executable (after following links) as an earlier candidate.
    case sameAsEarlier(path: String, earlier: String)
    /// Not usable, and why.
    case rejected(Rejection)
  }

  /// Which rule produced the candidate.
  public var origin: Origin
  /// What was found.
  public var outcome: Outcome

  /// Creates a candidate record.
  public init(origin: Origin, outcome: Outcome) {
    self.origin = origin
    self.outcome = outcome
  }

  /// The command to run, when the candidate was found and is not a repeat.
  public var command: CompilerCommand? {
    if case .found(let command) = outcome { return command }
    return nil
  }

  /// The rejection, when the candidate was rejected.
  public var rejection: Rejection? {
    if case .rejected(let reason) = outcome { return reason }
    return nil
  }

  /// One line: the rule, then what it found (`g++ on PATH: found /usr/bin/g++`).
  public var description: String {
    switch outcome {
    case .found(let command):
      return "\(origin): found \(command)"
    case .sameAsEarlier(let path, let earlier):
      return "\(origin): \(path) (same compiler as \(earlier))"
    case .rejected(let reason):
      return "\(origin): \(reason)"
    }
  }
}

/// The outcome of C++ compiler discovery: every candidate in order, each found or
/// rejected with its reason, and the one to use first.
public struct CompilerSearchReport: Hashable, Sendable, CustomStringConvertible {
  /// The platform whose rules were applied.
  public var platform: HostPlatform
  /// Every candidate, in the order they are preferred.
  public var candidates: [CompilerCandidate]

  /// Creates a report.
  public init(platform: HostPlatform, candidates: [CompilerCandidate]) {
    self.platform = platform
    self.candidates = candidates
  }

  /// The usable compilers, in order of preference, without repeats.
  public var found: [CompilerCommand] {
    candidates.compactMap(\.command)
  }

  /// The preferred compiler, before probing: the first one found.
  public var chosen: CompilerCommand? {
    found.first
  }

  /// One line per candidate: what was searched and what came of it.
  public var searched: [String] {
    candidates.map(\.description)
  }

  /// A multi-line report for `genn doctor`.
  public var description: String {
    var lines = ["C++ compiler search (\(platform.rawValue)):"]
    lines += candidates.map { "  \($0.command != nil ? "✓" : "-") \($0)" }
    if let chosen {
      lines.append("  chosen: \(chosen)")
    } else {
      lines.append("  none found; \(platform.compilerInstallHint)")
    }
    return lines.joined(separator: "\n")
  }
}
