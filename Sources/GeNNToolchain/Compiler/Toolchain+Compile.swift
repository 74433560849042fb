import Foundation

/// What a successful compilation produced.
public struct CompilationResult: Hashable, Sendable {
  /// The shared library written.
  public var output: URL
  /// The command that ran, compiler first.
  public var command: [String]
  /// Everything the compiler printed (warnings; usually empty).
  public var log: String
  /// Wall-clock seconds the compiler ran.
  public var seconds: Double
}

/// Turns the line number of a compiler error into words naming what produced that line
/// (for example `neuron population 'Exc', sim code`), or `nil` when it cannot tell.
public typealias LineAnnotator = @Sendable (_ line: Int) -> String?

extension Toolchain {
  /// The flags used when none are given: C++17, optimised for this processor, no fused
  /// multiply-add contraction (so results do not depend on the compiler's choices), a
  /// position-independent shared library with threads. Floating-point exceptions are not
  /// trapped and maths functions need not set `errno`, so branches of neuron code can be
  /// computed side by side in vector registers; every value stays the IEEE result of the
  /// same operations in the same order (unlike `-ffast-math`).
  public static var defaultFlags: [String] {
    defaultFlags(for: .current)
  }

  /// The default flags for `platform` on this processor architecture.
  public static func defaultFlags(for platform: HostPlatform) -> [String] {
    var flags = [
      "-std=c++17", "-O3", "-ffp-contract=off", "-fno-trapping-math", "-fno-math-errno", "-fPIC",
    ]
    switch platform {
    case .linux: flags += ["-shared", "-pthread"]
    case .macOS: flags += ["-dynamiclib", "-undefined", "dynamic_lookup", "-pthread"]
    }
    #if arch(x86_64)
      flags.append("-march=native")
    #else
      flags.append("-mcpu=native")
    #endif
    return flags
  }

  /// Compiles one C++17 translation unit into a shared library.
  ///
  /// The compiler runs in the source's folder and is given the source's bare file name,
  /// so its diagnostics name `model.cc:12:5` rather than a temporary path.
  ///
  /// - Parameters:
  ///   - source: The `.cc` file.
  ///   - output: Where to write the library (its folder must exist).
  ///   - flags: Compiler flags; ``defaultFlags`` unless given.
  ///   - lineAnnotator: Names what produced a line of `source`, for the error.
  /// - Throws: ``ToolchainError/compilationFailed(_:)`` with the compiler's full output
  ///   when it rejects the code; ``ToolchainError/compilerLaunchFailed(compiler:reason:)``
  ///   when it cannot be started.
  @discardableResult
  public func compileSharedLibrary(
    source: URL, output: URL, flags: [String] = Toolchain.defaultFlags,
    lineAnnotator: LineAnnotator? = nil
  ) async throws -> CompilationResult {
    let source = source.standardizedFileURL
    let output = output.standardizedFileURL
    let folder = source.deletingLastPathComponent()
    // Beside the source, the output is named relative to it too: the log stays short.
    let outputArgument =
      output.deletingLastPathComponent() == folder ? output.lastPathComponent : output.path
    let arguments =
      compiler.leadingArguments + flags + [source.lastPathComponent, "-o", outputArgument]
    // At most one compiler per core runs at once (``CompilerSlots``); the time counts
    // from its start.
    let executable = compiler.executable
    let clock = ContinuousClock()
    let (outcome, start) = try await CompilerSlots.shared.run {
      let start = clock.now
      return (
        try await ProcessRunner.run(
          executable, arguments: arguments, workingDirectory: folder.path),
        start
      )
    }
    let elapsed = clock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let command = [compiler.executable] + arguments
    guard outcome.termination.isSuccess else {
      var failure = CompilationFailure(
        command: command, sourcePath: source.path, termination: "\(outcome.termination)",
        diagnostics: outcome.output)
      if let first = failure.firstError, let lineAnnotator,
        first.file == source.lastPathComponent || first.file == source.path
      {
        failure.annotation = lineAnnotator(first.line)
      }
      throw ToolchainError.compilationFailed(failure)
    }
    return CompilationResult(
      output: output, command: command, log: outcome.output, seconds: seconds)
  }
}
