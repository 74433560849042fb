/// Turns a code string into tokens, following GeNN 5.4's scanner.
///
/// Differences from GeNN, all of them acceptances of valid C that GeNN's scanner
/// mis-scans: `/=`, `>>` and `>>=` are scanned as C defines them, `/* ... */` comments
/// are skipped, and string literals may contain backslash escapes. Everything GeNN's
/// scanner rejects is rejected too (octal and hexadecimal floating literals, identifiers
/// that start with `_`, characters outside C's syntax).
public struct Scanner {
  private let bytes: [UInt8]
  private var current = 0
  private var start = 0
  private var line = 1
  private var lineStart = 0
  private var columnCache = (offset: 0, column: 1)
  private var tokens: [Token] = []
  private var diagnostics: [Diagnostic] = []

  /// Scans `source` and returns its tokens, ending with an end-of-file token, and every
  /// problem found on the way (scanning continues after a bad character).
  public static func scan(_ source: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var scanner = Scanner(bytes: Array(source.utf8))
    scanner.run()
    return (scanner.tokens, scanner.diagnostics)
  }

  private init(bytes: [UInt8]) {
    self.bytes = bytes
    tokens.reserveCapacity(bytes.count / 3 + 1)
  }

  private mutating func run() {
    while current < bytes.count {
      start = current
      scanToken()
    }
    start = current
    let end = location(of: current)
    tokens.append(Token(.endOfFile, "", at: end))
  }

  // MARK: Navigation

  private func peek(_ offset: Int = 0) -> UInt8 {
    let index = current + offset
    return index < bytes.count ? bytes[index] : 0
  }

  private mutating func advance() -> UInt8 {
    let c = bytes[current]
    current += 1
    return c
  }

  private mutating func match(_ expected: Character) -> Bool {
    guard current < bytes.count, bytes[current] == expected.asciiValue! else { return false }
    current += 1
    return true
  }

