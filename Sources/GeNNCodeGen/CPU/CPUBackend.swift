import GeNNModel
import GeNNTranspiler

/// Generates the C++ of a model for the CPU: merged neuron-update and initialisation
/// code, split across a persistent pool of threads, with results bit-identical for any
/// thread count (each neuron's update depends only on its own state, and random numbers
/// are a function of the seed, the element and the step, not of the thread).
///
/// The module exports a small C interface (see ``CModuleInterface``) that the runtime
/// binds memory to and steps.
public struct CPUBackend: Backend {
  /// Whether generated code checks each index of an extra global parameter (and of a
  /// connectivity snippet's drawn row lengths) against the array's size as it runs
  /// (``IndexCheckSource``), so that an index out of range stops the run with
  /// `RuntimeError.indexOutOfRange` rather than reading or writing outside the array.
  /// On by default; `false` (`genn run --no-check`) leaves the checks out, as GeNN does,
  /// where they would keep compilers from vectorising loops that index these arrays
  /// (COBA whose neurons read one every step runs about 4x as long with them, see
  /// `docs/benchmarks.md`).
  public var checkIndices: Bool
  /// Whether the threads that run model code flush subnormal numbers to zero and read
  /// them as zero (``FloatModeSource``): on by default, as GeNN's `optimize_code` and
  /// Brian2's fast-math builds do, since arithmetic on a subnormal takes the processor's
  /// slow path (traces decaying towards zero made GeNN's SuperSpike example 15x slower a
  /// trial); `false` (`genn run --keep-subnormals`) keeps IEEE's gradual underflow. Every
  /// other result is IEEE's either way.
  public var flushesSubnormals: Bool

  /// Creates a CPU backend.
  public init(checkIndices: Bool = true, flushesSubnormals: Bool = true) {
    self.checkIndices = checkIndices
    self.flushesSubnormals = flushesSubnormals
  }

  /// Validates `model`, checks every code string, and returns the generated module.
  ///
  /// - Throws: ``CodeGenError/invalidModel(_:)`` for a model that fails validation,
  ///   ``CodeGenError/invalidCode(_:)`` for code strings that fail to check.
  public func generate(_ model: ModelSpec) throws(CodeGenError) -> GeneratedModule {
    do {
      try model.validate()
    } catch {
      throw .invalidModel(error)
    }
    var writer = CPUModuleWriter(
      model: model, checkIndices: checkIndices, flushesSubnormals: flushesSubnormals)
    writer.writeModule()
    if !writer.errors.isEmpty { throw .invalidCode(writer.errors) }
    return GeneratedModule(
      source: writer.source, arrays: writer.memory.arrays, origins: writer.output.origins)
  }
}
