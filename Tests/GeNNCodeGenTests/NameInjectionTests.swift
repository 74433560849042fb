import GeNNModel
import Testing

@testable import GeNNCodeGen

/// Nothing a model's strings hold becomes C++ outside GeNN's language. Every string of a
/// model that uses every string-bearing field of the model description
/// (``EveryStringModel``) is given a payload in turn: a name or type must be refused by
/// validation as such, a code string by generation, and free text (the names of models
/// and snippets) must reach the generated code only inside comments, on both backends.
/// The names of populations and other elements may be what GeNN allows (`23E`, `int`),
/// and reach the generated code only inside comments too.
/// A field added to the description later fails ``everyStringIsWalked()`` until it is
/// given a slot here, so it cannot reopen the hole unnoticed.
@Suite struct NameInjectionTests {
  /// A marker that no generated code contains unless a payload put it there.
  static let marker = "PWNED_MARKER"

  /// The slots of the model as written.
  static let slots: [StringSlots.Slot] = {
    var slots = StringSlots()
    _ = EveryStringModel.make(&slots)
    return slots.slots
  }()

  /// The model with `replacement` applied.
  static func model(_ replacement: StringSlots.Replacement) -> ModelSpec {
    var slots = StringSlots(replacement)
    return EveryStringModel.make(&slots)
  }

  /// The generated CPU and CUDA sources of `model`.
  static func sources(_ model: ModelSpec) throws -> [String] {
    [try CPUBackend().generate(model).source, try CUDABackend().generate(model).source]
  }

  /// The lines of `source` where text outside comments holds the marker, or where a
  /// comment ends with a backslash (which would join the next line of code to it).
  static func escapes(in source: String) -> [String] {
    source.split(whereSeparator: \.isNewline).map(String.init).filter { line in
      guard let comment = line.range(of: "//") else { return line.contains(marker) }
      return line[..<comment.lowerBound].contains(marker) || line.hasSuffix("\\")
    }
  }

  @Test func theModelAsWrittenGenerates() throws {
    let model = Self.model(.none)
    for source in try Self.sources(model) {
      #expect(Self.escapes(in: source).isEmpty)
    }
    #expect(Set(Self.slots.map(\.kind)) == Set(StringSlots.Kind.allCases))
  }

  /// Every string the model description holds is one of the slots: a string-bearing
  /// field added later must be given a slot (and so a payload) here.
  @Test func everyStringIsWalked() {
    let model = Self.model(.none)
    var strings: [String] = []
    Self.collectStrings(model, into: &strings)
    #expect(strings.sorted() == Self.slots.map(\.value).sorted())
  }

  static let namePayloads = [
    "x\n#define \(marker) 1\n//", "x; int \(marker)", "x) + \(marker)(0", "", "1x", "_x", "x y",
    "class", "scalar", String(repeating: "n", count: Identifier.maximumLength + 1),
  ]

  /// Each name, replaced everywhere it is used by a name that is not an identifier, is
  /// refused by validation as an invalid name.
  @Test(arguments: Array(Set(slots.filter { $0.kind == .name }.map(\.value))).sorted())
  func nameIsChecked(_ name: String) {
    for payload in Self.namePayloads {
      let model = Self.model(.every(kind: .name, value: name, payload: payload))
      do {
        try model.validate()
        Issue.record("name '\(name)' replaced by \(payload.debugDescription) was accepted")
      } catch {
        let named = error.problems.contains {
          if case .invalidName(_, payload) = $0 { true } else { false }
        }
        #expect(named, "name '\(name)' -> \(payload.debugDescription): \(error)")
      }
    }
  }

  static let elementNamePayloads = [
    "x\n#define \(marker) 1\n//", "x; int \(marker)", "x) + \(marker)(0", "", "x y", "x-y",
    String(repeating: "n", count: Identifier.maximumLength + 1),
  ]

