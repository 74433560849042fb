import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The folder `genn sweep` writes into: one run's output folder per run (each written
/// whole, as `genn run` writes, by ``OutputFolder``) and `sweep.csv`, rewritten whole
/// after each run, so a sweep that stops leaves the runs it finished and their table.
///
/// `--overwrite` replaces only an earlier sweep's folder: one holding nothing but
/// `sweep.csv` and `run-...` folders that are runs' outputs (``EarlierRunOutput``); it
/// is removed when the sweep starts.
struct SweepFolder {
  /// Where the sweep goes.
  let destination: URL
  /// `--out` as given, for messages.
  let given: String

  /// Checks `path` and prepares it: creates it, or, with `overwrite`, empties an earlier
  /// sweep's folder there (never the working folder, one above it, or one holding
  /// `modelFile`).
  init(path: String, overwrite: Bool, modelFile: String) throws(CommandError) {
    given = path
    destination = URL(fileURLWithPath: path).standardizedFileURL
    switch EarlierRunOutput.kind(of: destination) {
    case .missing:
      break
    case .folder:
      guard overwrite else { throw .outputExists(path: path) }
      if let reason = OutputFolder.protection(of: destination, modelFile: modelFile)
        ?? Self.problem(in: destination)
      {
        throw .outputNotReplaceable(path: path, reason: reason)
      }
      do {
        try FileManager.default.removeItem(at: destination)
      } catch {
        throw .outputNotWritable(path: path, reason: OutputFolder.reason(error))
      }
    case let kind:
      guard overwrite else { throw .outputExists(path: path) }
      throw .outputNotReplaceable(
        path: path,
        reason: kind == .file ? "it is a file, not a folder" : "it is not a plain folder")
    }
    do {
      try FileManager.default.createDirectory(
        at: destination, withIntermediateDirectories: true)
    } catch {
      throw .outputNotWritable(path: path, reason: OutputFolder.reason(error))
    }
  }

  /// Why `folder` is not an earlier sweep's output, or `nil` when it is (or is empty).
  static func problem(in folder: URL) -> String? {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      return "its contents cannot be listed"
    }
    for name in names.sorted() {
      let url = folder.appendingPathComponent(name)
      if name == SweepTable.fileName {
        guard EarlierRunOutput.kind(of: url) == .file else {
          return "its '\(name)' is not a plain file"
        }
      } else if name.hasPrefix("run-"), EarlierRunOutput.kind(of: url) == .folder {
        if let problem = EarlierRunOutput.problem(in: url) { return "'\(name)': \(problem)" }
      } else {
        return "it holds '\(name)', which `genn sweep` does not write"
      }
    }
    return nil
  }

  /// Removes the folder if it is empty (a sweep whose first run failed).
  func removeEmpty() {
    rmdir(destination.path)
  }

  /// Writes `table` as `sweep.csv`, whole.
  func write(_ table: SweepTable) throws(CommandError) {
    try OutputFiles.write(Data(table.csv.utf8), to: SweepTable.fileName, in: destination)
  }
}
