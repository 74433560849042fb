import Foundation

#if canImport(Darwin)
  import Darwin
#endif

/// A description of this machine's processor, precise enough that code built with
/// `-march=native` on one machine is not reused on a different kind of processor.
enum HostCPU {
  /// The identity, computed once per process.
  static let identity: String = computeIdentity()

  /// Whether `flags` make the compiler tune for the build machine's processor.
  static func flagsDependOnHost(_ flags: [String]) -> Bool {
    flags.contains { $0 == "-march=native" || $0 == "-mcpu=native" || $0 == "-mtune=native" }
  }

  private static func computeIdentity() -> String {
    #if arch(x86_64)
      let architecture = "x86_64"
    #elseif arch(arm64)
      let architecture = "arm64"
    #else
      let architecture = "other"
    #endif
    #if os(macOS)
      let details = ["machdep.cpu.brand_string", "hw.cpufamily", "hw.cpusubfamily"]
        .map { "\($0)=\(sysctlValue($0) ?? "?")" }
      return ([architecture] + details).joined(separator: "\n")
    #else
      return ([architecture] + cpuInfoFields()).joined(separator: "\n")
    #endif
  }

  #if os(macOS)
    private static func sysctlValue(_ name: String) -> String? {
      var size = 0
      guard sysctlbyname(name, nil, &size, nil, 0) == 0, size > 0 else { return nil }
      var buffer = [UInt8](repeating: 0, count: size)
      guard sysctlbyname(name, &buffer, &size, nil, 0) == 0 else { return nil }
      if name.hasPrefix("hw.") {
        // Integer values (hw.cpufamily, hw.cpusubfamily), little-endian.
        let value = buffer.prefix(size).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return String(value)
      }
      return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }
  #endif

  /// The fields of the first processor in `/proc/cpuinfo` that say what it can run.
  private static func cpuInfoFields() -> [String] {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
      return ["cpuinfo unavailable"]
    }
    let wanted: Set<String> = [
      "vendor_id", "cpu family", "model", "model name", "stepping", "flags",
      "CPU implementer", "CPU architecture", "CPU variant", "CPU part", "Features",
      "isa", "uarch", "cpu",
    ]
    var fields: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.trimmingCharacters(in: .whitespaces).isEmpty {
        if !fields.isEmpty { break }
        continue
      }
      let parts = line.split(separator: ":", maxSplits: 1)
      let key = parts[0].trimmingCharacters(in: .whitespaces)
      guard wanted.contains(key) else { continue }
      let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
      fields.append("\(key)=\(value)")
    }
    return fields
  }
}
