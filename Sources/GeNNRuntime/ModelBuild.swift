import Foundation
import GeNNCodeGen
import GeNNModel
import GeNNToolchain

/// A model whose C++ is generated and compiled (or found in the build cache), ready to
/// be loaded by ``Simulation/init(build:options:)``, or only looked at: the CPU's
/// ``NetworkBuild``.
///
/// ```swift
/// let build = try await ModelBuild(model: model)
/// print(build.entry.sourcePath.path)   // the generated C++
/// let simulation = try Simulation(build: build)
/// ```
public struct ModelBuild: NetworkBuild {
  /// The model the code was generated for.
  public var model: ModelSpec
  /// How it was built, and how it runs once loaded.
  public var options: Simulation.Options
  /// The generated code and the arrays it binds.
  public var module: GeneratedModule
  /// The compiler that built it.
  public var toolchain: Toolchain
  /// The build cache entry: the generated source, the library and the compiler's log.
  public var entry: BuildCache.Entry
  /// Seconds spent generating code.
  public var generationSeconds: Double
  /// Seconds spent finding the compiler and looking up the build cache.
  public var toolchainSeconds: Double
  /// Seconds spent compiling (0 on a cache hit).
  public var compileSeconds: Double

  /// Generates the code of `model` and compiles it into the build cache of `options`
  /// (with its toolchain, or one found by ``Toolchain/detect(environment:)``), unless the
  /// cache already holds it.
  public init(model: ModelSpec, options: Simulation.Options = Simulation.Options()) async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let module = try CPUBackend(
      checkIndices: options.checkIndices, flushesSubnormals: options.flushSubnormals
    ).generate(model)
    let generated = clock.now
    let toolchain: Toolchain
    if let given = options.toolchain {
      toolchain = given
    } else {
      toolchain = try await Toolchain.detect()
    }
    let cache = BuildCache(root: options.cacheDirectory)
    let entry = try await cache.library(
      for: module.source, named: model.name, toolchain: toolchain,
      lineAnnotator: { module.origin(ofLine: $0)?.description })
    self.model = model
    self.options = options
    self.module = module
    self.toolchain = toolchain
    self.entry = entry
    generationSeconds = (generated - start).seconds
    toolchainSeconds = (clock.now - generated).seconds - entry.buildSeconds
    compileSeconds = entry.buildSeconds
  }

  /// The compiler's version line and path.
  public var compilerSummary: String {
    "\(toolchain.identity.versionLine) (\(toolchain.compiler))"
  }

  /// `library`: a shared library the runtime loads.
  public var productName: String { "library" }

  /// Loads and initialises the library as ``options`` say.
  public func load() throws -> any NetworkSimulation {
    try Simulation(build: self)
  }
}
