import Subprocess

#if canImport(System)
  import System
#else
  import SystemPackage
#endif

/// Runs a program to completion and collects what it printed.
enum ProcessRunner {
  /// What a finished process left behind.
  struct Outcome: Sendable {
    /// How it ended.
    var termination: TerminationStatus
    /// Standard output and standard error, interleaved as written.
    var output: String
  }

  /// The most output kept from one run (compilers can be verbose on broken code).
  static let outputLimit = 64 * 1024 * 1024

  /// Runs `executable` with `arguments` in `workingDirectory`, with this process's
  /// environment plus `extraEnvironment`, in the C locale so that diagnostics are in
  /// English and parseable.
  ///
  /// The program runs in the process group of a ``ProcessGroupGuard``, which kills it if
  /// this process ends first: a compiler (and the `cc1plus`, assembler and linker it
  /// starts) dies with the `genn` that started it, even one killed with SIGKILL.
  ///
  /// - Throws: ``ToolchainError/compilerLaunchFailed(compiler:reason:)`` when it cannot
  ///   be started.
  static func run(
    _ executable: String, arguments: [String], workingDirectory: String? = nil,
    extraEnvironment: [String: String] = [:]
  ) async throws -> Outcome {
    var variables: [Environment.Key: String?] = ["LC_ALL": "C", "LANG": "C"]
    for (name, value) in extraEnvironment {
      guard let key = Environment.Key(rawValue: name) else { continue }
      variables[key] = value
    }
    let guardian = try? await ProcessGroupGuard.start()
    var options = PlatformOptions()
    options.processGroupID = guardian?.processGroup ?? 0
    let result: ExecutionResult<Void, BytesOutput, CombinedErrorOutput>
    do {
      result = try await Subprocess.run(
        .path(FilePath(executable)),
        arguments: Arguments(arguments),
        environment: .inherit.updating(variables),
        workingDirectory: workingDirectory.map { FilePath($0) },
        platformOptions: options,
        output: .bytes(limit: outputLimit),
        error: .combinedWithOutput
      )
    } catch {
      await guardian?.release()
      throw ToolchainError.compilerLaunchFailed(compiler: executable, reason: "\(error)")
    }
    await guardian?.release()
    return Outcome(
      termination: result.terminationStatus,
      output: String(decoding: result.standardOutput, as: UTF8.self))
  }
}
