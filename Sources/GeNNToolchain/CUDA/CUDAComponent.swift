/// A part of CUDA that discovery looks for.
public enum CUDAComponent: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
  /// NVRTC, the runtime compiler that turns generated CUDA into cubins
  /// (`libnvrtc.so.N`). The CUDA backend needs it.
  case nvrtc
  /// The driver API library from the NVIDIA driver (`libcuda.so.1`), which loads and
  /// launches cubins. The CUDA backend needs it.
  case driverLibrary
  /// The CUDA compiler driver `nvcc`. Optional: SwiftGeNN never needs it.
  case nvcc

  /// The file discovery looks for: `libnvrtc.so.*`, `libcuda.so.1` or `nvcc`.
  public var fileName: String {
    switch self {
    case .nvrtc: return "libnvrtc.so.*"
    case .driverLibrary: return "libcuda.so.1"
    case .nvcc: return "nvcc"
    }
  }

  /// `NVRTC`, `NVIDIA driver library` or `nvcc`.
  public var description: String {
    switch self {
    case .nvrtc: return "NVRTC"
    case .driverLibrary: return "NVIDIA driver library"
    case .nvcc: return "nvcc"
    }
  }
}
