/// The NVRTC library discovery picked, and why.
public struct NVRTCChoice: Hashable, Sendable, CustomStringConvertible {
  /// Why this library was picked over the others.
  public enum Reason: Hashable, Sendable, CustomStringConvertible {
    /// It is the file `$GENN_NVRTC_LIBRARY` names, which always comes first.
    case requested
    /// It is the first usable one whose CUDA major version the driver runs; `passedOver`
    /// usable ones before it were of unknown version.
    case supportedByDriver(driver: NVIDIADriverVersion, supports: CUDAVersion, passedOver: Int)
    /// It is the first usable one, of unknown version; the driver's version is known but
    /// no usable NVRTC says its own.
    case versionUnknown(driver: NVIDIADriverVersion, supports: CUDAVersion)
    /// It is the first usable one; the driver's version is unknown, so nothing was checked
    /// against it.
    case driverVersionUnknown
    /// It is the first usable one; there is no driver to check it against.
    case noDriver

    /// Why, in words.
    public var description: String {
      switch self {
      case .requested:
        return "named by $GENN_NVRTC_LIBRARY"
      case .supportedByDriver(let driver, let supports, let passedOver):
        let skipped =
          passedOver == 0
          ? "" : "; preferred over \(passedOver) earlier one(s) of unknown version"
        return "the first usable one whose CUDA major version driver \(driver) runs "
          + "(CUDA \(supports) and older)\(skipped)"
      case .versionUnknown(let driver, let supports):
        return "the first usable one; its version is unknown, so it may not match driver "
          + "\(driver) (CUDA \(supports) and older)"
      case .driverVersionUnknown:
        return "the first usable one; the driver's version is unknown, so it was not checked"
      case .noDriver:
        return "the first usable one; there is no NVIDIA driver to check it against"
      }
    }
  }

  /// The chosen candidate (usable, with its path).
  public var candidate: CUDACandidate
  /// Why it was chosen.
  public var reason: Reason

  /// Creates a choice.
  public init(candidate: CUDACandidate, reason: Reason) {
    self.candidate = candidate
    self.reason = reason
  }

  /// The library's path.
  public var path: String { candidate.path ?? "" }

  /// `/usr/local/cuda/lib64/libnvrtc.so.12 (CUDA 12.4.127, from …): the first usable …`.
  public var description: String {
    let version = candidate.versionDescription.map { " (\($0))" } ?? ""
    return "\(path)\(version), from \(candidate.origin): \(reason)"
  }
}
