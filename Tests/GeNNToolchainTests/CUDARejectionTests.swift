import Foundation
import Testing

@testable import GeNNToolchain

@Suite("CUDA discovery over fake trees: rejections and the choice")
struct CUDARejectionTests {
  @Test("a library for another processor, and a file that is no shared library, are rejected")
  func wrongFiles() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvrtc("12.4.127", in: "/arm/lib64", machine: 183)
    try tree.file("/text/lib64/libnvrtc.so.12", contents: "INPUT(libnvrtc.so.12.4.127)\n")
    try tree.sharedLibrary("/exec/lib64/libnvrtc.so.12", type: 2)
    try tree.splitToolkit("/good", toolkit: "12.4.1", nvrtc: "12.4.127")
    let report = tree.cudaReport([
      "CUDA_PATH": "/arm", "CUDA_HOME": "/text", "CUDA_ROOT": "/exec", "CONDA_PREFIX": "/good",
    ])

    let arm = try #require(report.nvrtc(from: .variable(name: "CUDA_PATH", value: "/arm")).first)
    #expect(
      arm.rejection
        == .wrongArchitecture(path: "/arm/lib64/libnvrtc.so.12", found: .aarch64, expected: .x86_64)
    )
    #expect(arm.version == CUDAVersion("12.4.127"))
    #expect(
      arm.description == "$CUDA_PATH=/arm: /arm/lib64/libnvrtc.so.12 is for aarch64, not x86-64")
    let text = report.nvrtc(from: .variable(name: "CUDA_HOME", value: "/text"))
    #expect(text.map(\.rejection) == [.notSharedLibrary(path: "/text/lib64/libnvrtc.so.12")])
    #expect(
      text[0].description == "$CUDA_HOME=/text: /text/lib64/libnvrtc.so.12 is not a shared library")
    let executable = report.nvrtc(from: .variable(name: "CUDA_ROOT", value: "/exec"))
    #expect(executable.map(\.rejection) == [.notSharedLibrary(path: "/exec/lib64/libnvrtc.so.12")])
    #expect(report.nvrtcChoice?.path == "/good/targets/x86_64-linux/lib/libnvrtc.so.12")

    let onArm = tree.cudaReport(["CUDA_PATH": "/arm"], architecture: .aarch64)
    #expect(onArm.nvrtcChoice?.path == "/arm/lib64/libnvrtc.so.12")
  }

  @Test("variables pointing at nothing are rejected as missing")
  func missingVariables() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    let report = tree.cudaReport([
      "CUDA_PATH": "/nowhere/cuda", "CUDA_HOME": "relative/cuda", "CONDA_PREFIX": "/gone",
    ])
    #expect(
      report.nvrtcCandidates.prefix(6).map(\.rejection) == [
        .variableNotSet(name: "GENN_NVRTC_LIBRARY"), .missing(path: "/nowhere/cuda"),
        .missing(path: "/home/user/relative/cuda"), .variableNotSet(name: "CUDA_ROOT"),
        .missing(path: "/gone"), .notOnPath(name: "python3", searched: []),
      ])
    #expect(
      report.nvrtcCandidates[1].description
        == "$CUDA_PATH=/nowhere/cuda: /nowhere/cuda does not exist")
  }

  @Test("an NVRTC newer than the driver runs is rejected; one it runs is chosen")
  func newerThanDriver() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    let site = "/home/user/.local/lib/python3.12/site-packages"
    try tree.nvrtcWheel("13.0.88", in: site)
    try tree.nvrtcWheel("12.9.86", in: site)
    try tree.nvidiaDriver("550.54.15", gpus: ["NVIDIA H100 80GB HBM3"])
    let report = tree.cudaReport(["HOME": "/home/user"])

    let cu13 = try #require(report.nvrtcCandidates.first { $0.version?.major == 13 })
    let driver = try #require(NVIDIADriverVersion("550.54.15"))
    #expect(
      cu13.rejection
        == .newerThanDriver(
          version: CUDAVersion("13.0.88")!, driver: driver, supports: CUDAVersion("12.4")!))
    #expect(
      cu13.description
        == "\(site) (user site-packages): \(site)/nvidia/cu13/lib/libnvrtc.so.13: "
        + "CUDA 13.0.88 is newer than driver 550.54.15 runs (CUDA 12.4); "
        + "the driver would refuse its cubins")
    #expect(report.nvrtcChoice?.path == site + "/nvidia/cuda_nvrtc/lib/libnvrtc.so.12")
    #expect(report.isUsable)

    let only13 = try FakeTree()
    defer { only13.remove() }
    try only13.nvrtcWheel("13.0.88", in: site)
    try only13.nvidiaDriver("550.54.15")
    let refused = only13.cudaReport(["HOME": "/home/user"])
    #expect(refused.nvrtcChoice == nil)
    #expect(refused.missing == [.nvrtc(pipPackage: "nvidia-cuda-nvrtc-cu12")])
  }

  @Test(
    "with the driver's version known, a usable NVRTC of known version beats an earlier unknown one")
  func prefersKnownVersion() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.sharedLibrary("/opt/odd/lib64/libnvrtc.so")
    try tree.splitToolkit("/usr/local/cuda-12.4", toolkit: "12.4.1", nvrtc: "12.4.127")
    try tree.nvidiaDriver("550.54.15")
    let report = tree.cudaReport(["CUDA_PATH": "/opt/odd"])
    let odd = try #require(report.nvrtcCandidates.first { $0.path == "/opt/odd/lib64/libnvrtc.so" })
    #expect(odd.isUsable && odd.version == nil)
    let driver = try #require(NVIDIADriverVersion("550.54.15"))
    #expect(report.nvrtcChoice?.path == "/usr/local/cuda-12.4/lib64/libnvrtc.so.12")
    #expect(
      report.nvrtcChoice?.reason
        == .supportedByDriver(driver: driver, supports: CUDAVersion("12.4")!, passedOver: 1))
    #expect(
      report.nvrtcChoice?.reason.description.contains(
        "preferred over 1 earlier one(s) of unknown version") == true)
  }

  @Test("the first usable NVRTC of unknown version is chosen when no other says its version")
  func versionUnknown() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.sharedLibrary("/opt/odd/lib64/libnvrtc.so")
    try tree.nvidiaDriver("550.54.15")
    let report = tree.cudaReport(["CUDA_PATH": "/opt/odd"])
    let driver = try #require(NVIDIADriverVersion("550.54.15"))
    #expect(report.nvrtcChoice?.path == "/opt/odd/lib64/libnvrtc.so")
    #expect(
      report.nvrtcChoice?.reason == .versionUnknown(driver: driver, supports: CUDAVersion("12.4")!))
  }

  @Test("no driver, or a driver of unknown version: the first usable NVRTC, unchecked")
  func uncheckedChoice() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvrtcWheel("13.0.88", in: "/home/user/.local/lib/python3.12/site-packages")
    let noDriver = tree.cudaReport(["HOME": "/home/user"])
    #expect(noDriver.nvrtcChoice?.candidate.version?.major == 13)
    #expect(noDriver.nvrtcChoice?.reason == .noDriver)
    #expect(noDriver.missing == [.driver])

    try tree.sharedLibrary("/usr/lib/wsl/lib/libcuda.so.1")
    let wsl = tree.cudaReport(["HOME": "/home/user"])
    #expect(wsl.driver.library == "/usr/lib/wsl/lib/libcuda.so.1")
    #expect(wsl.driver.version == nil)
    #expect(wsl.nvrtcChoice?.reason == .driverVersionUnknown)
    #expect(wsl.isUsable)
    #expect(wsl.summary == "NVRTC 13.0.88 with driver of unknown version")
  }
}
