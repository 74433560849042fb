import Foundation

/// The dynamic loader's cache of libraries, as `ldconfig -p` prints it:
///
/// ```
/// 1234 libs found in cache `/etc/ld.so.cache'
/// 	libnvrtc.so.12 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libnvrtc.so.12
/// ```
public struct LoaderCache: Hashable, Sendable {
  /// One library in the cache.
  public struct Entry: Hashable, Sendable {
    /// The name the loader knows it by (`libnvrtc.so.12`).
    public var name: String
    /// What is written in the parentheses (`libc6,x86-64`).
    public var attributes: String
    /// Where the file is.
    public var path: String

    /// Creates an entry.
    public init(name: String, attributes: String, path: String) {
      self.name = name
      self.attributes = attributes
      self.path = path
    }
  }

  /// The entries, in the order listed.
  public var entries: [Entry]

  /// Creates a cache from its entries.
  public init(entries: [Entry]) {
    self.entries = entries
  }

  /// Reads the text of `ldconfig -p`; lines that are not entries (the count at the top)
  /// are skipped.
  public init(listing: String) {
    var entries: [Entry] = []
    for line in listing.split(whereSeparator: \.isNewline) {
      guard let arrow = line.range(of: " => ") else { continue }
      let path = line[arrow.upperBound...].trimmingCharacters(in: .whitespaces)
      var head = line[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)[...]
      var attributes = ""
      if head.hasSuffix(")"), let open = head.lastIndex(of: "(") {
        attributes = String(head[head.index(after: open)..<head.index(before: head.endIndex)])
        head = head[..<open]
      }
      let name = head.trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty, path.hasPrefix("/") else { continue }
      entries.append(Entry(name: name, attributes: attributes, path: path))
    }
    self.init(entries: entries)
  }

  /// The entries called `name` exactly.
  public func entries(named name: String) -> [Entry] {
    entries.filter { $0.name == name }
  }

  /// The text of `ldconfig -p` on this machine, captured once per process; `nil` on
  /// macOS, where there is no `ldconfig`, or when it cannot be run or fails.
  static let systemListing: String? = captureSystemListing()

  private static func captureSystemListing() -> String? {
    #if os(Linux)
      let fileManager = FileManager.default
      let onPath = (ProcessInfo.processInfo.environment["PATH"] ?? "")
        .split(separator: ":").map { "\($0)/ldconfig" }
      let candidates = ["/sbin/ldconfig", "/usr/sbin/ldconfig"] + onPath
      guard let ldconfig = candidates.first(where: { fileManager.isExecutableFile(atPath: $0) })
      else { return nil }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: ldconfig)
      process.arguments = ["-p"]
      process.environment = ["LC_ALL": "C", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      process.standardInput = FileHandle.nullDevice
      do { try process.run() } catch { return nil }
      // A loader cache is read in milliseconds; never let a stuck ldconfig hold us up.
      let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
      DispatchQueue.global().asyncAfter(deadline: .now() + 5, execute: watchdog)
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      watchdog.cancel()
      guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
      return String(decoding: data, as: UTF8.self)
    #else
      return nil
    #endif
  }
}
