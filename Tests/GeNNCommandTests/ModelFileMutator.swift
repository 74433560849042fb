import Foundation
import Yams

/// A YAML document as the mutator edits it: scalars (plain ones, such as numbers, kept
/// plain), mappings with string keys, sequences, and anchors and aliases.
indirect enum YAMLTree: Equatable {
  case scalar(String, plain: Bool)
  case mapping([(key: String, value: YAMLTree)])
  case sequence([YAMLTree])
  case anchored(String, YAMLTree)
  case alias(String)

  init(_ node: Node) {
    switch node {
    case .scalar(let scalar):
      self = .scalar(scalar.string, plain: scalar.style == .plain)
    case .mapping(let mapping):
      self = .mapping(
        mapping.map { (key: $0.key.string ?? "\($0.key)", value: YAMLTree($0.value)) })
    case .sequence(let sequence):
      self = .sequence(sequence.map(YAMLTree.init))
    case .alias(let alias):
      self = .alias(alias.anchor.rawValue)
    }
  }

  static func == (lhs: YAMLTree, rhs: YAMLTree) -> Bool { lhs.text() == rhs.text() }

  /// The document as block-style YAML, every string double-quoted.
  func text() -> String {
    var lines: [String] = []
    emit(into: &lines, indent: "", prefix: nil)
    return lines.joined(separator: "\n") + "\n"
  }

  private func emit(into lines: inout [String], indent: String, prefix: String?) {
    let head = prefix.map { $0 + " " } ?? indent
    switch self {
    case .scalar(let text, let plain):
      lines.append(head + (plain ? text : Self.quoted(text)))
    case .alias(let name):
      lines.append(head + "*" + name)
    case .anchored(let name, let tree):
      tree.emit(into: &lines, indent: indent, prefix: (prefix ?? indent) + "&" + name)
    case .mapping(let entries) where entries.isEmpty:
      lines.append(head + "{}")
    case .sequence(let items) where items.isEmpty:
      lines.append(head + "[]")
    case .mapping(let entries):
      let inner = prefix == nil ? indent : indent + "  "
      if let prefix { lines.append(prefix) }
      for entry in entries {
        entry.value.emit(
          into: &lines, indent: inner + "  ", prefix: inner + Self.quoted(entry.key) + ":")
      }
    case .sequence(let items):
      let inner = prefix == nil ? indent : indent + "  "
      if let prefix { lines.append(prefix) }
      for item in items { item.emit(into: &lines, indent: inner + "  ", prefix: inner + "-") }
    }
  }

  /// `text` as a double-quoted YAML scalar.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case " "..."~": result.unicodeScalars.append(scalar)
      default:
        result +=
          scalar.value > 0xFFFF
          ? String(format: "\\U%08X", scalar.value) : String(format: "\\u%04X", scalar.value)
      }
    }
    return result + "\""
  }
}

/// A deterministic random source (SplitMix64), so a failing mutant can be made again.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Mutates valid model files as a careless or hostile user might: keys renamed or
/// mistyped, names, numbers and code strings replaced or broken, entries deleted or
/// repeated, values of the wrong kind, and anchors, aliases and alias bombs.
struct ModelFileMutator {
  /// A place in a tree: the keys and indices leading to it.
  typealias Path = [PathStep]
  enum PathStep: Equatable {
    case key(Int)
    case item(Int)
  }

  static let names = [
    "", "x y", "../../escaped", "/tmp/escaped", "a\nb", "é", String(repeating: "n", count: 150),
    "class", "x;", "\u{202E}x", "a'b", "int", "id", "t", "V_pre", "Isyn", "1x", "_x",
  ]
  static let numbers = [
    "0", "-1", "1e18", "1e-300", ".nan", ".inf", "-.inf", "9223372036854775807",
    "18446744073709551616", "1.5", "-0", "4e9", "2000000000", "0x10", "1e400", "true", "3",
    "-5", "300", "0.7", "65536", "-2147483649",
  ]
  static let codeInsertions = [
    "#include <cstdlib>\n", "\"", "/*", "*/", "\\\n", "printf(\"%n\", 1);", "printf(\"%s %d\", 1);",
    "V += e[100000000];", "{", "}", ";;;", "system(\"touch PWNED\");", "asm(\"nop\");",
    "1e400", "__builtin_trap();", "goto end;", "return;", "int x = 1 / 0;", "\u{0}",
    "$(id)", "addSynapse(id_pre + 1000000);", "injectCurrent(", "?", "::",
  ]
  static let keys = [
    "name", "size", "model", "params", "vars", "code", "snippet", "npy", "x-extra", "run",
    "record", "source", "target", "connectivity", "kernel", "<<", "",
  ]