  static let elementNameSlots = Array(Set(slots.filter { $0.kind == .elementName }.map(\.value)))
    .sorted()

  /// Each element's name, replaced everywhere it is used by one GeNN refuses too, is
  /// refused by validation as an invalid element name.
  @Test(arguments: elementNameSlots)
  func elementNameIsChecked(_ name: String) {
    for payload in Self.elementNamePayloads {
      let model = Self.model(.every(kind: .elementName, value: name, payload: payload))
      do {
        try model.validate()
        Issue.record("name '\(name)' replaced by \(payload.debugDescription) was accepted")
      } catch {
        let named = error.problems.contains {
          if case .invalidElementName(_, payload) = $0 { true } else { false }
        }
        #expect(named, "name '\(name)' -> \(payload.debugDescription): \(error)")
      }
    }
  }

  /// Each element's name, replaced everywhere it is used by one that starts with a digit
  /// or an underscore (as GeNN allows), is accepted, and reaches the generated code only
  /// inside comments.
  @Test(arguments: elementNameSlots)
  func elementNameStaysInComments(_ name: String) throws {
    for payload in ["1\(Self.marker)", "_\(Self.marker)", "23E_\(Self.marker)"] {
      let model = Self.model(.every(kind: .elementName, value: name, payload: payload))
      try model.validate()
      for source in try Self.sources(model) {
        #expect(Self.escapes(in: source).isEmpty, "\(name) -> \(payload)")
      }
    }
  }

  /// Each type, replaced by one that is not a GeNN type, is refused as an invalid type.
  @Test(arguments: slots.indices.filter { slots[$0].kind == .type })
  func typeIsChecked(_ index: Int) {
    for payload in ["scalar; int \(Self.marker)", "scalar\n#define \(Self.marker)", "", "vector"] {
      do {
        try Self.model(.one(index: index, payload: payload)).validate()
        Issue.record("type \(index) replaced by \(payload.debugDescription) was accepted")
      } catch {
        let typed = error.problems.contains {
          if case .invalidType(_, _, payload) = $0 { true } else { false }
        }
        #expect(typed, "type \(index) -> \(payload.debugDescription): \(error)")
      }
    }
  }

  /// Each code string with a preprocessor line added is refused by both backends, or,
  /// where the model never runs that code (GeNN ignores the code of a spike-like event
  /// without its threshold condition), left out of the generated code.
  @Test(arguments: slots.indices.filter { slots[$0].kind == .code })
  func codeIsChecked(_ index: Int) {
    let payload = Self.slots[index].value + "\n#define \(Self.marker) 1\n"
    let model = Self.model(.one(index: index, payload: payload))
    var refusals = 0
    for generate in [
      { try CPUBackend().generate(model).source }, { try CUDABackend().generate(model).source },
    ] {
      do {
        #expect(!(try generate()).contains(Self.marker), "code \(index) reached the source")
      } catch {
        refusals += 1
      }
    }
    #expect(refusals != 1, "only one backend refused code \(index)")
  }

  /// Free text reaches the generated code only inside comments.
  @Test(arguments: slots.indices.filter { slots[$0].kind == .text })
  func textStaysInComments(_ index: Int) throws {
    for payload in [
      "x\n#define \(Self.marker) 1\n//", "x\r\(Self.marker)();", "x\\", "x\u{2028}\(Self.marker)",
      "x */ \(Self.marker) /*",
    ] {
      let model = Self.model(.one(index: index, payload: payload))
      for source in try Self.sources(model) {
        #expect(Self.escapes(in: source).isEmpty, "\(payload.debugDescription)")
      }
    }
  }

  /// Every string in `value`, dictionary keys and enumeration payloads included.
  static func collectStrings(_ value: Any, into strings: inout [String]) {
    if let string = value as? String {
      strings.append(string)
      return
    }
    for child in Mirror(reflecting: value).children {
      collectStrings(child.value, into: &strings)
    }
  }
}
