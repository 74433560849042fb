/// GeNN's rule for every name that reaches generated code (variables, parameters,
/// references, the model itself; the names of populations and other elements follow
/// ``ElementName`` instead): a letter, then letters, digits or underscores, as GeNN's
/// `Utils::validateVarName` requires; at most
/// ``maximumLength`` characters, so that every file named after it (build cache
/// entries, `spikes/POP.times.npy`, `vars/POP.VAR.times.npy`) stays within the 255
/// bytes a file name may have; and not a word of C++ or of GeNN's code-string language,
/// which the generated code could not declare.
public enum Identifier {
  /// The longest name allowed, in characters.
  public static let maximumLength = 100

  /// Why `name` cannot be used as a name, or `nil` when it can.
  public static func problem(with name: String) -> String? {
    let rule = "use letters, digits and '_', starting with a letter"
    guard let first = name.unicodeScalars.first else { return "it is empty; \(rule)" }
    guard first.isASCIILetter,
      name.unicodeScalars.allSatisfy({
        $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_"
      })
    else { return rule }
    if name.unicodeScalars.count > maximumLength {
      return "it has \(name.unicodeScalars.count) characters; at most \(maximumLength) are allowed"
    }
    if reservedWords.contains(name) {
      return "it is a reserved word of C++ or of GeNN's code-string language"
    }
    return nil
  }

  /// Whether `name` can be used as a name in GeNN code.
  public static func isValid(_ name: String) -> Bool { problem(with: name) == nil }

  /// `name` as a message shows it: quoted, with control, format and separator
  /// characters escaped and a long name shortened, so that an error never prints a line
  /// break, a terminal control sequence or a direction override it was given.
  public static func quoted(_ name: String) -> String {
    let limit = 60
    var shown = ""
    for (count, scalar) in name.unicodeScalars.enumerated() {
      if count == limit {
        shown += "..."
        break
      }
      switch scalar.properties.generalCategory {
      case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate,
        .privateUse:
        shown += scalar.escaped(asASCII: true)
      default:
        shown.unicodeScalars.append(scalar)
      }
    }
    return "'\(shown)'"
  }

  /// C++ keywords and alternative tokens, and the type names of GeNN's language.
  static let reservedWords: Set<String> = [
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
    "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
    "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
    "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto",
    "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
    "reinterpret_cast", "requires", "restrict", "return", "short", "signed", "sizeof", "static",
    "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
    "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
    "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq", "scalar", "timepoint",
    "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
    "size_t", "NULL",
  ]
}

extension Unicode.Scalar {
  fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
