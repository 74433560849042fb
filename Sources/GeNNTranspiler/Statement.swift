/// A statement of GeNN's code-string language.
public struct Statement: Hashable, Sendable {
  /// What the statement is.
  public var kind: Kind
  /// Where it starts.
  public var location: SourceLocation

  /// Creates a statement node.
  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// The forms a statement takes.
  public indirect enum Kind: Hashable, Sendable {
    /// An expression followed by `;`, or a lone `;`.
    case expression(Expression?)
    case declaration(Declaration)
    case block([Statement])
    case ifElse(Expression, then: Statement, else: Statement?)
    case whileLoop(Expression, body: Statement)
    case doWhile(body: Statement, condition: Expression)
    case forLoop(
      initialiser: Statement?, condition: Expression?, increment: Expression?, body: Statement)
    case switchStatement(Expression, body: Statement)
    /// `case value:` followed by a statement.
    case caseLabel(Expression, body: Statement)
    /// `default:` followed by a statement.
    case defaultLabel(body: Statement)
    case breakStatement
    case continueStatement
    /// GeNN's loop over the synapses of a row (custom connectivity updates).
    case forEachSynapse(body: Statement)
  }
}

/// A declaration of local variables: `const scalar a = 1.0, b;`.
public struct Declaration: Hashable, Sendable {
  /// The declared type as written.
  public var typeName: TypeName
  /// The declared type, once checked.
  public var type: GeNNType?
  /// The declared names and their initialisers.
  public var declarators: [Declarator]

  /// Creates a declaration.
  public init(typeName: TypeName, declarators: [Declarator]) {
    self.typeName = typeName
    self.declarators = declarators
  }
}

/// One declared name with its optional initialiser.
public struct Declarator: Hashable, Sendable {
  /// The declared name.
  public var name: String
  /// Where the name is.
  public var location: SourceLocation
  /// The initial value, if any.
  public var initialiser: Expression?

  /// Creates a declarator.
  public init(name: String, location: SourceLocation, initialiser: Expression?) {
    self.name = name
    self.location = location
    self.initialiser = initialiser
  }
}
