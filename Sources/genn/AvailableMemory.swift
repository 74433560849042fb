import Foundation

/// How much memory this process can still take, in bytes.
///
/// On Linux: the kernel's estimate of memory available without swapping (`MemAvailable`
/// in `/proc/meminfo`), or less when the process runs in a control group with a memory
/// limit (`memory.max` less `memory.current`, cgroup v2). On macOS: the machine's
/// physical memory. `nil` when it cannot be told.
enum AvailableMemory {
  static func bytes() -> Int? {
    #if os(Linux)
      guard let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
        let available = field("MemAvailable:", in: meminfo).map({ $0 * 1024 })
      else { return nil }
      return min(available, controlGroupRoom() ?? .max)
    #else
      return Int(clamping: ProcessInfo.processInfo.physicalMemory)
    #endif
  }

  /// The value in kB of the `/proc/meminfo` line starting with `name`.
  static func field(_ name: String, in meminfo: String) -> Int? {
    meminfo.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap {
      $0.dropFirst(name.count).split(separator: " ").first.flatMap { Int($0) }
    }
  }

  /// What this process's control group may still allocate, when it has a limit.
  private static func controlGroupRoom() -> Int? {
    guard let membership = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8),
      let line = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") })
    else { return nil }
    let folder = "/sys/fs/cgroup" + line.dropFirst(3)
    func read(_ name: String) -> Int? {
      (try? String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8))
        .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
    guard let limit = read("memory.max"), let current = read("memory.current") else {
      return nil
    }
    return max(0, limit - current)
  }
}
