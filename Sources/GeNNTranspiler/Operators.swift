/// A binary operator: arithmetic, bitwise, relational, equality, logical or comma.
public enum BinaryOperator: String, Hashable, Sendable {
  case multiply = "*"
  case divide = "/"
  case remainder = "%"
  case add = "+"
  case subtract = "-"
  case shiftLeft = "<<"
  case shiftRight = ">>"
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case equal = "=="
  case notEqual = "!="
  case bitAnd = "&"
  case bitXor = "^"
  case bitOr = "|"
  case logicalAnd = "&&"
  case logicalOr = "||"
  case comma = ","

  /// C's binding strength; larger binds tighter.
  var precedence: Int {
    switch self {
    case .multiply, .divide, .remainder: 10
    case .add, .subtract: 9
    case .shiftLeft, .shiftRight: 8
    case .less, .lessEqual, .greater, .greaterEqual: 7
    case .equal, .notEqual: 6
    case .bitAnd: 5
    case .bitXor: 4
    case .bitOr: 3
    case .logicalAnd: 2
    case .logicalOr: 1
    case .comma: 0
    }
  }

  /// Whether both operands must be integers.
  var needsIntegers: Bool {
    switch self {
    case .remainder, .shiftLeft, .shiftRight, .bitAnd, .bitXor, .bitOr: true
    default: false
    }
  }

  /// Whether the result is a truth value.
  var isComparisonOrLogical: Bool {
    switch self {
    case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .logicalAnd,
      .logicalOr:
      true
    default: false
    }
  }

  init?(_ kind: Token.Kind) {
    switch kind {
    case .star: self = .multiply
    case .slash: self = .divide
    case .percent: self = .remainder
    case .plus: self = .add
    case .minus: self = .subtract
    case .shiftLeft: self = .shiftLeft
    case .shiftRight: self = .shiftRight
    case .less: self = .less
    case .lessEqual: self = .lessEqual
    case .greater: self = .greater
    case .greaterEqual: self = .greaterEqual
    case .equalEqual: self = .equal
    case .notEqual: self = .notEqual
    case .ampersand: self = .bitAnd
    case .caret: self = .bitXor
    case .pipe: self = .bitOr
    case .ampersandAmpersand: self = .logicalAnd
    case .pipePipe: self = .logicalOr
    default: return nil
    }
  }
}

/// A prefix operator other than increment and decrement.
public enum UnaryOperator: String, Hashable, Sendable {
  case plus = "+"
  case minus = "-"
  case bitNot = "~"
  case logicalNot = "!"
  case dereference = "*"

  init?(_ kind: Token.Kind) {
    switch kind {
    case .plus: self = .plus
    case .minus: self = .minus
    case .tilde: self = .bitNot
    case .not: self = .logicalNot
    case .star: self = .dereference
    default: return nil
    }
  }
}

/// `++` or `--`.
public enum IncrementOperator: String, Hashable, Sendable {
  case increment = "++"
  case decrement = "--"
}

/// `=` or a compound assignment.
public enum AssignmentOperator: String, Hashable, Sendable {
  case assign = "="
  case add = "+="
  case subtract = "-="
  case multiply = "*="
  case divide = "/="
  case remainder = "%="
  case bitAnd = "&="
  case bitOr = "|="
  case bitXor = "^="
  case shiftLeft = "<<="
  case shiftRight = ">>="

  /// Whether both operands must be integers.
  var needsIntegers: Bool {
    switch self {
    case .remainder, .bitAnd, .bitOr, .bitXor, .shiftLeft, .shiftRight: true
    default: false
    }
  }

  init?(_ kind: Token.Kind) {
    switch kind {
    case .equal: self = .assign
    case .plusEqual: self = .add
    case .minusEqual: self = .subtract
    case .starEqual: self = .multiply
    case .slashEqual: self = .divide
    case .percentEqual: self = .remainder
    case .ampersandEqual: self = .bitAnd
    case .pipeEqual: self = .bitOr
    case .caretEqual: self = .bitXor
    case .shiftLeftEqual: self = .shiftLeft
    case .shiftRightEqual: self = .shiftRight
    default: return nil
    }
  }
}
