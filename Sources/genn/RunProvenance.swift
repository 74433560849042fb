import Foundation
import GeNNBuildInfo
import GeNNToolchain

/// What a run's result can be traced back to, `summary.json`'s `provenance`: the
/// SwiftGeNN that ran it, when, on which machine, the command line, the checksums of the
/// model file and every `.npy` file it read, and the compiler with its flags. (The
/// backend, threads and seed are the summary's own `backend`, `threads` and `seed`.)
struct RunProvenance: Codable, Hashable {
  /// SwiftGeNN's version.
  var swiftgennVersion: String
  /// The git commit it was built from (`-dirty` when it had changes); absent when not
  /// built from a git checkout.
  var swiftgennCommit: String?
  /// When the run started, in UTC (ISO 8601).
  var date: String
  /// The machine.
  var host: Host
  /// The command line, the program first, as given.
  var commandLine: [String]
  /// The folder it ran in, which relative paths of the command line start from.
  var workingDirectory: String
  /// The model file.
  var modelFile: InputFile
  /// Every `.npy` file the model file names, in the order they were read.
  var inputs: [InputFile]
  /// What compiled the generated code.
  var compiler: Compiler

  /// The machine a run ran on.
  struct Host: Codable, Hashable {
    /// The processor's model name (`model name` of `/proc/cpuinfo`, or the brand string).
    var cpuModel: String
    /// The logical processors.
    var cores: Int
    /// The operating system: its name and version, and the kernel.
    var os: String
    /// `x86_64` or `arm64`.
    var architecture: String
  }

  /// A file the run read, with its SHA-256.
  struct InputFile: Codable, Hashable {
    var path: String
    var sha256: String
    var bytes: Int
  }

  /// The compiler of the generated code, as the build cache entry's manifest records it.
  struct Compiler: Codable, Hashable {
    /// The compiler's path (CPU) or NVRTC's description (CUDA).
    var command: String
    /// Its `--version` line (CPU).
    var version: String?
    /// The flags (CPU) or NVRTC options (CUDA) it compiled with.
    var flags: [String]
  }

  /// The provenance of a run started at `start` that built into the cache entry
  /// `buildDirectory`, of the model file at `modelFile` read as `contents`, reading
  /// `inputs`.
  static func current(
    start: Date, modelFile: String, contents: Data, inputs: [String], buildDirectory: URL,
    compiler: String
  ) throws(CommandError) -> RunProvenance {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return RunProvenance(
      swiftgennVersion: BuildInfo.version, swiftgennCommit: BuildInfo.commit,
      date: formatter.string(from: start), host: .current, commandLine: CommandLine.arguments,
      workingDirectory: FileManager.default.currentDirectoryPath,
      modelFile: InputFile(path: modelFile, contents: contents),
      inputs: try inputs.map { path throws(CommandError) in try InputFile(path: path) },
      compiler: Compiler(manifestIn: buildDirectory, fallback: compiler))
  }
}

extension RunProvenance.InputFile {
  /// The file at `path` that was read as `contents`.
  init(path: String, contents: Data) {
    var hash = SHA256()
    hash.update(contents)
    self.init(path: path, sha256: hash.hexDigest(), bytes: contents.count)
  }

  /// The file at `path`, hashed in 1 MiB pieces.
  init(path: String) throws(CommandError) {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .build("cannot read '\(path)' to record its SHA-256 in summary.json")
    }
    defer { try? handle.close() }
    var hash = SHA256()
    var bytes = 0
    do {
      while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
        hash.update(piece)
        bytes += piece.count
      }
    } catch {
      throw .build("cannot read '\(path)' to record its SHA-256 in summary.json: \(error)")
    }
    self.init(path: path, sha256: hash.hexDigest(), bytes: bytes)
  }
}

extension RunProvenance.Compiler {
  /// The compiler the manifest of the build cache entry in `folder` names (`compiler:`,
  /// `compiler identity:`, and `flags:` or, for CUDA, `options:`); `fallback` as the
  /// command when the manifest cannot be read.
  init(manifestIn folder: URL, fallback: String) {
    let text =
      (try? String(
        contentsOf: folder.appendingPathComponent(BuildCache.manifestFileName), encoding: .utf8))
      ?? ""
    var fields: [String: String] = [:]
    for line in text.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = String(line[..<colon])
      if fields[name] == nil {
        fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    let flags = fields["flags"] ?? fields["options"] ?? ""
    self.init(
      command: fields["compiler"] ?? fallback, version: fields["compiler identity"],
      flags: flags.split(separator: " ").map(String.init))
  }
}

extension RunProvenance.Host {
  /// This machine.
  static var current: Self {
    #if arch(x86_64)
      let architecture = "x86_64"
    #elseif arch(arm64)
      let architecture = "arm64"
    #else
      let architecture = "unknown"
    #endif
    let info = ProcessInfo.processInfo
    return Self(
      cpuModel: cpuModel() ?? "unknown", cores: info.activeProcessorCount,
      os: operatingSystem(), architecture: architecture)
  }

  /// The first `model name` of `/proc/cpuinfo` (Linux), or the brand string (macOS).
  private static func cpuModel() -> String? {
    #if os(macOS)
      var size = 0
      guard sysctlbyname("machdep.cpu.brand_string", nil, &size, nil, 0) == 0, size > 0 else {
        return nil
      }
      var buffer = [UInt8](repeating: 0, count: size)
      guard sysctlbyname("machdep.cpu.brand_string", &buffer, &size, nil, 0) == 0 else {
        return nil
      }
      return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    #else
      guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
        return nil
      }
      for line in text.split(separator: "\n") {
        let parts = line.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { continue }
        let name = parts[0].trimmingCharacters(in: .whitespaces)
        if name == "model name" || name == "Model" {
          return parts[1].trimmingCharacters(in: .whitespaces)
        }
      }
      return nil
    #endif
  }

  /// `Debian GNU/Linux 12 (bookworm), Linux 6.1.0-18-amd64`: `/etc/os-release`'s
  /// `PRETTY_NAME` (else the system's name) and the kernel's name and release.
  private static func operatingSystem() -> String {
    var name = utsname()
    uname(&name)
    func field<T>(_ value: T) -> String {
      withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    let kernel = "\(field(name.sysname)) \(field(name.release))"
    let release = InstallAdvice.osRelease(
      (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? "")
    #if os(macOS)
      let system = "macOS \(ProcessInfo.processInfo.operatingSystemVersionString)"
    #else
      let system = release["PRETTY_NAME"] ?? "Linux"
    #endif
    return "\(system), \(kernel)"
  }
}
