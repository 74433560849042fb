import Subprocess

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

#if canImport(System)
  import System
#else
  import SystemPackage
#endif

/// A process group that is killed when this process ends before ``release()``, however
/// it ends (SIGKILL included), so a compiler started in it never outlives the `genn` that
/// started it.
///
/// The group is led by a small `/bin/sh` watcher, started before anything joins the
/// group. It reads a pipe whose write end only this process holds. When this process
/// ends, the kernel closes the write end, the watcher reads end-of-file and kills its
/// whole group with SIGKILL: the compiler driver and everything it started (`cc1plus`,
/// the assembler, the linker). Once the programs in the group have finished,
/// ``release()`` writes `done` and the watcher exits without killing anything. The
/// watcher ignores SIGINT, SIGTERM and SIGHUP, so a Ctrl-C or a closed terminal does not
/// stop it before it has done its work.
final class ProcessGroupGuard: Sendable {
  /// The group to start programs in (the watcher's process id).
  let processGroup: pid_t
  private let lifeline: FileDescriptor
  private let readEnd: FileDescriptor
  private let watcher: Task<Void, Never>

  /// The watcher's script.
  static let script = """
    trap '' INT TERM HUP QUIT
    read -r line
    [ "$line" = done ] || kill -9 0
    """

  private init(
    processGroup: pid_t, lifeline: FileDescriptor, readEnd: FileDescriptor,
    watcher: Task<Void, Never>
  ) {
    self.processGroup = processGroup
    self.lifeline = lifeline
    self.readEnd = readEnd
    self.watcher = watcher
  }

  /// Starts a watcher in a new process group, and returns once it runs.
  ///
  /// - Throws: `Errno` when the pipe cannot be made or the watcher cannot be started.
  static func start() async throws -> ProcessGroupGuard {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw Errno(rawValue: errno) }
    // Neither end may leak into another child: the write end would keep the pipe open
    // after this process dies, and the watcher would never fire.
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    let readEnd = FileDescriptor(rawValue: ends[0])
    let lifeline = FileDescriptor(rawValue: ends[1])
    let (started, report) = AsyncStream<pid_t?>.makeStream()
    var options = PlatformOptions()
    options.processGroupID = 0
    let watcher = Task { [options] in
      do {
        _ = try await Subprocess.run(
          .path("/bin/sh"), arguments: ["-c", script, "genn-compiler-guard"],
          platformOptions: options,
          input: .fileDescriptor(readEnd, closeAfterSpawningProcess: false),
          output: .discarded, error: .discarded
        ) { execution in
          report.yield(execution.processIdentifier.value)
          report.finish()
        }
      } catch {
        report.yield(nil)
        report.finish()
      }
    }
    var reports = started.makeAsyncIterator()
    guard let group = await reports.next() ?? nil else {
      await watcher.value
      try? lifeline.close()
      try? readEnd.close()
      throw Errno.noSuchProcess
    }
    return ProcessGroupGuard(
      processGroup: group, lifeline: lifeline, readEnd: readEnd, watcher: watcher)
  }

  /// Tells the watcher that the programs in its group have finished, and waits for it
  /// to exit.
  ///
  /// This process keeps its own read end open until the watcher has read `done`, so the
  /// write never meets a closed pipe (and never raises SIGPIPE), even when the watcher
  /// was killed.
  func release() async {
    _ = "done\n".utf8CString.withUnsafeBufferPointer { text in
      write(lifeline.rawValue, text.baseAddress, text.count - 1)
    }
    try? lifeline.close()
    await watcher.value
    try? readEnd.close()
  }
}
