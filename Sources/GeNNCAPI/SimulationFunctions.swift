import CGeNN
import Dispatch
import SwiftGeNN

/// Builds and loads a model on a backend.
@_cdecl("genn_simulation_create")
public func createSimulation(
  _ model: OpaquePointer?, _ backend: UnsafePointer<CChar>?, _ threads: Int32, _ error: ErrorOut?
) -> OpaquePointer? {
  guard let model else {
    report("\(CInterfaceError.nullArgument("model"))", to: error)
    return nil
  }
  let file = Handle.object(model, as: ModelHandle.self).file
  return reporting(error, failure: nil, placingIn: file) {
    () throws -> OpaquePointer? in
    let choice = try backendChoice(try argument(backend, "backend"), threads: threads)
    let build = try waitFor { try await choice.build(file.model) }
    let simulation = try build.load()
    return Handle.open(SimulationHandle(simulation: simulation, file: file))
  }
}

/// Frees a simulation, stopping its threads and freeing its memory.
@_cdecl("genn_simulation_free")
public func freeSimulation(_ simulation: OpaquePointer?) {
  Handle.close(simulation, as: SimulationHandle.self)
}

/// Runs time steps.
@_cdecl("genn_simulation_step")
public func stepSimulation(
  _ simulation: OpaquePointer?, _ steps: UInt64, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    try simulation.run(steps: Int(clamping: steps))
  }
}

/// Runs the custom updates of an update group once.
@_cdecl("genn_simulation_custom_update")
public func runCustomUpdate(
  _ simulation: OpaquePointer?, _ group: UnsafePointer<CChar>?, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    try simulation.customUpdate(try argument(group, "group"))
  }
}

/// The steps run since the start.
@_cdecl("genn_simulation_timestep")
public func simulationTimestep(_ simulation: OpaquePointer?) -> UInt64 {
  guard let simulation else { return 0 }
  return Handle.object(simulation, as: SimulationHandle.self).simulation.timestep
}

/// The time at the start of the next step, in ms.
@_cdecl("genn_simulation_time")
public func simulationTime(_ simulation: OpaquePointer?) -> Double {
  guard let simulation else { return 0 }
  return Handle.object(simulation, as: SimulationHandle.self).simulation.t
}

/// The array of a variable in place.
@_cdecl("genn_simulation_variable")
public func simulationVariable(
  _ simulation: OpaquePointer?, _ element: UnsafePointer<CChar>?,
  _ variable: UnsafePointer<CChar>?, _ array: UnsafeMutablePointer<genn_array>?,
  _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    guard let array else { throw CInterfaceError.nullArgument("array") }
    guard let cpu = simulation as? Simulation else {
      throw CInterfaceError.noSharedMemory(backend: "cuda")
    }
    let memory = try cpu.stateMemory(
      of: try argument(variable, "variable"), in: try argument(element, "element"))
    array.pointee = genn_array(
      data: memory.pointer, type: ElementType.code(of: memory.elementType),
      count: UInt64(memory.count))
  }
}

/// The spikes a recorded population emitted, counted and copied.
@_cdecl("genn_simulation_spikes")
public func simulationSpikes(
  _ simulation: OpaquePointer?, _ population: UnsafePointer<CChar>?,
  _ times: UnsafeMutablePointer<Double>?, _ ids: UnsafeMutablePointer<Int32>?,
  _ capacity: UInt64, _ count: UnsafeMutablePointer<UInt64>?, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    let spikes = try simulation.spikes(of: try argument(population, "population"))
    try copyOut(spikes.times, to: times, spikes.ids, to: ids, capacity: capacity, count: count)
  }
}

/// The synapses of a population, counted and copied as (pre, post) pairs.
@_cdecl("genn_simulation_connectivity")
public func simulationConnectivity(
  _ simulation: OpaquePointer?, _ synapses: UnsafePointer<CChar>?,
  _ pre: UnsafeMutablePointer<UInt32>?, _ post: UnsafeMutablePointer<UInt32>?,
  _ capacity: UInt64, _ count: UnsafeMutablePointer<UInt64>?, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    let (sources, targets) = try simulation.connectivity(of: try argument(synapses, "synapses"))
    try copyOut(
      sources.map(UInt32.init), to: pre, targets.map(UInt32.init), to: post, capacity: capacity,
      count: count)
  }
}

/// Stores the number of pairs in `count` and copies the first `capacity` of them to
/// `first` and `second`, where those are not NULL.
private func copyOut<First, Second>(
  _ firsts: [First], to first: UnsafeMutablePointer<First>?, _ seconds: [Second],
  to second: UnsafeMutablePointer<Second>?, capacity: UInt64,
  count: UnsafeMutablePointer<UInt64>?
) throws(CInterfaceError) {
  guard let count else { throw .nullArgument("count") }
  count.pointee = UInt64(firsts.count)
  let copied = min(firsts.count, Int(clamping: capacity))
  first?.update(from: firsts, count: copied)
  second?.update(from: seconds, count: copied)
}

/// Runs `body` on the simulation behind `handle`: 0, or 1 with the error, placed in the
/// model file where it has a place there, in `*error`.
private func running(
  _ handle: OpaquePointer?, _ error: ErrorOut?, _ body: (any NetworkSimulation) throws -> Void
) -> Int32 {
  guard let handle else {
    report("\(CInterfaceError.nullArgument("simulation"))", to: error)
    return 1
  }
  let object = Handle.object(handle, as: SimulationHandle.self)
  return reporting(error, failure: 1, placingIn: object.file) {
    try body(object.simulation)
    return 0
  }
}

/// The backend a name and thread count choose.
private func backendChoice(_ name: String, threads: Int32) throws(CInterfaceError)
  -> SimulationBackend
{
  switch name {
  case "cpu": .cpu(Simulation.Options(threads: threads > 0 ? Int(threads) : nil))
  case "single_threaded_cpu": .cpu(Simulation.Options(threads: 1))
  case "cuda": .cuda(CUDASimulation.Options())
  default: throw .unknownBackend(name)
  }
}

/// Runs `operation` to its end from a thread outside Swift's concurrency (a C caller's),
/// which waits for it. Called from one of the concurrency's own threads it could wait for
/// work that needs that thread (`genn.h` says so).
private func waitFor<Value: Sendable>(
  _ operation: @escaping @Sendable () async throws -> Value
) throws -> Value {
  let outcome = Outcome<Value>()
  let done = DispatchSemaphore(value: 0)
  Task.detached {
    do {
      outcome.result = .success(try await operation())
    } catch {
      outcome.result = .failure(error)
    }
    done.signal()
  }
  done.wait()
  return try outcome.result!.get()
}

/// The result of an operation another thread ran; written before the semaphore that the
/// reading thread waits on is signalled.
private final class Outcome<Value>: @unchecked Sendable {
  var result: Result<Value, any Error>?
}
