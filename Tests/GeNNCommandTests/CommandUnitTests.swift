import Foundation
import GeNNModel
import GeNNPlot
import GeNNRuntime
import GeNNToolchain
import Testing

@testable import genn

/// The pieces of the command that need no process: install advice, the summary's JSON,
/// the report's number formats.
@Suite struct CommandUnitTests {
  @Test func osReleaseFields() {
    let fields = InstallAdvice.osRelease(
      """
      PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
      ID=debian
      # a comment
      VERSION_ID='12'
      """)
    #expect(fields["PRETTY_NAME"] == "Debian GNU/Linux 12 (bookworm)")
    #expect(fields["ID"] == "debian")
    #expect(fields["VERSION_ID"] == "12")
  }

  @Test(arguments: [
    (["ID": "debian"], false, "sudo apt-get install g++"),
    (["ID": "ubuntu"], true, "apt-get install g++"),
    (["ID": "linuxmint", "ID_LIKE": "ubuntu debian"], false, "sudo apt-get install g++"),
    (["ID": "fedora"], false, "sudo dnf install gcc-c++"),
    (["ID": "rocky", "ID_LIKE": "rhel centos fedora"], false, "sudo dnf install gcc-c++"),
    (["ID": "arch"], false, "sudo pacman -S gcc"),
    (["ID": "alpine"], true, "apk add g++"),
    (
      ["ID": "opensuse-tumbleweed", "ID_LIKE": "opensuse suse"], false,
      "sudo zypper install gcc-c++"
    ),
  ])
  func compilerInstallCommand(release: [String: String], root: Bool, command: String) {
    #expect(InstallAdvice.compiler(platform: .linux, osRelease: release, isRoot: root) == command)
  }

