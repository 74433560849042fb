import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The rule `--overwrite` follows: it replaces a folder only when it holds exactly what
/// `genn run` writes, checked file by file, so that nothing a person put there is lost.
///
/// Such a folder holds a `summary.json` that reads as a run's summary, the pictures
/// (`raster.svg`, `raster.png`, `traces.svg`, `traces.png`) and `plot.py`, and
/// `spikes/`, `vars/` and `spike_events/` folders holding only the NumPy files the
/// summary lists; every one a plain file or folder, not a link. An empty folder may be replaced too.
enum EarlierRunOutput {
  /// The pictures a run (or `genn plot`) draws, and the script that draws them again.
  static let pictures: Set<String> = [
    "raster.svg", "raster.png", "traces.svg", "traces.png", PlotScript.name,
  ]
  /// The folders holding the recordings.
  static let recordingFolders: Set<String> = ["spikes", "vars", "spike_events"]

  /// Why `folder` may not be replaced, as the end of a sentence (`it holds 'notes.txt',
  /// which genn run does not write`); `nil` when it is an earlier run's output or empty.
  static func problem(in folder: URL) -> String? {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else {
      return "its contents cannot be listed"
    }
    if names.isEmpty { return nil }
    guard names.contains(OutputFolder.marker) else {
      return "it is not empty and has no \(OutputFolder.marker), so it is not the output of "
        + "an earlier run"
    }
    let summaryURL = folder.appendingPathComponent(OutputFolder.marker)
    guard kind(of: summaryURL) == .file else {
      return "its \(OutputFolder.marker) is not a plain file"
    }
    let summary: RunSummary
    do {
      summary = try RunSummary.decode(try Data(contentsOf: summaryURL))
    } catch let error as DecodingError {
      return "its \(OutputFolder.marker) \(RunSummary.problem(error)), so it is not the "
        + "summary of a run"
    } catch {
      return "its \(OutputFolder.marker) cannot be read (\(OutputFolder.reason(error)))"
    }
    let listed = Set(summary.recordingFiles)
    for name in names.sorted() where name != OutputFolder.marker {
      let url = folder.appendingPathComponent(name)
      if pictures.contains(name) {
        guard kind(of: url) == .file else { return "its '\(name)' is not a plain file" }
      } else if recordingFolders.contains(name) {
        guard kind(of: url) == .folder else { return "its '\(name)' is not a plain folder" }
        let files = (try? manager.contentsOfDirectory(atPath: url.path)) ?? []
        for file in files.sorted() {
          let relative = "\(name)/\(file)"
          guard listed.contains(relative), kind(of: url.appendingPathComponent(file)) == .file
          else {
            return "it holds '\(relative)', which its \(OutputFolder.marker) does not list"
          }
        }
      } else {
        return "it holds '\(name)', which `genn run` does not write"
      }
    }
    return nil
  }

  /// What is at a path, without following a link.
  enum Kind {
    case missing, file, folder, link, other
  }

  /// What is at `url`, without following a link there.
  static func kind(of url: URL) -> Kind {
    var status = stat()
    guard lstat(url.path, &status) == 0 else { return .missing }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .folder
    case S_IFLNK: return .link
    default: return .other
    }
  }
}

extension RunSummary {
  /// The recordings the summary lists, relative to its folder.
  var recordingFiles: [String] {
    populations.flatMap { [$0.timesFile, $0.idsFile].compactMap { $0 } }
      + spikeEvents.flatMap { [$0.timesFile, $0.idsFile] }
      + variables.flatMap { [$0.file, $0.timesFile] }
  }
}
