import GeNNModel
import GeNNTranspiler

/// What stops code generation: a model that fails validation, or code strings that fail
/// to check, each reported with the population and code string they belong to.
public enum CodeGenError: Error, Sendable, CustomStringConvertible {
  /// The model description is invalid.
  case invalidModel(ModelError)
  /// One or more code strings have errors; each error names its element and snippet.
  case invalidCode([TranspilerError])

  public var description: String {
    switch self {
    case .invalidModel(let error):
      "\(error)"
    case .invalidCode(let errors):
      errors.map(\.description).joined(separator: "\n")
    }
  }
}
