import GeNNCodeGen
import GeNNModel
import GeNNModelFile
import GeNNTranspiler

/// Positions in a model file for the errors of building its model. They live here, above
/// both layers, because `GeNNModelFile` knows neither the code generator nor the
/// runtime; it places validation and code-string errors itself.
extension ModelFile {
  /// `error`, from generating the model's code, at positions in the file.
  public func located(_ error: CodeGenError) -> ModelFileError {
    switch error {
    case .invalidModel(let error):
      return located(error)
    case .invalidCode(let errors):
      let located = errors.map { self.located($0) }.flatMap(\.all)
      guard let first = located.first else {
        return ModelFileError(
          .invalidCode("\(error)"), at: SourcePosition(file: path, line: 1, column: 1))
      }
      return ModelFileError(first.problem, at: first.position, related: Array(located.dropFirst()))
    }
  }

  /// Any error from building or running the model: a model file's, the code generator's,
  /// validation's or the transpiler's at their positions, others as they describe
  /// themselves, at the file.
  public func located(any error: any Error) -> ModelFileError {
    switch error {
    case let error as ModelFileError: error
    case let error as CodeGenError: located(error)
    case let error as ModelError: located(error)
    case let error as TranspilerError: located(error)
    default:
      ModelFileError(.invalidModel("\(error)"), at: SourcePosition(file: path, line: 0, column: 0))
    }
  }
}
