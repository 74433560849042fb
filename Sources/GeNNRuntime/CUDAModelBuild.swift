import Foundation
import GeNNCodeGen
import GeNNModel
import GeNNToolchain

/// A model's CUDA generated and compiled to a cubin for one GPU, not yet loaded: what
/// `genn build --backend cuda` makes and ``CUDASimulation/init(build:options:)`` loads,
/// the CUDA backend's ``NetworkBuild``.
///
/// The cubin is compiled by NVRTC for the GPU's architecture (asked from the driver) and
/// kept in the build cache, so a second build of the same model for the same GPU and
/// NVRTC compiles nothing.
public struct CUDAModelBuild: NetworkBuild, @unchecked Sendable {
  // @unchecked: `driver` is a class whose state is immutable after init.
  /// The model built.
  public var model: ModelSpec
  /// How it was built, and how it runs once loaded.
  public var options: CUDASimulation.Options
  /// The generated module and its launch plan.
  public var module: CUDAModule
  /// The build cache entry: `model.cu`, the cubin, NVRTC's log.
  public var entry: BuildCache.Entry
  /// The GPU the cubin is for.
  public var device: CUDADevice
  /// The driver that found the GPU.
  public var driver: CUDADriver
  /// NVRTC's version and path and the architecture compiled for, in words.
  public var compilerDescription: String
  /// Seconds spent generating code.
  public var generationSeconds: Double
  /// Seconds spent loading the driver and NVRTC and looking up the build cache.
  public var toolchainSeconds: Double
  /// Seconds NVRTC compiled (0 on a cache hit).
  public var compileSeconds: Double

  /// Generates the CUDA of `model`, loads the driver and NVRTC (those of `options`, else
  /// the ones discovery finds), checks that the driver runs NVRTC's CUDA version, and
  /// compiles the cubin for the GPU `options.device` into the build cache, unless the
  /// cache already holds it.
  ///
  /// - Throws: ``CUDASimulationError/generation(_:)``, ``CUDASimulationError/driver(_:)``
  ///   (no GPU, no driver), ``CUDASimulationError/compilation(_:origin:)`` (no NVRTC, or
  ///   NVRTC rejected the code: the generated line's model element),
  ///   ``CUDASimulationError/nvrtcNewerThanDriver(nvrtc:nvrtcPath:driver:)``,
  ///   ``CUDASimulationError/buildCache(_:)``.
  public init(model: ModelSpec, options: CUDASimulation.Options = CUDASimulation.Options())
    throws(CUDASimulationError)
  {
    let clock = ContinuousClock()
    let start = clock.now
    do {
      module = try CUDABackend(checkIndices: options.checkIndices).generate(model)
    } catch {
      throw .generation(error)
    }
    let generated = clock.now
    do throws(CUDADriverError) {
      if let path = options.driverLibrary {
        driver = try CUDADriver(path: path)
      } else {
        driver = try CUDADriver()
      }
      device = try driver.device(options.device)
    } catch {
      throw .driver(error)
    }
    let nvrtc: NVRTCCompiler
    do throws(NVRTCError) {
      if let path = options.nvrtcLibrary {
        nvrtc = try NVRTCCompiler(path: path)
      } else {
        nvrtc = try NVRTCCompiler()
      }
    } catch {
      throw .compilation(error, origin: nil)
    }
    guard nvrtc.version.major <= driver.version.major else {
      throw .nvrtcNewerThanDriver(
        nvrtc: nvrtc.version, nvrtcPath: nvrtc.path, driver: driver.version)
    }
    let architecture = device.computeCapability.architecture
    do {
      entry = try BuildCache(root: options.cacheDirectory).cubin(
        for: module.source, named: model.name, compiler: nvrtc, architecture: architecture)
    } catch let error as NVRTCError {
      var origin: String?
      if case .compilationFailed(let failure) = error, let line = failure.errorLine {
        origin = module.origin(ofLine: line)?.description
      }
      throw .compilation(error, origin: origin)
    } catch let error as ToolchainError {
      throw .buildCache(error)
    } catch {
      throw .buildCache(
        .cacheOperationFailed(
          operation: "store the cubin in", path: BuildCache(root: options.cacheDirectory).root.path,
          reason: "\(error)"))
    }
    self.model = model
    self.options = options
    compilerDescription = "NVRTC \(nvrtc.version) (\(nvrtc.path)) for \(architecture)"
    generationSeconds = (generated - start).seconds
    toolchainSeconds = (clock.now - generated).seconds - entry.buildSeconds
    compileSeconds = entry.buildSeconds
  }

  /// NVRTC's version and path, the architecture compiled for, and the GPU.
  public var compilerSummary: String { "\(compilerDescription), GPU \(device.name)" }

  /// `cubin`: the kernels compiled for the GPU, which the driver loads.
  public var productName: String { "cubin" }

  /// Loads the cubin on the GPU and initialises the model as ``options`` say.
  public func load() throws -> any NetworkSimulation {
    try CUDASimulation(build: self)
  }
}
