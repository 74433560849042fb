import Foundation

/// How much memory this process can still allocate: on Linux the kernel's estimate of
/// the memory available without swapping (`MemAvailable`), lowered to what the
/// process's control group (v2 `memory.max`, v1 `memory.limit_in_bytes`) leaves;
/// elsewhere the machine's physical memory; and lowered to what the process's
/// address-space limit (`ulimit -v`) leaves (on Linux; elsewhere to the limit itself).
public enum HostMemory {
  /// The bytes available now.
  public static func available() -> Int {
    min(systemAvailable(), addressSpaceRoom() ?? .max)
  }

  /// What the process's address-space limit (`RLIMIT_AS`) leaves beyond the address
  /// space it already uses; `nil` without a limit, or where the use cannot be read.
  static func addressSpaceRoom() -> Int? {
    var limit = rlimit()
    #if canImport(Glibc)
      guard getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0 else { return nil }
    #else
      guard getrlimit(RLIMIT_AS, &limit) == 0 else { return nil }
    #endif
    // No limit is RLIM_INFINITY, all ones (Linux) or Int.max (macOS).
    guard limit.rlim_cur < rlim_t(Int.max) else { return nil }
    #if os(Linux)
      guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let used = virtualSize(status: status)
      else { return nil }
      return max(0, Int(limit.rlim_cur) - used)
    #else
      return Int(limit.rlim_cur)
    #endif
  }

  /// The address space in use, in bytes, by `/proc/self/status`'s text (its `VmSize`
  /// line: a tab, the number right-aligned in 8 columns or more, and `kB`).
  static func virtualSize(status: String) -> Int? {
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmSize:") }),
      let kilobytes = line.dropFirst("VmSize:".count).split(whereSeparator: \.isWhitespace)
        .first.flatMap({ Int($0) })
    else { return nil }
    return kilobytes * 1024
  }

  /// The memory the system has for this process, without its address-space limit.
  private static func systemAvailable() -> Int {
    #if os(Linux)
      let read = { (path: String) in try? String(contentsOfFile: path, encoding: .utf8) }
      let group =
        read("/proc/self/cgroup")?.split(separator: "\n")
        .first { $0.hasPrefix("0::") }.map { String($0.dropFirst(3)) } ?? "/"
      let v2 = "/sys/fs/cgroup" + (group == "/" ? "" : group)
      let limits = [
        (read(v2 + "/memory.max"), read(v2 + "/memory.current")),
        (
          read("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
          read("/sys/fs/cgroup/memory/memory.usage_in_bytes")
        ),
      ]
      if let bytes = available(meminfo: read("/proc/meminfo"), limits: limits) { return bytes }
    #endif
    return Int(clamping: ProcessInfo.processInfo.physicalMemory)
  }

  /// The memory available by `/proc/meminfo`'s text, lowered to the room each control
  /// group limit (its limit's and usage's file texts) leaves; `nil` without a
  /// `MemAvailable` line.
  static func available(meminfo: String?, limits: [(limit: String?, usage: String?)]) -> Int? {
    guard
      let line = meminfo?.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
      let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return nil }
    var bytes =
      kilobytes.multipliedReportingOverflow(by: 1024).overflow ? Int.max : kilobytes * 1024
    for (limit, usage) in limits {
      // "max" (v2) or a huge number (v1) means no limit.
      guard let limit = limit.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }),
        let usage = usage.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
      else { continue }
      bytes = min(bytes, max(0, limit - usage))
    }
    return bytes
  }
}
