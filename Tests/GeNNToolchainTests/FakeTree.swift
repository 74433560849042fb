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

  /// Creates a file at `path` holding `bytes`.
  func file(_ path: String, bytes: [UInt8]) throws {
    try directory(PathComponents.directory(of: path))
    try Data(bytes).write(to: host(path))
  }

  /// Creates a stand-in for an ELF shared library at `path`: a 64-bit little-endian ELF
  /// header for `machine` (62 x86-64, 183 aarch64) and object `type` (3 shared object).
  func sharedLibrary(_ path: String, machine: UInt16 = 62, type: UInt16 = 3) throws {
    var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]
    bytes += [UInt8](repeating: 0, count: 8)
    bytes += [UInt8(type & 0xFF), UInt8(type >> 8), UInt8(machine & 0xFF), UInt8(machine >> 8)]
    bytes += [UInt8](repeating: 0, count: 44)
    try file(path, bytes: bytes)
  }

  /// Creates the shared library `folder/real` and links `names` beside it to it, the way
  /// `libnvrtc.so.12 -> libnvrtc.so.12.4.127` is installed.
  func sharedLibrary(
    _ real: String, in folder: String, linkedAs names: [String], machine: UInt16 = 62
  ) throws {
    try sharedLibrary(PathComponents.appending(real, to: folder), machine: machine)
    for name in names {
      try link(PathComponents.appending(name, to: folder), to: real)
    }
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
    workingDirectory: String = "/home/user", architecture: MachineArchitecture = .x86_64,
    loaderCache: String? = nil
  ) -> EnvironmentSnapshot {
    EnvironmentSnapshot(
      variables: variables, fileSystem: FileSystemView(root: root.path), platform: platform,
      workingDirectory: workingDirectory, architecture: architecture,
      loaderCacheListing: loaderCache)
  }

  func remove() {
    try? FileManager.default.removeItem(at: root)
  }
}
