import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A read-only view of a file system, as seen from a root folder.
///
/// Every path given to it is absolute in the *viewed* tree: with `root` `/tmp/fake`,
/// `/usr/bin/g++` means `/tmp/fake/usr/bin/g++` on disk. Symbolic links are followed
/// inside the view: an absolute link target is also read relative to `root`, so fake
/// trees in tests behave like real ones. With the default root `/` it is the real file
/// system.
public struct FileSystemView: Hashable, Sendable {
  /// The folder on disk that the view calls `/`.
  public let root: String

  /// Creates a view whose `/` is `root` on disk (default: the real root).
  public init(root: String = "/") {
    var trimmed = root
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
    self.root = trimmed.isEmpty ? "/" : trimmed
  }

  /// Whether anything (file, folder, or link to something) exists at `path`.
  public func exists(_ path: String) -> Bool {
    status(of: path) != nil
  }

  /// Whether `path` is a folder, after following links.
  public func isDirectory(_ path: String) -> Bool {
    guard let mode = status(of: path)?.st_mode else { return false }
    return (mode & S_IFMT) == S_IFDIR
  }

  /// Whether `path` is a regular file that this process may execute, after following
  /// links.
  public func isExecutableFile(_ path: String) -> Bool {
    guard let resolved = resolvingSymbolicLinks(path) else { return false }
    let host = hostPath(resolved)
    var info = stat()
    guard lstat(host, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
    return access(host, X_OK) == 0
  }

  /// The names in the folder at `path`, sorted; empty when it is not a readable folder.
  public func contentsOfDirectory(_ path: String) -> [String] {
    guard let resolved = resolvingSymbolicLinks(path),
      let names = try? FileManager.default.contentsOfDirectory(atPath: hostPath(resolved))
    else { return [] }
    return names.sorted()
  }

  /// The target of the symbolic link at `path` as written in the link, or `nil` when
  /// `path` is not a link.
  public func symbolicLinkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: 4097)
    let count = readlink(hostPath(path), &buffer, buffer.count - 1)
    guard count >= 0 else { return nil }
    let bytes = buffer[0..<count].map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `path` with every link along it replaced by its target (in the view's coordinates),
  /// with `.` and `..` removed; `nil` for a missing component or a link loop.
  public func resolvingSymbolicLinks(_ path: String) -> String? {
    var pending = PathComponents.split(path)
    var resolved: [String] = []
    var linksFollowed = 0
    while !pending.isEmpty {
      let component = pending.removeFirst()
      if component == "." { continue }
      if component == ".." {
        if !resolved.isEmpty { resolved.removeLast() }
        continue
      }
      let candidate = PathComponents.join(resolved + [component])
      var info = stat()
      guard lstat(hostPath(candidate), &info) == 0 else { return nil }
      guard (info.st_mode & S_IFMT) == S_IFLNK else {
        resolved.append(component)
        continue
      }
      linksFollowed += 1
      guard linksFollowed <= 40, let target = symbolicLinkTarget(candidate) else { return nil }
      if target.hasPrefix("/") { resolved = [] }
      pending = PathComponents.split(target) + pending
    }
    return PathComponents.join(resolved)
  }

  /// Up to `limit` bytes from the start of the regular file at `path` (after following
  /// links); `nil` when it is not a readable regular file. Files that report no size,
  /// such as those in `/proc`, are read too.
  public func leadingBytes(of path: String, limit: Int) -> [UInt8]? {
    guard let resolved = resolvingSymbolicLinks(path) else { return nil }
    let host = hostPath(resolved)
    var info = stat()
    guard stat(host, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let descriptor = open(host, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes = [UInt8](repeating: 0, count: max(limit, 0))
    var filled = 0
    while filled < bytes.count {
      let count = bytes.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      filled += count
    }
    return Array(bytes.prefix(filled))
  }

  /// The text of the regular file at `path` as UTF-8 (at most `limit` bytes of it);
  /// `nil` when it is not a readable regular file.
  public func text(of path: String, limit: Int = 1 << 20) -> String? {
    leadingBytes(of: path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The existing folders matching `pattern`, where a component with one `*` matches
  /// any name with the same text before and after the star; sorted by name.
  public func folders(matching pattern: String) -> [String] {
    var matches = ["/"]
    for component in PathComponents.split(pattern) {
      guard let star = component.firstIndex(of: "*") else {
        matches = matches.map { PathComponents.appending(component, to: $0) }
        continue
      }
      let prefix = component[..<star]
      let suffix = component[component.index(after: star)...]
      matches = matches.flatMap { folder in
        contentsOfDirectory(folder)
          .filter {
            $0.hasPrefix(prefix) && $0.hasSuffix(suffix)
              && $0.count >= prefix.count + suffix.count
          }
          .map { PathComponents.appending($0, to: folder) }
      }
    }
    return matches.filter { isDirectory($0) }
  }

  /// Where the view's `path` lies on disk.
  public func hostPath(_ path: String) -> String {
    let relative = PathComponents.join(PathComponents.split(path))
    return root == "/" ? relative : root + relative
  }

  private func status(of path: String) -> stat? {
    guard let resolved = resolvingSymbolicLinks(path) else { return nil }
    var info = stat()
    return lstat(hostPath(resolved), &info) == 0 ? info : nil
  }
}

/// Small helpers for slash-separated absolute paths, without touching the disk.
enum PathComponents {
  /// The non-empty components of `path`.
  static func split(_ path: String) -> [String] {
    path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
  }

  /// An absolute path made of `components`.
  static func join(_ components: [String]) -> String {
    "/" + components.joined(separator: "/")
  }

  /// `path` made absolute against `base` (when relative), with `.` and `..` removed.
  static func absolute(_ path: String, relativeTo base: String) -> String {
    let full = path.hasPrefix("/") ? path : base + "/" + path
    var result: [String] = []
    for component in split(full) {
      switch component {
      case ".": continue
      case "..": if !result.isEmpty { result.removeLast() }
      default: result.append(component)
      }
    }
    return join(result)
  }

  /// The folder that contains `path`.
  static func directory(of path: String) -> String {
    join(split(path).dropLast())
  }

  /// `directory` followed by `name`.
  static func appending(_ name: String, to directory: String) -> String {
    join(split(directory) + split(name))
  }
}
