import GeNNModel
import GeNNTranspiler

/// Positions in the file for errors found after decoding: by validation, or by the
/// transpiler checking a code string. (The code generator's errors are placed by the
/// `SwiftGeNN` target, which sees both layers.)
extension ModelFile {
  /// The file position of `line` and `column` (1-based, as the transpiler reports them)
  /// of the code string at key path `hook` of `element`'s entry, for example
  /// `(element: .neuronPopulation("E"), hook: "model.sim_code", line: 2, column: 5)`;
  /// `nil` if the file has no code string there (a built-in model's code).
  public func sourcePosition(element: ModelElement, hook: String, line: Int, column: Int)
    -> SourcePosition?
  {
    sourceMap.codeLocation(of: "\(element.keyPath).\(hook)")?.position(line: line, column: column)
  }

  /// The position of `element`'s entry (its name) in the file.
  public func position(of element: ModelElement) -> SourcePosition {
    sourceMap.nearestPosition(of: element.keyPath)
  }

  /// `error`, a code string's problems, with each diagnostic at its position in the file
  /// when the code string is written in it, else at the element's entry.
  public func located(_ error: TranspilerError) -> ModelFileError {
    guard let context = CodeContext(error.context) else {
      return CodeErrorMapping.error(
        error, location: nil, fallback: SourcePosition(file: path, line: 1, column: 1))
    }
    for element in context.elements {
      for hook in context.hooks {
        if let location = sourceMap.codeLocation(of: "\(element.keyPath).\(hook)") {
          return CodeErrorMapping.error(
            error, location: location, fallback: location.position(line: 1, column: 1))
        }
      }
    }
    let fallback =
      context.elements.first.map { position(of: $0) }
      ?? SourcePosition(file: path, line: 1, column: 1)
    return CodeErrorMapping.error(error, location: nil, fallback: fallback)
  }

  /// `error`, the model's validation problems, each at the entry it is about.
  public func located(_ error: ModelError) -> ModelFileError {
    let errors = error.problems.map { problem in
      ModelFileError(.invalidModel(problem.description), at: position(of: problem))
    }
    guard let first = errors.first else {
      return ModelFileError(
        .invalidModel("\(error)"), at: SourcePosition(file: path, line: 1, column: 1))
    }
    return ModelFileError(first.problem, at: first.position, related: Array(errors.dropFirst()))
  }

  /// Where the validation problem `problem` is in the file.
  func position(of problem: ModelProblem) -> SourcePosition {
    let (element, field) = ValidationAnchor.anchor(of: problem)
    guard let element else {
      return field.flatMap { sourceMap.position(of: $0) }
        ?? SourcePosition(file: path, line: 1, column: 1)
    }
    let path = ValidationAnchor.keyPath(element: element, field: field)
    if let name = problem.refusedName, let position = sourceMap.position(ofName: name, under: path)
    {
      return position
    }
    return sourceMap.nearestPosition(of: path)
  }
}

extension ModelProblem {
  /// The name this problem refuses, when it refuses one.
  fileprivate var refusedName: String? {
    switch self {
    case .invalidName(_, let name), .invalidElementName(_, let name): name
    default: nil
    }
  }
}
