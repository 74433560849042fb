import Foundation

extension BuildCache {
  /// Checks that ``root`` is a folder, or can be created as one: neither it nor any
  /// folder above it is a file.
  ///
  /// - Throws: ``ToolchainError/cacheRootNotAFolder(root:file:)`` naming the file in the
  ///   way.
  public func checkRoot() throws(ToolchainError) {
    let manager = FileManager.default
    var path = root.standardizedFileURL
    while true {
      var isDirectory: ObjCBool = false
      if manager.fileExists(atPath: path.path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
          throw .cacheRootNotAFolder(root: root.path, file: path.path)
        }
        return
      }
      guard path.path != "/" else { return }
      path = path.deletingLastPathComponent().standardizedFileURL
    }
  }
}