  /// The 1-based line and character column of the byte at `offset`.
  ///
  /// Offsets are asked for in increasing order within a line, so counting resumes from
  /// the last answer and a long line costs linear time.
  private mutating func location(of offset: Int) -> SourceLocation {
    var (index, column) = columnCache.offset <= offset ? columnCache : (lineStart, 1)
    while index < offset {
      // Count characters, not UTF-8 continuation bytes.
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    columnCache = (offset, column)
    return SourceLocation(line: line, column: column)
  }

  private var lexeme: String {
    String(decoding: bytes[start..<current], as: UTF8.self)
  }

  private mutating func emit(_ kind: Token.Kind) {
    emit(kind, lexemeEnd: current)
  }

  private mutating func emit(_ kind: Token.Kind, lexemeEnd: Int) {
    let text = String(decoding: bytes[start..<lexemeEnd], as: UTF8.self)
    let position = location(of: start)
    tokens.append(Token(kind, text, at: position))
  }

  private mutating func report(_ problem: Diagnostic.Problem, at offset: Int, token: String) {
    let position = location(of: offset)
    diagnostics.append(Diagnostic(problem, at: position, token: token))
  }

  private mutating func newLine() {
    line += 1
    lineStart = current
    columnCache = (current, 1)
  }

  // MARK: Tokens

  private mutating func scanToken() {
    let c = advance()
    switch c {
    case UInt8(ascii: "("): emit(.leftParen)
    case UInt8(ascii: ")"): emit(.rightParen)
    case UInt8(ascii: "{"): emit(.leftBrace)
    case UInt8(ascii: "}"): emit(.rightBrace)
    case UInt8(ascii: "["): emit(.leftBracket)
    case UInt8(ascii: "]"): emit(.rightBracket)
    case UInt8(ascii: ","): emit(.comma)
    case UInt8(ascii: ":"): emit(.colon)
    case UInt8(ascii: ";"): emit(.semicolon)
    case UInt8(ascii: "~"): emit(.tilde)
    case UInt8(ascii: "?"): emit(.question)
    case UInt8(ascii: "!"): emit(match("=") ? .notEqual : .not)
    case UInt8(ascii: "="): emit(match("=") ? .equalEqual : .equal)
    case UInt8(ascii: "*"): emit(match("=") ? .starEqual : .star)
    case UInt8(ascii: "%"): emit(match("=") ? .percentEqual : .percent)
    case UInt8(ascii: "^"): emit(match("=") ? .caretEqual : .caret)
    case UInt8(ascii: "<"):
      if match("=") {
        emit(.lessEqual)
      } else if match("<") {
        emit(match("=") ? .shiftLeftEqual : .shiftLeft)
      } else {
        emit(.less)
      }
    case UInt8(ascii: ">"):
      if match("=") {
        emit(.greaterEqual)
      } else if match(">") {
        emit(match("=") ? .shiftRightEqual : .shiftRight)
      } else {
        emit(.greater)
      }
    case UInt8(ascii: "+"):
      emit(match("=") ? .plusEqual : match("+") ? .plusPlus : .plus)
    case UInt8(ascii: "-"):
      emit(match("=") ? .minusEqual : match("-") ? .minusMinus : .minus)
    case UInt8(ascii: "&"):
      emit(match("=") ? .ampersandEqual : match("&") ? .ampersandAmpersand : .ampersand)
    case UInt8(ascii: "|"):
      emit(match("=") ? .pipeEqual : match("|") ? .pipePipe : .pipe)
    case UInt8(ascii: "/"):
      if match("/") {
        while current < bytes.count && peek() != UInt8(ascii: "\n") { current += 1 }
      } else if match("*") {
        skipBlockComment()
      } else {
        emit(match("=") ? .slashEqual : .slash)
      }
    case UInt8(ascii: "\""):
      scanString()
    case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0B, 0x0C:
      break
    case UInt8(ascii: "\n"):
      newLine()
    case UInt8(ascii: "."):
      if isDigit(peek()) {
        scanNumber(first: c)
      } else {
        emit(.dot)
      }
    default:
      if isDigit(c) {
        scanNumber(first: c)
      } else if isLetter(c) {
        scanIdentifier()
      } else {
        // Swallow a whole UTF-8 sequence so the report names one character.
        while current < bytes.count && bytes[current] & 0xC0 == 0x80 { current += 1 }
        report(.unexpectedCharacter(lexeme), at: start, token: lexeme)
      }
    }
  }

  private mutating func skipBlockComment() {
    let opening = location(of: start)
    while current < bytes.count {
      if peek() == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
        current += 2
        return
      }
      if advance() == UInt8(ascii: "\n") { newLine() }
    }
    diagnostics.append(Diagnostic(.unterminatedComment, at: opening, token: "/*"))
  }

  private mutating func scanString() {
    // Taken first: a backslash-newline inside the string moves on to the next line.
    let position = location(of: start)
    while current < bytes.count {
      let c = peek()
      if c == UInt8(ascii: "\"") {
        current += 1
        tokens.append(Token(.string, lexeme, at: position))
        return
      }
      if c == UInt8(ascii: "\n") { break }
      if c == UInt8(ascii: "\\") && current + 1 < bytes.count {
        current += 2
        // C's line splicing: the string goes on on the next line, which is counted.
        if bytes[current - 1] == UInt8(ascii: "\n") { newLine() }
      } else {
        current += 1
      }
    }
    diagnostics.append(Diagnostic(.unterminatedString, at: position, token: lexeme))
    // Stand a closed string in for it so parsing goes on.
    tokens.append(Token(.string, lexeme + "\"", at: position))
  }

  private mutating func scanIdentifier() {
    while isLetter(peek()) || isDigit(peek()) || peek() == UInt8(ascii: "_") { current += 1 }
    let text = lexeme
    emit(Self.keywords[text] ?? .identifier)
  }

