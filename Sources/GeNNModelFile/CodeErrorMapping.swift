import GeNNTranspiler

/// Turns a ``TranspilerError`` about a code string of a model file into a
/// ``ModelFileError`` whose positions are in the file.
enum CodeErrorMapping {
  /// The error for `error`, whose code string starts at `location` (positions at
  /// `fallback` when the code's place in the file is unknown); `context` replaces the
  /// error's own context in messages when given.
  static func error(
    _ error: TranspilerError, location: CodeLocation?, fallback: SourcePosition,
    context: String? = nil
  ) -> ModelFileError {
    let errors = error.diagnostics.map { diagnostic in
      let position =
        location?.position(line: diagnostic.location.line, column: diagnostic.location.column)
        ?? fallback
      let codePlace =
        location == nil
        ? " (code line \(diagnostic.location.line), column \(diagnostic.location.column))" : ""
      return ModelFileError(
        .invalidCode("\(context ?? error.context)\(codePlace): \(diagnostic.message)"), at: position
      )
    }
    guard let first = errors.first else {
      return ModelFileError(.invalidCode("\(context ?? error.context): invalid code"), at: fallback)
    }
    return ModelFileError(first.problem, at: first.position, related: Array(errors.dropFirst()))
  }
}
