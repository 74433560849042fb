import Yams

/// The positions of a model file's entries by dotted key path (`neurons.Exc.params.C`,
/// `record.vars[0]`; list items that are lists or mappings, not numbers or strings), and
/// where each code string's text starts.
public struct SourceMap: Hashable, Sendable {
  /// What is known about the entry at one key path.
  struct Entry: Hashable, Sendable {
    /// Where its key is (for list items, where the item is).
    var key: SourcePosition
    /// Where its value is.
    var value: SourcePosition
    /// For a scalar, whether it is a block scalar (`|` or `>`).
    var isBlock: Bool
    /// For a quoted scalar, 1 (its text starts after the quote); otherwise 0.
    var quoteWidth: Int
    /// For a scalar, its text.
    var text: String?
  }

  /// The path of the model file.
  public let file: String
  private var entries: [String: Entry] = [:]
  private let lines: [Substring]

  /// Records every entry of the document `root` of `text`.
  init(file: String, text: String, root: Node?) {
    self.file = file
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if let root {
      record(
        YAMLValue(node: root, key: "", file: file, scope: ExpressionScope()),
        key: SourcePosition(file: file, line: 1, column: 1))
    }
  }

  private mutating func record(_ value: YAMLValue, key: SourcePosition) {
    let scalar = value.node.scalar
    entries[value.key] = Entry(
      key: key, value: value.position,
      isBlock: scalar?.style == .literal || scalar?.style == .folded,
      quoteWidth: scalar?.style == .singleQuoted || scalar?.style == .doubleQuoted ? 1 : 0,
      text: scalar?.string)
    switch value.node {
    case .mapping:
      for entry in (try? value.entries().entries) ?? [] {
        record(entry.value, key: entry.keyPosition)
      }
    case .sequence(let sequence):
      // Items that are lists or mappings only: a number in a list is never an error's
      // place after decoding, and a long array would cost an entry per number.
      for (index, node) in sequence.enumerated() where node.scalar == nil {
        let item = value.child(node, "[\(index)]")
        record(item, key: item.position)
      }
    case .scalar, .alias:
      break
    }
  }

  /// Where the key of the entry at `keyPath` is, if the file has it.
  public func position(of keyPath: String) -> SourcePosition? { entries[keyPath]?.key }

  /// Where the value of the entry at `keyPath` is, if the file has it.
  public func valuePosition(of keyPath: String) -> SourcePosition? { entries[keyPath]?.value }

  /// The position of the longest prefix of `keyPath` (cut at dots) that the file has;
  /// the file's start if none.
  public func nearestPosition(of keyPath: String) -> SourcePosition {
    var path = keyPath
    while !path.isEmpty {
      if let position = position(of: path) { return position }
      guard let dot = path.lastIndex(of: ".") else { break }
      path = String(path[..<dot])
    }
    return SourcePosition(file: file, line: 1, column: 1)
  }

  /// Where the first entry below `keyPath` that spells `name` is: a key `name`, or a
  /// list item or value whose text is `name` (a name declared or used there).
  public func position(ofName name: String, under keyPath: String) -> SourcePosition? {
    let prefix = keyPath.isEmpty ? "" : keyPath + "."
    return entries.filter { path, entry in
      path.hasPrefix(prefix) && (path.hasSuffix("." + name) || entry.text == name)
    }
    .map { $0.value.text == name ? $0.value.value : $0.value.key }
    .min { ($0.line, $0.column) < ($1.line, $1.column) }
  }

  /// Where the text of the code string at `keyPath` starts, if the file has it.
  public func codeLocation(of keyPath: String) -> CodeLocation? {
    guard let entry = entries[keyPath] else { return nil }
    guard entry.isBlock else {
      return CodeLocation(
        file: file, firstLine: entry.value.line,
        indentation: entry.value.column - 1 + entry.quoteWidth, style: .inline)
    }
    // A block scalar's text starts on the line after its indicator, indented as its
    // first non-blank line.
    let first = entry.value.line + 1
    var indentation = 0
    for index in min(max(first - 1, 0), lines.count)..<lines.count {
      let line = lines[index]
      if line.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
      indentation = line.prefix { $0 == " " }.count
      break
    }
    return CodeLocation(file: file, firstLine: first, indentation: indentation, style: .block)
  }
}
