import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Bad input to `genn`: each gives one paragraph on standard error saying what is wrong
/// and where, a non-zero exit code, and leaves no output (and no partial output) behind.
@Suite struct BadInputTests {
  /// One bad input: how to make it in a fresh folder, the arguments, and what the error
  /// must say.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var setUp: @Sendable (URL) throws -> Void
    var arguments: [String]
    var expected: [String]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "missing model file", setUp: { _ in }, arguments: ["run", "absent.yaml"],
      expected: ["absent.yaml", "cannot read the model file: no file exists at this path"]),
    Case(
      name: "YAML syntax error",
      setUp: { try TinyModel.write(to: $0, replacing: [("size: 10", "size: [10")]) },
      arguments: ["run", "tiny.yaml"],
      expected: ["tiny.yaml:5:", "error: the file is not valid YAML"]),
    Case(
      name: "unknown model",
      setUp: { try TinyModel.write(to: $0, replacing: [("model: LIF", "model: LIFF")]) },
      arguments: ["run", "tiny.yaml"],
      expected: [
        "tiny.yaml:5:12: error:", "no built-in neuron model named 'LIFF'", "did you mean 'LIF'?",
      ]),
    Case(
      name: "unknown parameter",
      setUp: { try TinyModel.write(to: $0, replacing: [("TauM: 10", "TauMM: 10")]) },
      arguments: ["run", "tiny.yaml"],
      expected: ["tiny.yaml:6:", "unknown key 'TauMM'", "did you mean 'TauM'?", "Allowed keys:"]),
    Case(
      name: "string for a number",
      setUp: { try TinyModel.write(to: $0, replacing: [("TauM: 10", "TauM: \"ten\"")]) },
      arguments: ["run", "tiny.yaml"],
      expected: [
        "tiny.yaml:6:", "'neurons.Exc.params.TauM' is the string 'ten'; it must be a number",
      ]),
    Case(
      name: "npy of the wrong shape",
      setUp: { folder in
        try TinyModel.write(
          to: folder, replacing: [("RefracTime: 0", "RefracTime: {npy: three.npy}")])
        try BadInputTests.npy(float64: [0, 0, 0]).write(
          to: folder.appendingPathComponent("three.npy"))
      },
      arguments: ["run", "tiny.yaml"],
      expected: ["tiny.yaml:9:", "three.npy", "shape (3)", "10 values, one per neuron"]),
    Case(
      name: "npy of the wrong element type",
      setUp: { folder in
        try TinyModel.write(
          to: folder, replacing: [("RefracTime: 0", "RefracTime: {npy: text.npy}")])
        try BadInputTests.npy(unicode: 10).write(to: folder.appendingPathComponent("text.npy"))
      },
      arguments: ["run", "tiny.yaml"],
      expected: ["tiny.yaml:9:", "text.npy", "element type '<U1' is not supported"]),
    Case(
      name: "npy that is a device",
      setUp: {
        try TinyModel.write(to: $0, replacing: [("RefracTime: 0", "RefracTime: {npy: /dev/zero}")])
      },
      arguments: ["run", "tiny.yaml"],
      expected: ["tiny.yaml:9:", "/dev/zero", "it is not a regular file (it is a device"]),
    Case(
      name: "npy that is a folder",
      setUp: { folder in
        try TinyModel.write(to: folder, replacing: [("RefracTime: 0", "RefracTime: {npy: d.npy}")])
        try FileManager.default.createDirectory(
          at: folder.appendingPathComponent("d.npy"), withIntermediateDirectories: false)
      },
      arguments: ["run", "tiny.yaml"],
      expected: ["tiny.yaml:9:", "d.npy", "it is a folder, not a file"]),
    Case(
      name: "error in a code string",
      setUp: { folder in
        let text = """
          neurons:
            P:
              size: 2
              model:
                params: [tau]
                vars: {V: scalar}
                sim_code: |
                  V += dt / tauu;
                threshold_condition_code: V > 1
              params: {tau: 10}
              vars: {V: 0}

          """
        try text.write(
          to: folder.appendingPathComponent("code.yaml"), atomically: true, encoding: .utf8)
      },
      arguments: ["run", "code.yaml"],
      expected: [
        "code.yaml:8:19: error:", "sim code", "unknown name 'tauu'", "did you mean 'tau'?",
      ]),
    Case(
      name: "output folder exists",
      setUp: { folder in
        try TinyModel.write(to: folder)
        try FileManager.default.createDirectory(
          at: folder.appendingPathComponent("out"), withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("out/notes.txt"))
      },
      arguments: ["run", "tiny.yaml", "--out", "out"],
      expected: ["the output folder 'out' already exists", "--overwrite"]),
    Case(
      name: "overwrite of a folder that is not a run's output",
      setUp: { folder in
        try TinyModel.write(to: folder)
        try FileManager.default.createDirectory(
          at: folder.appendingPathComponent("out"), withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("out/notes.txt"))
      },
      arguments: ["run", "tiny.yaml", "--out", "out", "--overwrite"],
      expected: [
        "'out' is not replaced by --overwrite: it is not empty and has no summary.json"
      ]),
    Case(
      name: "overwrite of the working folder, which holds the model file, notes and a summary",
      setUp: { folder in
        try TinyModel.write(to: folder, name: "base.yaml")
        try Data("keep".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("summary.json"))
      },
      arguments: ["run", "base.yaml", "--out", ".", "--overwrite"],
      expected: ["'.' is not replaced by --overwrite: it is the working folder"]),
    Case(
      name: "overwrite of a folder above the working folder",
      setUp: { try TinyModel.write(to: $0) },
      arguments: ["run", "tiny.yaml", "--out", "..", "--overwrite"],
      expected: ["'..' is not replaced by --overwrite: it holds the working folder"]),
    Case(
      name: "overwrite of the model file's folder",
      setUp: { folder in
        let models = folder.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: false)
        try TinyModel.write(to: models)
      },
      arguments: ["run", "models/tiny.yaml", "--out", "models", "--overwrite"],
      expected: [
        "'models' is not replaced by --overwrite: it holds the model file 'models/tiny.yaml'"
      ]),
    Case(
      name: "overwrite of a folder whose summary is not a run's",
      setUp: { folder in
        try TinyModel.write(to: folder)
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
        try Data("{}".utf8).write(to: out.appendingPathComponent("summary.json"))
      },
      arguments: ["run", "tiny.yaml", "--out", "out", "--overwrite"],
      expected: ["its summary.json has no 'model', so it is not the summary of a run"]),
    Case(
      name: "overwrite of a run's output with a file added",
      setUp: { folder in
        try TinyModel.write(to: folder)
        _ = try Genn.run(["run", "tiny.yaml", "--out", "out", "--quiet"], in: folder)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("out/vars/notes.npy"))
      },
      arguments: ["run", "tiny.yaml", "--out", "out", "--overwrite"],
      expected: ["it holds 'vars/notes.npy', which its summary.json does not list"]),
    Case(
      name: "output to a dangling link",
      setUp: { folder in
        try TinyModel.write(to: folder)
        try FileManager.default.createSymbolicLink(
          atPath: folder.appendingPathComponent("out").path, withDestinationPath: "nowhere")
      },
      arguments: ["run", "tiny.yaml", "--out", "out"],
      expected: ["'out' is a symbolic link to 'nowhere', which does not exist"]),
    Case(
      name: "overwrite by a run that fails keeps the earlier output",
      setUp: { folder in
        try TinyModel.write(to: folder)
        _ = try Genn.run(["run", "tiny.yaml", "--out", "out", "--quiet"], in: folder)
        try TinyModel.write(
          to: folder, name: "broken.yaml", replacing: [("TauM: 10", "TauM: \"ten\"")])
      },
      arguments: ["run", "broken.yaml", "--out", "out", "--overwrite"],
      expected: ["broken.yaml:6:", "it must be a number"]),
    Case(
      name: "output inside a file",
      setUp: { folder in
        try TinyModel.write(to: folder)
        try Data("x".utf8).write(to: folder.appendingPathComponent("file"))
      },
      arguments: ["run", "tiny.yaml", "--out", "file/out"],
      expected: ["cannot write the output folder 'file/out'", "is a file, not a folder"]),
    Case(
      name: "CUDA backend", setUp: { try TinyModel.write(to: $0) },
      arguments: ["run", "tiny.yaml", "--backend", "cuda"],
      expected: ["the cuda backend cannot be used", "genn doctor", "--backend cpu"]),
    Case(
      name: "both --steps and --duration", setUp: { try TinyModel.write(to: $0) },
      arguments: ["run", "tiny.yaml", "--steps", "10", "--duration", "5"],
      expected: ["give --duration or --steps, not both"]),
    Case(
      name: "no threads", setUp: { try TinyModel.write(to: $0) },
      arguments: ["run", "tiny.yaml", "--threads", "0"], expected: ["--threads must be ≥ 1"]),
    Case(
      name: "a run whose recorded variables do not fit in memory",
      setUp: { try TinyModel.write(to: $0) },
      arguments: ["run", "tiny.yaml", "--steps", "9223372036854775807"],
      expected: [
        "error: this run's recorded variables would take more than 9.2 EB of memory ('Exc.V' "
          + "every 10 steps: 10 values × 922337203685477580 samples",
        "is available. Sample less often (`every:` in `record: vars:`), record fewer "
          + "variables, or run fewer steps (--steps, --duration).",
      ]),
    Case(
      name: "a time step so small that the recording does not fit in memory",
      setUp: {
        try TinyModel.write(to: $0, replacing: [("name: tiny\n", "name: tiny\ndt: 1e-12\n")])
      },
      arguments: ["run", "tiny.yaml"],
      expected: ["'Exc.V' every 10 steps: 10 values × 10000000000000 samples = 880.0 TB"]),
    Case(
      name: "a run whose spikes would not fit in memory",
      setUp: {
        try TinyModel.write(
          to: $0,
          replacing: [("record:\n  vars:\n    - {population: Exc, var: V, every: 10}\n", "")])
      },
      arguments: ["run", "tiny.yaml", "--steps", "9223372036854775807"],
      expected: [
        "error: the run was stopped after", "of 9223372036854775807 steps, and nothing was written",
        "Record the spikes of fewer populations (`record: spikes:`), or run fewer steps",
      ]),
    Case(
      name: "build of a bad model",
      setUp: { try TinyModel.write(to: $0, replacing: [("model: LIF", "model: LIFF")]) },
      arguments: ["build", "tiny.yaml"], expected: ["tiny.yaml:5:12: error:", "'LIFF'"]),
    Case(
      name: "plot of a folder that is not a run's output",
      setUp: {
        try FileManager.default.createDirectory(
          at: $0.appendingPathComponent("empty"), withIntermediateDirectories: false)
      },
      arguments: ["plot", "empty"],
      expected: ["'empty' is not the output of `genn run`: it has no summary.json"]),
    Case(
      name: "plot of a folder whose summary is not JSON",
      setUp: { folder in
        try FileManager.default.createDirectory(
          at: folder.appendingPathComponent("out"), withIntermediateDirectories: false)
        try Data("{".utf8).write(to: folder.appendingPathComponent("out/summary.json"))
      },
      arguments: ["plot", "out"], expected: ["its summary.json is not valid JSON"]),
    Case(
      name: "plot of a folder whose summary lacks a key",
      setUp: { folder in
        try FileManager.default.createDirectory(
          at: folder.appendingPathComponent("out"), withIntermediateDirectories: false)
        try Data(#"{"model": "m"}"#.utf8).write(
          to: folder.appendingPathComponent("out/summary.json"))
      },
      arguments: ["plot", "out"], expected: ["its summary.json has no '"]),
    Case(
      name: "plot wider than the renderer draws",
      setUp: {
        try FileManager.default.createDirectory(
          at: $0.appendingPathComponent("out"), withIntermediateDirectories: false)
      },
      arguments: ["plot", "out", "--width", "20000"],
      expected: ["--width must be between 200 and 16384 pixels, not 20000"]),
    Case(
      name: "plot of a summary naming a file outside the folder",
      setUp: { folder in
        try TinyModel.write(to: folder)
        _ = try Genn.run(["run", "tiny.yaml", "--out", "out", "--quiet"], in: folder)
        let summary = folder.appendingPathComponent("out/summary.json")
        try String(contentsOf: summary, encoding: .utf8)
          .replacingOccurrences(of: "\"spikes/Exc.times.npy\"", with: "\"../../../../etc/passwd\"")
          .write(to: summary, atomically: true, encoding: .utf8)
      },
      arguments: ["plot", "out"],
      expected: ["its summary.json names '../../../../etc/passwd', which leads outside the folder"]),
    Case(
      name: "plot of a recording that is a link to a file outside the folder",
      setUp: { folder in
        try TinyModel.write(to: folder)
        _ = try Genn.run(["run", "tiny.yaml", "--out", "out", "--quiet"], in: folder)
        let times = folder.appendingPathComponent("out/spikes/Exc.times.npy")
        try FileManager.default.removeItem(at: times)
        try FileManager.default.createSymbolicLink(
          atPath: times.path, withDestinationPath: "/etc/passwd")
      },
      arguments: ["plot", "out"],
      expected: ["its summary.json names 'spikes/Exc.times.npy', which leads outside the folder"]),
    Case(
      name: "plot of a run whose recording is missing",
      setUp: { folder in
        try TinyModel.write(to: folder)
        _ = try Genn.run(["run", "tiny.yaml", "--out", "out", "--quiet"], in: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("out/vars/Exc.V.npy"))
      },
      arguments: ["plot", "out"],
      expected: ["'out' is not the output of `genn run`", "vars/Exc.V.npy"]),
  ]

  @Test(arguments: cases)
  func reportsTheProblem(_ input: Case) throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try input.setUp(folder)
    let before = try Self.snapshot(folder)
    let outcome = try Genn.run(input.arguments, in: folder)
    #expect(outcome.status != 0)
    for text in input.expected {
      #expect(outcome.stderr.contains(text), "\(text) not in: \(outcome.stderr)")
    }
    // One paragraph: no blank line, no stack trace, not only a usage dump; it ends with
    // a newline, so a shell's prompt starts on a line of its own.
    #expect(!outcome.stderr.contains("\n\n") || outcome.stderr.contains("Usage:"))
    #expect(outcome.stderr.hasSuffix("\n") && !outcome.stderr.hasSuffix("\n\n"))
    #expect(outcome.stdout.isEmpty)
    // Nothing was written or changed.
    #expect(try Self.snapshot(folder) == before)
  }

  /// Without permission to create folders where the output goes.
  @Test func noWritePermission() throws {
    let folder = try Genn.temporaryFolder()
    defer {
      chmod(folder.appendingPathComponent("locked").path, 0o755)
      try? FileManager.default.removeItem(at: folder)
    }
    try TinyModel.write(to: folder)
    var targets: [String] = []
    if getuid() != 0 {
      let locked = folder.appendingPathComponent("locked")
      try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
      chmod(locked.path, 0o555)
      targets.append("locked/out")
    }
    #if os(Linux)
      // sysfs refuses new folders even to root.
      targets.append("/sys/genn-output")
    #endif
    for target in targets {
      let outcome = try Genn.run(["run", "tiny.yaml", "--out", target], in: folder)
      #expect(outcome.status != 0)
      #expect(
        outcome.stderr.contains("cannot write the output folder '\(target)'"), "\(outcome.stderr)")
      #expect(outcome.stderr.contains("folders cannot be created in"))
      #expect(!FileManager.default.fileExists(atPath: target))
    }
  }

  /// A build cache folder that is a file: `run` and `build` say so, naming it, and
  /// `doctor` reports it and exits with 1.
  @Test func cacheFolderThatIsAFile() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    let file = folder.appendingPathComponent("cache")
    try Data("x".utf8).write(to: file)
    for arguments in [["run", "tiny.yaml", "--out", "out"], ["build", "tiny.yaml"]] {
      let outcome = try Genn.run(arguments, in: folder, environment: ["GENN_CACHE_DIR": file.path])
      #expect(outcome.status == 1)
      #expect(
        outcome.stderr.contains(
          "the build cache folder \(file.path) cannot be used: it is a file, and the build "
            + "cache must be a folder"), "\(outcome.stderr)")
      #expect(!outcome.stderr.contains("NSCocoaErrorDomain"))
    }
    let doctor = try Genn.run(
      ["doctor"], in: folder,
      environment: ["GENN_CACHE_DIR": file.appendingPathComponent("sub").path])
    #expect(doctor.status == 1)
    #expect(doctor.stdout.contains("build cache  \(file.path)/sub: cannot be used, see below"))
    #expect(
      doctor.stdout.contains(
        "problem      the build cache folder \(file.path)/sub cannot be used: \(file.path) is a file"
      ))
    #expect(!doctor.stdout.contains("missing      nothing"))
    #expect(Genn.contents(of: folder) == ["cache", "tiny.yaml"])
  }

  /// Every file under `folder` with its contents.
  static func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let manager = FileManager.default
    guard let enumerator = manager.enumerator(atPath: folder.path) else { return [:] }
    for case let path as String in enumerator
    where !path.hasPrefix(".stdout-") && !path.hasPrefix(".stderr-") {
      var isDirectory: ObjCBool = false
      let full = folder.appendingPathComponent(path).path
      let exists = manager.fileExists(atPath: full, isDirectory: &isDirectory)
      files[path] =
        !exists || isDirectory.boolValue ? Data() : try Data(contentsOf: URL(fileURLWithPath: full))
    }
    return files
  }

  /// A one-dimensional little-endian float64 `.npy` file.
  static func npy(float64 values: [Double]) -> Data {
    var body = Data()
    for value in values {
      withUnsafeBytes(of: value.bitPattern.littleEndian) { body.append(contentsOf: $0) }
    }
    return npy(descr: "<f8", count: values.count, body: body)
  }

  /// A `.npy` file of `count` one-character strings.
  static func npy(unicode count: Int) -> Data {
    var body = Data()
    for _ in 0..<count {
      withUnsafeBytes(of: UInt32(65).littleEndian) { body.append(contentsOf: $0) }
    }
    return npy(descr: "<U1", count: count, body: body)
  }

  private static func npy(descr: String, count: Int, body: Data) -> Data {
    var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(count),), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
    withUnsafeBytes(of: UInt16(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(contentsOf: Array(header.utf8))
    data.append(body)
    return data
  }
}
