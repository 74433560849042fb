/// The driver API functions SwiftGeNN calls, bound by name from `libcuda.so.1` (the
/// `_v2` entry points where `cuda.h` maps the plain name to one).
struct CUDADriverAPI {
  typealias Handle = OpaquePointer
  typealias GetInt = @convention(c) (UnsafeMutablePointer<Int32>?) -> Int32
  typealias Init = @convention(c) (UInt32) -> Int32
  typealias DeviceGet = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
  typealias DeviceGetName = @convention(c) (UnsafeMutablePointer<CChar>?, Int32, Int32) -> Int32
  typealias DeviceGetAttribute =
    @convention(c) (UnsafeMutablePointer<Int32>?, Int32, Int32) -> Int32
  typealias DeviceTotalMem = @convention(c) (UnsafeMutablePointer<Int>?, Int32) -> Int32
  typealias PrimaryCtxRetain = @convention(c) (UnsafeMutablePointer<Handle?>?, Int32) -> Int32
  typealias PrimaryCtxRelease = @convention(c) (Int32) -> Int32
  typealias CtxSetCurrent = @convention(c) (Handle?) -> Int32
  typealias CtxSynchronize = @convention(c) () -> Int32
  typealias MemAlloc = @convention(c) (UnsafeMutablePointer<UInt64>?, Int) -> Int32
  typealias MemFree = @convention(c) (UInt64) -> Int32
  typealias MemcpyHtoD = @convention(c) (UInt64, UnsafeRawPointer?, Int) -> Int32
  typealias MemcpyDtoH = @convention(c) (UnsafeMutableRawPointer?, UInt64, Int) -> Int32
  typealias MemsetD8 = @convention(c) (UInt64, UInt8, Int) -> Int32
  typealias MemGetInfo =
    @convention(c) (UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?)
    -> Int32
  typealias ModuleLoadData =
    @convention(c) (UnsafeMutablePointer<Handle?>?, UnsafeRawPointer?)
    -> Int32
  typealias ModuleUnload = @convention(c) (Handle?) -> Int32
  typealias ModuleGetFunction =
    @convention(c) (UnsafeMutablePointer<Handle?>?, Handle?, UnsafePointer<CChar>?) -> Int32
  typealias LaunchKernel =
    @convention(c) (
      Handle?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, Handle?,
      UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
      UnsafeMutablePointer<UnsafeMutableRawPointer?>?
    ) -> Int32
  typealias GetErrorText =
    @convention(c) (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>?) -> Int32

  let initialize: Init
  let driverGetVersion: GetInt
  let deviceGetCount: GetInt
  let deviceGet: DeviceGet
  let deviceGetName: DeviceGetName
  let deviceGetAttribute: DeviceGetAttribute
  let deviceTotalMem: DeviceTotalMem
  let primaryCtxRetain: PrimaryCtxRetain
  let primaryCtxRelease: PrimaryCtxRelease
  let ctxSetCurrent: CtxSetCurrent
  let ctxSynchronize: CtxSynchronize
  let memAlloc: MemAlloc
  let memFree: MemFree
  let memcpyHtoD: MemcpyHtoD
  let memcpyDtoH: MemcpyDtoH
  let memsetD8: MemsetD8
  let memGetInfo: MemGetInfo
  let moduleLoadData: ModuleLoadData
  let moduleUnload: ModuleUnload
  let moduleGetFunction: ModuleGetFunction
  let launchKernel: LaunchKernel
  let getErrorName: GetErrorText
  let getErrorString: GetErrorText

  /// The names bound, in order (what a too-old driver may lack).
  static let symbolNames = [
    "cuInit", "cuDriverGetVersion", "cuDeviceGetCount", "cuDeviceGet", "cuDeviceGetName",
    "cuDeviceGetAttribute", "cuDeviceTotalMem_v2", "cuDevicePrimaryCtxRetain",
    "cuDevicePrimaryCtxRelease_v2", "cuCtxSetCurrent", "cuCtxSynchronize", "cuMemAlloc_v2",
    "cuMemFree_v2", "cuMemcpyHtoD_v2", "cuMemcpyDtoH_v2", "cuMemsetD8_v2", "cuMemGetInfo_v2",
    "cuModuleLoadData", "cuModuleUnload", "cuModuleGetFunction", "cuLaunchKernel",
    "cuGetErrorName", "cuGetErrorString",
  ]

  init(_ library: SharedLibrary) throws(CUDADriverError) {
    func bind<Function>(_ name: String, as type: Function.Type) throws(CUDADriverError)
      -> Function
    {
      do {
        return try library.symbol(named: name, as: type)
      } catch {
        throw .symbolMissing(symbol: name, library: library.path)
      }
    }
    initialize = try bind("cuInit", as: Init.self)
    driverGetVersion = try bind("cuDriverGetVersion", as: GetInt.self)
    deviceGetCount = try bind("cuDeviceGetCount", as: GetInt.self)
    deviceGet = try bind("cuDeviceGet", as: DeviceGet.self)
    deviceGetName = try bind("cuDeviceGetName", as: DeviceGetName.self)
    deviceGetAttribute = try bind("cuDeviceGetAttribute", as: DeviceGetAttribute.self)
    deviceTotalMem = try bind("cuDeviceTotalMem_v2", as: DeviceTotalMem.self)
    primaryCtxRetain = try bind("cuDevicePrimaryCtxRetain", as: PrimaryCtxRetain.self)
    primaryCtxRelease = try bind("cuDevicePrimaryCtxRelease_v2", as: PrimaryCtxRelease.self)
    ctxSetCurrent = try bind("cuCtxSetCurrent", as: CtxSetCurrent.self)
    ctxSynchronize = try bind("cuCtxSynchronize", as: CtxSynchronize.self)
    memAlloc = try bind("cuMemAlloc_v2", as: MemAlloc.self)
    memFree = try bind("cuMemFree_v2", as: MemFree.self)
    memcpyHtoD = try bind("cuMemcpyHtoD_v2", as: MemcpyHtoD.self)
    memcpyDtoH = try bind("cuMemcpyDtoH_v2", as: MemcpyDtoH.self)
    memsetD8 = try bind("cuMemsetD8_v2", as: MemsetD8.self)
    memGetInfo = try bind("cuMemGetInfo_v2", as: MemGetInfo.self)
    moduleLoadData = try bind("cuModuleLoadData", as: ModuleLoadData.self)
    moduleUnload = try bind("cuModuleUnload", as: ModuleUnload.self)
    moduleGetFunction = try bind("cuModuleGetFunction", as: ModuleGetFunction.self)
    launchKernel = try bind("cuLaunchKernel", as: LaunchKernel.self)
    getErrorName = try bind("cuGetErrorName", as: GetErrorText.self)
    getErrorString = try bind("cuGetErrorString", as: GetErrorText.self)
  }
}