  @Test func compilerInstallOnMacOSAndUnknownSystems() {
    #expect(
      InstallAdvice.compiler(platform: .macOS, osRelease: [:], isRoot: false)
        == "xcode-select --install")
    #expect(InstallAdvice.compiler(platform: .linux, osRelease: [:], isRoot: false).contains("CXX"))
  }

  /// A summary with a spike recording and a variable recording.
  static let sampleSummary = RunSummary(
    model: "m", modelFile: "m.yaml", backend: "cpu", backendReason: "asked", threads: 2,
    precision: "float", dt: 0.1, steps: 10, durationMs: 1, seed: 3,
    parameters: [.init(name: "scale", value: 0.5), .init(name: "N_E", value: 400)],
    populations: [
      .init(
        name: "E", neurons: 4, spikesRecorded: true, spikes: 2, meanRateHz: 500,
        timesFile: "spikes/E.times.npy", idsFile: "spikes/E.ids.npy"),
      .init(name: "I", neurons: 1, spikesRecorded: false),
    ],
    spikeEvents: [],
    variables: [
      .init(
        element: "E", kind: "neuron_population", variable: "V", everySteps: 1,
        unit: "neuron", width: 4, samples: 10, file: "vars/E.V.npy",
        timesFile: "vars/E.V.times.npy")
    ],
    customUpdates: [.init(group: "Reset", everySteps: 10, runs: 1)],
    pictures: ["raster.svg"],
    timing: .init(
      generateS: 0.1, toolchainS: 0, compileS: 1, cacheHit: false, loadS: 0,
      simulateS: 0.01, realTimeFactor: 0.1),
    build: .init(directory: "/c", source: "/c/model.cc", compiler: "g++"))

  @Test func summaryRoundTripsInSnakeCase() throws {
    let summary = Self.sampleSummary
    let json = try summary.json()
    let text = try #require(String(data: json, encoding: .utf8))
    for key in [
      "model_file", "mean_rate_hz", "duration_ms", "spikes_recorded", "every_steps",
      "times_file", "real_time_factor", "cache_hit", "custom_updates", "N_E",
    ] {
      #expect(text.contains("\"\(key)\""), "\(key)")
    }
    #expect(try RunSummary.decode(json) == summary)
  }

  @Test func rates() {
    #expect(RunOutput.rate(50, neurons: 10, ms: 500) == 10)
    #expect(RunOutput.rate(5, neurons: 10, ms: 0) == nil)
    #expect(RunOutput.rate(5, neurons: 0, ms: 10) == nil)
  }

  @Test func reportNumbers() {
    #expect(RunReport.seconds(0.0123) == "0.012 s")
    #expect(RunReport.seconds(1.523) == "1.52 s")
    #expect(RunReport.seconds(73.44) == "73.4 s")
    #expect(RunReport.number(1000) == "1000")
    #expect(RunReport.number(12.5) == "12.5")
    #expect(GeNN.Doctor.bytes(512) == "512 B")
    #expect(GeNN.Doctor.bytes(12_300_000) == "12.3 MB")
  }

  /// A CUDA report with `missing` parts (none: usable).
  static func cudaReport(missing: [CUDAMissingPart]) -> CUDAReport {
    CUDAReport(
      platform: .linux, architecture: .x86_64, driver: NVIDIADriverReport(libraries: []),
      nvrtcCandidates: [], nvrtcChoice: nil, nvccCandidates: [], missing: missing)
  }

  @Test func backendSelection() throws {
    let missing = Self.cudaReport(missing: [.driver, .nvrtc(pipPackage: "nvidia-cuda-nvrtc-cu12")])
    #expect(try BackendChoice.cpu.select(cuda: missing).name == "cpu")
    let auto = try BackendChoice.auto.select(cuda: missing)
    #expect(auto.name == "cpu")
    #expect(auto.reason.contains("NVIDIA driver, NVRTC missing"))
    do {
      _ = try BackendChoice.cuda.select(cuda: missing)
      Issue.record("cuda was selected without a driver")
    } catch {
      #expect("\(error)".contains("python3 -m pip install nvidia-cuda-nvrtc-cu12"))
    }
    // A usable GPU: auto and cuda take it, cpu does not.
    let usable = Self.cudaReport(missing: [])
    let chosen = try BackendChoice.auto.select(cuda: usable)
    #expect(chosen.isCUDA)
    #expect(chosen.reason.hasPrefix("auto: found"))
    #expect(try BackendChoice.cuda.select(cuda: usable).isCUDA)
    #expect(try BackendChoice.cpu.select(cuda: usable).name == "cpu")
  }

  @Test("the backend chosen becomes one runtime value, with the command's options")
  func selectionBecomesOneBackendValue() throws {
    let usable = Self.cudaReport(missing: [])
    let cpu = try BackendChoice.cpu.select(cuda: usable)
      .backend(threads: 3, checkIndices: false, cuda: usable)
    guard case .cpu(let options) = cpu else {
      Issue.record("expected the CPU backend, got \(cpu)")
      return
    }
    #expect(options.threads == 3 && !options.checkIndices)
    let cuda = try BackendChoice.auto.select(cuda: usable)
      .backend(threads: 3, checkIndices: false, cuda: usable)
    guard case .cuda(let options) = cuda else {
      Issue.record("expected the CUDA backend, got \(cuda)")
      return
    }
    #expect(!options.checkIndices)
    #expect(options.nvrtcLibrary == usable.nvrtcLibrary)
    #expect(options.driverLibrary == usable.driver.library)
  }

  @Test func plotSizesEndWhereTheRendererDoes() throws {
    #expect(GeNN.Plot.sizes.upperBound == PlotError.maxDimension)
    _ = try GeNN.Plot.parse(["out", "--width", "\(PlotError.maxDimension)", "--height", "200"])
    #expect(throws: (any Error).self) {
      try GeNN.Plot.parse(["out", "--width", "\(PlotError.maxDimension + 1)"])
    }
  }

  @Test func aFailedWriteLeavesTheEarlierOutputAndNoStaging() throws {
    let parent = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
    try Self.sampleSummary.json().write(to: out.appendingPathComponent("summary.json"))
    let folder = try OutputFolder(path: out.path, overwrite: true, modelFile: "m.yaml")
    #expect(throws: CommandError.self) {
      try folder.write { staging throws(CommandError) in
        try OutputFiles.write(Data("half".utf8), to: "a.npy", in: staging)
        throw .writeFailed(path: "b.npy", reason: "disk full")
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["summary.json"])
    // A write that succeeds replaces it whole.
    try folder.write { staging throws(CommandError) in
      try OutputFiles.write(Data("new".utf8), to: "summary.json", in: staging)
    }
    #expect(
      try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8) == "new")
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
  }
}
