import Testing

@testable import GeNNTranspiler

/// The scanner: every token kind, comments, positions, GeNN's number rules, strings,
/// identifiers, keywords and recovery from characters outside the language.
@Suite struct ScannerTests {
  // MARK: Helpers

  /// The kinds of the tokens of `source`, without the end-of-file token.
  private static func kinds(_ source: String) -> [Token.Kind] {
    let (tokens, _) = Scanner.scan(source)
    return tokens.dropLast().map(\.kind)
  }

  /// The tokens of `source` without the end-of-file token, and the diagnostics.
  private static func scan(_ source: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    let (tokens, diagnostics) = Scanner.scan(source)
    return (Array(tokens.dropLast()), diagnostics)
  }

  /// The single token `source` scans to, failing the test if there is not exactly one
  /// or if anything is reported.
  private static func single(_ source: String) throws -> Token {
    let (tokens, diagnostics) = scan(source)
    #expect(diagnostics.isEmpty, "\(source): \(diagnostics)")
    try #require(tokens.count == 1, "\(source) scanned to \(tokens)")
    return tokens[0]
  }

  // MARK: Punctuation and operators

  static let singleTokens: [(String, Token.Kind)] = [
    ("(", .leftParen), (")", .rightParen), ("{", .leftBrace), ("}", .rightBrace),
    ("[", .leftBracket), ("]", .rightBracket), (",", .comma), (".", .dot), (":", .colon),
    (";", .semicolon), ("?", .question),
    ("+", .plus), ("-", .minus), ("*", .star), ("/", .slash), ("%", .percent),
    ("&", .ampersand), ("|", .pipe), ("^", .caret), ("~", .tilde), ("!", .not),
    ("++", .plusPlus), ("--", .minusMinus), ("&&", .ampersandAmpersand), ("||", .pipePipe),
    ("<<", .shiftLeft), (">>", .shiftRight),
    ("==", .equalEqual), ("!=", .notEqual), ("<", .less), ("<=", .lessEqual),
    (">", .greater), (">=", .greaterEqual),
    ("=", .equal), ("+=", .plusEqual), ("-=", .minusEqual), ("*=", .starEqual),
    ("/=", .slashEqual), ("%=", .percentEqual), ("&=", .ampersandEqual), ("|=", .pipeEqual),
    ("^=", .caretEqual), ("<<=", .shiftLeftEqual), (">>=", .shiftRightEqual),
  ]

  @Test(arguments: singleTokens)
  func everyOperatorAndPunctuatorScansToOneToken(source: String, kind: Token.Kind) throws {
    let token = try Self.single(source)
    #expect(token.kind == kind)
    #expect(token.lexeme == source)
    #expect(token.location == SourceLocation(line: 1, column: 1))
  }

  @Test func operatorsTakeTheLongestMatch() {
    #expect(Self.kinds("a+++b") == [.identifier, .plusPlus, .plus, .identifier])
    #expect(Self.kinds("a---b") == [.identifier, .minusMinus, .minus, .identifier])
    #expect(Self.kinds("a&&&b") == [.identifier, .ampersandAmpersand, .ampersand, .identifier])
    #expect(Self.kinds("a|||b") == [.identifier, .pipePipe, .pipe, .identifier])
    #expect(Self.kinds("x<<=1") == [.identifier, .shiftLeftEqual, .integer(unsigned: false)])
    #expect(Self.kinds("x>>=1") == [.identifier, .shiftRightEqual, .integer(unsigned: false)])
    #expect(Self.kinds("x<<==y") == [.identifier, .shiftLeftEqual, .equal, .identifier])
    #expect(Self.kinds("x>>>y") == [.identifier, .shiftRight, .greater, .identifier])
    #expect(Self.kinds("x<<<y") == [.identifier, .shiftLeft, .less, .identifier])
    #expect(Self.kinds("a===b") == [.identifier, .equalEqual, .equal, .identifier])
    #expect(Self.kinds("a!==b") == [.identifier, .notEqual, .equal, .identifier])
    #expect(Self.kinds("a/=b") == [.identifier, .slashEqual, .identifier])
    #expect(Self.kinds("a/ =b") == [.identifier, .slash, .equal, .identifier])
    #expect(Self.kinds("a->b") == [.identifier, .minus, .greater, .identifier])
    #expect(Self.kinds("!!x") == [.not, .not, .identifier])
  }

