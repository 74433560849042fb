import Foundation
import GeNNModel
import GeNNRuntime

/// Work that competes for the cores while a measurement runs: what a simulation meets on
/// a shared machine.
enum CompetingLoad {
  /// One core kept busy, as by `yes > /dev/null`: a thread of this process that spins
  /// (so it ends with the benchmark however that ends).
  case busyCore
  /// A second simulation of the same network on 2 threads, running steps in a loop.
  case secondSimulation

  /// The loads that `arguments` ask for (`--busy`, `--pair`), in that order.
  static func requested(in arguments: [String]) -> [CompetingLoad] {
    (arguments.contains("--busy") ? [.busyCore] : [])
      + (arguments.contains("--pair") ? [.secondSimulation] : [])
  }

  /// How the measurement is labelled.
  var label: String {
    switch self {
    case .busyCore: "with a busy core"
    case .secondSimulation: "beside a 2nd simulation"
    }
  }

  /// Runs `body` while the load runs, and stops the load.
  func whileRunning<Result>(
    model: ModelSpec, steps: Int, _ body: () throws -> Result
  ) throws -> Result {
    switch self {
    case .busyCore:
      let spinner = BusyThread()
      defer { spinner.stop() }
      return try body()
    case .secondSimulation:
      let other = try SimulationLoop(model: model, steps: max(1, steps / 10))
      defer { other.stop() }
      return try body()
    }
  }
}

/// A simulation on 2 threads running `steps` steps at a time on a thread of its own
/// until stopped.
final class SimulationLoop: @unchecked Sendable {
  private let lock = NSCondition()
  private var stopping = false
  private var running = true

  init(model: ModelSpec, steps: Int) throws {
    let semaphore = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var created: Result<Simulation, any Error>?
    Task {
      do {
        created = .success(try await Simulation(model: model, options: .init(threads: 2)))
      } catch {
        created = .failure(error)
      }
      semaphore.signal()
    }
    semaphore.wait()
    nonisolated(unsafe) let simulation = try created!.get()
    let thread = Thread { [self] in
      while !isStopping { try? simulation.run(steps: steps) }
      lock.lock()
      running = false
      lock.broadcast()
      lock.unlock()
    }
    thread.start()
  }

  private var isStopping: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopping
  }

  /// Stops the loop and waits for its last steps to end.
  func stop() {
    lock.lock()
    stopping = true
    while running { lock.wait() }
    lock.unlock()
  }
}

/// A thread that keeps a core busy until stopped.
final class BusyThread: @unchecked Sendable {
  private let lock = NSLock()
  private var stopping = false

  init() {
    Thread { [self] in
      var spins: UInt64 = 0
      while !isStopping {
        for _ in 0..<100_000 { spins &+= 1 }
      }
      _ = spins
    }.start()
  }

  private var isStopping: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopping
  }

  /// Lets the thread end.
  func stop() {
    lock.lock()
    stopping = true
    lock.unlock()
  }
}
