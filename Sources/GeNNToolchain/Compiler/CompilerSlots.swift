import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How many compilers run at once: as many as the machine has cores, in this process and,
/// through lock files, across the user's processes.
///
/// A program (or a test suite) that builds many models concurrently would otherwise start
/// a compiler for each, each holding a few hundred megabytes: 140 of them took the 24 GB
/// of a 2-core machine and the system killed the process, without any compile finishing
/// sooner than one after another. Compiles beyond the limit wait, in the order they came,
/// for one to finish. Separate processes (a sweep started as many `genn run` at once)
/// share the limit through `count` lock files in a folder of the user's, each held with
/// `flock` while a compiler runs; the system releases the lock of a process that dies.
/// Where that folder cannot be made, only the process's own limit applies.
actor CompilerSlots {
  /// The slots every compile of this process shares, and the user's lock files.
  static let shared = CompilerSlots(
    count: ProcessInfo.processInfo.activeProcessorCount,
    lockFolder: FileManager.default.temporaryDirectory.appendingPathComponent(
      "swiftgenn-compilers-\(getuid())"))

  private let count: Int
  private let lockFolder: URL?
  private var free: Int
  private var waiting: [CheckedContinuation<Void, Never>] = []

  /// `count` slots (at least one), shared with other processes through the lock files in
  /// `lockFolder` where one is given.
  init(count: Int, lockFolder: URL?) {
    self.count = max(1, count)
    self.lockFolder = lockFolder
    free = self.count
  }

  /// Runs `body` once a slot is free, then frees it.
  nonisolated func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
    await acquire()
    let lock = await machineSlot()
    let result: Result<T, any Error>
    do {
      result = .success(try await body())
    } catch {
      result = .failure(error)
    }
    if let lock { close(lock) }
    await release()
    return try result.get()
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

  /// The descriptor of a lock file this process now holds (closing it frees the slot),
  /// once another process frees one; `nil` where the lock folder cannot be used.
  private nonisolated func machineSlot() async -> Int32? {
    guard let folder = Self.usableFolder(lockFolder) else { return nil }
    while true {
      for slot in 0..<count {
        let path = folder.appendingPathComponent("\(slot)").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return descriptor }
        close(descriptor)
      }
      try? await Task.sleep(for: .milliseconds(20))
    }
  }

  /// `folder`, made if absent, where it is a folder of this user's that only this user
  /// may write; else `nil`.
  private static func usableFolder(_ folder: URL?) -> URL? {
    guard let folder else { return nil }
    _ = mkdir(folder.path, 0o700)
    var status = stat()
    guard lstat(folder.path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR,
      status.st_uid == getuid(), status.st_mode & 0o022 == 0
    else { return nil }
    return folder
  }
}