  private mutating func scanNumber(first: UInt8) {
    if first == UInt8(ascii: "0") && (peek() == UInt8(ascii: "x") || peek() == UInt8(ascii: "X")) {
      current += 1
      let digitsStart = current
      while isHexDigit(peek()) { current += 1 }
      if peek() == UInt8(ascii: ".") || peek() == UInt8(ascii: "p") || peek() == UInt8(ascii: "P") {
        consumeNumberTail()
        reportMalformedNumber(.hexadecimalFloatingLiteral)
        return
      }
      if current == digitsStart {
        consumeNumberTail()
        reportMalformedNumber(.malformedNumber(lexeme, reason: "'0x' needs hexadecimal digits"))
        return
      }
      finishInteger()
      return
    }
    if first == UInt8(ascii: "0") && isDigit(peek()) {
      while isDigit(peek()) { current += 1 }
      if peek() != UInt8(ascii: ".") && peek() != UInt8(ascii: "e") && peek() != UInt8(ascii: "E") {
        consumeNumberTail()
        reportMalformedNumber(.octalLiteral(lexeme))
        return
      }
    }
    while isDigit(peek()) { current += 1 }
    var isFloating = first == UInt8(ascii: ".")
    if peek() == UInt8(ascii: ".") {
      isFloating = true
      current += 1
    }
    while isDigit(peek()) { current += 1 }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      isFloating = true
      current += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { current += 1 }
      let exponentStart = current
      while isDigit(peek()) { current += 1 }
      if current == exponentStart {
        consumeNumberTail()
        reportMalformedNumber(.malformedNumber(lexeme, reason: "the exponent has no digits"))
        return
      }
    }
    if isFloating {
      let end = current
      switch peek() {
      case UInt8(ascii: "f"), UInt8(ascii: "F"):
        current += 1
        emitNumber(.floating(.float), lexemeEnd: end)
      case UInt8(ascii: "d"), UInt8(ascii: "D"):
        current += 1
        emitNumber(.floating(.double), lexemeEnd: end)
      default:
        emitNumber(.floating(.scalar), lexemeEnd: end)
      }
    } else {
      finishInteger()
    }
  }

  private mutating func finishInteger() {
    let end = current
    if peek() == UInt8(ascii: "u") || peek() == UInt8(ascii: "U") {
      current += 1
      emitNumber(.integer(unsigned: true), lexemeEnd: end)
    } else {
      emitNumber(.integer(unsigned: false), lexemeEnd: end)
    }
  }

  /// Emits a number unless letters or digits run on after it (`1.0x`, `12abc`).
  private mutating func emitNumber(_ kind: Token.Kind, lexemeEnd: Int) {
    let tailStart = current
    consumeNumberTail()
    if current != tailStart {
      reportMalformedNumber(
        .malformedNumber(
          lexeme,
          reason: "unexpected suffix; allowed are 'f' and 'd' after a floating-point number "
            + "and 'U' after an integer"))
      return
    }
    emit(kind, lexemeEnd: lexemeEnd)
  }

  /// Reports a bad number and stands a `0` in for it, so parsing goes on without
  /// further messages about the same place.
  private mutating func reportMalformedNumber(_ problem: Diagnostic.Problem) {
    let position = location(of: start)
    diagnostics.append(Diagnostic(problem, at: position, token: lexeme))
    tokens.append(Token(.integer(unsigned: false), "0", at: position))
  }

  private mutating func consumeNumberTail() {
    while isLetter(peek()) || isDigit(peek()) || peek() == UInt8(ascii: "_")
      || peek() == UInt8(ascii: ".")
    {
      current += 1
    }
  }

  private static let keywords: [String: Token.Kind] = [
    "const": .typeQualifier,
    "do": .kwDo, "else": .kwElse, "for": .kwFor, "for_each_synapse": .kwForEachSynapse,
    "if": .kwIf, "while": .kwWhile, "switch": .kwSwitch, "break": .kwBreak,
    "continue": .kwContinue, "case": .kwCase, "default": .kwDefault,
    "true": .boolean, "false": .boolean,
    "char": .typeSpecifier, "short": .typeSpecifier, "int": .typeSpecifier,
    "long": .typeSpecifier, "float": .typeSpecifier, "double": .typeSpecifier,
    "signed": .typeSpecifier, "unsigned": .typeSpecifier, "bool": .typeSpecifier,
    "uint8_t": .typeSpecifier, "int8_t": .typeSpecifier, "uint16_t": .typeSpecifier,
    "int16_t": .typeSpecifier, "uint32_t": .typeSpecifier, "int32_t": .typeSpecifier,
    "uint64_t": .typeSpecifier, "int64_t": .typeSpecifier, "size_t": .typeSpecifier,
    "scalar": .typeSpecifier, "timepoint": .typeSpecifier,
  ]
}

private func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

private func isLetter(_ c: UInt8) -> Bool {
  (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z"))
    || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
}

private func isHexDigit(_ c: UInt8) -> Bool {
  isDigit(c) || (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f"))
    || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "F"))
}
