/// The files a model file's decoding reads (`.npy` arrays), each once, in order: a
/// reference, so that the decoder's non-mutating readers can add to it.
final class InputFileLog {
  /// The paths added, first reading first.
  private(set) var paths: [String] = []

  /// Adds `path` unless it is there already.
  func add(_ path: String) {
    if !paths.contains(path) { paths.append(path) }
  }
}
