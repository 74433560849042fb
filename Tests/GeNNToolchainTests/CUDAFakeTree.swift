import Foundation

@testable import GeNNToolchain

/// CUDA layouts in a fake tree.
extension FakeTree {
  /// An NVRTC library `libnvrtc.so.VERSION` in `folder`, with the links the loader and the
  /// linker use (`libnvrtc.so.MAJOR`, or CUDA 11's `libnvrtc.so.11.2`, and `libnvrtc.so`).
  func nvrtc(
    _ version: String, in folder: String, soname: String? = nil, machine: UInt16 = 62
  ) throws {
    let major = String(version.prefix { $0 != "." })
    try sharedLibrary(
      "libnvrtc.so.\(version)", in: folder,
      linkedAs: ["libnvrtc.so.\(soname ?? major)", "libnvrtc.so"], machine: machine)
  }

  /// A pip wheel's NVRTC: `nvidia/FOLDER/lib/libnvrtc.so.MAJOR` in `sitePackages`, and
  /// its dist-info folder (`nvidia_cuda_nvrtc_cu12-12.9.86.dist-info`, or
  /// `nvidia_cuda_nvrtc-13.0.88.dist-info` for CUDA 13).
  func nvrtcWheel(_ version: String, in sitePackages: String) throws {
    let major = String(version.prefix { $0 != "." })
    let isCUDA13 = major == "13"
    let folder = sitePackages + (isCUDA13 ? "/nvidia/cu13/lib" : "/nvidia/cuda_nvrtc/lib")
    try sharedLibrary(folder + "/libnvrtc.so.\(major)")
    try sharedLibrary(
      folder
        + "/libnvrtc-builtins.so.\(version.split(separator: ".").prefix(2).joined(separator: "."))")
    let package = isCUDA13 ? "nvidia_cuda_nvrtc" : "nvidia_cuda_nvrtc_cu\(major)"
    try file(sitePackages + "/\(package)-\(version).dist-info/METADATA", contents: "Name: x\n")
  }

  /// A CUDA toolkit in `root` laid out as CUDA 12 and later install it: the libraries in
  /// `targets/x86_64-linux/lib`, `lib64` linking there, and `version.json`.
  func splitToolkit(_ root: String, toolkit: String, nvrtc version: String) throws {
    try nvrtc(version, in: root + "/targets/x86_64-linux/lib")
    try link(root + "/lib64", to: "targets/x86_64-linux/lib")
    try file(
      root + "/version.json", contents: #"{"cuda": {"name": "CUDA SDK", "version": "\#(toolkit)"}}"#
    )
  }

  /// The NVIDIA driver: `libcuda.so.1 -> libcuda.so.VERSION` in `folder`, the kernel
  /// module's version file (unless `procVersion` is false) and one information file per
  /// GPU model.
  func nvidiaDriver(
    _ version: String, in folder: String = "/usr/lib/x86_64-linux-gnu",
    procVersion: Bool = true, gpus: [String] = []
  ) throws {
    try sharedLibrary(
      "libcuda.so.\(version)", in: folder, linkedAs: ["libcuda.so.1", "libcuda.so"])
    if procVersion {
      try file(
        "/proc/driver/nvidia/version",
        contents: "NVRM version: NVIDIA UNIX x86_64 Kernel Module  \(version)  "
          + "Tue Mar  5 22:23:56 UTC 2024\nGCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n")
    }
    for (index, model) in gpus.enumerated() {
      try file(
        "/proc/driver/nvidia/gpus/0000:0\(index + 1):00.0/information",
        contents: "Model: \t\t \(model)\nIRQ:   \t\t 30\(index)\nBus Type: \t PCIe\n")
    }
  }

  /// The CUDA discovery report over this tree.
  func cudaReport(
    _ variables: [String: String], platform: HostPlatform = .linux,
    architecture: MachineArchitecture = .x86_64, loaderCache: String? = nil
  ) -> CUDAReport {
    CUDADiscovery(
      environment: snapshot(
        variables, platform: platform, architecture: architecture, loaderCache: loaderCache)
    ).report()
  }
}

extension CUDAReport {
  /// The NVRTC candidates that came from `origin`.
  func nvrtc(from origin: CUDACandidate.Origin) -> [CUDACandidate] {
    nvrtcCandidates.filter { $0.origin == origin }
  }

  /// The paths of the usable NVRTC candidates, in order.
  var usableNVRTC: [String] {
    nvrtcCandidates.filter(\.isUsable).compactMap(\.path)
  }
}
