import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The hidden folders beside an output folder `NAME` while a run writes it:
/// `.NAME.partial-TAG` (the new output being written) and `.NAME.old-TAG` (an earlier
/// output set aside while the new one moves in), where `TAG` is
/// `PID-RANDOM-HOST`: the writing process, a random number, and 8 hexadecimal digits
/// naming the machine (so a folder shared between machines is cleaned only by the
/// machine that wrote it).
///
/// A run ended by a signal removes its own (``InterruptCleanup``); one killed outright
/// (SIGKILL, a power cut) leaves them, and the next run beside them removes those whose
/// process is gone (``removeLeftovers(besides:)``).
struct StagingFolder: Hashable {
  /// What the folder holds.
  enum Kind: String {
    /// The new output, being written.
    case partial
    /// An earlier output, set aside while the new one moves into its place.
    case old
  }

  /// The output folder's name (`NAME`).
  var output: String
  var kind: Kind
  /// The process that made it.
  var process: pid_t
  /// The machine that made it (8 hexadecimal digits); `nil` in names from versions that
  /// did not record it.
  var host: String?
  /// The folder's name.
  var name: String

  /// The folder of `kind` for the output named `output`, made by this process; `tag`
  /// tells two of them apart (``newTag()``).
  init(output: String, kind: Kind, tag: String) {
    self.output = output
    self.kind = kind
    process = getpid()
    host = Self.thisHost
    name = ".\(output).\(kind.rawValue)-\(tag)"
  }

  /// Reads a folder name written by ``init(output:kind:tag:)`` (or by earlier versions:
  /// `.NAME.partial-PID-RANDOM`); `nil` for any other name.
  init?(parsing name: String) {
    guard name.hasPrefix(".") else { return nil }
    for kind in [Kind.partial, .old] {
      guard let marker = name.range(of: ".\(kind.rawValue)-", options: .backwards),
        marker.lowerBound > name.index(after: name.startIndex)
      else { continue }
      let fields = name[marker.upperBound...].split(
        separator: "-", omittingEmptySubsequences: false)
      guard fields.count == 2 || fields.count == 3,
        let process = pid_t(fields[0]), process > 0, UInt32(fields[1]) != nil
      else { continue }
      if fields.count == 3 {
        guard fields[2].count == 8, fields[2].allSatisfy(\.isHexDigit) else { continue }
        host = String(fields[2])
      } else {
        host = nil
      }
      output = String(name[name.index(after: name.startIndex)..<marker.lowerBound])
      self.kind = kind
      self.process = process
      self.name = name
      return
    }
    return nil
  }

  /// A fresh tag for this process's folders.
  static func newTag() -> String {
    "\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(thisHost)"
  }

  /// Whether the process that made the folder has ended: it was made on this machine (or
  /// by a version that did not record the machine) and no process has its id.
  var isLeftOver: Bool {
    guard host == nil || host == Self.thisHost else { return false }
    return kill(process, 0) != 0 && errno == ESRCH
  }

  /// This machine's name, as 8 hexadecimal digits (FNV-1a of the host name).
  static let thisHost: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    gethostname(&buffer, buffer.count - 1)
    let name = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var hash: UInt32 = 2_166_136_261
    for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }()

  /// Removes the folders in `parent` that runs ended before finishing left behind: a
  /// partial output is deleted; an earlier output set aside is put back where it was if
  /// nothing took its place, else deleted. Folders of running processes, of other
  /// machines, and anything else are left alone; failures are ignored.
  static func removeLeftovers(besides parent: URL) {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: parent.path) else { return }
    for folder in names.compactMap(StagingFolder.init(parsing:)) where folder.isLeftOver {
      let url = parent.appendingPathComponent(folder.name)
      if folder.kind == .old {
        let destination = parent.appendingPathComponent(folder.output)
        if rename(url.path, destination.path) == 0 { continue }
      }
      remove(url)
    }
  }

  /// Deletes the folder at `url`, retrying while another thread still adds files to it.
  static func remove(_ url: URL) {
    for _ in 0..<100 {
      var status = stat()
      guard lstat(url.path, &status) == 0 else { return }
      try? FileManager.default.removeItem(at: url)
    }
  }
}
