/// The NVIDIA driver's CUDA driver API (`libcuda.so.1`), loaded with `dlopen` and called
/// through the functions `dlsym` finds: no toolkit, no link-time dependency
/// (DESIGN.md decision 4).
///
/// ```swift
/// let driver = try CUDADriver()           // the library discovery found, cuInit(0)
/// let device = try driver.device(0)        // name, compute capability, memory
/// let context = try driver.context(on: device)
/// let module = try context.loadModule(cubin: cubin)
/// ```
public final class CUDADriver: @unchecked Sendable {
  // Immutable after init; the driver API is thread-safe.

  /// The library's path.
  public let path: String
  /// The newest CUDA version the driver runs, from `cuDriverGetVersion`.
  public let version: CUDAVersion
  let library: SharedLibrary
  let api: CUDADriverAPI

  /// Loads the driver library at `path`, binds its functions and calls `cuInit(0)`.
  ///
  /// - Throws: ``CUDADriverError/libraryLoadFailed(path:reason:)``,
  ///   ``CUDADriverError/symbolMissing(symbol:library:)``, ``CUDADriverError/noDevice``
  ///   when the driver sees no GPU, or ``CUDADriverError/callFailed(function:result:)``.
  public init(path: String) throws(CUDADriverError) {
    let library = try SharedLibrary(path: path) {
      CUDADriverError.libraryLoadFailed(path: path, reason: $0)
    }
    let api = try CUDADriverAPI(library)
    self.path = path
    self.library = library
    self.api = api
    let initialised = api.initialize(0)
    var version: Int32 = 0
    let versionResult = api.driverGetVersion(&version)
    self.version = CUDAVersion(major: Int(version / 1000), minor: Int((version % 1000) / 10))
    if initialised == 100 { throw .noDevice }
    try check(initialised, "cuInit")
    try check(versionResult, "cuDriverGetVersion")
  }

  /// Loads the driver library discovery over `environment` finds
  /// (``NVIDIADriverReport/library``).
  ///
  /// - Throws: ``CUDADriverError/noDriverLibrary(searched:)`` when there is none, else
  ///   as ``init(path:)``.
  public convenience init(environment: EnvironmentSnapshot = .current()) throws(CUDADriverError) {
    let driver = CUDADiscovery(environment: environment).report().driver
    guard let path = driver.library else {
      throw .noDriverLibrary(searched: driver.libraries.compactMap(\.path))
    }
    try self.init(path: path)
  }

  /// The result `code` with the driver's name and message for it.
  public func result(_ code: Int32) -> CUDAResult {
    var name: UnsafePointer<CChar>?
    var message: UnsafePointer<CChar>?
    let named = api.getErrorName(code, &name) == 0 ? name.map { String(cString: $0) } : nil
    let described =
      api.getErrorString(code, &message) == 0 ? message.map { String(cString: $0) } : nil
    let known = CUDAResult(code: code)
    return CUDAResult(code: code, name: named ?? known.name, message: described)
  }

  /// Throws ``CUDADriverError/callFailed(function:result:)`` unless `code` is success.
  func check(_ code: Int32, _ function: String) throws(CUDADriverError) {
    guard code != 0 else { return }
    throw .callFailed(function: function, result: result(code))
  }

  /// The number of CUDA devices the driver sees.
  public func deviceCount() throws(CUDADriverError) -> Int {
    var count: Int32 = 0
    try check(api.deviceGetCount(&count), "cuDeviceGetCount")
    return Int(count)
  }

