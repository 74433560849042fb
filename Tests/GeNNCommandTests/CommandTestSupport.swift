import Foundation
import Testing

/// Runs the built `genn` executable as a user would, in a folder of its own.
enum Genn {
  /// What one run of the command did.
  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
    /// Whether it ended by exiting (rather than by a signal, or killed after the timeout).
    var exited = true
    /// Whether it was killed because it ran past the timeout.
    var timedOut = false

    /// How it ended, for messages.
    var ending: String {
      timedOut ? "hung (killed)" : exited ? "exited with \(status)" : "died of signal \(status)"
    }
  }

  /// The package's root folder.
  static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The path of example model `name` in `Examples/models`.
  static func example(_ name: String) -> String {
    package.appendingPathComponent("Examples/models/\(name)").path
  }

  /// The build cache the tests share across runs, as the other test suites do.
  static let cache = FileManager.default.temporaryDirectory
    .appendingPathComponent("swiftgenn-test-cache")

  /// The temporary folder of the `genn` processes tests start, so that their compiler
  /// slots (`CompilerSlots`' lock files) are not this process's: a test waits for its
  /// `genn` on one of the few threads Swift's concurrency has, and with every such
  /// thread waiting, this process could never finish the compile whose slot the `genn`
  /// waits for.
  static let childTemporaryFolder: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "swiftgenn-command-tests-\(getuid())")
    try? FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    return folder
  }()

  /// The `genn` executable built beside the test bundle (`$GENN_EXECUTABLE` if set).
  static let executable: URL? = {
    if let given = ProcessInfo.processInfo.environment["GENN_EXECUTABLE"] {
      return URL(fileURLWithPath: given)
    }
    var folders = Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
    if let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      folders.insert(URL(fileURLWithPath: linked).deletingLastPathComponent(), at: 0)
    }
    return folders.map { $0.appendingPathComponent("genn") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// A process for `genn arguments...` in `folder` with the test cache and `environment`
  /// added to this process's environment (a `nil` value removes a variable); not started,
  /// its input empty.
  static func process(
    _ arguments: [String], in folder: URL, environment: [String: String?],
    sourceLocation: SourceLocation
  ) throws -> Process {
    let genn = try #require(
      executable, "no genn executable beside the tests", sourceLocation: sourceLocation)
    var variables = ProcessInfo.processInfo.environment
    variables["GENN_CACHE_DIR"] = cache.path
    variables["TMPDIR"] = childTemporaryFolder.path
    for (name, value) in environment { variables[name] = value }
    let process = Process()
    process.executableURL = genn
    process.arguments = arguments
    process.environment = variables
    process.currentDirectoryURL = folder
    process.standardInput = FileHandle.nullDevice
    return process
  }

  /// Runs `genn arguments...` in `folder` (see ``process(_:in:environment:sourceLocation:)``)
  /// and waits for it; `wrapper` runs the command line through another program (such as
  /// `script`, for a terminal); a `timeout` in seconds kills it if it runs longer.
  static func run(
    _ arguments: [String], in folder: URL, environment: [String: String?] = [:],
    wrapper: ((String) -> [String])? = nil, timeout: Double? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Outcome {
    let process = try process(
      arguments, in: folder, environment: environment, sourceLocation: sourceLocation)
    if let wrapper, let genn = process.executableURL {
      let command = wrapper(([genn.path] + arguments).map(shellQuoted).joined(separator: " "))
      process.executableURL = URL(fileURLWithPath: command[0])
      process.arguments = Array(command.dropFirst())
    }
    let stdout = folder.appendingPathComponent(".stdout-\(UUID().uuidString)")
    let stderr = folder.appendingPathComponent(".stderr-\(UUID().uuidString)")
    try Data().write(to: stdout)
    try Data().write(to: stderr)
    defer {
      try? FileManager.default.removeItem(at: stdout)
      try? FileManager.default.removeItem(at: stderr)
    }
    process.standardOutput = try FileHandle(forWritingTo: stdout)
    process.standardError = try FileHandle(forWritingTo: stderr)
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    var timedOut = false
    if let timeout, done.wait(timeout: .now() + timeout) == .timedOut {
      timedOut = true
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus,
      stdout: try String(contentsOf: stdout, encoding: .utf8),
      stderr: try String(contentsOf: stderr, encoding: .utf8),
      exited: process.terminationReason == .exit && !timedOut, timedOut: timedOut)
  }

  /// Starts `genn arguments...` in `folder` as ``run(_:in:environment:wrapper:timeout:sourceLocation:)``
  /// does, with its output discarded, and returns at once.
  static func start(
    _ arguments: [String], in folder: URL, environment: [String: String?] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Process {
    let process = try process(
      arguments, in: folder, environment: environment, sourceLocation: sourceLocation)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// `text` quoted for `sh`.
  static func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "genn-command-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The names in `folder`, without the runner's own capture files.
  static func contents(of folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { !$0.hasPrefix(".stdout-") && !$0.hasPrefix(".stderr-") }.sorted()
  }
}

/// A small model file: ten LIF neurons driven to fire, spikes and `V` recorded.
enum TinyModel {
  static let text = """
    name: tiny
    neurons:
      Exc:
        size: 10
        model: LIF
        params: {C: 0.25, TauM: 10, Vrest: -65, Vreset: -65, Vthresh: -50, Ioffset: 0.5, TauRefrac: 2}
        vars:
          V: {snippet: Uniform, params: {min: -65, max: -50}}
          RefracTime: 0
        record_spikes: true
    record:
      vars:
        - {population: Exc, var: V, every: 10}
    run: {duration: 100}

    """

  /// Writes the model, with `replacing` applied to its text, as `name` in `folder`.
  @discardableResult
  static func write(
    to folder: URL, name: String = "tiny.yaml", replacing: [(String, String)] = []
  ) throws -> URL {
    var text = Self.text
    for (old, new) in replacing {
      precondition(text.contains(old), "the tiny model has no '\(old)'")
      text = text.replacingOccurrences(of: old, with: new)
    }
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }
}
