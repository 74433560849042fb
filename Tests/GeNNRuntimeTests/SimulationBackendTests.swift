import Foundation
import GeNNCodeGen
import GeNNModel
import GeNNToolchain
import GeNNTranspiler
import Testing

@testable import GeNNRuntime

/// One path to either backend: a ``SimulationBackend`` value builds a ``NetworkBuild``,
/// which loads a ``NetworkSimulation``, on the CPU always and on CUDA where a GPU is.
@Suite struct SimulationBackendTests {
  /// The CPU backend with the test cache, every step on every thread.
  static func cpu(threads: Int? = nil) -> SimulationBackend {
    .cpu(.init(threads: threads, cacheDirectory: testCacheDirectory, parallelMinimum: 0))
  }

  /// The CUDA backend with the test cache and the NVRTC discovery finds.
  static let cuda = SimulationBackend.cuda(
    .init(
      nvrtcLibrary: CUDASimulationTests.nvrtc.path,
      driverLibrary: CUDASimulationTests.driverLibrary, cacheDirectory: testCacheDirectory))

  @Test("the CPU value builds a ModelBuild that loads a Simulation giving Simulation's spikes")
  func cpuPath() async throws {
    let model = CUDASimulationTests.lifModel()
    let build = try await Self.cpu(threads: 2).build(model)
    let modelBuild = try #require(build as? ModelBuild)
    #expect(build.productName == "library")
    #expect(build.compilerSummary.hasPrefix(modelBuild.toolchain.identity.versionLine))
    #expect(build.entry.sourcePath.lastPathComponent == "model.cc")
    let simulation = try build.load()
    #expect(simulation is Simulation)
    // The options the build was made with travel with it.
    #expect(simulation.threads == 2)
    try simulation.run(steps: 200)
    let direct = try await simulate(model)
    try direct.run(steps: 200)
    let spikes = try simulation.spikes(of: "Pop")
    #expect(spikes.count > 0)
    #expect(spikes == (try direct.spikes(of: "Pop")))
    #expect(try simulation.values(of: "V", in: "Pop") == (try direct.values(of: "V", in: "Pop")))
  }

  @Test("simulation(of:) builds and loads in one call")
  func simulationInOneCall() async throws {
    let simulation = try await Self.cpu().simulation(of: CUDASimulationTests.lifModel())
    try simulation.run(steps: 10)
    #expect(simulation.timestep == 10)
  }

  @Test("an invalid model fails on either backend with the same CodeGenError, before any GPU")
  func invalidModelOnEither() async {
    var model = CUDASimulationTests.lifModel()
    model.neuronPopulations[0].params["TauM"] = nil
    var messages: [String] = []
    do {
      _ = try await Self.cpu().build(model)
      Issue.record("the CPU built an invalid model")
    } catch let error as CodeGenError {
      messages.append(error.description)
    } catch {
      Issue.record("expected a CodeGenError, got \(error)")
    }
    do {
      _ = try await Self.cuda.build(model)
      Issue.record("CUDA built an invalid model")
    } catch CUDASimulationError.generation(let error) {
      messages.append(error.description)
    } catch {
      Issue.record("expected CUDASimulationError.generation, got \(error)")
    }
    #expect(messages.count == 2 && messages[0] == messages[1])
  }

  @Test(
    "without a driver, the CUDA value says so",
    .enabled(if: CUDASimulationTests.driverLibrary == nil, "this machine has an NVIDIA driver"))
  func cudaWithoutDriver() async {
    do {
      _ = try await Self.cuda.simulation(of: CUDASimulationTests.lifModel())
      Issue.record("a CUDA simulation started without a driver")
    } catch CUDASimulationError.driver(.noDriverLibrary) {
    } catch {
      Issue.record("expected driver(noDriverLibrary), got \(error)")
    }
  }

  @Test(
    "on a GPU: the CUDA value builds a cubin that loads a CUDASimulation agreeing with the CPU",
    .enabled(
      if: CUDASimulationTests.driverLibrary != nil && CUDASimulationTests.nvrtc.path != nil,
      CUDASimulationTests.gpuReason))
  func cudaPath() async throws {
    let model = CUDASimulationTests.lifModel()
    let build = try await Self.cuda.build(model)
    #expect(build is CUDAModelBuild)
    #expect(build.productName == "cubin")
    #expect(build.compilerSummary.contains("NVRTC"))
    let simulation = try build.load()
    #expect(simulation is CUDASimulation)
    try simulation.run(steps: 200)
    let cpu = try await Self.cpu().simulation(of: model)
    try cpu.run(steps: 200)
    #expect(try simulation.spikes(of: "Pop") == (try cpu.spikes(of: "Pop")))
  }

  @Test(
    "a state array reads and writes its elements as its layout's NumericType",
    arguments: NumericType.allCases)
  func stateArrayIsTyped(type: NumericType) {
    let layout = ArrayLayout(
      role: .neuronVariable(population: "P", variable: "v"), elementType: type, count: 3)
    let array = StateArray(layout: layout)
    #expect(array.bytes == 3 * layout.elementSize)
    array.store([1, 0, -2.5])
    let expected: [Double] =
      switch type {
      case .float, .double: [1, 0, -2.5]
      case .bool: [1, 0, 1]
      default: [1, 0, type.isSigned ? -2 : 0]
      }
    #expect(array.load() == expected)
    // The bytes are those of the type: a 1 in the first element's lowest byte.
    #expect(array.pointer.load(as: UInt8.self) == (type == .float || type == .double ? 0 : 1))
  }

  @Test("recorded bits decode to steps, ids and times, row by row")
  func recordedSpikesDecode() throws {
    var model = ModelSpec(name: "bits", dt: 0.5)
    model.addNeuronPopulation(
      "P", size: 40, model: .poisson, params: ["rate": 1], vars: ["timeStepToSpike": 0.0],
      recordSpikes: true)
    let module = try CPUBackend().generate(model)
    var spikes = RecordedSpikes(
      state: ModelState(model: model, module: module, recordingRows: 2))
    let buffer = try #require(spikes.buffers.first)
    #expect(spikes.buffers.count == 1 && buffer.words == 2)
    let bits: [UInt32] = [0b101, 1 << 7, 0, 1]
    bits.withUnsafeBufferPointer { spikes.append($0, of: buffer, rows: 2, firstStep: 10) }
    let source = try spikes.source(ofSpikes: "P")
    #expect(spikes[source].steps == [10, 10, 10, 11])
    #expect(spikes[source].ids == [0, 2, 39, 32])
    #expect(spikes[source].times == [5, 5, 5, 5.5])
    #expect(spikes.count == 4)
    #expect(throws: RuntimeError.self) { try spikes.source(ofSpikes: "Q") }
  }
}
