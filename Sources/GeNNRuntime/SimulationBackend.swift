import GeNNModel

/// Where a model runs, with that backend's options: the one value with which Swift code,
/// the `genn` command and the Python layer pick a backend, and the one place that turns
/// the choice into a ``Simulation`` or a ``CUDASimulation``.
///
/// ```swift
/// let backend: SimulationBackend =
///   useGPU ? .cuda(CUDASimulation.Options()) : .cpu(Simulation.Options(threads: 4))
/// let simulation = try await backend.simulation(of: model)
/// try simulation.record("V", of: "Exc", every: 10)
/// try simulation.run(steps: 10_000)
/// let spikes = try simulation.spikes(of: "Exc")
/// ```
public enum SimulationBackend: Sendable {
  /// SwiftGeNN's parallel CPU backend: C++ built by the machine's compiler, run by
  /// ``Simulation``.
  case cpu(Simulation.Options)
  /// An NVIDIA GPU: CUDA compiled by NVRTC, run through the driver by
  /// ``CUDASimulation``.
  case cuda(CUDASimulation.Options)

  /// Generates the code of `model` for this backend and compiles it, unless the build
  /// cache holds it already; loads nothing.
  ///
  /// - Throws: what ``ModelBuild/init(model:options:)`` throws on the CPU (a
  ///   ``GeNNCodeGen/CodeGenError`` for a model or code string that fails to check, a
  ///   ``GeNNToolchain/ToolchainError`` for a missing or failing compiler), a
  ///   ``CUDASimulationError`` on CUDA.
  public func build(_ model: ModelSpec) async throws -> any NetworkBuild {
    switch self {
    case .cpu(let options): try await ModelBuild(model: model, options: options)
    case .cuda(let options): try CUDAModelBuild(model: model, options: options)
    }
  }

  /// Generates, compiles (or takes from the build cache), loads and initialises `model`
  /// on this backend.
  ///
  /// - Throws: what ``build(_:)`` throws, then what loading throws: a ``RuntimeError``
  ///   (or a ``GeNNToolchain/ToolchainError`` for a library that does not load) on the
  ///   CPU, a ``CUDASimulationError`` on CUDA.
  public func simulation(of model: ModelSpec) async throws -> any NetworkSimulation {
    try await build(model).load()
  }
}
