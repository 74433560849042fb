import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension BuildCache {
  /// The manifest line that records the SHA-256 of an entry's library or cubin.
  static let digestLabel = "product sha256: "

  /// Whether the entry in `folder` is intact: its manifest names `key` and records the
  /// SHA-256 of its product (`kind`'s file for `name`), and the product on disk has that
  /// digest. A truncated library, another model's library copied in, a missing or older
  /// manifest all make an entry not intact, so it is rebuilt instead of loaded.
  func isIntact(_ folder: URL, key: String, named name: String, kind: EntryKind) -> Bool {
    let manifestURL = folder.appendingPathComponent(Self.manifestFileName)
    guard let manifest = try? String(contentsOf: manifestURL, encoding: .utf8),
      manifest.split(separator: "\n").contains(Substring("key: \(key)")),
      let recorded = Self.recordedDigest(in: manifest),
      let actual = Self.digest(ofFileAt: folder.appendingPathComponent(kind.productFileName(name)))
    else { return false }
    return recorded == actual
  }

  /// The product digest a manifest records (its last digest line, the one written after
  /// the compiler ran), or `nil` when it records none.
  static func recordedDigest(in manifest: String) -> String? {
    manifest.split(separator: "\n")
      .last { $0.hasPrefix(digestLabel) }
      .map { String($0.dropFirst(digestLabel.count)) }
  }

  /// The manifest line recording the digest of the product at `url`.
  ///
  /// - Throws: ``ToolchainError/cacheOperationFailed(operation:path:reason:)`` when the
  ///   product cannot be read.
  static func digestLine(forProductAt url: URL) throws -> String {
    guard let digest = digest(ofFileAt: url) else {
      throw ToolchainError.cacheOperationFailed(
        operation: "read the compiled file", path: url.path, reason: "it cannot be read")
    }
    return "\(digestLabel)\(digest)\n"
  }

  /// The hexadecimal SHA-256 of the regular file at `url`; `nil` when it is missing, not
  /// a regular file or unreadable.
  static func digest(ofFileAt url: URL) -> String? {
    var status = stat()
    guard stat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      let data = try? Data(contentsOf: url)
    else { return nil }
    var hash = SHA256()
    hash.update(data)
    return hash.hexDigest()
  }

  /// Takes the damaged entry folder `destination` out of the way of a rebuilt one: it is
  /// renamed under `.building` first, so the entry's name never shows a half-deleted
  /// folder, then deleted.
  func moveDamagedEntryAside(_ destination: URL) {
    let aside = root.appendingPathComponent(Self.buildingFolderName, isDirectory: true)
      .appendingPathComponent(
        "\(destination.lastPathComponent).damaged-"
          + "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
    if rename(destination.path, aside.path) == 0 {
      try? FileManager.default.removeItem(at: aside)
    }
  }
}
