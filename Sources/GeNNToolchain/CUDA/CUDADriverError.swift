/// What can go wrong while talking to the NVIDIA driver (`libcuda.so.1`).
///
/// Each description says what failed and what to do about it.
public enum CUDADriverError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No driver library was found; lists where discovery looked.
  case noDriverLibrary(searched: [String])
  /// `dlopen` refused the driver library.
  case libraryLoadFailed(path: String, reason: String)
  /// The driver library lacks a function SwiftGeNN needs: the driver is too old.
  case symbolMissing(symbol: String, library: String)
  /// The driver sees no CUDA GPU (`cuInit` said `CUDA_ERROR_NO_DEVICE`, or
  /// `cuDeviceGetCount` said 0).
  case noDevice
  /// There is no device with this ordinal.
  case deviceOutOfRange(ordinal: Int, count: Int)
  /// An allocation does not fit in the GPU's free memory.
  case outOfMemory(needed: Int, free: Int, total: Int)
  /// A driver call failed.
  case callFailed(function: String, result: CUDAResult)

  public var description: String {
    switch self {
    case .noDriverLibrary(let searched):
      let places = searched.isEmpty ? "" : " Searched: " + searched.joined(separator: ", ") + "."
      return "no NVIDIA driver library (libcuda.so.1) was found, so no GPU can be used."
        + places + " Install the NVIDIA driver for this machine's GPU (on WSL, the Windows "
        + "driver provides /usr/lib/wsl/lib/libcuda.so.1), or use the CPU backend."
    case .libraryLoadFailed(let path, let reason):
      return "could not load the NVIDIA driver library \(path): \(reason). Check that the "
        + "driver is installed for this processor, or use the CPU backend."
    case .symbolMissing(let symbol, let library):
      return "the NVIDIA driver library \(library) has no function \(symbol): the driver is "
        + "too old. Update the NVIDIA driver (CUDA 11 or later), or use the CPU backend."
    case .noDevice:
      return "the NVIDIA driver sees no CUDA GPU. Check `nvidia-smi`, that the GPU is not "
        + "hidden by CUDA_VISIBLE_DEVICES, and that this process may open /dev/nvidia*; "
        + "or use the CPU backend."
    case .deviceOutOfRange(let ordinal, let count):
      return "there is no CUDA device \(ordinal): the driver sees \(count) "
        + "(ordinals 0..<\(count)). Choose another device."
    case .outOfMemory(let needed, let free, let total):
      return "the model needs \(Self.bytes(needed)) of GPU memory but only "
        + "\(Self.bytes(free)) of \(Self.bytes(total)) is free. Make the model smaller, "
        + "record fewer steps at a time, free the GPU of other processes, or use the CPU "
        + "backend."
    case .callFailed(let function, let result):
      return "\(function) failed: \(result)." + (result.advice.map { " \($0)" } ?? "")
    }
  }

  /// `1.5 GiB (1610612736 bytes)`.
  static func bytes(_ count: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(count)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(count) bytes" }
    let rounded = (value * 10).rounded() / 10
    return "\(rounded) \(units[unit]) (\(count) bytes)"
  }
}

/// A `CUresult` from the driver API, with its name.
public struct CUDAResult: Hashable, Sendable, CustomStringConvertible {
  /// The numeric code (`0` is `CUDA_SUCCESS`).
  public var code: Int32
  /// `cuGetErrorName`'s answer, or the name from ``knownNames``.
  public var name: String
  /// `cuGetErrorString`'s answer, when the driver gave one.
  public var message: String?

  /// A result named from `knownNames` (for when the driver is not asked).
  public init(code: Int32) {
    self.init(code: code, name: Self.knownNames[code] ?? "CUresult \(code)", message: nil)
  }

  /// A result with the driver's name and message.
  public init(code: Int32, name: String, message: String?) {
    self.code = code
    self.name = name
    self.message = message
  }

  /// `CUDA_ERROR_OUT_OF_MEMORY (2: out of memory)`.
  public var description: String {
    "\(name) (\(code)" + (message.map { ": \($0)" } ?? "") + ")"
  }

  /// What to do about the result, where there is something to say.
  public var advice: String? {
    switch code {
    case 2: "Free GPU memory (other processes) or make the model smaller."
    case 3, 4: "The driver was not initialised; this is a bug of SwiftGeNN's."
    case 34: "libcuda.so.1 is the toolkit's stub, not the driver: install the NVIDIA driver."
    case 46: "The GPU is in use in exclusive mode by another process."
    case 100: "No CUDA GPU is visible: check nvidia-smi and CUDA_VISIBLE_DEVICES."
    case 200, 209, 218, 222:
      "The compiled kernels do not fit this GPU or driver: the NVRTC used may be newer than "
        + "the driver; install the NVRTC matching the driver's CUDA version."
    case 700, 701, 719:
      "A generated kernel failed on the GPU: this is a bug of SwiftGeNN's; the CPU backend "
        + "runs the same model."
    case 803, 804:
      "The driver's user-space library and kernel module differ: reboot or reinstall the "
        + "NVIDIA driver."
    case 999: "Check `nvidia-smi` and the system log (dmesg)."
    default: nil
    }
  }

  /// The `CUresult` names of the codes SwiftGeNN may meet (from `cuda.h`).
  public static let knownNames: [Int32: String] = [
    0: "CUDA_SUCCESS",
    1: "CUDA_ERROR_INVALID_VALUE",
    2: "CUDA_ERROR_OUT_OF_MEMORY",
    3: "CUDA_ERROR_NOT_INITIALIZED",
    4: "CUDA_ERROR_DEINITIALIZED",
    34: "CUDA_ERROR_STUB_LIBRARY",
    46: "CUDA_ERROR_DEVICE_UNAVAILABLE",
    100: "CUDA_ERROR_NO_DEVICE",
    101: "CUDA_ERROR_INVALID_DEVICE",
    200: "CUDA_ERROR_INVALID_IMAGE",
    201: "CUDA_ERROR_INVALID_CONTEXT",
    209: "CUDA_ERROR_NO_BINARY_FOR_GPU",
    218: "CUDA_ERROR_INVALID_PTX",
    222: "CUDA_ERROR_UNSUPPORTED_PTX_VERSION",
    300: "CUDA_ERROR_INVALID_SOURCE",
    301: "CUDA_ERROR_FILE_NOT_FOUND",
    400: "CUDA_ERROR_INVALID_HANDLE",
    500: "CUDA_ERROR_NOT_FOUND",
    700: "CUDA_ERROR_ILLEGAL_ADDRESS",
    701: "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES",
    702: "CUDA_ERROR_LAUNCH_TIMEOUT",
    719: "CUDA_ERROR_LAUNCH_FAILED",
    802: "CUDA_ERROR_SYSTEM_NOT_READY",
    803: "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH",
    804: "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE",
    999: "CUDA_ERROR_UNKNOWN",
  ]
}
