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

  @Test("a state array the system cannot allocate is an error naming it, not a crash")
  func stateArrayTooLargeForTheSystem() {
    for (count, rows) in [(1 << 58, 1), (Int.max / 2, 3)] {
      let layout = ArrayLayout(
        role: .neuronVariable(population: "P", variable: "v"), elementType: .float, count: count)
      let error = #expect(throws: RuntimeError.self) { try StateArray(layout: layout, rows: rows) }
      #expect(
        error?.description.contains("of memory for neuron population 'P' variable 'v'")
          == true, "\(String(describing: error))")
    }
  }

  @Test(
    "a state array reads and writes its elements as its layout's NumericType",
    arguments: NumericType.allCases)
  func stateArrayIsTyped(type: NumericType) throws {
    let layout = ArrayLayout(
      role: .neuronVariable(population: "P", variable: "v"), elementType: type, count: 3)
    let array = try StateArray(layout: layout)
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

  @Test("recorded bits decode to steps, ids and times, row by row, and are cleared")
  func recordedSpikesDecode() throws {
    var model = ModelSpec(name: "bits", dt: 0.5)
    for (name, size) in [("P", 40), ("Q", 70)] {
      model.addNeuronPopulation(
        name, size: size, model: .poisson, params: ["rate": 1],
        vars: ["timeStepToSpike": 0.0], recordSpikes: true)
    }
    let module = try CPUBackend().generate(model)
    var spikes = RecordedSpikes(
      state: try ModelState(model: model, module: module, recordingRows: 2))
    #expect(spikes.buffers.map(\.words) == [2, 3])
    // Two words a row: read as one 64-bit pair.
    var bits: [UInt32] = [0b101, 1 << 7, 0, 1]
    bits.withUnsafeMutableBufferPointer {
      spikes.take($0, of: spikes.buffers[0], rows: 2, firstStep: 10)
    }
    #expect(bits == [0, 0, 0, 0])
    let p = try spikes.source(ofSpikes: "P")
    #expect(spikes[p].steps == [10, 10, 10, 11])
    #expect(spikes[p].ids == [0, 2, 39, 32])
    #expect(spikes[p].times == [5, 5, 5, 5.5])
    // Three words a row: a pair and a single word, the second row's pair unaligned.
    var odd: [UInt32] = [0, 1 << 31, 1 << 5, 1, 0, 1 << 2 | 1]
    odd.withUnsafeMutableBufferPointer {
      spikes.take($0, of: spikes.buffers[1], rows: 2, firstStep: 0)
    }
    #expect(odd == [UInt32](repeating: 0, count: 6))
    let q = try spikes.source(ofSpikes: "Q")
    #expect(spikes[q].steps == [0, 0, 1, 1, 1])
    #expect(spikes[q].ids == [63, 69, 0, 64, 66])
    #expect(spikes.count == 9)
    #expect(throws: RuntimeError.self) { try spikes.source(ofSpikes: "R") }
  }

  @Test("spike buffers hold as many steps as fit in a core's cache, at most those asked for")
  func recordingRowsFitTheCache() throws {
    var model = ModelSpec(name: "rows", dt: 0.1)
    for (name, size) in [("Big", 64_000), ("Small", 100)] {
      model.addNeuronPopulation(
        name, size: size, model: .poisson, params: ["rate": 1],
        vars: ["timeStepToSpike": 0.0], recordSpikes: true)
    }
    let arrays = try CPUBackend().generate(model).arrays
    // 2,000 + 4 words a step, 8,016 bytes: 32 steps fit in 256 KiB.
    #expect(Simulation.cachedRecordingBytes == 256 * 1024)
    #expect(Simulation.recordingRows(requested: 1000, arrays: arrays) == 32)
    #expect(Simulation.recordingRows(requested: 10, arrays: arrays) == 10)
    #expect(Simulation.recordingRows(requested: 0, arrays: arrays) == 1)
    var quiet = ModelSpec(name: "quiet", dt: 0.1)
    quiet.addNeuronPopulation(
      "P", size: 64_000, model: .poisson, params: ["rate": 1], vars: ["timeStepToSpike": 0.0])
    let unrecorded = try CPUBackend().generate(quiet).arrays
    #expect(Simulation.recordingRows(requested: 1000, arrays: unrecorded) == 1000)
  }

  @Test("spikes gathered every few steps are those gathered every step")
  func spikesGatheredInCacheSizedBuffers() async throws {
    var model = ModelSpec(name: "gathered_rows", dt: 0.1, seed: 5)
    // 70,000 neurons: 2,188 words a step, so 29 steps a buffer, and an odd number of words.
    model.addNeuronPopulation(
      "P", size: 70_000, model: .poisson, params: ["rate": 200],
      vars: ["timeStepToSpike": 0.0], recordSpikes: true)
    let options = { (capacity: Int) in
      Simulation.Options(
        threads: 2, cacheDirectory: testCacheDirectory, recordingCapacity: capacity,
        parallelMinimum: 0)
    }
    let buffered = try await Simulation(model: model, options: options(1000))
    let stepwise = try await Simulation(model: model, options: options(1))
    try buffered.run(steps: 70)
    try buffered.run(steps: 30)
    try stepwise.run(steps: 100)
    let spikes = try buffered.spikes(of: "P")
    #expect(spikes.count > 100_000)
    #expect(spikes == (try stepwise.spikes(of: "P")))
    #expect(spikes.steps == spikes.steps.sorted())
  }
}
