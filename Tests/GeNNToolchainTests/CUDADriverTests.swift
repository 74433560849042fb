import Foundation
import Testing

@testable import GeNNToolchain

@Suite("CUDA discovery over fake trees: the NVIDIA driver, GPUs and nvcc")
struct CUDADriverTests {
  @Test("libcuda.so.1 from the loader cache; version and GPUs from /proc/driver/nvidia")
  func driverFromLoaderCache() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvidiaDriver("550.54.15", gpus: ["NVIDIA H100 80GB HBM3", "NVIDIA A100-SXM4-40GB"])
    let listing = """
      \tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1
      \tlibcuda.so.1 (libc6) => /usr/lib/i386-linux-gnu/libcuda.so.1
      """
    let driver = tree.cudaReport([:], loaderCache: listing).driver

    #expect(driver.library == "/usr/lib/x86_64-linux-gnu/libcuda.so.1")
    #expect(
      driver.libraries.map(\.origin) == [
        .loaderCache, .loaderCache, .libraryFolder("/usr/lib/x86_64-linux-gnu"),
        .libraryFolder("/usr/lib64"), .libraryFolder("/usr/lib"),
        .libraryFolder("/usr/lib/wsl/lib"),
      ])
    #expect(driver.libraries[0].isUsable)
    #expect(driver.libraries[1].rejection == .missing(path: "/usr/lib/i386-linux-gnu/libcuda.so.1"))
    #expect(
      driver.libraries[2].outcome
        == .sameAsEarlier(earlier: "/usr/lib/x86_64-linux-gnu/libcuda.so.1"))
    #expect(driver.libraries[3].rejection == .missing(path: "/usr/lib64/libcuda.so.1"))
    #expect(driver.libraries.allSatisfy { $0.component == .driverLibrary })
    #expect(driver.version == NVIDIADriverVersion("550.54.15"))
    #expect(driver.versionEvidence == .kernelModule(path: "/proc/driver/nvidia/version"))
    #expect(driver.supportedCUDA == CUDAVersion("12.4"))
    #expect(
      driver.gpus == [
        NVIDIAGPU(busLocation: "0000:01:00.0", model: "NVIDIA H100 80GB HBM3"),
        NVIDIAGPU(busLocation: "0000:02:00.0", model: "NVIDIA A100-SXM4-40GB"),
      ])
    #expect(
      driver.summary == "550.54.15 (from /proc/driver/nvidia/version), runs CUDA 12.4 and older")
  }

  @Test("without /proc: the version from the libcuda.so.X.Y.Z file libcuda.so.1 links to")
  func driverVersionFromFileName() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvidiaDriver("535.104.05", in: "/usr/lib64", procVersion: false)
    let driver = tree.cudaReport([:]).driver
    #expect(driver.library == "/usr/lib64/libcuda.so.1")
    #expect(driver.version == NVIDIADriverVersion("535.104.05"))
    #expect(driver.versionEvidence == .fileName("libcuda.so.535.104.05"))
    #expect(driver.supportedCUDA == CUDAVersion("12.2"))
    #expect(driver.gpus.isEmpty)

    // A copy, not a link: the versioned file beside it still tells.
    let copy = try FakeTree()
    defer { copy.remove() }
    try copy.sharedLibrary("/usr/lib/libcuda.so.1")
    try copy.sharedLibrary("/usr/lib/libcuda.so.470.223.02")
    #expect(copy.cudaReport([:]).driver.version == NVIDIADriverVersion("470.223.02"))
  }

  @Test("WSL: /usr/lib/wsl/lib/libcuda.so.1, version unknown")
  func wslDriver() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.sharedLibrary("/usr/lib/wsl/lib/libcuda.so.1.1")
    try tree.link("/usr/lib/wsl/lib/libcuda.so.1", to: "libcuda.so.1.1")
    let report = tree.cudaReport([:])
    #expect(report.driver.library == "/usr/lib/wsl/lib/libcuda.so.1")
    #expect(
      report.driver.libraries.first(where: \.isUsable)?.origin == .libraryFolder("/usr/lib/wsl/lib")
    )
    #expect(report.driver.version == nil)
    #expect(report.driver.summary == "version unknown")
    #expect(report.missing == [.nvrtc(pipPackage: "nvidia-cuda-nvrtc-cu12")])
  }

  @Test("a driver library for another processor is no driver")
  func wrongArchitectureDriver() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.sharedLibrary("/usr/lib64/libcuda.so.1", machine: 183)
    let report = tree.cudaReport([:])
    #expect(
      report.driver.libraries[2].rejection
        == .wrongArchitecture(path: "/usr/lib64/libcuda.so.1", found: .aarch64, expected: .x86_64))
    #expect(!report.driver.isPresent)
    #expect(report.missing.first == .driver)
  }

  @Test("aarch64: /usr/lib/aarch64-linux-gnu and conda's targets/sbsa-linux/lib")
  func aarch64Layouts() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvidiaDriver("570.124.06", in: "/usr/lib/aarch64-linux-gnu", procVersion: false)
    try tree.sharedLibrary("/usr/lib/aarch64-linux-gnu/libcuda.so.570.124.06", machine: 183)
    try tree.nvrtc("12.8.93", in: "/conda/targets/sbsa-linux/lib", machine: 183)
    let report = tree.cudaReport(["CONDA_PREFIX": "/conda"], architecture: .aarch64)
    #expect(report.driver.library == "/usr/lib/aarch64-linux-gnu/libcuda.so.1")
    #expect(report.nvrtcChoice?.path == "/conda/targets/sbsa-linux/lib/libnvrtc.so.12")
    #expect(report.isUsable)
  }

  @Test("nvcc on PATH and in toolkits, with the toolkit's version; never required")
  func nvcc() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.splitToolkit("/usr/local/cuda-12.4", toolkit: "12.4.1", nvrtc: "12.4.127")
    try tree.executable("/usr/local/cuda-12.4/bin/nvcc")
    try tree.file("/opt/tk/bin/nvcc")
    let report = tree.cudaReport([
      "PATH": "/usr/local/cuda-12.4/bin:/usr/bin", "CUDA_PATH": "/opt/tk",
    ])

    let found = try #require(report.nvcc)
    #expect(found.path == "/usr/local/cuda-12.4/bin/nvcc")
    #expect(found.origin == .onPath)
    #expect(found.version == CUDAVersion("12.4.1"))
    #expect(found.versionEvidence == .versionFile(path: "/usr/local/cuda-12.4/version.json"))
    #expect(
      report.nvccCandidates.map(\.origin) == [
        .onPath, .variable(name: "CUDA_PATH", value: "/opt/tk"),
        .systemToolkit(folder: "/usr/local/cuda"),
        .systemToolkit(folder: "/usr/local/cuda-12.4"), .systemToolkit(folder: "/opt/cuda"),
      ])
    #expect(report.nvccCandidates[1].rejection == .notExecutable(path: "/opt/tk/bin/nvcc"))
    #expect(
      report.nvccCandidates[3].outcome == .sameAsEarlier(earlier: "/usr/local/cuda-12.4/bin/nvcc"))

    let none = try FakeTree()
    defer { none.remove() }
    let without = none.cudaReport(["PATH": "/usr/bin"])
    #expect(without.nvcc == nil)
    #expect(without.nvccCandidates[0].rejection == .notOnPath(name: "nvcc", searched: ["/usr/bin"]))
    #expect(!without.missing.contains { $0.description.contains("nvcc") })
  }
}
