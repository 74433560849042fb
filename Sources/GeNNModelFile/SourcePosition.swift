/// A place in a model file: the file's path and a 1-based line and column, as an editor
/// counts them (columns in Unicode scalars). Line 0 means the file as a whole.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
  /// The path of the model file, as it was given.
  public var file: String
  /// The 1-based line, or 0 when the position is the whole file.
  public var line: Int
  /// The 1-based column, or 0 when the position is the whole file.
  public var column: Int

  /// Creates a position.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, or `file` alone for the whole file.
  public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }
}
