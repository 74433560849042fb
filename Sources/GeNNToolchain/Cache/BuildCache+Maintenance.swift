import Foundation

extension BuildCache {
  /// The total size in bytes of every file under ``root`` (entries, kept failures and
  /// builds in progress); zero when the folder does not exist.
  public func size() throws -> Int {
    let manager = FileManager.default
    guard manager.fileExists(atPath: root.path) else { return 0 }
    guard
      let enumerator = manager.enumerator(
        at: root, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey])
    else {
      throw ToolchainError.cacheOperationFailed(
        operation: "list", path: root.path, reason: "the folder cannot be read")
    }
    var total = 0
    for case let url as URL in enumerator {
      let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
      if values?.isRegularFile == true { total += values?.fileSize ?? 0 }
    }
    return total
  }

  /// Deletes everything in the cache (the root folder itself stays). Builds running at
  /// the same moment in other processes may fail and need retrying; libraries already
  /// loaded stay usable.
  public func clear() throws {
    let manager = FileManager.default
    guard manager.fileExists(atPath: root.path) else { return }
    let items: [String]
    do {
      items = try manager.contentsOfDirectory(atPath: root.path)
    } catch {
      throw ToolchainError.cacheOperationFailed(
        operation: "list", path: root.path, reason: Self.reason(error))
    }
    for item in items {
      let url = root.appendingPathComponent(item)
      do {
        try manager.removeItem(at: url)
      } catch {
        throw ToolchainError.cacheOperationFailed(
          operation: "delete", path: url.path, reason: Self.reason(error))
      }
    }
  }

  /// Deletes the build folders in `building` unchanged for longer than
  /// ``staleBuildAge``: leftovers of builds that were killed. Errors are ignored (another
  /// process may be deleting the same folder).
  func removeStaleBuilds(in building: URL) {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: building.path) else { return }
    let cutoff = Date().addingTimeInterval(-staleBuildAge)
    for name in names {
      let url = building.appendingPathComponent(name)
      guard let modified = try? manager.attributesOfItem(atPath: url.path)[.modificationDate],
        let date = modified as? Date, date < cutoff
      else { continue }
      try? manager.removeItem(at: url)
    }
  }
}
