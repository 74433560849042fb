/// Every problem found in one code string, with the place it comes from.
///
/// Its description is what a user reads: the context (for example
/// `neuron population 'Exc', sim code`), then each problem with its line and column,
/// the offending line of the snippet and a caret under the token.
public struct TranspilerError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Where the code string belongs, in words.
  public var context: String
  /// The code string itself.
  public var code: String
  /// The problems, in order of position.
  public var diagnostics: [Diagnostic]

  /// Creates an error; `diagnostics` must not be empty.
  public init(context: String, code: String, diagnostics: [Diagnostic]) {
    precondition(!diagnostics.isEmpty, "an error needs at least one diagnostic")
    self.context = context
    self.code = code
    self.diagnostics = diagnostics.sorted { $0.location < $1.location }
  }

  public var description: String {
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
    let count = diagnostics.count
    var text = "\(context): \(count == 1 ? "1 problem" : "\(count) problems")"
    for diagnostic in diagnostics {
      text += "\n  \(diagnostic.location): \(diagnostic.message)"
      let index = diagnostic.location.line - 1
      guard lines.indices.contains(index) else { continue }
      let sourceLine = lines[index].replacing("\t", with: " ")
      text += "\n    \(sourceLine)"
      let width = max(1, diagnostic.token.count)
      text +=
        "\n    " + String(repeating: " ", count: max(0, diagnostic.location.column - 1)) + "^"
        + String(repeating: "~", count: width - 1)
    }
    return text
  }
}