  @Test func whitespaceSeparatesTokens() {
    #expect(Self.kinds("a + + b") == [.identifier, .plus, .plus, .identifier])
    #expect(Self.kinds("a < < b") == [.identifier, .less, .less, .identifier])
    #expect(Self.kinds(" \t\r\u{0B}\u{0C}\n").isEmpty)
  }

  @Test func aWholeStatementScansInOrder() {
    let (tokens, diagnostics) = Self.scan("V += (x[i] > 1.0f) ? -2 : 3U;")
    #expect(diagnostics.isEmpty)
    #expect(
      tokens.map(\.kind) == [
        .identifier, .plusEqual, .leftParen, .identifier, .leftBracket, .identifier,
        .rightBracket, .greater, .floating(.float), .rightParen, .question, .minus,
        .integer(unsigned: false), .colon, .integer(unsigned: true), .semicolon,
      ])
    #expect(
      tokens.map(\.lexeme) == [
        "V", "+=", "(", "x", "[", "i", "]", ">", "1.0", ")", "?", "-", "2", ":", "3", ";",
      ])
  }

  // MARK: End of file

  @Test func scanningEndsWithOneEndOfFileTokenAfterTheLastCharacter() throws {
    let (empty, emptyProblems) = Scanner.scan("")
    #expect(emptyProblems.isEmpty)
    #expect(empty.map(\.kind) == [.endOfFile])
    #expect(empty[0].location == SourceLocation(line: 1, column: 1))
    #expect(empty[0].lexeme == "")

    let (tokens, _) = Scanner.scan("ab")
    let last = try #require(tokens.last)
    #expect(tokens.count == 2)
    #expect(last.kind == .endOfFile)
    #expect(last.location == SourceLocation(line: 1, column: 3))

    let (afterNewline, _) = Scanner.scan("a;\n")
    #expect(afterNewline.last?.location == SourceLocation(line: 2, column: 1))
    #expect(afterNewline.filter { $0.kind == .endOfFile }.count == 1)
  }

  // MARK: Comments

  @Test func lineCommentsRunToTheEndOfTheLine() {
    let (tokens, diagnostics) = Self.scan("a // b c @ \"\n d // last")
    #expect(diagnostics.isEmpty)
    #expect(tokens.map(\.lexeme) == ["a", "d"])
    #expect(tokens[1].location == SourceLocation(line: 2, column: 2))
    #expect(Self.kinds("// only a comment").isEmpty)
    #expect(Self.kinds("x = 1; //").count == 4)
  }

  @Test func blockCommentsMaySpanLines() {
    let (tokens, diagnostics) = Self.scan("a /* one\n two * / ** \n three */ b\nc")
    #expect(diagnostics.isEmpty)
    #expect(tokens.map(\.lexeme) == ["a", "b", "c"])
    #expect(tokens[1].location == SourceLocation(line: 3, column: 11))
    #expect(tokens[2].location == SourceLocation(line: 4, column: 1))
  }

  @Test func blockCommentEdgeCases() {
    // "/*/" does not close the comment it opens; "/**/" is an empty comment.
    #expect(Self.kinds("/*/ x */y").count == 1)
    #expect(Self.kinds("a/**/b") == [.identifier, .identifier])
    #expect(Self.kinds("a/***/b") == [.identifier, .identifier])
    // Comments do not nest: the first "*/" closes.
    #expect(Self.kinds("/* /* */ x */") == [.identifier, .star, .slash])
    // A line comment marker inside a block comment is ignored, and vice versa.
    #expect(Self.kinds("/* // */ x") == [.identifier])
    #expect(Self.kinds("// /*\nx */") == [.identifier, .star, .slash])
    // A comment separates tokens.
    #expect(Self.kinds("a+/**/+b") == [.identifier, .plus, .plus, .identifier])
  }

  @Test func unterminatedBlockCommentIsReportedWhereItOpens() throws {
    let (tokens, diagnostics) = Self.scan("x = 1;\n  y /* never\n closed")
    #expect(tokens.map(\.lexeme) == ["x", "=", "1", ";", "y"])
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    #expect(diagnostic.problem == .unterminatedComment)
    #expect(diagnostic.location == SourceLocation(line: 2, column: 5))
    #expect(diagnostic.token == "/*")
  }

  // MARK: Positions

  @Test func linesAndColumnsAreOneBased() {
    let (tokens, _) = Self.scan("alpha = beta;\n  gamma\n\n\tdelta +\t epsilon")
    let positions = tokens.map { [$0.location.line, $0.location.column] }
    #expect(tokens.map(\.lexeme) == ["alpha", "=", "beta", ";", "gamma", "delta", "+", "epsilon"])
    // A tab counts as one column.
    #expect(
      positions == [[1, 1], [1, 7], [1, 9], [1, 13], [2, 3], [4, 2], [4, 8], [4, 11]])
  }

  @Test func carriageReturnLineFeedCountsAsOneLine() {
    let (tokens, _) = Self.scan("a\r\nb\r\n  c")
    #expect(tokens.map(\.location.line) == [1, 2, 3])
    #expect(tokens[2].location.column == 3)
  }

  @Test func columnsCountCharactersNotBytes() {
    // "µ" is two bytes in UTF-8 but one column.
    let (tokens, _) = Self.scan("\"µµ\" x /* é */ y")
    #expect(tokens.map(\.lexeme) == ["\"µµ\"", "x", "y"])
    #expect(tokens[1].location.column == 6)
    #expect(tokens[2].location.column == 16)
  }

  @Test func positionsAfterMultiLineCommentAndStrings() {
    let (tokens, _) = Self.scan("/*\n\n*/ \"s\" t")
    #expect(tokens[0].location == SourceLocation(line: 3, column: 4))
    #expect(tokens[1].location == SourceLocation(line: 3, column: 8))
  }

  // MARK: Numbers

  static let acceptedNumbers: [(String, Token.Kind, String)] = [
    // Integers: plain is signed, U (either case) makes them unsigned.
    ("0", .integer(unsigned: false), "0"),
    ("1234", .integer(unsigned: false), "1234"),
    ("4294967295U", .integer(unsigned: true), "4294967295"),
    ("5u", .integer(unsigned: true), "5"),
    ("0x1F", .integer(unsigned: false), "0x1F"),
    ("0X1f", .integer(unsigned: false), "0X1f"),
    ("0xFFU", .integer(unsigned: true), "0xFF"),
    ("0xdeadBEEF", .integer(unsigned: false), "0xdeadBEEF"),
    ("0x1e5", .integer(unsigned: false), "0x1e5"),
    // Floating: no suffix is scalar, f is float, d is double (either case).
    ("1.0", .floating(.scalar), "1.0"),
    ("2.", .floating(.scalar), "2."),
    (".5", .floating(.scalar), ".5"),
    ("0.2", .floating(.scalar), "0.2"),
    ("1e5", .floating(.scalar), "1e5"),
    ("1e-4", .floating(.scalar), "1e-4"),
    ("1E+4", .floating(.scalar), "1E+4"),
    ("100.0f", .floating(.float), "100.0"),
    ("10.f", .floating(.float), "10."),
    ("1.0F", .floating(.float), "1.0"),
    ("1.5e-3f", .floating(.float), "1.5e-3"),
    ("10.0e4f", .floating(.float), "10.0e4"),
    ("1e5f", .floating(.float), "1e5"),
    (".25f", .floating(.float), ".25"),
    ("12.0d", .floating(.double), "12.0"),
    ("1.0D", .floating(.double), "1.0"),
    ("1.E-5d", .floating(.double), "1.E-5"),
    ("0.0004d", .floating(.double), "0.0004"),
  ]

  @Test(arguments: acceptedNumbers)
  func numberLiteral(source: String, kind: Token.Kind, lexeme: String) throws {
    let token = try Self.single(source)
    #expect(token.kind == kind)
    #expect(token.lexeme == lexeme, "the lexeme excludes the suffix")
  }

  @Test func aMinusSignIsItsOwnToken() {
    let (tokens, _) = Self.scan("-2345 -0x7F -1.5f")
    #expect(
      tokens.map(\.kind) == [
        .minus, .integer(unsigned: false), .minus, .integer(unsigned: false), .minus,
        .floating(.float),
      ])
    #expect(tokens.map(\.lexeme) == ["-", "2345", "-", "0x7F", "-", "1.5"])
  }

  @Test func numbersNextToOperators() {
    #expect(
      Self.kinds("1.5f+x") == [.floating(.float), .plus, .identifier])
    #expect(
      Self.kinds("a[2]") == [.identifier, .leftBracket, .integer(unsigned: false), .rightBracket])
    #expect(Self.kinds("1e-3-x") == [.floating(.scalar), .minus, .identifier])
    #expect(Self.kinds("3U*2") == [.integer(unsigned: true), .star, .integer(unsigned: false)])
  }

  static let rejectedNumbers: [(String, Diagnostic.Problem)] = [
    ("017", .octalLiteral("017")),
    ("00", .octalLiteral("00")),
    ("0x1.8p3", .hexadecimalFloatingLiteral),
    ("0x1p3", .hexadecimalFloatingLiteral),
  ]

  @Test(arguments: rejectedNumbers)
  func unsupportedNumberForms(source: String, problem: Diagnostic.Problem) throws {
    let (tokens, diagnostics) = Self.scan("x = " + source + ";")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostics.count == 1, "\(diagnostics)")
    #expect(diagnostic.problem == problem)
    #expect(diagnostic.location == SourceLocation(line: 1, column: 5))
    #expect(diagnostic.token == source)
    // A zero stands in so that parsing goes on without a second message.
    #expect(tokens.map(\.lexeme) == ["x", "=", "0", ";"])
  }

  @Test(arguments: ["1e", "1e+", "1.5E-", "1.0x", "12abc", "1.0ff", "5UL", "1.5.3", "0x", "0xG"])
  func malformedNumbersAreReportedWhole(source: String) throws {
    let (tokens, diagnostics) = Self.scan(source + " y")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostics.count == 1, "\(diagnostics)")
    guard case .malformedNumber(let text, let reason) = diagnostic.problem else {
      Issue.record("\(source): expected a malformed number, got \(diagnostic.problem)")
      return
    }
    #expect(text == source)
    #expect(!reason.isEmpty)
    #expect(diagnostic.location == SourceLocation(line: 1, column: 1))
    #expect(tokens.map(\.lexeme) == ["0", "y"])
    #expect(tokens[1].location.column == source.count + 2)
  }

  @Test func exponentWithoutDigitsSaysSo() throws {
    let (_, diagnostics) = Self.scan("1e")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.message.contains("exponent"))
  }

  @Test func octalRejectionLeavesDecimalsWithZeroesAlone() {
    #expect(Self.kinds("0.5") == [.floating(.scalar)])
    #expect(Self.kinds("0e0") == [.floating(.scalar)])
    #expect(Self.kinds("10") == [.integer(unsigned: false)])
    #expect(Self.kinds("100.001") == [.floating(.scalar)])
  }

  // MARK: Strings

  @Test func stringsKeepTheirQuotesAndEscapes() throws {
    #expect(try Self.single("\"hello world\"").lexeme == "\"hello world\"")
    #expect(try Self.single("\"hello world\"").kind == .string)
    #expect(try Self.single(#""a\"b""#).lexeme == #""a\"b""#)
    #expect(try Self.single(#""tab\there\n""#).lexeme == #""tab\there\n""#)
    #expect(try Self.single(#""""#).lexeme == #""""#)
    #expect(try Self.single(#""http://x/*y*/""#).lexeme == #""http://x/*y*/""#)
    let (tokens, diagnostics) = Self.scan(#""back\\" x "pre-processor""#)
    #expect(diagnostics.isEmpty)
    #expect(tokens.map(\.kind) == [.string, .identifier, .string])
    #expect(tokens.map(\.lexeme) == [#""back\\""#, "x", #""pre-processor""#])
  }

  @Test func unterminatedStringAtEndOfInput() throws {
    let (tokens, diagnostics) = Self.scan("printf(\"hello world")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    #expect(diagnostic.problem == .unterminatedString)
    #expect(diagnostic.location == SourceLocation(line: 1, column: 8))
    #expect(diagnostic.token == "\"hello world")
    // A closed string stands in for it.
    #expect(tokens.map(\.kind) == [.identifier, .leftParen, .string])
    #expect(tokens.last?.lexeme == "\"hello world\"")
  }

  @Test func unterminatedStringStopsAtTheEndOfItsLine() throws {
    let (tokens, diagnostics) = Self.scan("a = \"abc\nb;")
    #expect(diagnostics.map(\.problem) == [.unterminatedString])
    #expect(diagnostics.first?.location == SourceLocation(line: 1, column: 5))
    let b = try #require(tokens.first { $0.lexeme == "b" })
    #expect(b.location == SourceLocation(line: 2, column: 1))
    #expect(tokens.last?.kind == .semicolon)
  }

  @Test func aBackslashNewlineContinuesAStringAndTheLineCountFollows() {
    let (tokens, diagnostics) = Self.scan("x = \"a\\\nb\" + y;\nz")
    #expect(diagnostics.isEmpty)
    #expect(
      tokens.map(\.kind) == [
        .identifier, .equal, .string, .plus, .identifier, .semicolon, .identifier,
      ])
    #expect(tokens[2].lexeme == "\"a\\\nb\"")
    #expect(tokens[2].location == SourceLocation(line: 1, column: 5))
    #expect(tokens[3].location == SourceLocation(line: 2, column: 4))
    #expect(tokens[6].location == SourceLocation(line: 3, column: 1))
  }

  @Test func anEscapedQuoteDoesNotCloseTheString() {
    let (_, diagnostics) = Self.scan(#""abc\""#)
    #expect(diagnostics.map(\.problem) == [.unterminatedString])
  }

  // MARK: Identifiers and keywords

  @Test(arguments: [
    "x", "V", "tauM", "a_b", "x1", "x_", "camelCase2_b", "for_each", "If", "INT",
    "return", "void", "scalar_t", "uint8", "iff",
  ])
  func identifiers(name: String) throws {
    let token = try Self.single(name)
    #expect(token.kind == .identifier)
    #expect(token.lexeme == name)
  }

  @Test func identifiersStartingWithUnderscoreAreRejectedAsInGeNN() {
    let (tokens, diagnostics) = Self.scan("_x + a_b")
    #expect(diagnostics.map(\.problem) == [.unexpectedCharacter("_")])
    #expect(diagnostics.first?.location == SourceLocation(line: 1, column: 1))
    // Scanning goes on with the rest of the name.
    #expect(tokens.map(\.lexeme) == ["x", "+", "a_b"])
    #expect(tokens[0].location.column == 2)

    let (_, twice) = Self.scan("__y")
    #expect(twice.map(\.location.column) == [1, 2])
  }

  static let keywords: [(String, Token.Kind)] = [
    ("if", .kwIf), ("else", .kwElse), ("for", .kwFor), ("while", .kwWhile), ("do", .kwDo),
    ("switch", .kwSwitch), ("case", .kwCase), ("default", .kwDefault), ("break", .kwBreak),
    ("continue", .kwContinue), ("for_each_synapse", .kwForEachSynapse),
    ("true", .boolean), ("false", .boolean), ("const", .typeQualifier),
  ]

  @Test(arguments: keywords)
  func keyword(source: String, kind: Token.Kind) throws {
    let token = try Self.single(source)
    #expect(token.kind == kind)
    #expect(token.lexeme == source)
  }

  @Test(arguments: [
    "char", "short", "int", "long", "float", "double", "signed", "unsigned", "bool",
    "uint8_t", "int8_t", "uint16_t", "int16_t", "uint32_t", "int32_t", "uint64_t", "int64_t",
    "size_t", "scalar", "timepoint",
  ])
  func typeSpecifier(source: String) throws {
    let token = try Self.single(source)
    #expect(token.kind == .typeSpecifier)
    #expect(token.lexeme == source)
  }

  @Test func keywordsAreCaseSensitiveAndWhole() {
    #expect(Self.kinds("While True Const Scalar") == Array(repeating: .identifier, count: 4))
    #expect(Self.kinds("iffy intx int8 scalars") == Array(repeating: .identifier, count: 4))
    #expect(Self.kinds("unsigned long long int") == Array(repeating: .typeSpecifier, count: 4))
  }

  // MARK: Unexpected characters

  @Test func unexpectedCharactersAreAllReportedAndScanningGoesOn() {
    let (tokens, diagnostics) = Self.scan("a @ b # c µ d $ e ' f ` g \\ h")
    #expect(tokens.map(\.lexeme) == ["a", "b", "c", "d", "e", "f", "g", "h"])
    #expect(
      diagnostics.map(\.problem) == [
        .unexpectedCharacter("@"), .unexpectedCharacter("#"), .unexpectedCharacter("µ"),
        .unexpectedCharacter("$"), .unexpectedCharacter("'"), .unexpectedCharacter("`"),
        .unexpectedCharacter("\\"),
      ])
    #expect(diagnostics.map(\.location.column) == [3, 7, 11, 15, 19, 23, 27])
    #expect(diagnostics.map(\.token) == ["@", "#", "µ", "$", "'", "`", "\\"])
    // The tokens after a multi-byte character keep counting characters.
    #expect(tokens.map(\.location.column) == [1, 5, 9, 13, 17, 21, 25, 29])
  }

  @Test func unexpectedCharactersOnLaterLines() {
    let (tokens, diagnostics) = Self.scan("x = 1;\n  y = x @ 2;\n😀z;")
    #expect(diagnostics.count == 2)
    #expect(diagnostics[0].location == SourceLocation(line: 2, column: 9))
    #expect(diagnostics[1].location == SourceLocation(line: 3, column: 1))
    #expect(diagnostics[1].problem == .unexpectedCharacter("😀"))
    let z = tokens.first { $0.lexeme == "z" }
    #expect(z?.location == SourceLocation(line: 3, column: 2))
  }

  @Test func unexpectedCharacterMessageNamesTheCharacter() {
    let (_, diagnostics) = Self.scan("#")
    #expect(diagnostics.first?.message.contains("'#'") == true)
  }

  @Test func severalKindsOfProblemInOneSnippetAreAllReported() {
    let (_, diagnostics) = Self.scan("a = 017;\nb = @1e;\n_c = \"open\n/* open")
    #expect(
      diagnostics.map(\.location) == [
        SourceLocation(line: 1, column: 5), SourceLocation(line: 2, column: 5),
        SourceLocation(line: 2, column: 6), SourceLocation(line: 3, column: 1),
        SourceLocation(line: 3, column: 6), SourceLocation(line: 4, column: 1),
      ])
    #expect(diagnostics[0].problem == .octalLiteral("017"))
    #expect(diagnostics[1].problem == .unexpectedCharacter("@"))
    #expect(diagnostics[3].problem == .unexpectedCharacter("_"))
    #expect(diagnostics[4].problem == .unterminatedString)
    #expect(diagnostics[5].problem == .unterminatedComment)
  }
}