  var random: SplitMix64

  init(seed: UInt64) {
    random = SplitMix64(state: seed)
  }

  /// `text` with one to three mutations.
  mutating func mutate(_ tree: YAMLTree) -> String {
    var tree = tree
    var text: String?
    for _ in 0..<Int.random(in: 1...3, using: &random) {
      switch Int.random(in: 0..<10, using: &random) {
      case 0: renameKey(&tree)
      case 1, 2: replaceScalar(&tree, from: Self.names, plain: false)
      case 3, 4: replaceScalar(&tree, from: Self.numbers, plain: true)
      case 5: breakCode(&tree)
      case 6: deleteEntry(&tree)
      case 7: changeKind(&tree)
      case 8: alias(&tree)
      default: text = tree.text() + Self.aliasBomb(levels: Int.random(in: 2...9, using: &random))
      }
    }
    return text ?? tree.text()
  }

  // MARK: Mutations

  private mutating func renameKey(_ tree: inout YAMLTree) {
    guard let path = pick(mappingEntriesIn: tree) else { return }
    tree.modify(path.dropLast()) { node in
      guard case .mapping(var entries) = node, case .key(let index) = path.last! else { return }
      let key = entries[index].key
      entries[index].key =
        switch Int.random(in: 0..<4, using: &random) {
        case 0: typo(key)
        case 1: Self.keys.randomElement(using: &random)!
        case 2: Self.names.randomElement(using: &random)!
        default: key.uppercased()
        }
      node = .mapping(entries)
    }
  }

  private mutating func replaceScalar(
    _ tree: inout YAMLTree, from values: [String], plain: Bool
  ) {
    let paths = tree.paths { if case .scalar = $0 { true } else { false } }
    guard let path = paths.randomElement(using: &random) else { return }
    let value = values.randomElement(using: &random)!
    tree.modify(path) { $0 = .scalar(value, plain: plain) }
  }

  private mutating func breakCode(_ tree: inout YAMLTree) {
    let paths = tree.paths {
      if case .scalar(let text, _) = $0 { text.contains(";") || text.contains("(") } else { false }
    }
    guard let path = paths.randomElement(using: &random) else { return }
    let insertion = Self.codeInsertions.randomElement(using: &random)!
    tree.modify(path) { node in
      guard case .scalar(let text, _) = node else { return }
      var scalars = Array(text.unicodeScalars)
      let at = Int.random(in: 0...scalars.count, using: &random)
      if Bool.random(using: &random), at < scalars.count {
        scalars.removeSubrange(at..<min(scalars.count, at + Int.random(in: 1...8, using: &random)))
      }
      scalars.insert(contentsOf: insertion.unicodeScalars, at: min(at, scalars.count))
      var result = ""
      result.unicodeScalars.append(contentsOf: scalars)
      node = .scalar(result, plain: false)
    }
  }

  private mutating func deleteEntry(_ tree: inout YAMLTree) {
    guard let path = pick(mappingEntriesIn: tree) else { return }
    tree.modify(path.dropLast()) { node in
      guard case .mapping(var entries) = node, case .key(let index) = path.last! else { return }
      if Bool.random(using: &random) {
        entries.remove(at: index)
      } else {
        entries.append(entries[index])
      }
      node = .mapping(entries)
    }
  }

