/// Accumulates lines of generated code with indentation.
struct CodeWriter {
  private(set) var lines: [String] = []
  private var level: Int
  private let unit = "    "

  /// Creates a writer whose first level of indentation is `level`.
  init(level: Int = 0) {
    self.level = level
  }

  /// Appends one line at the current indentation.
  mutating func line(_ text: String) {
    lines.append(String(repeating: unit, count: level) + text)
  }

  /// Appends several lines of verbatim code (a caller's header or footer), each indented.
  mutating func verbatim(_ text: String) {
    for part in text.split(separator: "\n", omittingEmptySubsequences: false) where !part.isEmpty {
      line(String(part))
    }
  }

  /// Runs `body` one level deeper.
  mutating func indented(_ body: (inout CodeWriter) -> Void) {
    level += 1
    body(&self)
    level -= 1
  }

  /// The code, one line per line, ending with a newline.
  var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }
}
