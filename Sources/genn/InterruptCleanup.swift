import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a command undoes when SIGINT, SIGTERM or SIGHUP ends it.
///
/// Once ``install()`` has run, these signals no longer end the process at once: a
/// dispatch source receives them and runs every registered action (such as removing a
/// half-written output folder), then ends the process by the same signal with its
/// default action, so the exit status is the conventional one (130 for SIGINT in a
/// shell). Actions run outside the signal handler, so they may use the file system
/// freely. ``uninterrupted(_:)`` makes a few steps (such as the renames that put an
/// output in place) all happen before the actions run, or none.
final class InterruptCleanup: @unchecked Sendable {
  /// The one registry of the process.
  static let shared = InterruptCleanup()

  /// The signals that run the actions.
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

  /// A registered action, for ``remove(_:)``.
  struct Registration: Hashable {
    fileprivate let id: Int
  }

  /// Held by the actions while they run, and then for good, so nothing guarded by it
  /// runs between the actions and the end of the process.
  private let lock = NSLock()
  private var actions: [Int: @Sendable () -> Void] = [:]
  private var nextID = 0
  private var sources: [any DispatchSourceSignal] = []

  private init() {}

  /// Starts catching the signals (once; later calls do nothing).
  func install() {
    lock.lock()
    defer { lock.unlock() }
    guard sources.isEmpty else { return }
    for number in Self.signals {
      // A dispatch source sees a signal only once its default action is off. Programs
      // this process starts get the default action back (swift-subprocess resets every
      // signal in the child).
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { self.interrupted(by: number) }
      source.resume()
      sources.append(source)
    }
  }

  /// Registers `action` to run if a signal ends the process before ``remove(_:)``.
  func register(_ action: @escaping @Sendable () -> Void) -> Registration {
    lock.lock()
    defer { lock.unlock() }
    nextID += 1
    actions[nextID] = action
    return Registration(id: nextID)
  }

  /// Unregisters an action.
  func remove(_ registration: Registration) {
    lock.lock()
    defer { lock.unlock() }
    actions[registration.id] = nil
  }

  /// Runs `body` so that no action runs while it does: a signal that arrives meanwhile
  /// runs the actions once `body` has returned.
  func uninterrupted<Result>(_ body: () throws(CommandError) -> Result) throws(CommandError)
    -> Result
  {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  /// Runs the actions, then ends the process by `number`. The lock stays held, so
  /// nothing else guarded by it runs before the process ends.
  private func interrupted(by number: Int32) {
    lock.lock()
    for action in actions.values { action() }
    signal(number, SIG_DFL)
    // To the process, not this thread: dispatch's threads block signals.
    kill(getpid(), number)
  }
}
