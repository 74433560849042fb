import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder a run writes into, checked before the run and filled all at once after it.
///
/// Files are written into a hidden staging folder beside the destination
/// (``StagingFolder``) and moved into place only when every file is complete, so a failed
/// or interrupted write leaves nothing in the destination. `--overwrite` replaces only an
/// earlier run's output or an empty folder (``EarlierRunOutput``), and never the working
/// folder, a folder above it, or a folder holding the model file. A signal that ends the
/// run while it writes removes the staging folder and puts an earlier output back
/// (``InterruptCleanup``).
struct OutputFolder {
  /// Where the output goes (a link given as `--out` is followed).
  let destination: URL
  /// Whether an earlier run's output there is replaced.
  let overwrite: Bool
  /// `--out` as given, for messages.
  let given: String

  /// The file that marks a folder as a run's output.
  static let marker = "summary.json"

  /// Checks that `path` can take a run's output: it does not exist (or `overwrite` is
  /// set and ``EarlierRunOutput`` allows replacing it, and it is not the working folder,
  /// above it, or holding `modelFile`), and its nearest existing parent is a folder this
  /// process can create folders in. Leftovers of interrupted runs beside it are removed
  /// first (``StagingFolder/removeLeftovers(besides:)``).
  init(path: String, overwrite: Bool, modelFile: String) throws(CommandError) {
    var url = URL(fileURLWithPath: path).standardizedFileURL
    if EarlierRunOutput.kind(of: url) == .link {
      guard let target = Self.resolved(url) else {
        throw .outputIsDanglingLink(path: path, target: Self.linkTarget(url))
      }
      url = target
    }
    given = path
    destination = url
    self.overwrite = overwrite
    let name = url.lastPathComponent
    let staging = StagingFolder(output: name, kind: .partial, tag: StagingFolder.newTag()).name
    guard staging.utf8.count <= Int(NAME_MAX) else {
      let room = Int(NAME_MAX) - (staging.utf8.count - name.utf8.count)
      throw .outputNotWritable(
        path: path,
        reason: "its name is \(name.utf8.count) bytes long, and the folder it is written in "
          + "first, named after it, would not fit a file name; give a name of at most \(room) "
          + "bytes")
    }
    StagingFolder.removeLeftovers(besides: url.deletingLastPathComponent())
    switch EarlierRunOutput.kind(of: url) {
    case .missing:
      break
    case .folder:
      guard overwrite else { throw .outputExists(path: path) }
      if let reason = Self.protection(of: url, modelFile: modelFile)
        ?? EarlierRunOutput.problem(in: url)
      {
        throw .outputNotReplaceable(path: path, reason: reason)
      }
    case let kind:
      guard overwrite else { throw .outputExists(path: path) }
      throw .outputNotReplaceable(
        path: path, reason: kind == .file ? "it is a file, not a folder" : "it is not a folder")
    }
    try Self.checkWritable(parentOf: url, given: path)
  }

  /// Why `folder` must never be replaced, whatever it holds: it is the working folder,
  /// a folder above it, or holds the model file. `nil` otherwise.
  static func protection(of folder: URL, modelFile: String) -> String? {
    let target = (resolved(folder) ?? folder).pathComponents
    func isWithin(_ url: URL) -> Bool {
      let components = (resolved(url) ?? url).pathComponents
      return components.starts(with: target)
    }
    let workingFolder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    if isWithin(workingFolder) {
      return (resolved(workingFolder) ?? workingFolder).pathComponents == target
        ? "it is the working folder" : "it holds the working folder"
    }
    if isWithin(URL(fileURLWithPath: modelFile)) {
      return "it holds the model file '\(modelFile)'"
    }
    return nil
  }

  /// Writes the output: `body` fills a fresh staging folder, which then replaces the
  /// destination. On any error, or a signal, the staging folder is removed and an earlier
  /// output is kept as it was.
  func write(_ body: (URL) throws(CommandError) -> Void) throws(CommandError) {
    let parent = destination.deletingLastPathComponent()
    let name = destination.lastPathComponent
    let tag = StagingFolder.newTag()
    let staging = parent.appendingPathComponent(
      StagingFolder(output: name, kind: .partial, tag: tag).name)
    let aside = parent.appendingPathComponent(
      StagingFolder(output: name, kind: .old, tag: tag).name)
    let destination = destination
    let undo = InterruptCleanup.shared.register {
      Self.undo(staging: staging, aside: aside, destination: destination)
    }
    defer { InterruptCleanup.shared.remove(undo) }
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw .outputNotWritable(path: given, reason: Self.reason(error))
    }
    guard mkdir(staging.path, 0o755) == 0 else {
      throw .outputNotWritable(path: given, reason: String(cString: strerror(errno)))
    }
    let previous: URL?
    do throws(CommandError) {
      try body(staging)
      previous = try InterruptCleanup.shared.uninterrupted { () throws(CommandError) in
        try replaceDestination(with: staging, aside: aside)
      }
    } catch {
      StagingFolder.remove(staging)
      throw error
    }
    if let previous { StagingFolder.remove(previous) }
  }

  /// Moves `staging` to the destination, moving an earlier output to `aside` first (once
  /// checked again: it may have changed during the run); returns where the earlier output
  /// now is, for deleting once the new one is in place.
  private func replaceDestination(with staging: URL, aside: URL) throws(CommandError) -> URL? {
    var previous: URL?
    if EarlierRunOutput.kind(of: destination) != .missing {
      guard overwrite else { throw .outputExists(path: given) }
      if let reason = EarlierRunOutput.problem(in: destination) {
        throw .outputNotReplaceable(path: given, reason: "during the run, \(reason)")
      }
      guard rename(destination.path, aside.path) == 0 else {
        throw .outputNotWritable(path: given, reason: String(cString: strerror(errno)))
      }
      previous = aside
    }
    guard rename(staging.path, destination.path) == 0 else {
      let reason = String(cString: strerror(errno))
      if let previous { rename(previous.path, destination.path) }
      throw .outputNotWritable(path: given, reason: reason)
    }
    return previous
  }

  /// What a signal during ``write(_:)`` undoes: an earlier output set aside goes back in
  /// place (unless the new output is already there, then it is deleted), and the staging
  /// folder is deleted.
  private static func undo(staging: URL, aside: URL, destination: URL) {
    if EarlierRunOutput.kind(of: aside) == .folder, rename(aside.path, destination.path) != 0 {
      StagingFolder.remove(aside)
    }
    StagingFolder.remove(staging)
  }

  /// Checks that the nearest existing folder above `url` is a folder in which this
  /// process can create a folder (by creating and removing one).
  private static func checkWritable(parentOf url: URL, given path: String) throws(CommandError) {
    var ancestor = url.deletingLastPathComponent()
    while EarlierRunOutput.kind(of: ancestor) == .missing && ancestor.path != "/" {
      ancestor.deleteLastPathComponent()
    }
    if EarlierRunOutput.kind(of: ancestor) == .link {
      guard let target = resolved(ancestor) else {
        throw .outputIsDanglingLink(path: ancestor.path, target: linkTarget(ancestor))
      }
      ancestor = target
    }
    guard EarlierRunOutput.kind(of: ancestor) == .folder else {
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

  /// `url` with every link followed, or `nil` when it (or a link on the way) leads
  /// nowhere.
  static func resolved(_ url: URL) -> URL? {
    guard let path = realpath(url.path, nil) else { return nil }
    defer { free(path) }
    return URL(fileURLWithPath: String(cString: path))
  }

  /// What the link at `url` points to, as written in it.
  private static func linkTarget(_ url: URL) -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
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
