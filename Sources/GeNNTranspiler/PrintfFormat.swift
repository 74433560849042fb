/// A `printf` format string literal read as C's `printf` reads it: its escapes decoded
/// (so `"\x25n"` is the `%n` it prints as), then split into conversions, each with its
/// place in the code string. Malformed and refused conversions are diagnostics; the
/// type checker matches the others against the arguments (``Conversion/accepts(_:)``).
struct PrintfFormat {
  /// The conversions that take arguments, in order (not `%%`).
  private(set) var conversions: [Conversion] = []
  /// What is wrong with the format itself.
  private(set) var diagnostics: [Diagnostic] = []

  /// One conversion specification: `%`, flags, width, precision, length modifier and
  /// conversion character.
  struct Conversion {
    /// The specification as written in the code string, from `%` on.
    var text: String
    /// Where its `%` is.
    var location: SourceLocation
    /// What it prints.
    var kind: Kind
    /// The length modifier (`""`, `hh`, `h`, `l`, `ll`, `j`, `z` or `t`).
    var length: String
    /// Whether the width, then the precision, is `*`: each takes an `int` argument
    /// before the value.
    var starArguments: Int
    /// Whether this stands for the `int` argument of a `*` of the conversion.
    private(set) var isStar = false

    /// Creates a conversion.
    init(text: String, location: SourceLocation, kind: Kind, length: String, starArguments: Int) {
      self.text = text
      self.location = location
      self.kind = kind
      self.length = length
      self.starArguments = starArguments
    }

    /// The arguments the conversion takes, in order: an `int` for each `*`, then the value.
    var arguments: [Conversion] {
      var star = Conversion(
        text: text, location: location, kind: .signedInteger, length: "", starArguments: 0)
      star.isStar = true
      return Array(repeating: star, count: starArguments) + [self]
    }

    /// What a conversion prints, and so what argument it takes.
    enum Kind {
      case signedInteger, unsignedInteger, character, floating, string, pointer
    }

    /// Whether the value argument's length is 64 bits (`l`, `ll`, `j`, `z`, `t`).
    private var isWide: Bool { !length.isEmpty && !length.hasPrefix("h") }

    /// Whether an argument of `type` may be passed for this conversion; `isStringLiteral`
    /// says that the argument is a string literal (the only string `%s` takes). C's
    /// default argument promotions apply: float to double, integers narrower than `int`
    /// to `int`.
    func accepts(_ type: GeNNType, isStringLiteral: Bool) -> Bool {
      switch kind {
      case .string: return isStringLiteral
      case .pointer: return type.pointee != nil
      default: break
      }
      guard let numeric = type.numeric, !isStringLiteral else { return false }
      return Self.types(for: kind, wide: isWide).contains(numeric)
    }

    /// What the conversion takes, in words, for messages.
    var expected: String {
      switch kind {
      case .string: "a string literal"
      case .pointer: "a pointer"
      default:
        Self.types(for: kind, wide: isWide).map(\.cName).listed + (isStar ? " for its '*'" : "")
      }
    }

    /// The types a numeric conversion takes: those whose promoted values are of the
    /// type its length modifier names, with the signedness it prints (a non-negative
    /// value of a type promoted to `int` is also a valid unsigned one, as C allows).
    private static func types(for kind: Kind, wide: Bool) -> [NumericType] {
      switch (kind, wide) {
      case (.signedInteger, false), (.character, false): intArgumentTypes
      case (.unsignedInteger, false): [.uint32, .uint16, .uint8, .bool]
      case (.signedInteger, true): [.int64]
      case (.unsignedInteger, true): [.uint64]
      case (.floating, _): [.float, .double]
      default: []
      }
    }

    /// The types passed as an `int` (a `*` width or precision, `%d`, `%c`).
    static let intArgumentTypes: [NumericType] = [.int32, .int16, .int8, .uint16, .uint8, .bool]
  }

  /// The conversion that prints a value of `type`, for messages.
  static func conversion(for type: GeNNType, isStringLiteral: Bool) -> String? {
    if isStringLiteral { return "%s" }
    if type.pointee != nil { return "%p" }
    switch type.numeric {
    case .int64?: return "%ld"
    case .uint64?: return "%lu"
    case .uint32?: return "%u"
    case .float?, .double?: return "%f"
    case let numeric? where Conversion.intArgumentTypes.contains(numeric): return "%d"
    default: return nil
    }
  }

