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

/// Generates and compiles a model (or finds it in the build cache) without loading it;
/// `*cacheHit` (where not NULL) says whether it was found.
@_cdecl("genn_model_build")
public func buildModel(
  _ model: OpaquePointer?, _ backend: UnsafePointer<CChar>?, _ threads: Int32,
  _ cacheHit: UnsafeMutablePointer<Int32>?, _ error: ErrorOut?
) -> Int32 {
  guard let model else {
    report("\(CInterfaceError.nullArgument("model"))", to: error)
    return 1
  }
  let file = Handle.object(model, as: ModelHandle.self).file
  return reporting(error, failure: 1, placingIn: file) {
    let choice = try backendChoice(try argument(backend, "backend"), threads: threads)
    let build = try waitFor { try await choice.build(file.model) }
    cacheHit?.pointee = build.entry.cacheHit ? 1 : 0
    return 0
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

/// Runs `body` on the simulation behind `handle`: 0, or 1 with the error, placed in the
/// model file where it has a place there, in `*error`.
func running(
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
