import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Model code flushes subnormal numbers to zero by default (`genn::FloatMode`: the
/// processor's slow path for them made traces decaying towards zero many times slower),
/// on every thread that runs it, and leaves the calling thread's mode as it found it;
/// `flushSubnormals: false` keeps IEEE's gradual underflow.
@Suite struct FloatModeTests {
  /// Neurons that set `x` to half their `y`, 2e-38: a subnormal number (`Float`'s least
  /// normal is 1.18e-38) every step, on whichever thread updates them; enough neurons that
  /// each thread of a shared step takes some.
  static let size = 65_536

  static func halving() -> ModelSpec {
    var model = ModelSpec(name: "halving", precision: .float, dt: 1)
    model.addNeuronPopulation(
      "N", size: size,
      model: NeuronModel(
        name: "Halving", vars: [Variable("x"), Variable("y")], simCode: "x = y * 0.5;"),
      vars: ["x": 0, "y": 2e-38])
    return model
  }

  /// `x / 2`, worked out at run time on the calling thread.
  @inline(never) static func half(_ x: Float) -> Float { x / 2 }

  @Test(arguments: [1, 2])
  func subnormalResultsAreFlushedOnEveryThread(threads: Int) async throws {
    let simulation = try await simulate(Self.halving(), threads: threads)
    for _ in 0..<20 {
      try simulation.run(steps: 1)
      #expect(try simulation.values(of: "x", in: "N") == [Double](repeating: 0, count: Self.size))
    }
    // The caller's own arithmetic still underflows gradually.
    #expect(Self.half(.leastNormalMagnitude) == .leastNormalMagnitude / 2)
    #expect(Self.half(.leastNormalMagnitude) != 0)
  }

  @Test(arguments: [1, 2])
  func subnormalsAreKeptWhenAskedFor(threads: Int) async throws {
    let simulation = try await Simulation(
      model: Self.halving(),
      options: .init(
        threads: threads, cacheDirectory: testCacheDirectory, parallelMinimum: 0,
        flushSubnormals: false))
    try simulation.run(steps: 3)
    let x = Self.half(2e-38)
    #expect(x != 0 && !x.isNormal)
    #expect(
      try simulation.values(of: "x", in: "N") == [Double](repeating: Double(x), count: Self.size))
  }

  @Test func everyEntryIntoModelCodeSetsTheMode() throws {
    let flushing = try CPUBackend().generate(Self.halving()).source
    #expect(flushing.contains("constexpr bool kFlushSubnormals = true;"))
    // Initialisation, the steps and the worker threads.
    #expect(flushing.components(separatedBy: "const genn::FloatMode mode;").count == 3)
    #expect(flushing.contains("const FloatMode mode;"))
    let keeping = try CPUBackend(flushesSubnormals: false).generate(Self.halving()).source
    #expect(keeping.contains("constexpr bool kFlushSubnormals = false;"))
  }
}
