/// One lexical token of GeNN's code-string language.
public struct Token: Hashable, Sendable {
  /// What kind of token this is.
  public var kind: Kind
  /// The exact characters of the token in the snippet (a number's suffix excluded).
  public var lexeme: String
  /// Where the token starts.
  public var location: SourceLocation

  /// Creates a token.
  public init(_ kind: Kind, _ lexeme: String, at location: SourceLocation) {
    self.kind = kind
    self.lexeme = lexeme
    self.location = location
  }

  /// The kinds of token the scanner produces.
  public enum Kind: Hashable, Sendable {
    // Punctuation.
    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, dot, colon, semicolon, question
    // Operators.
    case plus, minus, star, slash, percent, ampersand, pipe, caret, tilde, not
    case plusPlus, minusMinus, ampersandAmpersand, pipePipe
    case shiftLeft, shiftRight
    case equalEqual, notEqual, less, lessEqual, greater, greaterEqual
    case equal, plusEqual, minusEqual, starEqual, slashEqual, percentEqual
    case ampersandEqual, pipeEqual, caretEqual, shiftLeftEqual, shiftRightEqual
    // Literals.
    case identifier
    /// An integer literal; `unsigned` when it carries a `U` suffix.
    case integer(unsigned: Bool)
    /// A floating-point literal with the precision its suffix gives.
    case floating(FloatingLiteralPrecision)
    case boolean, string
    // Type names.
    case typeSpecifier, typeQualifier
    // Keywords.
    case kwIf, kwElse, kwFor, kwWhile, kwDo, kwSwitch, kwCase, kwDefault
    case kwBreak, kwContinue, kwForEachSynapse
    case endOfFile
  }
}

/// The precision of a floating-point literal, from its suffix.
public enum FloatingLiteralPrecision: Hashable, Sendable {
  /// No suffix: the model's `scalar` precision (GeNN's rule).
  case scalar
  /// An `f` suffix.
  case float
  /// A `d` suffix (a GeNN extension of C).
  case double
}
