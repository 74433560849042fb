import Foundation

/// A content-addressed store of compiled shared libraries and CUDA cubins.
///
/// Each entry is a folder named `<name>-<key>` under ``root`` holding the generated
/// source (`model.cc`), the library, the compiler's log (`compile.log`) and a
/// `manifest.txt` of what went into the key and the SHA-256 of the library. The key is a
/// SHA-256 of the cache format
/// version, the source, the compiler identity, the flags and (when the flags tune for
/// the build machine, `-march=native`) the processor's identity. CUDA entries
/// (``cubin(for:named:compiler:architecture:)``) hold `model.cu` and `NAME.cubin`,
/// keyed by NVRTC's version and options, the GPU architecture among them.
///
/// An entry is used only when it is intact: its manifest names its key, and its library
/// (or cubin) has the digest the manifest records. A damaged entry (a truncated library,
/// another model's library copied in) is rebuilt and replaced atomically, never loaded.
///
/// Builds are atomic: each runs in its own folder under `root/.building`, and is renamed
/// into place only once complete, so a failed or killed build never leaves an entry.
/// Failed builds are kept under `root/.failed` for reading. When two builders (tasks or
/// processes) build the same entry at once, both succeed: the first rename wins, and
/// the other discards its copy and returns the winner's.
public struct BuildCache: Sendable {
  /// Changes whenever the layout or the key's recipe changes, so old entries are unused.
  public static let formatVersion = 1

  /// The folder holding the entries.
  public let root: URL
  /// Build folders under `root/.building` older than this (seconds since last change)
  /// are taken for leftovers of killed builds and deleted by later builds.
  public var staleBuildAge: TimeInterval
  /// Test hooks; none in normal use.
  var hooks = Hooks()

  /// Points in a build where tests can wait or inject faults.
  struct Hooks: Sendable {
    /// Called with the finished build folder just before it is renamed into place.
    var beforePublish: (@Sendable (URL) async throws -> Void)?
  }

  /// One cached library.
  public struct Entry: Hashable, Sendable {
    /// The hexadecimal cache key (SHA-256).
    public var key: String
    /// The entry's folder.
    public var directory: URL
    /// The shared library, to pass to ``SharedLibrary/init(path:)`` (in a CUDA entry,
    /// the cubin).
    public var libraryPath: URL
    /// The generated source, kept readable (`model.cc`; `model.cu` in a CUDA entry).
    public var sourcePath: URL
    /// The compiler's command line and output (`compile.log`).
    public var logPath: URL
    /// Whether the entry was already there, so this call ran no compiler.
    public var cacheHit: Bool
    /// Whether this call compiled the library but another builder published the same
    /// entry first, so this call's copy was discarded in favour of the other.
    public var lostPublishRace: Bool
    /// Seconds this call spent building (zero on a hit).
    public var buildSeconds: Double
  }

  /// Creates a cache at `root` (created on first build), or at ``defaultRoot(in:)`` when
  /// `root` is `nil`.
  public init(root: URL? = nil, staleBuildAge: TimeInterval = 3600) {
    self.root = (root ?? Self.defaultRoot(in: .current())).standardizedFileURL
    self.staleBuildAge = staleBuildAge
  }

  /// Where the cache lives by default: `$GENN_CACHE_DIR`, else
  /// `$XDG_CACHE_HOME/swiftgenn`, else `~/.cache/swiftgenn` on Linux and
  /// `~/Library/Caches/SwiftGeNN` on macOS (relative paths are read against the working
  /// folder).
  public static func defaultRoot(in environment: EnvironmentSnapshot) -> URL {
    let path: String
    if let explicit = environment.value(of: "GENN_CACHE_DIR") {
      path = explicit
    } else if let xdg = environment.value(of: "XDG_CACHE_HOME") {
      path = xdg + "/swiftgenn"
    } else {
      let home = environment.homeDirectory ?? environment.workingDirectory
      switch environment.platform {
      case .linux: path = home + "/.cache/swiftgenn"
      case .macOS: path = home + "/Library/Caches/SwiftGeNN"
      }
    }
    let absolute = PathComponents.absolute(path, relativeTo: environment.workingDirectory)
    return URL(fileURLWithPath: absolute, isDirectory: true)
  }

