/// One problem found in a code snippet, at the line and column where it is.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  /// Where the problem is.
  public var location: SourceLocation
  /// The text of the token at that place (empty at the end of the snippet).
  public var token: String
  /// What the problem is.
  public var problem: Problem

  /// Creates a diagnostic.
  public init(_ problem: Problem, at location: SourceLocation, token: String) {
    self.problem = problem
    self.location = location
    self.token = token
  }

  /// The sentence a user reads: what is wrong and what is allowed.
  public var message: String { problem.message }

  public var description: String { "\(location): \(message)" }
}

extension Diagnostic {
  /// The problems the scanner, parser and type checker report.
  public enum Problem: Hashable, Sendable {
    // Scanning.
    case unexpectedCharacter(String)
    case unterminatedString
    case unterminatedComment
    case octalLiteral(String)
    case hexadecimalFloatingLiteral
    case malformedNumber(String, reason: String)
    case integerLiteralTooLarge(String)
    /// A floating-point literal beyond the range of its type: its text, the type and the
    /// type's largest value.
    case floatingLiteralOutOfRange(String, type: String, largest: String)
    // Parsing.
    case expected(String, found: String)
    case unknownTypeSpecifier([String])
    case duplicateTypeQualifier(String)
    case notAssignable(operator: String)
    case nestingTooDeep(limit: Int)
    // Names.
    case unknownName(String, suggestion: String?, available: [String])
    case redeclaration(String)
    case constWithoutInitialiser(String)
    case pointerWithoutInitialiser(String)
    case functionNotCalled(String)
    /// A name that may only be indexed (an extra global parameter array), with its role.
    case indexOnly(String, role: String?)
    // Types.
    case readOnly(name: String?, role: String?)
    case writeOnly(name: String?)
    case invalidOperands(operator: String, left: String, right: String)
    case invalidOperand(operator: String, type: String)
    case invalidConversion(from: String, to: String)
    case invalidCast(from: String, to: String)
    case invalidCondition(construct: String, type: String)
    case invalidSubscript(index: String)
    case notSubscriptable(String)
    case notCallable(String)
    case noMatchingOverload(name: String, arguments: [String], candidates: [String])
    // printf.
    case stringLiteralOutsidePrintf
    case formatNotLiteral
    /// A malformed or refused conversion in a format, and why.
    case invalidFormatConversion(String, reason: String)
    /// An escape sequence of a string that C++ reads otherwise than as written, and what
    /// it is.
    case invalidEscape(String, reason: String)
    /// An argument a conversion does not take: the conversion, the argument's position
    /// (the format is 1), what was found, what the conversion takes, and the conversion
    /// that prints what was found. Boxed (`indirect`): with this payload inline, Swift
    /// 6.3.1's debug builds release a wrong pointer when a problem is destroyed.
    indirect case formatArgumentMismatch(
      conversion: String, argument: Int, found: String, expected: String, suggestion: String?)
    case missingFormatArgument(conversion: String)
    /// An argument after those the format's conversions take: its position, and how many
    /// the conversions take.
    case extraFormatArgument(argument: Int, taken: Int)
    // Statements.
    case outsideLoop(String)
    case caseOutsideSwitch(String)
    case forEachSynapseUnavailable
    case randomNumbersUnavailable(String)
    case caseValueNotConstant
    case duplicateCase(String)

