import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing the files of an output folder, with errors that name the file.
enum OutputFiles {
  /// Writes `data` to the file at `relative` inside `folder`, creating the folders
  /// between them. `folder` itself is never created: when it is gone (an interrupted run
  /// removed its staging folder), the write fails rather than making it again.
  static func write(_ data: Data, to relative: String, in folder: URL) throws(CommandError) {
    let url = folder.appendingPathComponent(relative)
    var inner = folder
    for component in relative.split(separator: "/").dropLast() {
      inner.appendPathComponent(String(component))
      guard mkdir(inner.path, 0o755) == 0 || errno == EEXIST else {
        throw .writeFailed(path: url.path, reason: String(cString: strerror(errno)))
      }
    }
    do {
      try data.write(to: url, options: .atomic)
    } catch {
      throw .writeFailed(path: url.path, reason: OutputFolder.reason(error))
    }
  }
}
