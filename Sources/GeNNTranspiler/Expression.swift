/// An expression of GeNN's code-string language.
///
/// The parser leaves ``type`` empty; ``TypeChecker`` returns the same tree with every
/// node's type filled in and every name bound to what it refers to.
public struct Expression: Hashable, Sendable {
  /// What the expression is.
  public var kind: Kind
  /// The place a user would point at: an operator, a name or a literal.
  public var location: SourceLocation
  /// The type, once checked.
  public var type: GeNNType?

  /// Creates an expression node.
  public init(_ kind: Kind, at location: SourceLocation, type: GeNNType? = nil) {
    self.kind = kind
    self.location = location
    self.type = type
  }

  /// The forms an expression takes.
  public indirect enum Kind: Hashable, Sendable {
    case literal(Literal)
    case identifier(Identifier)
    /// An expression in parentheses.
    case grouping(Expression)
    case unary(UnaryOperator, Expression)
    case prefix(IncrementOperator, Expression)
    case postfix(IncrementOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case assignment(AssignmentOperator, Expression, Expression)
    case conditional(Expression, then: Expression, else: Expression)
    case cast(TypeName, Expression)
    case call(Expression, arguments: [Expression])
    case subscripted(Expression, index: Expression)
  }

  /// Whether the expression names storage that can be assigned (an l-value).
  public var isAssignable: Bool {
    switch kind {
    case .identifier, .subscripted: true
    case .unary(.dereference, _): true
    case .grouping(let inner): inner.isAssignable
    default: false
    }
  }
}

/// A literal value as written.
public enum Literal: Hashable, Sendable {
  /// An integer, with the type C (and GeNN) gives it and its digits as written (with a
  /// `u` suffix where the user wrote `U`).
  case integer(spelling: String, type: NumericType)
  /// A floating-point number, as written without its suffix.
  case floating(spelling: String, precision: FloatingLiteralPrecision)
  case boolean(Bool)
  /// A string literal, quotes included (only `printf` takes strings).
  case string(String)
}

/// A name used in an expression, and after checking, what it refers to.
public struct Identifier: Hashable, Sendable {
  /// The name as written.
  public var name: String
  /// What the name refers to, once checked.
  public var binding: Binding?

  /// Creates an unbound identifier.
  public init(_ name: String) {
    self.name = name
  }

  /// What a checked name refers to.
  public enum Binding: Hashable, Sendable {
    /// A variable declared in the snippet itself.
    case local
    /// A name the environment provides (for a function, the chosen overload).
    case symbol(Symbol)
  }
}

/// A type as written in a declaration or cast, before `scalar` and `timepoint` are known.
public struct TypeName: Hashable, Sendable {
  /// The value type named by the specifiers.
  public var base: Base
  /// Whether the value type is `const`.
  public var isConst: Bool
  /// One entry per `*`, saying whether that pointer is itself `const`.
  public var pointerLevels: [Bool]

  /// Creates a type name.
  public init(_ base: Base, isConst: Bool = false, pointerLevels: [Bool] = []) {
    self.base = base
    self.isConst = isConst
    self.pointerLevels = pointerLevels
  }

  /// The value type a type name starts from.
  public enum Base: Hashable, Sendable {
    case numeric(NumericType)
    case scalar
    case timepoint
  }

  /// The type this name denotes in `context`.
  public func resolved(in context: TypeContext) -> GeNNType {
    let numeric: NumericType =
      switch base {
      case .numeric(let n): n
      case .scalar: context.scalar
      case .timepoint: context.timepoint
      }
    var type = GeNNType.numeric(numeric, isConst ? .const : [])
    for isConstPointer in pointerLevels {
      type = type.pointer(const: isConstPointer)
    }
    return type
  }
}
