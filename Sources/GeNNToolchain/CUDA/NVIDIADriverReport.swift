/// What discovery found of the NVIDIA driver: its driver API library, its version and
/// the GPUs it drives.
public struct NVIDIADriverReport: Hashable, Sendable {
  /// Every place searched for `libcuda.so.1`, in order.
  public var libraries: [CUDACandidate]
  /// The driver's version, when known.
  public var version: NVIDIADriverVersion?
  /// Where ``version`` was read.
  public var versionEvidence: VersionEvidence?
  /// The GPUs the kernel module lists.
  public var gpus: [NVIDIAGPU]

  /// Creates a report.
  public init(
    libraries: [CUDACandidate], version: NVIDIADriverVersion? = nil,
    versionEvidence: VersionEvidence? = nil, gpus: [NVIDIAGPU] = []
  ) {
    self.libraries = libraries
    self.version = version
    self.versionEvidence = versionEvidence
    self.gpus = gpus
  }

  /// The driver library to load: the first usable one found.
  public var library: String? {
    libraries.first(where: \.isUsable)?.path
  }

  /// Whether the driver library was found.
  public var isPresent: Bool { library != nil }

  /// The newest CUDA version the driver runs, when its version is known.
  public var supportedCUDA: CUDAVersion? { version?.supportedCUDA }

  /// `550.54.15 (from /proc/driver/nvidia/version), runs CUDA 12.4 and older`, or what
  /// is known without a version.
  public var summary: String {
    guard let version else {
      return isPresent ? "version unknown" : "not found"
    }
    let evidence = versionEvidence.map { " (\($0))" } ?? ""
    return "\(version)\(evidence), runs CUDA \(version.supportedCUDA) and older"
  }
}