    /// The sentence a user reads.
    public var message: String {
      switch self {
      case .unexpectedCharacter(let c):
        "unexpected character '\(c)'; code strings use C syntax with ASCII identifiers"
      case .unterminatedString:
        "unterminated string literal; close it with '\"' on the same line"
      case .unterminatedComment:
        "unterminated comment; close it with '*/'"
      case .octalLiteral(let text):
        "octal literal '\(text)' is not supported (as in GeNN); write it in decimal or hexadecimal"
      case .hexadecimalFloatingLiteral:
        "hexadecimal floating-point literals are not supported (as in GeNN)"
      case .malformedNumber(let text, let reason):
        "malformed number '\(text)': \(reason)"
      case .integerLiteralTooLarge(let text):
        "integer literal '\(text)' does not fit in 64 bits"
      case .floatingLiteralOutOfRange(let text, let type, let largest):
        "floating-point literal '\(text)' is beyond the range of \(type) (largest \(largest))"
      case .expected(let what, let found):
        "expected \(what), found \(found)"
      case .unknownTypeSpecifier(let words):
        "unknown type '\(words.joined(separator: " "))'; types are bool, char, short, int, long, "
          + "signed/unsigned combinations, [u]int8_t to [u]int64_t, size_t, float, double, "
          + "scalar and timepoint"
      case .duplicateTypeQualifier(let q):
        "duplicate type qualifier '\(q)'"
      case .notAssignable(let op):
        "the left operand of '\(op)' is not assignable; only variables, array elements and "
          + "dereferenced pointers are"
      case .nestingTooDeep(let limit):
        "code is nested more than \(limit) levels deep"
      case .unknownName(let name, let suggestion, let available):
        "unknown name '\(name)'"
          + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
          + (available.isEmpty
            ? (suggestion == nil ? "; no variables or parameters are available here" : "")
            : (suggestion == nil ? ";" : "") + " names here: \(available.joined(separator: ", "))")
      case .redeclaration(let name):
        "'\(name)' is already declared in this scope"
      case .constWithoutInitialiser(let name):
        "const variable '\(name)' needs an initialiser"
      case .functionNotCalled(let name):
        "'\(name)' is a function: call it with arguments in parentheses"
      case .indexOnly(let name, let role):
        "'\(name)'" + (role.map { " (\($0))" } ?? "") + " can only be indexed, as '\(name)[i]', "
          + "so that each index is checked against its size"
      case .pointerWithoutInitialiser(let name):
        "pointer variable '\(name)' needs an initialiser"
      case .readOnly(let name, let role):
        if let name {
          "cannot assign to '\(name)': it is read-only here"
            + (role.map { " (\($0))" } ?? "")
        } else {
          "cannot assign to a read-only value"
        }
      case .writeOnly(let name):
        if let name {
          "'\(name)' is write-only here: it can only be assigned with '='"
        } else {
          "a write-only value cannot be read"
        }
      case .invalidOperands(let op, let left, let right):
        "invalid operand types '\(left)' and '\(right)' for '\(op)'"
          + Self.operatorHint(op)
      case .invalidOperand(let op, let type):
        "invalid operand type '\(type)' for '\(op)'" + Self.operatorHint(op)
      case .invalidConversion(let from, let to):
        "cannot convert '\(from)' to '\(to)'"
      case .invalidCast(let from, let to):
        "cannot cast '\(from)' to '\(to)'; numbers cast to numbers, and pointers only to "
          + "pointers to the same type with at least its constness"
      case .invalidCondition(let construct, let type):
        "the condition of '\(construct)' has type '\(type)'; it must be "
          + (construct == "switch" ? "an integer" : "a number or a pointer")
      case .invalidSubscript(let index):
        "array index has type '\(index)'; it must be an integer"
      case .notSubscriptable(let type):
        "subscripted value has type '\(type)'; only pointers (array parameters) can be indexed"
      case .notCallable(let type):
        "called value has type '\(type)', which is not a function"
      case .noMatchingOverload(let name, let arguments, let candidates):
        "no overload of '\(name)' takes (\(arguments.joined(separator: ", "))); "
          + "available: \(candidates.joined(separator: "; "))"
      case .stringLiteralOutsidePrintf:
        "a string literal can only be printf's format or the argument of its '%s'"
      case .formatNotLiteral:
        "printf's format must be a string literal, so that each conversion can be checked "
          + "against its argument"
      case .invalidFormatConversion(let conversion, let reason):
        "'\(conversion)' in printf's format: \(reason)"
      case .invalidEscape(let text, let reason):
        "'\(text)' in a string is \(reason)"
      case .formatArgumentMismatch(
        let conversion, let argument, let found, let expected, let suggestion):
        "'\(conversion)' takes \(expected), but argument \(argument) of printf is \(found)"
          + (suggestion.map { "; print it with '\($0)'" } ?? "")
      case .missingFormatArgument(let conversion):
        "'\(conversion)' in printf's format has no argument; give one for each conversion"
      case .extraFormatArgument(let argument, let taken):
        "argument \(argument) of printf has no conversion in the format, whose conversions take "
          + "\(taken == 1 ? "1 argument" : "\(taken) arguments"); remove it or add a conversion"
      case .outsideLoop(let keyword):
        "'\(keyword)' is only allowed inside a loop"
          + (keyword == "break" ? " or switch" : "")
      case .caseOutsideSwitch(let keyword):
        "'\(keyword)' label is only allowed inside a switch"
      case .forEachSynapseUnavailable:
        "'for_each_synapse' is not available in this code string"
      case .randomNumbersUnavailable(let name):
        "'\(name)' draws random numbers, which are not available in this code string"
      case .duplicateCase(let value):
        "duplicate case value \(value) in this switch"
      case .caseValueNotConstant:
        "a case value must be a constant integer expression (literals and operators)"
      }
    }

    private static func operatorHint(_ op: String) -> String {
      switch op {
      case "%", "<<", ">>", "&", "|", "^", "~", "%=", "<<=", ">>=", "&=", "|=", "^=":
        "; it needs integer operands"
      default:
        ""
      }
    }
  }
}
