import ArgumentParser

/// The backend a command was asked to use.
enum BackendChoice: String, CaseIterable, ExpressibleByArgument {
  /// CUDA where a usable GPU and NVRTC are found, else the CPU.
  case auto
  /// SwiftGeNN's parallel CPU backend.
  case cpu
  /// The CUDA backend.
  case cuda

  /// The backend chosen, and why it was chosen.
  struct Selection: Hashable {
    /// The backend's name, as in `--backend`.
    var name: String
    /// Why it was chosen, for the report and `summary.json`.
    var reason: String
  }

  /// The backend to use for this choice on this machine.
  ///
  /// - Throws: ``CommandError/backendUnavailable(_:reason:)`` for `cuda`, which this
  ///   version does not have yet.
  func select() throws(CommandError) -> Selection {
    switch self {
    case .auto:
      Selection(
        name: "cpu",
        reason: "auto: this version of SwiftGeNN has no CUDA backend yet, so the CPU runs it")
    case .cpu:
      Selection(name: "cpu", reason: "asked for with --backend cpu")
    case .cuda:
      throw .backendUnavailable(
        "cuda",
        reason: "this version of SwiftGeNN has no CUDA backend yet; use --backend cpu or auto")
    }
  }
}
