import Foundation

/// Writing the files of an output folder, with errors that name the file.
enum OutputFiles {
  /// Writes `data` to `url`, creating its folder.
  static func write(_ data: Data, to url: URL) throws(CommandError) {
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw .writeFailed(path: url.path, reason: OutputFolder.reason(error))
    }
  }
}
