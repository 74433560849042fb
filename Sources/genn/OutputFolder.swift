import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder a run writes into, checked before the run and filled all at once after it.
///
/// Files are written into a hidden staging folder beside the destination and moved into
/// place only when every file is complete, so a failed or interrupted write leaves
/// nothing in the destination. `--overwrite` replaces only an earlier run's output (a
/// folder holding `summary.json`) or an empty folder.
struct OutputFolder {
  /// Where the output goes.
  let destination: URL
  /// Whether an earlier run's output there is replaced.
  let overwrite: Bool

  /// The file that marks a folder as a run's output.
  static let marker = "summary.json"

  /// Checks that `path` can take a run's output: it does not exist (or `overwrite` is
  /// set and it holds an earlier run's output), and its nearest existing parent is a
  /// folder this process can create folders in.
  init(path: String, overwrite: Bool) throws(CommandError) {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: url.path, isDirectory: &isDirectory) {
      guard overwrite else { throw .outputExists(path: path) }
      guard isDirectory.boolValue else {
        throw .outputNotReplaceable(path: path, reason: "it is a file, not a folder")
      }
      let contents = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
      guard contents.isEmpty || contents.contains(Self.marker) else {
        throw .outputNotReplaceable(
          path: path,
          reason: "it is not the output of an earlier run (it has no \(Self.marker)) "
            + "and not empty")
      }
    }
    try Self.checkWritable(parentOf: url, given: path)
    destination = url
    self.overwrite = overwrite
  }

  /// Writes the output: `body` fills a fresh staging folder, which then replaces the
  /// destination. On any error the staging folder is removed and an earlier output is
  /// kept as it was.
  func write(_ body: (URL) throws(CommandError) -> Void) throws(CommandError) {
    let manager = FileManager.default
    let parent = destination.deletingLastPathComponent()
    let name = destination.lastPathComponent
    let tag = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    let staging = parent.appendingPathComponent(".\(name).partial-\(tag)")
    do {
      try manager.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw .outputNotWritable(path: destination.path, reason: Self.reason(error))
    }
    do throws(CommandError) {
      try body(staging)
      try replaceDestination(with: staging, tag: tag)
    } catch {
      try? manager.removeItem(at: staging)
      throw error
    }
  }

  /// Moves `staging` to the destination, moving an earlier output aside first and
  /// deleting it only once the new one is in place.
  private func replaceDestination(with staging: URL, tag: String) throws(CommandError) {
    let manager = FileManager.default
    var previous: URL?
    if manager.fileExists(atPath: destination.path) {
      guard overwrite else { throw .outputExists(path: destination.path) }
      let aside = destination.deletingLastPathComponent()
        .appendingPathComponent(".\(destination.lastPathComponent).old-\(tag)")
      do {
        try manager.moveItem(at: destination, to: aside)
      } catch {
        throw .outputNotWritable(path: destination.path, reason: Self.reason(error))
      }
      previous = aside
    }
    do {
      try manager.moveItem(at: staging, to: destination)
    } catch {
      if let previous { try? manager.moveItem(at: previous, to: destination) }
      throw .outputNotWritable(path: destination.path, reason: Self.reason(error))
    }
    if let previous { try? manager.removeItem(at: previous) }
  }

  /// Checks that the nearest existing folder above `url` is a folder in which this
  /// process can create a folder (by creating and removing one).
  private static func checkWritable(parentOf url: URL, given path: String) throws(CommandError) {
    let manager = FileManager.default
    var ancestor = url.deletingLastPathComponent()
    while !manager.fileExists(atPath: ancestor.path) && ancestor.path != "/" {
      ancestor.deleteLastPathComponent()
    }
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: ancestor.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw .outputNotWritable(path: path, reason: "'\(ancestor.path)' is a file, not a folder")
    }
    let probe = ancestor.appendingPathComponent(
      ".genn-write-check-\(ProcessInfo.processInfo.processIdentifier)")
    guard mkdir(probe.path, 0o755) == 0 else {
      let reason = String(cString: strerror(errno))
      throw .outputNotWritable(
        path: path, reason: "folders cannot be created in '\(ancestor.path)' (\(reason))")
    }
    rmdir(probe.path)
  }

  /// The operating system's words for a file error, without Foundation's wrapping.
  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}
