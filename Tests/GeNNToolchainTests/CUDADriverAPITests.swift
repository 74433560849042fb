import Foundation
import Testing

@testable import GeNNToolchain

/// The CUDA driver API through `libcuda.so.1`: its errors everywhere, and on a machine
/// with an NVIDIA GPU, memory, a kernel compiled by NVRTC, and a launch.
@Suite struct CUDADriverAPITests {
  /// The driver library discovery finds on this machine, if any.
  static let driverLibrary = CUDADiscovery(environment: .current()).report().driver.library

  /// Why the GPU tests are skipped.
  static let noGPUReason = Comment(
    rawValue:
      "no NVIDIA driver: libcuda.so.1 was not found (discovery searched the loader cache, "
      + "the system library folders and /usr/lib/wsl/lib), so there is no GPU to run on")

  @Test("without libcuda.so.1, the error says no driver, where it looked, and what to do")
  func noDriverLibrary() throws {
    let empty = try makeTemporaryFolder("no-driver")
    defer { try? FileManager.default.removeItem(at: empty) }
    let environment = EnvironmentSnapshot(
      variables: ["PATH": "/usr/bin"], fileSystem: FileSystemView(root: empty.path),
      platform: .linux, homeDirectory: "/home/user", loaderCacheListing: "")
    #expect {
      try CUDADriver(environment: environment)
    } throws: { error in
      guard case .noDriverLibrary(let searched)? = error as? CUDADriverError else {
        return false
      }
      let text = "\(error)"
      return searched.contains("/usr/lib/wsl/lib/libcuda.so.1")
        && text.contains("no NVIDIA driver library (libcuda.so.1)")
        && text.contains("Install the NVIDIA driver") && text.contains("CPU backend")
    }
  }

  @Test(
    "on this machine: no driver library means noDriverLibrary",
    .enabled(if: driverLibrary == nil, "this machine has libcuda.so.1"))
  func noDriverHere() {
    #expect(throws: CUDADriverError.self) { try CUDADriver() }
    do {
      _ = try CUDADriver()
    } catch {
      guard case .noDriverLibrary = error else {
        Issue.record("expected noDriverLibrary, got \(error)")
        return
      }
    }
  }

  @Test("a path that does not load gives libraryLoadFailed with the path")
  func badPath() {
    let path = "/nonexistent/genn-test/libcuda.so.1"
    #expect {
      try CUDADriver(path: path)
    } throws: { error in
      guard case .libraryLoadFailed(let failed, _)? = error as? CUDADriverError else {
        return false
      }
      return failed == path && "\(error)".contains(path)
    }
  }

  @Test("a library that is not the driver names the first missing function")
  func notTheDriver() throws {
    let libm = [
      "/lib/x86_64-linux-gnu/libm.so.6", "/lib/aarch64-linux-gnu/libm.so.6", "/lib64/libm.so.6",
    ].first { FileManager.default.fileExists(atPath: $0) }
    let path = try #require(libm)
    #expect(throws: CUDADriverError.symbolMissing(symbol: "cuInit", library: path)) {
      try CUDADriver(path: path)
    }
    #expect(CUDADriverAPI.symbolNames.first == "cuInit")
    #expect("\(CUDADriverError.symbolMissing(symbol: "cuInit", library: path))".contains("too old"))
  }

  @Test("CUresult codes have their cuda.h names and advice")
  func resultNames() {
    #expect(CUDAResult(code: 0).name == "CUDA_SUCCESS")
    #expect(CUDAResult(code: 2).name == "CUDA_ERROR_OUT_OF_MEMORY")
    #expect(CUDAResult(code: 100).name == "CUDA_ERROR_NO_DEVICE")
    #expect(CUDAResult(code: 209).name == "CUDA_ERROR_NO_BINARY_FOR_GPU")
    #expect(CUDAResult(code: 222).name == "CUDA_ERROR_UNSUPPORTED_PTX_VERSION")
    #expect(CUDAResult(code: 700).name == "CUDA_ERROR_ILLEGAL_ADDRESS")
    #expect(CUDAResult(code: 12345).name == "CUresult 12345")
    #expect(CUDAResult(code: 222).advice?.contains("NVRTC") == true)
    let failure = CUDADriverError.callFailed(
      function: "cuModuleLoadData",
      result: CUDAResult(
        code: 222, name: "CUDA_ERROR_UNSUPPORTED_PTX_VERSION",
        message: "the provided PTX was compiled with an unsupported toolchain."))
    #expect(
      failure.description.hasPrefix(
        "cuModuleLoadData failed: CUDA_ERROR_UNSUPPORTED_PTX_VERSION (222: the provided PTX"))
  }

  @Test("out of memory says how much is needed and how much is free")
  func outOfMemoryMessage() {
    let error = CUDADriverError.outOfMemory(
      needed: 3 << 30, free: 1 << 30, total: 80 << 30)
    #expect(
      error.description.hasPrefix(
        "the model needs 3.0 GiB (3221225472 bytes) of GPU memory but only 1.0 GiB "
          + "(1073741824 bytes) of 80.0 GiB (85899345920 bytes) is free."))
    #expect(CUDADriverError.bytes(512) == "512 bytes")
    #expect(CUDADriverError.noDevice.description.contains("CUDA_VISIBLE_DEVICES"))
    #expect(
      CUDADriverError.deviceOutOfRange(ordinal: 2, count: 1).description
        == "there is no CUDA device 2: the driver sees 1 (ordinals 0..<1). Choose another device.")
    #expect(CUDAComputeCapability(major: 9, minor: 0).architecture == "sm_90")
    #expect(CUDAComputeCapability(major: 8, minor: 6) > CUDAComputeCapability(major: 8, minor: 0))
  }

  @Test(
    "on a GPU: device, memory round trip, an NVRTC kernel launched and its result read back",
    .enabled(if: driverLibrary != nil, noGPUReason),
    .enabled(if: NVRTCCompilerTests.location.path != nil, "no NVRTC library to compile with"))
  func kernelRoundTrip() throws {
    let driver = try CUDADriver()
    #expect(driver.version.major >= 11)
    let device = try driver.device(0)
    print("CUDADriverAPITests: driver CUDA \(driver.version), device \(device)")
    #expect(device.computeCapability.major >= 3)
    #expect(device.totalMemory > 0)
    let context = try driver.context(on: device)
    let info = try context.memoryInfo()
    #expect(info.free > 0 && info.free <= info.total)
    #expect(throws: CUDADriverError.self) { try context.reserve(bytes: info.total + 1) }

    let nvrtc = try NVRTCCompiler(path: try #require(NVRTCCompilerTests.location.path))
    let cubin = try nvrtc.compile(
      NVRTCCompilerTests.kernel, name: "scale.cu",
      architecture: device.computeCapability.architecture
    ).cubin
    let module = try context.loadModule(cubin: cubin)
    let scale = try module.function(named: "scale")

    let count = 1000
    let input = (0..<count).map { Float($0) }
    let buffer = try context.allocate(bytes: count * 4)
    defer { try? context.free(buffer) }
    try context.upload(input, to: buffer)
    try context.launch(
      scale, grid: CUDADimensions(UInt32((count + 127) / 128)), block: CUDADimensions(128),
      arguments: [.pointer(buffer), .float(2.5), .uint32(UInt32(count))])
    try context.synchronize()
    #expect(try context.download(Float.self, count: count, from: buffer) == input.map { $0 * 2.5 })

    try context.set(buffer, to: 0, bytes: count * 4)
    #expect(try context.download(UInt32.self, count: count, from: buffer).allSatisfy { $0 == 0 })
  }
}