  /// The cache key of a build: SHA-256 over the format version, `source`,
  /// `compilerIdentity`, `flags`, and `hostCPU` when the flags tune for the build
  /// machine (`-march=native`, `-mcpu=native`, `-mtune=native`); otherwise `hostCPU`
  /// is ignored.
  public static func key(
    source: String, compilerIdentity: String, flags: [String], hostCPU: String
  ) -> String {
    var hash = SHA256()
    func field(_ label: String, _ value: String) {
      hash.update("\(label) \(value.utf8.count)\n")
      hash.update(value)
      hash.update("\n")
    }
    field("format", String(formatVersion))
    field("source", source)
    field("compiler", compilerIdentity)
    field("flag count", String(flags.count))
    for flag in flags { field("flag", flag) }
    field("cpu", HostCPU.flagsDependOnHost(flags) ? hostCPU : "")
    return hash.hexDigest()
  }

  /// The key of building `source` with `toolchain` and `flags` on this machine.
  public static func key(source: String, toolchain: Toolchain, flags: [String]) -> String {
    key(
      source: source, compilerIdentity: toolchain.identity.versionLine, flags: flags,
      hostCPU: HostCPU.identity)
  }

  /// The folder the entry with `key` and library `name` has (or would have).
  public func entryFolder(key: String, named name: String) -> URL {
    root.appendingPathComponent(Self.folderName(key: key, named: name), isDirectory: true)
  }

  /// The source file name inside an entry.
  static let sourceFileName = "model.cc"
  /// The CUDA source file name inside a cubin entry.
  static let cudaSourceFileName = "model.cu"
  /// The compiler log file name inside an entry.
  static let logFileName = "compile.log"
  /// The description of the key's inputs inside an entry.
  public static let manifestFileName = "manifest.txt"
  /// Where builds in progress live, under the root.
  static let buildingFolderName = ".building"
  /// Where failed builds are kept, under the root.
  static let failedFolderName = ".failed"

  /// `name` reduced to letters, digits, `_` and `-` (never empty).
  static func sanitized(_ name: String) -> String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
    let cleaned = String(name.map { allowed.contains($0) ? $0 : "_" })
    return cleaned.isEmpty ? "model" : cleaned
  }

  static func folderName(key: String, named name: String) -> String {
    "\(sanitized(name))-\(key.prefix(32))"
  }

  /// The entry for `key` and `name`, when it is there and intact (``isIntact(_:key:named:kind:)``)
  /// with its library (or, for a CUDA entry, its cubin: `kind`).
  func existingEntry(key: String, named name: String, kind: EntryKind = .sharedLibrary)
    -> Entry?
  {
    let entry = makeEntry(key: key, named: name, kind: kind, cacheHit: true)
    guard isIntact(entry.directory, key: key, named: name, kind: kind) else { return nil }
    return entry
  }

  /// What an entry holds.
  enum EntryKind {
    /// A C++ source and the shared library compiled from it.
    case sharedLibrary
    /// A CUDA source and the cubin NVRTC compiled from it.
    case cubin

    /// The source file's name in the entry.
    var sourceFileName: String {
      switch self {
      case .sharedLibrary: BuildCache.sourceFileName
      case .cubin: BuildCache.cudaSourceFileName
      }
    }

    /// The compiled file's name in the entry of `name`.
    func productFileName(_ name: String) -> String {
      switch self {
      case .sharedLibrary: HostPlatform.current.sharedLibraryFileName(BuildCache.sanitized(name))
      case .cubin: "\(BuildCache.sanitized(name)).cubin"
      }
    }
  }

  func makeEntry(
    key: String, named name: String, kind: EntryKind = .sharedLibrary, cacheHit: Bool,
    lostPublishRace: Bool = false, buildSeconds: Double = 0
  ) -> Entry {
    let folder = entryFolder(key: key, named: name)
    return Entry(
      key: key, directory: folder,
      libraryPath: folder.appendingPathComponent(kind.productFileName(name)),
      sourcePath: folder.appendingPathComponent(kind.sourceFileName),
      logPath: folder.appendingPathComponent(Self.logFileName),
      cacheHit: cacheHit, lostPublishRace: lostPublishRace, buildSeconds: buildSeconds)
  }
}
