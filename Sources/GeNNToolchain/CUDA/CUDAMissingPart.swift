/// A part the CUDA backend needs that discovery did not find, with how to get it.
public enum CUDAMissingPart: Hashable, Sendable, CustomStringConvertible {
  /// CUDA does not exist on this platform (macOS).
  case unsupportedPlatform(HostPlatform)
  /// No usable NVIDIA driver library (`libcuda.so.1`).
  case driver
  /// The driver is too old for any NVRTC that pip installs (it runs CUDA 10 or older).
  case driverTooOld(version: NVIDIADriverVersion, minimumMajor: Int)
  /// No usable NVRTC; this pip package provides one the driver runs.
  case nvrtc(pipPackage: String)

  /// The one command that fixes it, when there is one.
  public var fixCommand: String? {
    switch self {
    case .nvrtc(let package): return "python3 -m pip install \(package)"
    case .unsupportedPlatform, .driver, .driverTooOld: return nil
    }
  }

  /// What is missing and what follows from it.
  public var description: String {
    switch self {
    case .unsupportedPlatform(let platform):
      return "CUDA: there is no CUDA on \(platform.rawValue), so the CPU backend is used"
    case .driver:
      return "NVIDIA driver: no usable libcuda.so.1; an NVIDIA GPU and driver are needed "
        + "for the CUDA backend, so the CPU backend is used"
    case .driverTooOld(let version, let minimumMajor):
      return "a newer NVIDIA driver: \(version) runs CUDA \(version.supportedCUDA) only; "
        + "install driver \(minimumMajor) or newer for the CUDA backend"
    case .nvrtc:
      return "NVRTC (libnvrtc.so, the CUDA runtime compiler) that the driver runs, "
        + "which the CUDA backend needs"
    }
  }
}
