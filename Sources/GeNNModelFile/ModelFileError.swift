/// Why a model file cannot be read: what is wrong and where, as `file:line:column`.
///
/// Its description is one paragraph per problem; most errors carry one problem, and
/// those found by validating the finished model (``ModelFileProblem/invalidModel(_:)``)
/// carry one per problem in ``related``.
public struct ModelFileError: Error, Sendable, CustomStringConvertible {
  /// Where the problem is.
  public var position: SourcePosition
  /// What the problem is.
  public var problem: ModelFileProblem
  /// Further problems found at the same time, each with its own position.
  public var related: [ModelFileError]

  /// Creates an error.
  public init(
    _ problem: ModelFileProblem, at position: SourcePosition, related: [ModelFileError] = []
  ) {
    self.problem = problem
    self.position = position
    self.related = related
  }

  /// Every problem, this one first.
  public var all: [ModelFileError] {
    [ModelFileError(problem, at: position)] + related.flatMap(\.all)
  }

  public var description: String {
    all.map { "\($0.position): error: \($0.problem)" }.joined(separator: "\n")
  }
}
