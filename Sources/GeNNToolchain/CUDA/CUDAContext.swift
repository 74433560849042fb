/// An address in GPU memory (`CUdeviceptr`).
public struct CUDADevicePointer: Hashable, Sendable, CustomStringConvertible {
  /// The address.
  public var address: UInt64

  /// Wraps an address.
  public init(_ address: UInt64) {
    self.address = address
  }

  /// The null pointer, for arrays of no elements.
  public static let null = CUDADevicePointer(0)

  /// `0x7f3a00000000`.
  public var description: String { "0x" + String(address, radix: 16) }
}

/// One argument of a kernel launch, as the kernel's C parameter declares it.
public enum CUDAKernelArgument: Hashable, Sendable {
  /// A pointer parameter (`float *`).
  case pointer(CUDADevicePointer)
  /// `int32_t`.
  case int32(Int32)
  /// `uint32_t`.
  case uint32(UInt32)
  /// `uint64_t`.
  case uint64(UInt64)
  /// `float`.
  case float(Float)
  /// `double`.
  case double(Double)

  /// Stores the value at `address` (8 bytes, aligned to 8, are available).
  func store(at address: UnsafeMutableRawPointer) {
    switch self {
    case .pointer(let pointer): address.storeBytes(of: pointer.address, as: UInt64.self)
    case .int32(let value): address.storeBytes(of: value, as: Int32.self)
    case .uint32(let value): address.storeBytes(of: value, as: UInt32.self)
    case .uint64(let value): address.storeBytes(of: value, as: UInt64.self)
    case .float(let value): address.storeBytes(of: value, as: Float.self)
    case .double(let value): address.storeBytes(of: value, as: Double.self)
    }
  }
}

/// The size of a kernel grid or block in up to three dimensions.
public struct CUDADimensions: Hashable, Sendable, CustomStringConvertible {
  /// The sizes along x, y and z.
  public var x: UInt32
  /// The size along y.
  public var y: UInt32
  /// The size along z.
  public var z: UInt32

  /// Creates dimensions; `y` and `z` default to 1.
  public init(_ x: UInt32, _ y: UInt32 = 1, _ z: UInt32 = 1) {
    self.x = x
    self.y = y
    self.z = z
  }

  /// `(128, 1, 1)`.
  public var description: String { "(\(x), \(y), \(z))" }
}

/// Free and total memory of the current GPU, in bytes (`cuMemGetInfo`).
public struct CUDAMemoryInfo: Hashable, Sendable {
  /// The bytes free.
  public var free: Int
  /// The bytes the GPU has.
  public var total: Int
}

/// A device's primary context, retained while this value lives: memory, modules and
/// kernel launches on that device. Each call makes the context current on the calling
/// thread first, so it may be used from any thread (one at a time).
public final class CUDAContext: @unchecked Sendable {
  /// The driver.
  public let driver: CUDADriver
  /// The device.
  public let device: CUDADevice
  private let handle: CUDADriverAPI.Handle

  init(driver: CUDADriver, device: CUDADevice) throws(CUDADriverError) {
    var handle: CUDADriverAPI.Handle?
    try driver.check(
      driver.api.primaryCtxRetain(&handle, device.handle), "cuDevicePrimaryCtxRetain")
    guard let handle else {
      throw .callFailed(function: "cuDevicePrimaryCtxRetain", result: CUDAResult(code: 201))
    }
    self.driver = driver
    self.device = device
    self.handle = handle
    try makeCurrent()
  }

  deinit {
    _ = driver.api.primaryCtxRelease(device.handle)
  }

  private var api: CUDADriverAPI { driver.api }

  /// Makes the context current on the calling thread (`cuCtxSetCurrent`).
  public func makeCurrent() throws(CUDADriverError) {
    try driver.check(api.ctxSetCurrent(handle), "cuCtxSetCurrent")
  }

  /// The device's free and total memory.
  public func memoryInfo() throws(CUDADriverError) -> CUDAMemoryInfo {
    try makeCurrent()
    var free = 0
    var total = 0
    try driver.check(api.memGetInfo(&free, &total), "cuMemGetInfo")
    return CUDAMemoryInfo(free: free, total: total)
  }

  /// Checks that `bytes` fit in the free memory, before allocating any of it.
  ///
  /// - Throws: ``CUDADriverError/outOfMemory(needed:free:total:)``.
  public func reserve(bytes: Int) throws(CUDADriverError) {
    let info = try memoryInfo()
    guard bytes <= info.free else {
      throw .outOfMemory(needed: bytes, free: info.free, total: info.total)
    }
  }

  /// Allocates `bytes` of device memory (``CUDADevicePointer/null`` for 0 bytes).
  ///
  /// - Throws: ``CUDADriverError/outOfMemory(needed:free:total:)`` when it does not fit.
  public func allocate(bytes: Int) throws(CUDADriverError) -> CUDADevicePointer {
    guard bytes > 0 else { return .null }
    try makeCurrent()
    var address: UInt64 = 0
    let code = api.memAlloc(&address, bytes)
    if code == 2 {
      let info = try memoryInfo()
      throw .outOfMemory(needed: bytes, free: info.free, total: info.total)
    }
    try driver.check(code, "cuMemAlloc(\(bytes) bytes)")
    return CUDADevicePointer(address)
  }

  /// Frees memory from ``allocate(bytes:)`` (nothing for ``CUDADevicePointer/null``).
  public func free(_ pointer: CUDADevicePointer) throws(CUDADriverError) {
    guard pointer != .null else { return }
    try makeCurrent()
    try driver.check(api.memFree(pointer.address), "cuMemFree")
  }