  /// Device `ordinal`: its name, compute capability, memory and multiprocessors.
  ///
  /// - Throws: ``CUDADriverError/noDevice``, ``CUDADriverError/deviceOutOfRange(ordinal:count:)``.
  public func device(_ ordinal: Int = 0) throws(CUDADriverError) -> CUDADevice {
    let count = try deviceCount()
    guard count > 0 else { throw .noDevice }
    guard (0..<count).contains(ordinal) else {
      throw .deviceOutOfRange(ordinal: ordinal, count: count)
    }
    var handle: Int32 = 0
    try check(api.deviceGet(&handle, Int32(ordinal)), "cuDeviceGet")
    var name = [CChar](repeating: 0, count: 256)
    try check(api.deviceGetName(&name, Int32(name.count), handle), "cuDeviceGetName")
    func attribute(_ attribute: CUDADevice.Attribute) throws(CUDADriverError) -> Int {
      var value: Int32 = 0
      try check(
        api.deviceGetAttribute(&value, attribute.rawValue, handle),
        "cuDeviceGetAttribute(\(attribute))")
      return Int(value)
    }
    var memory = 0
    try check(api.deviceTotalMem(&memory, handle), "cuDeviceTotalMem")
    return CUDADevice(
      ordinal: ordinal, handle: handle,
      name: String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
      computeCapability: CUDAComputeCapability(
        major: try attribute(.computeCapabilityMajor),
        minor: try attribute(.computeCapabilityMinor)),
      totalMemory: memory, multiprocessorCount: try attribute(.multiprocessorCount),
      maxThreadsPerBlock: try attribute(.maxThreadsPerBlock),
      sharedMemoryPerBlock: try attribute(.maxSharedMemoryPerBlock))
  }

  /// The device's primary context, retained until the returned value goes away, and made
  /// current on this thread.
  public func context(on device: CUDADevice) throws(CUDADriverError) -> CUDAContext {
    try CUDAContext(driver: self, device: device)
  }
}

/// A GPU's compute capability: `8.0` is Ampere A100, NVRTC's `sm_80`.
public struct CUDAComputeCapability: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The major version.
  public var major: Int
  /// The minor version.
  public var minor: Int

  /// Creates a compute capability.
  public init(major: Int, minor: Int) {
    self.major = major
    self.minor = minor
  }

  /// The NVRTC architecture that compiles for it: `sm_80`.
  public var architecture: String { "sm_\(major)\(minor)" }

  /// Ordered by major, then minor.
  public static func < (left: Self, right: Self) -> Bool {
    (left.major, left.minor) < (right.major, right.minor)
  }

  /// `8.0`.
  public var description: String { "\(major).\(minor)" }
}

/// One CUDA device as the driver describes it.
public struct CUDADevice: Hashable, Sendable, CustomStringConvertible {
  /// The driver's `CUdevice_attribute` values SwiftGeNN asks for.
  enum Attribute: Int32, CustomStringConvertible {
    case maxThreadsPerBlock = 1
    case maxSharedMemoryPerBlock = 8
    case multiprocessorCount = 16
    case computeCapabilityMajor = 75
    case computeCapabilityMinor = 76

    var description: String {
      switch self {
      case .maxThreadsPerBlock: "CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK"
      case .maxSharedMemoryPerBlock: "CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK"
      case .multiprocessorCount: "CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT"
      case .computeCapabilityMajor: "CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR"
      case .computeCapabilityMinor: "CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR"
      }
    }
  }

  /// The ordinal it was asked for by.
  public var ordinal: Int
  /// The driver's `CUdevice`.
  public var handle: Int32
  /// `NVIDIA H100 80GB HBM3`.
  public var name: String
  /// Its compute capability.
  public var computeCapability: CUDAComputeCapability
  /// Its memory in bytes.
  public var totalMemory: Int
  /// Its streaming multiprocessors.
  public var multiprocessorCount: Int
  /// The most threads a block may have.
  public var maxThreadsPerBlock: Int
  /// The most shared memory a block may use, in bytes.
  public var sharedMemoryPerBlock: Int

  /// `0: NVIDIA H100 80GB HBM3 (compute capability 9.0, 79.1 GiB, 132 multiprocessors)`.
  public var description: String {
    "\(ordinal): \(name) (compute capability \(computeCapability), "
      + "\(CUDADriverError.bytes(totalMemory)), \(multiprocessorCount) multiprocessors)"
  }
}
