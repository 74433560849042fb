/// Where the text of a code string starts in its model file, so that a position in the
/// code (line and column, as the transpiler reports them) can be found in the file.
///
/// A literal block scalar (`sim_code: |`) maps exactly: code line `L` is file line
/// `firstLine + L - 1`, and code column `C` is file column `indentation + C`. A folded
/// one (`>`) maps the same way, which is exact only while YAML has joined no lines. A
/// code string written on the key's line maps exactly on its first line; later lines of
/// a multi-line flow scalar are folded by YAML, so they map to the scalar's line.
public struct CodeLocation: Hashable, Sendable {
  /// How the code string is written.
  public enum Style: Hashable, Sendable {
    /// A literal (`|`) or folded (`>`) block scalar, on the lines after its key.
    case block
    /// A plain or quoted scalar on the key's line.
    case inline
  }

  /// The path of the model file.
  public var file: String
  /// The file line of the code's first line.
  public var firstLine: Int
  /// The number of columns before the code's first character on each line.
  public var indentation: Int
  /// How the code string is written.
  public var style: Style

  /// Creates a location.
  public init(file: String, firstLine: Int, indentation: Int, style: Style) {
    self.file = file
    self.firstLine = firstLine
    self.indentation = indentation
    self.style = style
  }

  /// The file position of the code's 1-based `line` and `column`.
  public func position(line: Int, column: Int) -> SourcePosition {
    switch style {
    case .block:
      SourcePosition(
        file: file, line: firstLine + max(line, 1) - 1, column: indentation + max(column, 1))
    case .inline:
      line <= 1
        ? SourcePosition(file: file, line: firstLine, column: indentation + max(column, 1))
        : SourcePosition(file: file, line: firstLine, column: indentation + 1)
    }
  }
}
