import CYaml

/// Limits on the shape of a model file's YAML, checked on libYAML's event stream before
/// the document is composed, so that no text costs much more than reading it: an alias
/// bomb (anchors of lists of aliases of lists ...) is refused when its expansion passes
/// ``maximumNodes``, nesting deeper than ``maximumDepth`` is refused where it passes the
/// limit, and a key that is a list or a mapping (which a model file never has, and whose
/// expansion composing would compare) is refused where it is. Syntax errors are left to
/// the composer, which reports them.
enum YAMLStructureCheck {
  /// The deepest nesting of lists and mappings a model file may have (a model file needs
  /// about 8).
  static let maximumDepth = 64
  /// The most nodes (numbers, strings, lists and mappings, each use of an alias counting
  /// every node of its anchor) a model file may hold: a few hundred megabytes once
  /// composed. Larger arrays belong in `.npy` files.
  static let maximumNodes = 1_000_000

  /// A list or mapping being read.
  private struct Collection {
    var isMapping: Bool
    var anchor: String?
    /// Nodes in it, itself included, with its aliases expanded.
    var size = 1
    /// Keys and values (mappings) or items (lists) read so far.
    var children = 0
  }

  /// What an anchor names: how many nodes, and whether it is a list or mapping.
  private struct Anchored {
    var size: Int
    var isCollection: Bool
  }

  /// Throws if `text` exceeds a limit; returns without a word if it does not, or if it is
  /// not valid YAML (the composer says why).
  static func check(_ text: String, file: String) throws(ModelFileError) {
    var bytes = Array(text.utf8)
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else { return }
    defer { yaml_parser_delete(&parser) }
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    let count = bytes.count
    try bytes.withUnsafeMutableBufferPointer { buffer throws(ModelFileError) in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, count)
      try walk(&parser, file: file)
    }
  }

  private static func walk(_ parser: inout yaml_parser_t, file: String) throws(ModelFileError) {
    var stack: [Collection] = []
    var anchors: [String: Anchored] = [:]
    var total = 0
    var event = yaml_event_t()
    while yaml_parser_parse(&parser, &event) == 1 {
      defer { yaml_event_delete(&event) }
      let position = self.position(event.start_mark, file: file)
      let isKey = stack.last.map { $0.isMapping && $0.children % 2 == 0 } ?? false
      var added: Int?
      var anchor: String?
      var isCollection = false
      switch event.type {
      case YAML_STREAM_END_EVENT:
        return
      case YAML_SCALAR_EVENT:
        added = 1
        anchor = string(event.data.scalar.anchor)
      case YAML_ALIAS_EVENT:
        let target = string(event.data.alias.anchor).flatMap { anchors[$0] }
        added = target?.size ?? 1
        isCollection = target?.isCollection ?? false
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        let isMapping = event.type == YAML_MAPPING_START_EVENT
        if isKey {
          throw ModelFileError(
            .structure(
              "a key is a \(isMapping ? "mapping" : "list"); keys must be names (plain "
                + "text)"),
            at: position)
        }
        guard stack.count < maximumDepth else { throw depthError(at: position) }
        let start = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
        stack.append(Collection(isMapping: isMapping, anchor: string(start)))
        total += 1
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        guard let finished = stack.popLast() else { continue }
        if let name = finished.anchor {
          anchors[name] = Anchored(size: finished.size, isCollection: true)
        }
        if !stack.isEmpty {
          stack[stack.count - 1].size += finished.size
          stack[stack.count - 1].children += 1
        }
      default:
        continue
      }
      guard let added else {
        try checkTotal(total, at: position)
        continue
      }
      if isKey && isCollection {
        throw ModelFileError(
          .structure("a key is an alias of a list or mapping; keys must be names (plain text)"),
          at: position)
      }
      total += added
      try checkTotal(total, at: position)
      if let anchor { anchors[anchor] = Anchored(size: added, isCollection: false) }
      if !stack.isEmpty {
        stack[stack.count - 1].size += added
        stack[stack.count - 1].children += 1
      }
    }
    // libYAML's scanner reads a run of opening brackets ahead of the events, so it may
    // meet its own nesting limit (1000) first.
    if let problem = string(parser.problem), problem.contains("nesting level") {
      throw depthError(at: position(parser.problem_mark, file: file))
    }
  }

  private static func depthError(at position: SourcePosition) -> ModelFileError {
    ModelFileError(
      .structure(
        "lists and mappings are nested more than \(maximumDepth) deep here; a model file "
          + "needs far fewer (is a bracket left open?)"),
      at: position)
  }

  /// The file position of a libYAML mark (0-based).
  private static func position(_ mark: yaml_mark_t, file: String) -> SourcePosition {
    SourcePosition(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
  }

  private static func checkTotal(_ total: Int, at position: SourcePosition)
    throws(ModelFileError)
  {
    guard total > maximumNodes else { return }
    throw ModelFileError(
      .structure(
        "the file holds more than \(maximumNodes) values, lists and mappings once its "
          + "aliases are expanded (each use of an alias counts everything its anchor "
          + "holds); put large arrays in .npy files ({npy: path})"),
      at: position)
  }

  /// The text of a libYAML string, if there is one.
  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  /// The text of a C string, if there is one.
  private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
    pointer.map { String(cString: $0) }
  }
}