  private mutating func changeKind(_ tree: inout YAMLTree) {
    let paths = tree.paths { _ in true }.filter { !$0.isEmpty }
    guard let path = paths.randomElement(using: &random) else { return }
    let replacement: YAMLTree =
      switch Int.random(in: 0..<5, using: &random) {
      case 0: .sequence([])
      case 1: .mapping([])
      case 2: .scalar("", plain: false)
      case 3: .scalar("null", plain: true)
      default: .sequence([.sequence([.mapping([(key: "a", value: .scalar("1", plain: true))])])])
      }
    tree.modify(path) { $0 = replacement }
  }

  /// Gives one node an anchor and puts an alias to it (or to an anchor that does not
  /// exist, or to itself) in place of another.
  private mutating func alias(_ tree: inout YAMLTree) {
    let paths = tree.paths { _ in true }.filter { !$0.isEmpty }
    guard paths.count >= 2 else { return }
    let first = paths.randomElement(using: &random)!
    let second = paths.randomElement(using: &random)!
    let name = "m\(Int.random(in: 0..<1000, using: &random))"
    switch Int.random(in: 0..<4, using: &random) {
    case 0:
      tree.modify(second) { $0 = .alias("undefined") }
    case 1:
      tree.modify(first) { $0 = .anchored(name, .sequence([.alias(name)])) }
    default:
      guard !second.starts(with: first), !first.starts(with: second) else { return }
      tree.modify(second) { $0 = .alias(name) }
      tree.modify(first) { $0 = .anchored(name, $0) }
    }
  }

  /// A top-level `x-` entry of `levels` lists of nine aliases of the list before.
  static func aliasBomb(levels: Int) -> String {
    var text = "x-bomb:\n  - &b0 [\"lol\"]\n"
    for level in 1...levels {
      let aliases = Array(repeating: "*b\(level - 1)", count: 9).joined(separator: ", ")
      text += "  - &b\(level) [\(aliases)]\n"
    }
    return text
  }

  // MARK: Helpers

  private mutating func typo(_ key: String) -> String {
    var characters = Array(key)
    guard characters.count >= 2 else { return key + "x" }
    let at = Int.random(in: 0..<(characters.count - 1), using: &random)
    switch Int.random(in: 0..<3, using: &random) {
    case 0: characters.swapAt(at, at + 1)
    case 1: characters.remove(at: at)
    default: characters.insert("x", at: at)
    }
    return String(characters)
  }

  private mutating func pick(mappingEntriesIn tree: YAMLTree) -> Path? {
    tree.paths { _ in true }.filter {
      if case .key = $0.last { true } else { false }
    }.randomElement(using: &random)
  }
}

extension YAMLTree {
  /// The paths of every node (the root is `[]`) for which `include` is true.
  func paths(where include: (YAMLTree) -> Bool) -> [ModelFileMutator.Path] {
    var result: [ModelFileMutator.Path] = include(self) ? [[]] : []
    switch self {
    case .mapping(let entries):
      for (index, entry) in entries.enumerated() {
        result += entry.value.paths(where: include).map { [.key(index)] + $0 }
      }
    case .sequence(let items):
      for (index, item) in items.enumerated() {
        result += item.paths(where: include).map { [.item(index)] + $0 }
      }
    case .anchored(_, let tree):
      result += tree.paths(where: include)
    case .scalar, .alias:
      break
    }
    return result
  }

  /// Applies `change` to the node at `path`.
  mutating func modify(
    _ path: some Collection<ModelFileMutator.PathStep>, _ change: (inout YAMLTree) -> Void
  ) {
    guard let step = path.first else {
      change(&self)
      return
    }
    let rest = path.dropFirst()
    switch (self, step) {
    case (.mapping(var entries), .key(let index)) where entries.indices.contains(index):
      entries[index].value.modify(rest, change)
      self = .mapping(entries)
    case (.sequence(var items), .item(let index)) where items.indices.contains(index):
      items[index].modify(rest, change)
      self = .sequence(items)
    case (.anchored(let name, var tree), _):
      tree.modify(path, change)
      self = .anchored(name, tree)
    default:
      break
    }
  }
}
