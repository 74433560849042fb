import Foundation

@testable import GeNNToolchain

/// A directory tree in a fresh temporary folder, standing in for a machine's file system.
struct FakeTree {
  /// The folder on disk that the fake tree calls `/`.
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("genn-toolchain-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  /// The on-disk location of the fake `path`.
  func host(_ path: String) -> URL {
    root.appendingPathComponent(String(path.drop { $0 == "/" }))
  }

  /// Creates an executable shell script at `path` that runs `body`.
  func executable(_ path: String, body: String = "echo fake compiler 1.0") throws {
    try file(path, contents: "#!/bin/sh\n\(body)\n")
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o755], ofItemAtPath: host(path).path)
  }

  /// Creates a plain (non-executable) file at `path`.
  func file(_ path: String, contents: String = "") throws {
    try directory(PathComponents.directory(of: path))
    try Data(contents.utf8).write(to: host(path))
  }

  /// Creates the folder `path` and its parents.
  func directory(_ path: String) throws {
    try FileManager.default.createDirectory(at: host(path), withIntermediateDirectories: true)
  }

  /// Creates a symbolic link at `path` whose target is written as `target` (an absolute
  /// target is read inside the fake tree).
  func link(_ path: String, to target: String) throws {
    try directory(PathComponents.directory(of: path))
    try FileManager.default.createSymbolicLink(atPath: host(path).path, withDestinationPath: target)
  }

  /// A snapshot over this tree.
  func snapshot(
    _ variables: [String: String], platform: HostPlatform = .linux,
    workingDirectory: String = "/home/user"
  ) -> EnvironmentSnapshot {
    EnvironmentSnapshot(
      variables: variables, fileSystem: FileSystemView(root: root.path), platform: platform,
      workingDirectory: workingDirectory)
  }

  func remove() {
    try? FileManager.default.removeItem(at: root)
  }
}
