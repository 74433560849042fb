import Foundation

extension BuildCache {
  /// The cubin NVRTC compiles from the CUDA `source` for `architecture`: taken from the
  /// cache when present and intact, otherwise compiled and stored in an entry holding
  /// `model.cu`, `NAME.cubin`, NVRTC's log and the manifest (with the cubin's SHA-256).
  ///
  /// The key covers the source, NVRTC's version and library path, and every NVRTC option
  /// (the architecture among them), so a new NVRTC or another GPU gives a new entry.
  ///
  /// - Parameters:
  ///   - source: The complete CUDA translation unit.
  ///   - name: The model's name; names the cubin and the entry's folder.
  ///   - compiler: The NVRTC to compile with.
  ///   - architecture: The GPU architecture, as `sm_90`.
  /// - Throws: ``NVRTCError/compilationFailed(_:)`` (whose ``NVRTCCompilationFailure/sourcePath``
  ///   points at the copy kept under `.failed`), other ``NVRTCError``s,
  ///   ``ToolchainError/cacheOperationFailed(operation:path:reason:)`` or
  ///   ``ToolchainError/cacheRootNotAFolder(root:file:)``.
  public func cubin(
    for source: String, named name: String, compiler: NVRTCCompiler, architecture: String
  ) throws -> Entry {
    let options = NVRTCCompiler.options(architecture: architecture)
    let identity = "NVRTC \(compiler.version) (\(compiler.path))"
    let key = Self.key(source: source, compilerIdentity: identity, flags: options, hostCPU: "")
    if let entry = existingEntry(key: key, named: name, kind: .cubin) { return entry }

    let clock = ContinuousClock()
    let start = clock.now
    let folderName = Self.folderName(key: key, named: name)
    let temporary = try temporaryBuildFolder(folderName)
    do {
      let kind = EntryKind.cubin
      try write(source, to: temporary.appendingPathComponent(kind.sourceFileName))
      let manifest = """
        SwiftGeNN build cache entry (CUDA)
        format: \(Self.formatVersion)
        name: \(name)
        key: \(key)
        compiler: \(identity)
        options: \(options.joined(separator: " "))
        built: \(ISO8601DateFormatter().string(from: Date()))

        """
      let manifestFile = temporary.appendingPathComponent(Self.manifestFileName)
      try write(manifest, to: manifestFile)
      let command = ["nvrtcCompileProgram", "model.cu"] + options
      let compilation: NVRTCCompiler.Compilation
      do {
        compilation = try compiler.compile(
          source, name: kind.sourceFileName, architecture: architecture)
      } catch .compilationFailed(var failure) {
        try? write(
          log(command: command, output: failure.log),
          to: temporary.appendingPathComponent(Self.logFileName))
        if let kept = keepFailedBuild(temporary, folderName: folderName) {
          failure.sourcePath = kept.appendingPathComponent(kind.sourceFileName).path
        }
        throw NVRTCError.compilationFailed(failure)
      }
      try write(
        log(command: command, output: compilation.log),
        to: temporary.appendingPathComponent(Self.logFileName))
      let product = temporary.appendingPathComponent(kind.productFileName(name))
      do {
        try Data(compilation.cubin).write(to: product)
      } catch {
        throw ToolchainError.cacheOperationFailed(
          operation: "write", path: product.path, reason: Self.reason(error))
      }
      try write(manifest + Self.digestLine(forProductAt: product), to: manifestFile)
      let won = try publish(temporary, key: key, named: name, kind: kind)
      return makeEntry(
        key: key, named: name, kind: kind, cacheHit: false, lostPublishRace: !won,
        buildSeconds: Self.seconds(clock.now - start))
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}
