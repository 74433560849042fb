import GeNNModel
import GeNNToolchain

/// A model generated and compiled for one backend (or found in the build cache), not yet
/// loaded: what ``SimulationBackend/build(_:)`` makes, `genn build` reports, and
/// ``load()`` turns into a running ``NetworkSimulation``. ``ModelBuild`` is the CPU's,
/// ``CUDAModelBuild`` the CUDA backend's.
public protocol NetworkBuild: Sendable {
  /// The model built.
  var model: ModelSpec { get }
  /// The build cache entry: the generated source, what the compiler made, its log.
  var entry: BuildCache.Entry { get }
  /// Seconds spent generating code.
  var generationSeconds: Double { get }
  /// Seconds spent finding the compiler and looking up the build cache.
  var toolchainSeconds: Double { get }
  /// Seconds spent compiling (0 on a cache hit).
  var compileSeconds: Double { get }
  /// The compiler, where it is, and what it compiled for, in words.
  var compilerSummary: String { get }
  /// What the compiler made (``entry``'s `libraryPath`), in one word.
  var productName: String { get }

  /// Loads and initialises the model with the options it was built with.
  func load() throws -> any NetworkSimulation
}
