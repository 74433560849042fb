/// The header of a `.npy` file: a Python dictionary literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
struct NPYHeader {
  /// The element type as NumPy spells it, such as `<f8`.
  var descr: String
  /// Whether the values are stored in column-major order.
  var fortranOrder: Bool
  /// The size of each dimension.
  var shape: [Int]

  /// Parses the header's bytes, read from `file`.
  init(parsing bytes: ArraySlice<UInt8>, file: String) throws(NPYError) {
    var parser = Parser(bytes: Array(bytes), file: file)
    let entries = try parser.dictionary()
    guard case .string(let descr) = entries["descr"] else {
      throw parser.failure("no string 'descr'")
    }
    guard case .bool(let fortranOrder) = entries["fortran_order"] else {
      throw parser.failure("no boolean 'fortran_order'")
    }
    guard case .tuple(let shape) = entries["shape"] else {
      throw parser.failure("no tuple 'shape'")
    }
    self.descr = descr
    self.fortranOrder = fortranOrder
    self.shape = shape
  }

  /// A value in the dictionary.
  private enum Value {
    case string(String)
    case bool(Bool)
    case tuple([Int])
  }

  /// A reader of the subset of Python literals that `.npy` headers use.
  private struct Parser {
    let bytes: [UInt8]
    let file: String
    var index = 0

    init(bytes: [UInt8], file: String) {
      self.bytes = bytes
      self.file = file
    }

    func failure(_ reason: String) -> NPYError { .malformedHeader(file: file, reason: reason) }

    /// `{key: value, ...}` with string keys, a trailing comma allowed, then only spaces.
    mutating func dictionary() throws(NPYError) -> [String: Value] {
      try expect("{")
      var entries: [String: Value] = [:]
      while !take("}") {
        let key = try string()
        try expect(":")
        if key == "descr" && peek("[") {
          throw .unsupportedDType(file: file, descr: "a structured dtype (a list of fields)")
        }
        entries[key] = try value(of: key)
        if !take(",") && !peek("}") { throw failure("expected ',' or '}' after '\(key)'") }
      }
      skipSpace()
      guard index == bytes.count else { throw failure("text after the dictionary") }
      return entries
    }

    private mutating func value(of key: String) throws(NPYError) -> Value {
      if peek("'") || peek("\"") { return .string(try string()) }
      if take("True") { return .bool(true) }
      if take("False") { return .bool(false) }
      guard take("(") else { throw failure("cannot read the value of '\(key)'") }
      var integers: [Int] = []
      while !take(")") {
        integers.append(try integer())
        _ = take("L")
        if !take(",") && !peek(")") { throw failure("expected ',' or ')' in '\(key)'") }
      }
      return .tuple(integers)
    }

    private mutating func string() throws(NPYError) -> String {
      skipSpace()
      guard index < bytes.count,
        bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"")
      else { throw failure("expected a quoted string") }
      let quote = bytes[index]
      guard let end = bytes[(index + 1)...].firstIndex(of: quote) else {
        throw failure("unterminated string")
      }
      defer { index = end + 1 }
      return String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
    }

    private mutating func integer() throws(NPYError) -> Int {
      skipSpace()
      let start = index
      while index < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        index += 1
      }
      guard let value = Int(String(decoding: bytes[start..<index], as: UTF8.self)) else {
        throw failure("expected a non-negative integer in the shape")
      }
      return value
    }

    private mutating func expect(_ text: String) throws(NPYError) {
      guard take(text) else { throw failure("expected '\(text)'") }
    }

    /// Skips spaces, then consumes `text` if it comes next.
    private mutating func take(_ text: String) -> Bool {
      guard peek(text) else { return false }
      index += text.utf8.count
      return true
    }

    /// Skips spaces, then tells whether `text` comes next.
    private mutating func peek(_ text: String) -> Bool {
      skipSpace()
      return bytes[index...].starts(with: text.utf8)
    }

    private mutating func skipSpace() {
      while index < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }
  }
}
