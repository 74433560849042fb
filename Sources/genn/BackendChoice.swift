import ArgumentParser
import GeNNRuntime
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

    /// The CPU backend, for `reason`.
    static func cpu(_ reason: String) -> Selection { Selection(name: "cpu", reason: reason) }
    /// The CUDA backend, for `reason`.
    static func cuda(_ reason: String) -> Selection { Selection(name: "cuda", reason: reason) }

    /// Whether the CUDA backend was chosen.
    var isCUDA: Bool { name == "cuda" }

    /// The runtime's backend for this choice: the CPU's on `threads` (`nil`: every
    /// core), or CUDA through the driver and NVRTC that `cuda` found; `checkIndices` as
    /// `--check` says, `flushSubnormals` as `--keep-subnormals` does not (the CPU's; GPUs
    /// handle subnormals at full speed).
    func backend(
      threads: Int?, checkIndices: Bool, flushSubnormals: Bool = true, cuda: CUDAReport
    ) -> SimulationBackend {
      isCUDA
        ? .cuda(
          CUDASimulation.Options(
            nvrtcLibrary: cuda.nvrtcLibrary, driverLibrary: cuda.driver.library,
            checkIndices: checkIndices))
        : .cpu(
          Simulation.Options(
            threads: threads, checkIndices: checkIndices, flushSubnormals: flushSubnormals))
    }
  }

  /// The backend to use, given what CUDA discovery found on this machine.
  ///
  /// `auto` takes CUDA when discovery found a usable driver, GPU and NVRTC, and says
  /// which it chose and why; `cuda` is an error saying what is missing (with the command
  /// that installs it).
  func select(cuda: CUDAReport) throws(CommandError) -> Selection {
    switch self {
    case .cpu:
      return .cpu("asked for with --backend cpu")
    case .auto:
      guard cuda.isUsable else { return .cpu("auto: CUDA is \(cuda.summary)") }
      return .cuda("auto: found \(cuda.summary)")
    case .cuda:
      guard cuda.isUsable else {
        let fixes = cuda.fixCommands.map { "; to fix it: \($0)" }.joined()
        throw .backendUnavailable(
          "cuda",
          reason: "on this machine, CUDA is \(cuda.summary)\(fixes). Run `genn doctor` for "
            + "every place searched, or use --backend cpu")
      }
      return .cuda("asked for with --backend cuda; found \(cuda.summary)")
    }
  }
}
