import Yams

/// Turns Yams' errors into ``ModelFileError``s at the position libYAML reports.
enum SyntaxErrorMapping {
  /// The model file error for `error` in `file`.
  static func error(_ error: YamlError, file: String, text: String) -> ModelFileError {
    func at(_ mark: Mark) -> SourcePosition {
      SourcePosition(file: file, line: mark.line, column: mark.column)
    }
    func message(_ context: YamlError.Context?, _ problem: String) -> String {
      guard let context else { return problem }
      return "\(problem) (\(context.text) at line \(context.mark.line), column "
        + "\(context.mark.column))"
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return ModelFileError(.syntax(message(context, problem)), at: at(mark))
    case .duplicatedKeysInMapping(let duplicates, let context):
      return ModelFileError(
        .syntax(
          "a mapping has the key\(duplicates.count == 1 ? "" : "s") "
            + duplicates.map { "'\($0)'" }.joined(separator: ", ")
            + " more than once; each key may appear only once"),
        at: secondOccurrence(of: duplicates.first, after: context.mark, in: text, file: file)
          ?? at(context.mark))
    case .reader(let problem, _, _, _):
      return ModelFileError(.syntax(problem), at: SourcePosition(file: file, line: 1, column: 1))
    default:
      return ModelFileError(
        .syntax("\(error)"), at: SourcePosition(file: file, line: 1, column: 1))
    }
  }

  /// Where the second `key:` of the block mapping starting at `mark` is: the duplicate
  /// that libYAML found (it reports only the mapping's start).
  private static func secondOccurrence(
    of key: String?, after mark: Mark, in text: String, file: String
  ) -> SourcePosition? {
    guard let key else { return nil }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let indentation = mark.column - 1
    var seen = 0
    for index in max(mark.line - 1, 0)..<lines.count {
      let line = lines[index]
      let leading = line.prefix { $0 == " " }.count
      if index > mark.line - 1 && leading < indentation && !line.allSatisfy({ $0 == " " }) {
        break
      }
      guard leading == indentation, line.dropFirst(leading).hasPrefix("\(key):") else { continue }
      seen += 1
      if seen == 2 { return SourcePosition(file: file, line: index + 1, column: leading + 1) }
    }
    return nil
  }
}
