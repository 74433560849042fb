/// A working C++ compiler, probed and ready to build shared libraries.
///
/// ``detect(environment:)`` runs discovery (``ToolchainDiscovery``) and then probes the found
/// compilers in order of preference until one answers `--version`.
public struct Toolchain: Hashable, Sendable {
  /// How to run the compiler.
  public var compiler: CompilerCommand
  /// What the compiler says it is.
  public var identity: CompilerIdentity
  /// The search that found it, when it came from ``detect(environment:)``.
  public var discovery: CompilerSearchReport?
  /// Compilers preferred over this one that were found but failed to run, with why.
  public var probeFailures: [ProbeFailure]

  /// A found compiler that did not answer `--version`.
  public struct ProbeFailure: Hashable, Sendable, CustomStringConvertible {
    /// The compiler tried.
    public var compiler: CompilerCommand
    /// What went wrong.
    public var reason: String

    /// Creates a record.
    public init(compiler: CompilerCommand, reason: String) {
      self.compiler = compiler
      self.reason = reason
    }

    public var description: String { "\(compiler): found, but \(reason)" }
  }

  /// Creates a toolchain from a compiler already probed.
  public init(
    compiler: CompilerCommand, identity: CompilerIdentity,
    discovery: CompilerSearchReport? = nil, probeFailures: [ProbeFailure] = []
  ) {
    self.compiler = compiler
    self.identity = identity
    self.discovery = discovery
    self.probeFailures = probeFailures
  }

  /// Probes one compiler and makes a toolchain of it.
  ///
  /// - Throws: ``ToolchainError/compilerLaunchFailed(compiler:reason:)`` or
  ///   ``ToolchainError/compilerProbeFailed(compiler:reason:)``.
  public init(compiler: CompilerCommand) async throws {
    self.init(compiler: compiler, identity: try await Self.probe(compiler))
  }

  /// Finds a working C++ compiler: discovery over `environment`, then a probe of each
  /// found compiler in order until one works.
  ///
  /// - Throws: ``ToolchainError/noCompiler(searched:)`` naming every place searched and
  ///   every compiler that failed its probe.
  public static func detect(
    environment: EnvironmentSnapshot = .current()
  ) async throws -> Toolchain {
    let report = ToolchainDiscovery(environment: environment).findCXXCompilers()
    var failures: [ProbeFailure] = []
    for found in report.found {
      // Run the file the view shows (the same path unless the view has another root).
      let compiler = CompilerCommand(
        executable: environment.fileSystem.hostPath(found.executable),
        leadingArguments: found.leadingArguments)
      do {
        let identity = try await probe(compiler)
        return Toolchain(
          compiler: compiler, identity: identity, discovery: report, probeFailures: failures)
      } catch let error as ToolchainError {
        failures.append(ProbeFailure(compiler: compiler, reason: Self.reason(error)))
      }
    }
    throw ToolchainError.noCompiler(
      searched: report.searched + failures.map { "probe of \($0)" })
  }

  /// Runs `compiler --version` and returns its first non-empty line.
  ///
  /// - Throws: ``ToolchainError/compilerLaunchFailed(compiler:reason:)`` when it cannot
  ///   be started, ``ToolchainError/compilerProbeFailed(compiler:reason:)`` when it
  ///   fails or prints nothing.
  public static func probe(_ compiler: CompilerCommand) async throws -> CompilerIdentity {
    let outcome = try await ProcessRunner.run(
      compiler.executable, arguments: compiler.leadingArguments + ["--version"])
    let identity = CompilerIdentity(versionOutput: outcome.output)
    guard outcome.termination.isSuccess else {
      let output = identity.map { ", printing: \($0.versionLine)" } ?? ""
      throw ToolchainError.compilerProbeFailed(
        compiler: compiler.description, reason: "ended with \(outcome.termination)\(output)")
    }
    guard let identity else {
      throw ToolchainError.compilerProbeFailed(
        compiler: compiler.description, reason: "printed nothing")
    }
    return identity
  }

  private static func reason(_ error: ToolchainError) -> String {
    switch error {
    case .compilerProbeFailed(_, let reason): return "`--version` \(reason)"
    case .compilerLaunchFailed(_, let reason): return "it could not be started: \(reason)"
    default: return error.description
    }
  }
}
