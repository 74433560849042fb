import Foundation
import Testing

@testable import GeNNToolchain

@Suite("CUDA discovery: what is missing, how to fix it, and the report's text")
struct CUDAReportTests {
  @Test("nothing at all: the driver and NVRTC are missing; cu12 is the fix without a driver")
  func nothingFound() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    let report = tree.cudaReport([:])
    #expect(report.missing == [.driver, .nvrtc(pipPackage: "nvidia-cuda-nvrtc-cu12")])
    #expect(report.fixCommands == ["python3 -m pip install nvidia-cuda-nvrtc-cu12"])
    #expect(!report.isUsable)
    #expect(report.summary == "not usable: NVIDIA driver, NVRTC missing")
    #expect(
      report.missing[0].description
        == "NVIDIA driver: no usable libcuda.so.1; an NVIDIA GPU and driver are needed for the "
        + "CUDA backend, so the CPU backend is used")
  }

  @Test(
    "the NVRTC fix follows the driver's CUDA major version",
    arguments: [
      ("580.65.06", "nvidia-cuda-nvrtc"), ("575.51.03", "nvidia-cuda-nvrtc-cu12"),
      ("525.60.13", "nvidia-cuda-nvrtc-cu12"), ("470.223.02", "nvidia-cuda-nvrtc-cu11"),
    ])
  func fixByDriver(driver: String, package: String) throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvidiaDriver(driver)
    let report = tree.cudaReport([:])
    #expect(report.missing == [.nvrtc(pipPackage: package)])
    #expect(report.fixCommands == ["python3 -m pip install \(package)"])
  }

  @Test("a driver older than CUDA 11 must be updated first")
  func oldDriver() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvidiaDriver("440.33.01")
    let report = tree.cudaReport([:])
    let driver = try #require(NVIDIADriverVersion("440.33.01"))
    #expect(
      report.missing == [
        .driverTooOld(version: driver, minimumMajor: 525),
        .nvrtc(pipPackage: "nvidia-cuda-nvrtc-cu12"),
      ])
    #expect(
      report.missing[0].description
        == "a newer NVIDIA driver: 440.33.01 runs CUDA 10 only; install driver 525 or newer for "
        + "the CUDA backend")
  }

  @Test("macOS has no CUDA: nothing is searched")
  func macOS() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.splitToolkit("/usr/local/cuda", toolkit: "12.4.1", nvrtc: "12.4.127")
    let report = tree.cudaReport(["CUDA_PATH": "/usr/local/cuda"], platform: .macOS)
    #expect(report.nvrtcCandidates.isEmpty && report.driver.libraries.isEmpty)
    #expect(report.missing == [.unsupportedPlatform(.macOS)])
    #expect(report.summary == "not available on macOS")
    #expect(
      report.description == """
        CUDA search (macOS, x86-64):
          missing: CUDA: there is no CUDA on macOS, so the CPU backend is used
        """)
  }

  @Test("the whole report for genn doctor, when CUDA can be used")
  func descriptionWhenUsable() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvidiaDriver("550.54.15", gpus: ["NVIDIA H100 80GB HBM3"])
    try tree.splitToolkit("/usr/local/cuda-12.4", toolkit: "12.4.1", nvrtc: "12.4.127")
    try tree.executable("/usr/local/cuda-12.4/bin/nvcc")
    try tree.nvrtcWheel("13.0.88", in: "/home/user/.local/lib/python3.12/site-packages")
    let listing = "\tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1\n"
    let report = tree.cudaReport(["PATH": "/usr/bin", "HOME": "/home/user"], loaderCache: listing)
    let site = "/home/user/.local/lib/python3.12/site-packages"
    #expect(
      report.description == """
        CUDA search (linux, x86-64):
          GPU: NVIDIA H100 80GB HBM3 at 0000:01:00.0
          driver: 550.54.15 (from /proc/driver/nvidia/version), runs CUDA 12.4 and older
          driver library (libcuda.so.1):
            ✓ loader cache: found /usr/lib/x86_64-linux-gnu/libcuda.so.1
            - /usr/lib/x86_64-linux-gnu: /usr/lib/x86_64-linux-gnu/libcuda.so.1 \
        (same file as /usr/lib/x86_64-linux-gnu/libcuda.so.1)
            - /usr/lib64: /usr/lib64/libcuda.so.1 does not exist
            - /usr/lib: /usr/lib/libcuda.so.1 does not exist
            - /usr/lib/wsl/lib: /usr/lib/wsl/lib/libcuda.so.1 does not exist
          NVRTC (libnvrtc.so.*):
            - $GENN_NVRTC_LIBRARY: GENN_NVRTC_LIBRARY is not set
            - $CUDA_PATH: CUDA_PATH is not set
            - $CUDA_HOME: CUDA_HOME is not set
            - $CUDA_ROOT: CUDA_ROOT is not set
            - $CONDA_PREFIX: CONDA_PREFIX is not set
            - python on PATH: no executable python3 in /usr/bin
            - $VIRTUAL_ENV: VIRTUAL_ENV is not set
            - \(site) (user site-packages): \(site)/nvidia/cu13/lib/libnvrtc.so.13: \
        CUDA 13.0.88 is newer than driver 550.54.15 runs (CUDA 12.4); \
        the driver would refuse its cubins
            - toolkit /usr/local/cuda: /usr/local/cuda does not exist
            ✓ toolkit /usr/local/cuda-12.4: found /usr/local/cuda-12.4/lib64/libnvrtc.so.12 \
        (CUDA 12.4.127, from the file name libnvrtc.so.12.4.127)
            - toolkit /opt/cuda: /opt/cuda does not exist
            - loader cache: no libnvrtc.so.* in the loader cache
          chosen NVRTC: /usr/local/cuda-12.4/lib64/libnvrtc.so.12 \
        (CUDA 12.4.127, from the file name libnvrtc.so.12.4.127), \
        from toolkit /usr/local/cuda-12.4: \
        the first usable one whose CUDA major version driver 550.54.15 runs \
        (CUDA 12.4 and older)
          nvcc (optional): /usr/local/cuda-12.4/bin/nvcc \
        (CUDA 12.4.1, from /usr/local/cuda-12.4/version.json), from toolkit /usr/local/cuda-12.4
          missing: nothing; the CUDA backend can be used
        """)
    #expect(
      report.summary == "NVRTC 12.4.127 with driver 550.54.15 (CUDA 12.4) for NVIDIA H100 80GB HBM3"
    )
  }

  @Test("the report's text when NVRTC and the driver are missing: what, and the fix")
  func descriptionWhenMissing() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.directory("/usr/bin")
    let text = tree.cudaReport(["PATH": "/usr/bin"], loaderCache: "").description
    #expect(text.contains("  GPUs: none listed in /proc/driver/nvidia/gpus\n  driver: not found\n"))
    #expect(
      text.contains("  chosen NVRTC: none\n  nvcc: none (optional: SwiftGeNN does not need it)\n"))
    #expect(
      text.hasSuffix(
        """
          missing: NVIDIA driver: no usable libcuda.so.1; \
        an NVIDIA GPU and driver are needed for the CUDA backend, so the CPU backend is used
          missing: NVRTC (libnvrtc.so, the CUDA runtime compiler) that the driver runs, \
        which the CUDA backend needs
            fix: python3 -m pip install nvidia-cuda-nvrtc-cu12
        """))
  }

  @Test("the snapshot: the loader cache listing and architecture default, and are parsed")
  func snapshotFields() {
    let plain = EnvironmentSnapshot(variables: [:])
    #expect(plain.loaderCacheListing == nil && plain.loaderCache == nil)
    #expect(plain.architecture == .current)
    let listing = "\tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1\n"
    let given = EnvironmentSnapshot(
      variables: [:], architecture: .aarch64, loaderCacheListing: listing)
    #expect(given.loaderCache?.entries.map(\.path) == ["/usr/lib/x86_64-linux-gnu/libcuda.so.1"])
    #expect(given.architecture == .aarch64)
  }
}
