import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension BuildCache {
  /// The library built from `source`: taken from the cache when present, otherwise
  /// compiled and stored.
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
      try write(
        manifest(key: key, name: name, toolchain: toolchain, flags: flags),
        to: temporary.appendingPathComponent(Self.manifestFileName))
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
      try await hooks.beforePublish?(temporary)
      let won = try publish(temporary, as: entryFolder(key: key, named: name))
      return makeEntry(
        key: key, named: name, cacheHit: false, lostPublishRace: !won,
        buildSeconds: Self.seconds(clock.now - start))
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  /// A new, empty folder under `root/.building` for building the entry `folderName`
  /// (after deleting stale leftovers there).
  func temporaryBuildFolder(_ folderName: String) throws -> URL {
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

  /// Renames the finished build `temporary` to `destination`; returns `false` when
  /// another builder published a complete entry there first (`temporary` is then
  /// deleted).
  func publish(_ temporary: URL, as destination: URL) throws -> Bool {
    for _ in 0..<2 {
      if rename(temporary.path, destination.path) == 0 { return true }
      let code = errno
      guard code == EEXIST || code == ENOTEMPTY else {
        throw ToolchainError.cacheOperationFailed(
          operation: "move the finished build into place at", path: destination.path,
          reason: String(cString: strerror(code)))
      }
      if isCompleteEntry(destination, like: temporary) {
        try? FileManager.default.removeItem(at: temporary)
        return false
      }
      // An incomplete folder is in the way (damaged by hand): replace it.
      try? FileManager.default.removeItem(at: destination)
    }
    throw ToolchainError.cacheOperationFailed(
      operation: "move the finished build into place at", path: destination.path,
      reason: "an incomplete folder there could not be replaced")
  }

  /// Whether `folder` holds every file that `model` (a finished build) holds.
  private func isCompleteEntry(_ folder: URL, like model: URL) -> Bool {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: model.path)) ?? []
    return !names.isEmpty
      && names.allSatisfy {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
      }
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

  static func reason(_ error: any Error) -> String {
    (error as NSError).localizedDescription
  }
}
