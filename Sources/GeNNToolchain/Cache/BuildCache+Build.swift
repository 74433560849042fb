import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension BuildCache {
  /// The library built from `source`: taken from the cache when present and intact (the
  /// library still has the SHA-256 its manifest records), otherwise compiled and stored,
  /// replacing a damaged entry.
  ///
  /// - Parameters:
  ///   - source: The complete C++ translation unit.
  ///   - name: The library's name (`model` gives `libmodel.so`); part of the entry's
  ///     folder name, so the same source built under two names gives two entries.
  ///   - toolchain: The compiler to build with; its identity is part of the key.
  ///   - flags: Compiler flags, part of the key; ``Toolchain/defaultFlags`` unless given.
  ///   - lineAnnotator: Names what produced a line of `source`, for compile errors.
  /// - Throws: ``ToolchainError/compilationFailed(_:)`` (whose source path points at the
  ///   copy kept under `.failed`), ``ToolchainError/cacheOperationFailed(operation:path:reason:)``,
  ///   ``ToolchainError/cacheRootNotAFolder(root:file:)``,
  ///   ``ToolchainError/compilerLaunchFailed(compiler:reason:)``.
  public func library(
    for source: String, named name: String, toolchain: Toolchain,
    flags: [String] = Toolchain.defaultFlags, lineAnnotator: LineAnnotator? = nil
  ) async throws -> Entry {
    let key = Self.key(source: source, toolchain: toolchain, flags: flags)
    if let entry = existingEntry(key: key, named: name) { return entry }

    let clock = ContinuousClock()
    let start = clock.now
    let folderName = Self.folderName(key: key, named: name)
    let temporary = try temporaryBuildFolder(folderName)

    do {
      let sourceFile = temporary.appendingPathComponent(Self.sourceFileName)
      try write(source, to: sourceFile)
      let manifest = manifest(key: key, name: name, toolchain: toolchain, flags: flags)
      let manifestFile = temporary.appendingPathComponent(Self.manifestFileName)
      try write(manifest, to: manifestFile)
      let library = temporary.appendingPathComponent(
        HostPlatform.current.sharedLibraryFileName(Self.sanitized(name)))
      let result: CompilationResult
      do {
        result = try await toolchain.compileSharedLibrary(
          source: sourceFile, output: library, flags: flags, lineAnnotator: lineAnnotator)
      } catch ToolchainError.compilationFailed(var failure) {
        try? write(
          log(command: failure.command, output: failure.diagnostics),
          to: temporary.appendingPathComponent(Self.logFileName))
        if let kept = keepFailedBuild(temporary, folderName: folderName) {
          failure.sourcePath = kept.appendingPathComponent(Self.sourceFileName).path
        }
        throw ToolchainError.compilationFailed(failure)
      }
      try write(
        log(command: result.command, output: result.log),
        to: temporary.appendingPathComponent(Self.logFileName))
      try write(manifest + Self.digestLine(forProductAt: library), to: manifestFile)
      try await hooks.beforePublish?(temporary)
      let won = try publish(temporary, key: key, named: name, kind: .sharedLibrary)
      return makeEntry(
        key: key, named: name, cacheHit: false, lostPublishRace: !won,
        buildSeconds: Self.seconds(clock.now - start))
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  /// A new, empty folder under `root/.building` for building the entry `folderName`
  /// (after deleting stale leftovers there); the root is checked first
  /// (``checkRoot()``).
  func temporaryBuildFolder(_ folderName: String) throws -> URL {
    try checkRoot()
    let building = root.appendingPathComponent(Self.buildingFolderName, isDirectory: true)
    try createFolder(building)
    removeStaleBuilds(in: building)
    let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    let temporary = building.appendingPathComponent("\(folderName).\(unique)", isDirectory: true)
    try createFolder(temporary)
    return temporary
  }

  /// `duration` in seconds.
  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }

  /// Renames the finished build `temporary` to the entry folder of `key` and `name`;
  /// returns `false` when another builder published an intact entry there first
  /// (`temporary` is then deleted). A damaged entry in the way is replaced.
  func publish(_ temporary: URL, key: String, named name: String, kind: EntryKind) throws
    -> Bool
  {
    let destination = entryFolder(key: key, named: name)
    for _ in 0..<3 {
      if rename(temporary.path, destination.path) == 0 { return true }
      let code = errno
      guard code == EEXIST || code == ENOTEMPTY else {
        throw ToolchainError.cacheOperationFailed(
          operation: "move the finished build into place at", path: destination.path,
          reason: String(cString: strerror(code)))
      }
      if isIntact(destination, key: key, named: name, kind: kind) {
        try? FileManager.default.removeItem(at: temporary)
        return false
      }
      moveDamagedEntryAside(destination)
    }
    throw ToolchainError.cacheOperationFailed(
      operation: "move the finished build into place at", path: destination.path,
      reason: "a damaged entry there could not be replaced")
  }

  /// Moves a failed build to `.failed/<folderName>` so its source stays readable;
  /// returns where it now is.
  func keepFailedBuild(_ temporary: URL, folderName: String) -> URL? {
    let failed = root.appendingPathComponent(Self.failedFolderName, isDirectory: true)
    guard (try? createFolder(failed)) != nil else { return nil }
    let destination = failed.appendingPathComponent(folderName, isDirectory: true)
    try? FileManager.default.removeItem(at: destination)
    if rename(temporary.path, destination.path) == 0 { return destination }
    // Another builder kept the same failure (same key, same source) a moment ago.
    let source = destination.appendingPathComponent(Self.sourceFileName).path
    return FileManager.default.fileExists(atPath: source) ? destination : nil
  }

  private func manifest(key: String, name: String, toolchain: Toolchain, flags: [String])
    -> String
  {
    let cpu =
      HostCPU.flagsDependOnHost(flags)
      ? HostCPU.identity.replacingOccurrences(of: "\n", with: "; ")
      : "(not part of the key: no -march=native)"
    return """
      SwiftGeNN build cache entry
      format: \(Self.formatVersion)
      name: \(name)
      key: \(key)
      compiler: \(toolchain.compiler)
      compiler identity: \(toolchain.identity.versionLine)
      flags: \(flags.joined(separator: " "))
      host CPU: \(cpu)
      built: \(ISO8601DateFormatter().string(from: Date()))

      """
  }

  func log(command: [String], output: String) -> String {
    "$ \(command.joined(separator: " "))\n\(output)"
  }

  func createFolder(_ folder: URL) throws {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw ToolchainError.cacheOperationFailed(
        operation: "create the folder", path: folder.path, reason: Self.reason(error))
    }
  }

  func write(_ text: String, to file: URL) throws {
    do {
      try Data(text.utf8).write(to: file)
    } catch {
      throw ToolchainError.cacheOperationFailed(
        operation: "write", path: file.path, reason: Self.reason(error))
    }
  }

  /// The operating system's words for a file error, without Foundation's wrapping.
  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}
