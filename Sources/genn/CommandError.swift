import ArgumentParser
import GeNNModelFile

/// Why a `genn` command failed: each a paragraph saying what is wrong and where.
enum CommandError: Error, CustomStringConvertible {
  /// The model file cannot be read, or describes a model that cannot be built; its
  /// problems are at their file positions.
  case modelFile(ModelFileError)
  /// The model could not be compiled or loaded: no compiler, a compiler failure, a
  /// runtime failure (already described).
  case build(String)
  /// The backend asked for cannot be used here.
  case backendUnavailable(String, reason: String)
  /// The output folder exists and `--overwrite` was not given.
  case outputExists(path: String)
  /// The output folder exists but is not a run's output, so `--overwrite` keeps it.
  case outputNotReplaceable(path: String, reason: String)
  /// The output folder cannot be created or written.
  case outputNotWritable(path: String, reason: String)
  /// The output folder (or a folder above it), `path`, is a link to `target`, which does
  /// not exist.
  case outputIsDanglingLink(path: String, target: String)
  /// A run's output could not be read (`genn plot`).
  case notARunFolder(path: String, reason: String)
  /// A file of the output could not be written.
  case writeFailed(path: String, reason: String)
  /// A picture `genn plot` draws could not be written.
  case pictureNotWritten(path: String, reason: String)
  /// The options given contradict each other or are out of range.
  case invalidOptions(String)
  /// The run's recording would not fit in the memory available: what it would take,
  /// and how to record less.
  case recordingTooLarge(String)

  var description: String {
    switch self {
    case .modelFile(let error):
      "\(error)"
    case .build(let message):
      "error: \(message)"
    case .backendUnavailable(let backend, let reason):
      "error: the \(backend) backend cannot be used: \(reason)"
    case .outputExists(let path):
      "error: the output folder '\(path)' already exists. Give --overwrite to replace it, "
        + "or choose another folder with --out."
    case .outputNotReplaceable(let path, let reason):
      "error: '\(path)' is not replaced by --overwrite: \(reason). Choose another folder "
        + "with --out."
    case .outputNotWritable(let path, let reason):
      "error: cannot write the output folder '\(path)': \(reason). Choose a folder you can "
        + "write to with --out."
    case .outputIsDanglingLink(let path, let target):
      "error: '\(path)' is a symbolic link to '\(target)', which does not exist, so the "
        + "output cannot be written there. Remove the link, or choose another folder with --out."
    case .notARunFolder(let path, let reason):
      "error: '\(path)' is not the output of `genn run`: \(reason)."
    case .writeFailed(let path, let reason):
      "error: cannot write '\(path)': \(reason). Nothing was left in the output folder."
    case .pictureNotWritten(let path, let reason):
      "error: cannot write '\(path)': \(reason)."
    case .invalidOptions(let message):
      "error: \(message)"
    case .recordingTooLarge(let message):
      "error: \(message)."
    }
  }
}

extension CommandError {
  /// Runs a command's `body`; an error it throws is printed on standard error, as the
  /// paragraph it describes ending with one newline, and the command exits with 1.
  static func reported(_ body: () async throws(CommandError) -> Void) async throws {
    do {
      try await body()
    } catch {
      var text = "\(error)"
      while text.last?.isNewline == true || text.last == " " { text.removeLast() }
      Terminal.writeError(text + "\n")
      throw ExitCode.failure
    }
  }
}