  /// One decoded character of the literal and where it was written.
  private struct Unit {
    var value: UInt32
    var location: SourceLocation
    /// Its source characters' offsets in the literal, `start..<end`.
    var start: Int
    var end: Int
  }

  private let source: [Unicode.Scalar]
  private var units: [Unit] = []

  /// Reads the string literal `literal` (quotes included, as scanned) found at
  /// `location` as a format.
  init(literal: String, at location: SourceLocation) {
    source = Array(literal.unicodeScalars)
    decode(from: location)
    split()
  }

  /// The escape sequences of string literal `literal` (at `location`) that C++ reads
  /// otherwise than as written: unknown ones, and those beyond a byte.
  static func escapeDiagnostics(of literal: String, at location: SourceLocation) -> [Diagnostic] {
    var string = PrintfFormat(source: Array(literal.unicodeScalars))
    string.decode(from: location)
    return string.diagnostics
  }

  private init(source: [Unicode.Scalar]) {
    self.source = source
  }

  // MARK: Escapes

  /// Decodes the characters between the quotes, up to the first NUL (where `printf`
  /// stops reading).
  private mutating func decode(from location: SourceLocation) {
    var line = location.line
    var column = location.column + 1
    var index = 1
    let end = source.count - 1
    func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
      scalar.isASCII ? UInt32(String(scalar), radix: 16) : nil
    }
    while index < end {
      let start = index
      let here = SourceLocation(line: line, column: column)
      var value = source[index].value
      index += 1
      if source[start] == "\\" && index < end {
        var problem: String?
        let escape = source[index]
        index += 1
        switch escape {
        case "\n":
          line += 1
          column = 1
          continue
        case "'", "\"", "?", "\\": value = escape.value
        case "a": value = 7
        case "b": value = 8
        case "f": value = 12
        case "n": value = 10
        case "r": value = 13
        case "t": value = 9
        case "v": value = 11
        case "0"..."7":
          value = escape.value - 48
          var digits = 1
          while digits < 3 && index < end && ("0"..."7").contains(source[index]) {
            value = value * 8 + source[index].value - 48
            index += 1
            digits += 1
          }
        case "x", "u", "U":
          let limit = escape == "x" ? Int.max : (escape == "u" ? 4 : 8)
          var digits = 0
          value = 0
          while digits < limit && index < end, let digit = hexValue(source[index]) {
            value = value &* 16 &+ digit
            index += 1
            digits += 1
          }
          if digits == 0 || (escape != "x" && digits != limit) {
            problem = "a malformed escape sequence"
          } else if escape != "x"
            && (Unicode.Scalar(value) == nil
              || (value < 0xA0 && ![0x24, 0x40, 0x60].contains(value)))
          {
            problem =
              "a universal character name that C++ does not allow here (below U+00A0 or "
              + "a surrogate); write the character itself"
          }
        default:
          problem = "an unknown escape sequence"
        }
        if problem == nil && escape != "u" && escape != "U" && value > 0xFF {
          problem = "an escape sequence beyond a byte"
        }
        if let problem {
          report(problem, from: start, to: index, at: here)
          value = 0x20
        }
      }
      column += index - start
      if value == 0 { return }
      units.append(Unit(value: value, location: here, start: start, end: index))
    }
  }

  private func text(from start: Int, to end: Int) -> String {
    var text = ""
    text.unicodeScalars.append(contentsOf: source[start..<end])
    return text
  }

  private mutating func report(
    _ what: String, from start: Int, to end: Int, at location: SourceLocation
  ) {
    let written = text(from: start, to: end)
    diagnostics.append(
      Diagnostic(.invalidEscape(written, reason: what), at: location, token: written))
  }

  // MARK: Conversions

  private func character(_ index: Int) -> Character? {
    guard index < units.count, let scalar = Unicode.Scalar(units[index].value) else { return nil }
    return Character(scalar)
  }

  private mutating func split() {
    var index = 0
    while index < units.count {
      if units[index].value == 0x25 {
        index = conversion(at: index)
      } else {
        index += 1
      }
    }
  }

  /// Reads the conversion whose `%` is unit `first`; returns the index after it.
  private mutating func conversion(at first: Int) -> Int {
    var index = first + 1
    var flags = ""
    while let c = character(index), "-+ #0".contains(c) {
      flags.append(c)
      index += 1
    }
    var stars = 0
    var width = ""
    if character(index) == "*" {
      stars += 1
      index += 1
    } else {
      while let c = character(index), c.isASCII, c.isNumber {
        width.append(c)
        index += 1
      }
    }
    var precision: String?
    if character(index) == "." {
      index += 1
      if character(index) == "*" {
        stars += 1
        precision = "*"
        index += 1
      } else {
        var digits = ""
        while let c = character(index), c.isASCII, c.isNumber {
          digits.append(c)
          index += 1
        }
        precision = digits
      }
    }
    var length = ""
    for modifier in ["hh", "h", "ll", "l", "j", "z", "t", "L"] {
      let characters = Array(modifier)
      if characters.indices.allSatisfy({ character(index + $0) == characters[$0] }) {
        length = modifier
        index += characters.count
        break
      }
    }
    let specifier = character(index)
    let end = index < units.count ? index + 1 : units.count
    let written = text(from: units[first].start, to: units[end - 1].end)
    let location = units[first].location
    func refuse(_ reason: String) -> Int {
      diagnostics.append(
        Diagnostic(.invalidFormatConversion(written, reason: reason), at: location, token: written))
      return end
    }
    guard let specifier else {
      return refuse("the format ends before the conversion's character")
    }
    let kind: Conversion.Kind
    switch specifier {
    case "d", "i": kind = .signedInteger
    case "o", "u", "x", "X": kind = .unsignedInteger
    case "c": kind = .character
    case "f", "F", "e", "E", "g", "G", "a", "A": kind = .floating
    case "s": kind = .string
    case "p": kind = .pointer
    case "%":
      return written == "%%" ? end : refuse("'%%' takes no flags, width, precision or length")
    case "n":
      return refuse("'%n' writes to memory through its argument and is not allowed")
    case "$":
      return refuse("numbered arguments ('%1$d') are not supported; take the arguments in order")
    default:
      return refuse(
        "'\(specifier)' is not a conversion printf has; allowed are \(Self.allowedConversions)")
    }
    if let problem = Self.problem(
      kind: kind, specifier: specifier, flags: flags, precision: precision, length: length)
    {
      return refuse(problem)
    }
    conversions.append(
      Conversion(
        text: written, location: location, kind: kind, length: length, starArguments: stars))
    return end
  }

  /// What is wrong in combining these parts, as C leaves the behaviour undefined; `nil`
  /// when nothing is.
  private static func problem(
    kind: Conversion.Kind, specifier: Character, flags: String, precision: String?,
    length: String
  ) -> String? {
    let numeric = kind == .signedInteger || kind == .unsignedInteger || kind == .floating
    if flags.contains("#") && !(kind == .unsignedInteger && specifier != "u" || kind == .floating) {
      return "the '#' flag is only for %o, %x, %X and the floating-point conversions"
    }
    if flags.contains("0") && !numeric {
      return "the '0' flag is only for the integer and floating-point conversions"
    }
    if precision != nil && !(numeric || kind == .string) {
      return "a precision is only for the integer, floating-point and %s conversions"
    }
    switch (kind, length) {
    case (_, ""): return nil
    case (.signedInteger, _), (.unsignedInteger, _):
      return length == "L"
        ? "the length 'L' is for long double, which code strings do not have; use 'l' or 'll' "
          + "for 64-bit integers" : nil
    case (.floating, "l"): return nil
    case (.floating, _):
      return "a floating-point conversion takes no length modifier but 'l' "
        + "(float and double both print as double)"
    default:
      return "'%\(specifier)' takes no length modifier"
    }
  }

  /// The conversions a format may use, for messages.
  static let allowedConversions =
    "%d %i (signed integers), %u %o %x %X (unsigned integers), %c, "
    + "%f %F %e %E %g %G %a %A (float and double), %s (a string literal), %p and %%"
}

extension [String] {
  /// The words as a list: `a, b or c`.
  fileprivate var listed: String {
    count < 2 ? joined() : dropLast().joined(separator: ", ") + " or " + last!
  }
}
