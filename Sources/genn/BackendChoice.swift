import ArgumentParser
import GeNNToolchain

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

  /// The backend to use for this choice, given what CUDA discovery found on this machine.
  ///
  /// `genn` runs models on the CPU backend in this version: the CUDA backend covers
  /// neurons, current sources and static DENSE/SPARSE synapses, and has not yet run on a
  /// GPU. `auto` says so, with what
  /// discovery found; `cuda` is an error saying what is missing (and the command that
  /// installs it) or that `genn run` cannot use CUDA yet.
  func select(cuda: CUDAReport) throws(CommandError) -> Selection {
    switch self {
    case .cpu:
      return Selection(name: "cpu", reason: "asked for with --backend cpu")
    case .auto:
      let found = cuda.isUsable ? "CUDA here: \(cuda.summary)" : "CUDA is \(cuda.summary)"
      return Selection(
        name: "cpu",
        reason: "auto: \(found); this version of genn runs models on the CPU backend")
    case .cuda:
      guard cuda.isUsable else {
        let fixes = cuda.fixCommands.map { "; to fix it: \($0)" }.joined()
        throw .backendUnavailable(
          "cuda",
          reason: "on this machine, CUDA is \(cuda.summary)\(fixes). Run `genn doctor` for "
            + "every place searched, or use --backend cpu")
      }
      throw .backendUnavailable(
        "cuda",
        reason: "found \(cuda.summary), but this version of genn does not run models on the "
          + "CUDA backend yet; use --backend cpu or auto")
    }
  }
}
