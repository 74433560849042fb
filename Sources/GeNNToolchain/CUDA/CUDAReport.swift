/// The outcome of CUDA discovery: the driver and GPUs, every NVRTC candidate with why it
/// was used or not, the NVRTC chosen, nvcc (optional), and what is missing with how to
/// fix it.
public struct CUDAReport: Hashable, Sendable, CustomStringConvertible {
  /// The platform whose rules were applied.
  public var platform: HostPlatform
  /// The processor libraries had to be built for.
  public var architecture: MachineArchitecture
  /// The NVIDIA driver: library, version, GPUs.
  public var driver: NVIDIADriverReport
  /// Every place searched for NVRTC, in the order they are preferred.
  public var nvrtcCandidates: [CUDACandidate]
  /// The NVRTC to use, and why; `nil` when none is usable.
  public var nvrtcChoice: NVRTCChoice?
  /// Every place searched for nvcc, in order (nvcc is optional).
  public var nvccCandidates: [CUDACandidate]
  /// What the CUDA backend needs and was not found; empty when it can be used.
  public var missing: [CUDAMissingPart]

  /// Creates a report.
  public init(
    platform: HostPlatform, architecture: MachineArchitecture, driver: NVIDIADriverReport,
    nvrtcCandidates: [CUDACandidate], nvrtcChoice: NVRTCChoice?,
    nvccCandidates: [CUDACandidate], missing: [CUDAMissingPart]
  ) {
    self.platform = platform
    self.architecture = architecture
    self.driver = driver
    self.nvrtcCandidates = nvrtcCandidates
    self.nvrtcChoice = nvrtcChoice
    self.nvccCandidates = nvccCandidates
    self.missing = missing
  }

  /// Whether the CUDA backend has what it needs: a driver and an NVRTC it runs.
  public var isUsable: Bool { missing.isEmpty }

  /// The path of the NVRTC library to load, when one was chosen.
  public var nvrtcLibrary: String? { nvrtcChoice?.path }

  /// The first usable nvcc, when there is one.
  public var nvcc: CUDACandidate? { nvccCandidates.first(where: \.isUsable) }

  /// The commands that fix what is missing, in order.
  public var fixCommands: [String] { missing.compactMap(\.fixCommand) }

  /// One line for a summary table: what will be used, or why CUDA cannot be.
  public var summary: String {
    if platform != .linux { return "not available on \(platform.rawValue)" }
    guard isUsable, let nvrtcChoice else {
      return "not usable: " + missing.map(Self.shortName).joined(separator: ", ") + " missing"
    }
    let nvrtcVersion = nvrtcChoice.candidate.version.map { " \($0)" } ?? ""
    let driverVersion =
      driver.version.map { " \($0) (CUDA \($0.supportedCUDA))" } ?? " of unknown version"
    let gpus = driver.gpus.compactMap(\.model)
    let on = gpus.isEmpty ? "" : " for " + gpus.joined(separator: ", ")
    return "NVRTC\(nvrtcVersion) with driver\(driverVersion)\(on)"
  }

  /// A multi-line report for `genn doctor`.
  public var description: String {
    var lines = ["CUDA search (\(platform.rawValue), \(architecture)):"]
    if platform == .linux {
      if driver.gpus.isEmpty {
        lines.append("  GPUs: none listed in /proc/driver/nvidia/gpus")
      } else {
        lines += driver.gpus.map { "  GPU: \($0)" }
      }
      lines.append("  driver: \(driver.summary)")
      lines.append("  driver library (\(CUDAComponent.driverLibrary.fileName)):")
      lines += driver.libraries.map { "    \(Self.mark($0)) \($0)" }
      lines.append("  NVRTC (\(CUDAComponent.nvrtc.fileName)):")
      lines += nvrtcCandidates.map { "    \(Self.mark($0)) \($0)" }
      lines.append("  chosen NVRTC: " + (nvrtcChoice?.description ?? "none"))
      let found = nvccCandidates.filter(\.isUsable)
      if found.isEmpty {
        lines.append("  nvcc: none (optional: SwiftGeNN does not need it)")
      } else {
        lines += found.map { nvcc in
          let version = nvcc.versionDescription.map { " (\($0))" } ?? ""
          return "  nvcc (optional): \(nvcc.path ?? "?")\(version), from \(nvcc.origin)"
        }
      }
    }
    if missing.isEmpty {
      lines.append("  missing: nothing; the CUDA backend can be used")
    }
    for part in missing {
      lines.append("  missing: \(part)")
      if let fix = part.fixCommand { lines.append("    fix: \(fix)") }
    }
    return lines.joined(separator: "\n")
  }

  private static func mark(_ candidate: CUDACandidate) -> String {
    candidate.isUsable ? "✓" : "-"
  }

  private static func shortName(_ part: CUDAMissingPart) -> String {
    switch part {
    case .unsupportedPlatform: return "CUDA"
    case .driver: return "NVIDIA driver"
    case .driverTooOld: return "a newer NVIDIA driver"
    case .nvrtc: return "NVRTC"
    }
  }
}
