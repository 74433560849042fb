/// A position in a code snippet: 1-based line and column, as a user counts them.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The 1-based line in the snippet.
  public var line: Int
  /// The 1-based column (in characters) in that line.
  public var column: Int

  /// Creates a location at `line` and `column`, both 1-based.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }

  public var description: String { "line \(line), column \(column)" }
}
