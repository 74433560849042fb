import Foundation

/// How many compilers this process runs at once: as many as the machine has cores.
///
/// A program (or a test suite) that builds many models concurrently would otherwise start
/// a compiler for each, each holding a few hundred megabytes: 140 of them took the 24 GB
/// of a 2-core machine and the system killed the process, without any compile finishing
/// sooner than one after another. Compiles beyond the limit wait, in the order they came,
/// for one to finish.
actor CompilerSlots {
  /// The slots every compile of this process shares.
  static let shared = CompilerSlots(count: ProcessInfo.processInfo.activeProcessorCount)

  private var free: Int
  private var waiting: [CheckedContinuation<Void, Never>] = []

  /// `count` slots (at least one).
  init(count: Int) {
    free = max(1, count)
  }

  /// Runs `body` once a slot is free, then frees it.
  nonisolated func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    await acquire()
    do {
      let result = try await body()
      await release()
      return result
    } catch {
      await release()
      throw error
    }
  }

  private func acquire() async {
    if free > 0 {
      free -= 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  private func release() {
    if waiting.isEmpty {
      free += 1
    } else {
      // The slot passes straight to the compile that waited longest.
      waiting.removeFirst().resume()
    }
  }
}
