import Foundation
import Testing

/// `plot.py`, written beside a run's recordings by `genn run` and `genn plot`, draws the
/// pictures again with matplotlib; and the summary gives the units the pictures show.
@Suite struct PlotScriptTests {
  /// `python3 arguments...` in `folder`: its exit status and what it printed.
  static func python(_ arguments: [String], in folder: URL) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(["MPLBACKEND": "Agg"]) {
      $1
    }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Whether `python3` is there, and whether it has NumPy and matplotlib.
  static let python3 = (try? python(["-c", "pass"], in: URL(fileURLWithPath: "/")).0) == 0
  static let matplotlib =
    (try? python(["-c", "import numpy, matplotlib"], in: URL(fileURLWithPath: "/")).0) == 0

  @Test func runWritesAScriptThatDrawsTheFiguresAgain() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    let run = try Genn.run(["run", "tiny.yaml", "--out", "out"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let output = try RunFolder(folder.appendingPathComponent("out"))
    #expect(output.pictures.contains("plot.py"))
    #expect(output.variables.first?["value_unit"] as? String == "mV")
    let script = String(decoding: try output.bytes("plot.py"), as: UTF8.self)
    #expect(script.hasPrefix("#!/usr/bin/env python3"))
    // The traces are titled with the unit.
    let svg = String(decoding: try output.bytes("traces.svg"), as: UTF8.self)
    #expect(svg.contains(">Exc: V (mV)<"))

    guard Self.python3 else { return }
    // Without matplotlib the script is only compiled; with it, it draws both figures.
    let (compiled, message) = try Self.python(["-m", "py_compile", "out/plot.py"], in: folder)
    #expect(compiled == 0, "\(message)")
    guard Self.matplotlib else { return }
    let (status, printed) = try Self.python(
      ["out/plot.py", "--out", "figures", "--format", "png", "--dpi", "50"], in: folder)
    #expect(status == 0, "\(printed)")
    for name in ["raster", "traces"] {
      let png = try Data(contentsOf: folder.appendingPathComponent("figures/\(name).png"))
      #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name).png")
    }
  }

  /// `genn plot` writes the script too, and a folder holding it is still an earlier
  /// run's output that `--overwrite` may replace.
  @Test func plotWritesTheScriptAndOverwriteAcceptsIt() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    #expect(try Genn.run(["run", "tiny.yaml", "--out", "out"], in: folder).status == 0)
    let script = folder.appendingPathComponent("out/plot.py")
    let original = try Data(contentsOf: script)
    try FileManager.default.removeItem(at: script)
    let plot = try Genn.run(["plot", "out", "--width", "480", "--height", "320"], in: folder)
    #expect(plot.status == 0, "\(plot.stderr)")
    #expect(plot.stdout.contains("plot.py"))
    #expect(try Data(contentsOf: script) == original)
    // --height sizes the traces too.
    let traces = try Data(contentsOf: folder.appendingPathComponent("out/traces.png"))
    #expect(Array(traces[16..<24]) == [0, 0, 0x01, 0xE0, 0, 0, 0x01, 0x40])
    let again = try Genn.run(["run", "tiny.yaml", "--out", "out", "--overwrite"], in: folder)
    #expect(again.status == 0, "\(again.stderr)")
  }
}
