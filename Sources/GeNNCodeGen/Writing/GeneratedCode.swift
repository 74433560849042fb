/// A translation unit being written: lines indented by the braces they open and close,
/// as GeNN's `CodeStream` indents, each recorded with the model element it is written for
/// (DESIGN.md decision 8), so that a compiler's complaint about a generated line names
/// the element without reading the source back.
///
/// Writers give lines without indentation: a line's leading `}`s close scopes before it
/// is indented, its other braces (outside comments and literals) open or close scopes
/// after it. A line continuing an open parenthesis is indented one level more. Text that is already laid out (a code string the transpiler printed, a
/// support library) goes in with ``block(_:)`` and keeps its own relative indentation.
struct GeneratedCode {
  /// The lines written so far, indented.
  private(set) var lines: [String] = []
  /// Where each run of lines comes from.
  private(set) var origins = LineOrigins()
  /// The element the next lines are written for.
  private(set) var element: CodeOrigin.Element = .driver
  /// The code string or step of ``element`` the next lines are written for.
  private(set) var part: String?
  /// The number of scopes open.
  private var depth = 0
  /// The number of parentheses the lines so far leave open.
  private var openParentheses = 0

  /// One level of indentation.
  static let indentation = "    "

  /// The whole text, one line per line, ending in a newline.
  var text: String { lines.joined(separator: "\n") + "\n" }

  /// Writes the next lines for `element`, in none of its parts.
  mutating func enter(_ element: CodeOrigin.Element) {
    self.element = element
    part = nil
  }

  /// Writes the next lines for `part` of the current element (`nil`: the element itself).
  mutating func enterPart(_ part: String?) {
    self.part = part
  }

  /// Appends one line, indented by the scopes open before it.
  mutating func line(_ text: String = "") {
    let content = text.drop(while: { $0 == " " })
    let braces = BraceCount(content)
    depth = max(0, depth - braces.leadingCloses)
    let levels = depth + (openParentheses > 0 ? 1 : 0)
    append(content.isEmpty ? "" : indent(levels) + content)
    depth = max(0, depth + braces.opens - braces.closes)
    openParentheses = max(0, openParentheses + braces.parentheses)
  }

  /// Appends laid-out text at the current depth, keeping its lines' indentation relative
  /// to its least indented line.
  mutating func block(_ text: String) {
    let textLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let common =
      textLines.filter { !$0.allSatisfy { $0 == " " } }
      .map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
    let prefix = indent(depth)
    for textLine in textLines {
      append(textLine.allSatisfy { $0 == " " } ? "" : prefix + textLine.dropFirst(common))
    }
  }

  /// A place in the code whose lines are written later, when what follows it is known
  /// (the random number functions the code after it calls).
  struct Placeholder {
    /// The index in ``lines`` its lines go in at.
    fileprivate let index: Int
    /// The scopes open there.
    fileprivate let depth: Int
  }

  /// Marks the current position for lines written later with ``insert(_:at:)``. Lines
  /// are only appended after it, so it stays valid.
  func placeholder() -> Placeholder {
    Placeholder(index: lines.count, depth: depth)
  }

  /// Puts laid-out `text` at `placeholder`, as ``block(_:)`` would have written it there,
  /// recorded as the support library's.
  mutating func insert(_ text: String, at placeholder: Placeholder) {
    var inserted = GeneratedCode()
    inserted.depth = placeholder.depth
    inserted.block(text)
    lines.insert(contentsOf: inserted.lines, at: placeholder.index)
    origins.insert(
      inserted.lines.count, from: CodeOrigin(element: .support),
      beforeLine: placeholder.index + 1)
  }

  private func indent(_ levels: Int) -> String {
    String(repeating: Self.indentation, count: levels)
  }

  private mutating func append(_ text: String) {
    lines.append(text)
    origins.record(CodeOrigin(element: element, part: part), atLine: lines.count)
  }
}

/// The scopes one line of C++ opens and closes: braces and parentheses outside comments,
/// string and character literals.
private struct BraceCount {
  /// The `}`s before anything else on the line.
  var leadingCloses = 0
  /// Every `{`.
  var opens = 0
  /// The `}`s after the leading ones.
  var closes = 0
  /// `(`s less `)`s.
  var parentheses = 0

  init(_ line: Substring) {
    var leading = true
    var quote: Character?
    var escaped = false
    var previous: Character?
    for character in line {
      defer { previous = character }
      if let open = quote {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == open {
          quote = nil
        }
        continue
      }
      switch character {
      case "\"", "'": quote = character
      case "/" where previous == "/": return
      case "{": opens += 1
      case "}" where leading: leadingCloses += 1
      case "}": closes += 1
      case "(": parentheses += 1
      case ")": parentheses -= 1
      default: break
      }
      if character != "}" && character != " " { leading = false }
    }
  }
}