  /// Copies `bytes` from host memory to `destination`.
  public func copy(_ bytes: UnsafeRawBufferPointer, to destination: CUDADevicePointer)
    throws(CUDADriverError)
  {
    guard bytes.count > 0 else { return }
    try makeCurrent()
    try driver.check(
      api.memcpyHtoD(destination.address, bytes.baseAddress, bytes.count), "cuMemcpyHtoD")
  }

  /// Copies `destination.count` bytes from `source` to host memory.
  public func copy(from source: CUDADevicePointer, into destination: UnsafeMutableRawBufferPointer)
    throws(CUDADriverError)
  {
    guard destination.count > 0 else { return }
    try makeCurrent()
    try driver.check(
      api.memcpyDtoH(destination.baseAddress, source.address, destination.count), "cuMemcpyDtoH")
  }

  /// Copies `values` to `destination`.
  public func upload<Element: BitwiseCopyable>(
    _ values: [Element], to destination: CUDADevicePointer
  ) throws(CUDADriverError) {
    guard !values.isEmpty else { return }
    try makeCurrent()
    let code = values.withUnsafeBytes { bytes in
      api.memcpyHtoD(destination.address, bytes.baseAddress, bytes.count)
    }
    try driver.check(code, "cuMemcpyHtoD")
  }

  /// Reads `count` values of `type` from `source`.
  public func download<Element: BitwiseCopyable>(
    _ type: Element.Type, count: Int, from source: CUDADevicePointer
  ) throws(CUDADriverError) -> [Element] {
    guard count > 0 else { return [] }
    try makeCurrent()
    var code: Int32 = 0
    let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      code = api.memcpyDtoH(
        UnsafeMutableRawPointer(buffer.baseAddress), source.address,
        count * MemoryLayout<Element>.stride)
      // The bytes are plain data: whatever was copied (or zero) is a valid value.
      if code != 0 {
        UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
      }
      initialized = count
    }
    try driver.check(code, "cuMemcpyDtoH")
    return values
  }

  /// Sets `bytes` bytes at `destination` to `value`.
  public func set(_ destination: CUDADevicePointer, to value: UInt8, bytes: Int)
    throws(CUDADriverError)
  {
    guard bytes > 0 else { return }
    try makeCurrent()
    try driver.check(api.memsetD8(destination.address, value, bytes), "cuMemsetD8")
  }

  /// Loads a cubin (from ``NVRTCCompiler``) into the context.
  public func loadModule(cubin: [UInt8]) throws(CUDADriverError) -> CUDALoadedModule {
    try makeCurrent()
    var module: CUDADriverAPI.Handle?
    let code = cubin.withUnsafeBytes { api.moduleLoadData(&module, $0.baseAddress) }
    try driver.check(code, "cuModuleLoadData")
    guard let module else {
      throw .callFailed(function: "cuModuleLoadData", result: CUDAResult(code: 200))
    }
    return CUDALoadedModule(context: self, handle: module)
  }

  /// Launches `function` on a `grid` of `block`s with `arguments`, asynchronously.
  public func launch(
    _ function: CUDAFunction, grid: CUDADimensions, block: CUDADimensions,
    sharedMemoryBytes: UInt32 = 0, arguments: [CUDAKernelArgument]
  ) throws(CUDADriverError) {
    try makeCurrent()
    let storage = UnsafeMutableRawPointer.allocate(
      byteCount: max(1, arguments.count) * 8, alignment: 8)
    defer { storage.deallocate() }
    var pointers: [UnsafeMutableRawPointer?] = arguments.indices.map { storage + 8 * $0 }
    for (index, argument) in arguments.enumerated() { argument.store(at: storage + 8 * index) }
    let code = pointers.withUnsafeMutableBufferPointer { parameters in
      withExtendedLifetime(function.module) {
        api.launchKernel(
          function.handle, grid.x, grid.y, grid.z, block.x, block.y, block.z,
          sharedMemoryBytes, nil, arguments.isEmpty ? nil : parameters.baseAddress, nil)
      }
    }
    try driver.check(code, "cuLaunchKernel(\(function.name), grid \(grid), block \(block))")
  }

  /// Waits for every launch and copy to finish (`cuCtxSynchronize`); a kernel's failure
  /// on the GPU surfaces here.
  public func synchronize() throws(CUDADriverError) {
    try makeCurrent()
    try driver.check(api.ctxSynchronize(), "cuCtxSynchronize")
  }
}

/// A cubin loaded into a context; unloaded when the last reference goes away.
public final class CUDALoadedModule: @unchecked Sendable {
  /// The context it is loaded in.
  public let context: CUDAContext
  let handle: CUDADriverAPI.Handle

  init(context: CUDAContext, handle: CUDADriverAPI.Handle) {
    self.context = context
    self.handle = handle
  }

  deinit {
    if (try? context.makeCurrent()) != nil { _ = context.driver.api.moduleUnload(handle) }
  }

  /// The kernel `name` (an `extern "C" __global__` function).
  public func function(named name: String) throws(CUDADriverError) -> CUDAFunction {
    try context.makeCurrent()
    var function: CUDADriverAPI.Handle?
    try context.driver.check(
      context.driver.api.moduleGetFunction(&function, handle, name),
      "cuModuleGetFunction(\(name))")
    guard let function else {
      throw .callFailed(function: "cuModuleGetFunction(\(name))", result: CUDAResult(code: 500))
    }
    return CUDAFunction(module: self, handle: function, name: name)
  }
}

/// A kernel of a loaded module; keeps the module loaded.
public struct CUDAFunction: @unchecked Sendable {
  /// The module it belongs to.
  public let module: CUDALoadedModule
  let handle: CUDADriverAPI.Handle
  /// Its name.
  public let name: String
}
