import Yams

/// Turns Yams' errors into ``ModelFileError``s at the position libYAML reports.
enum SyntaxErrorMapping {
  /// The model file error for `error` in `file`.
  static func error(_ error: YamlError, file: String) -> ModelFileError {
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
        at: at(context.mark))
    case .reader(let problem, _, _, _):
      return ModelFileError(.syntax(problem), at: SourcePosition(file: file, line: 1, column: 1))
    default:
      return ModelFileError(
        .syntax("\(error)"), at: SourcePosition(file: file, line: 1, column: 1))
    }
  }
}
