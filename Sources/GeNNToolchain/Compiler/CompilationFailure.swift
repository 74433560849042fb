/// A place in a source file named by a compiler diagnostic (`model.cc:12:5: error: …`).
public struct CompilerDiagnosticLocation: Hashable, Sendable, CustomStringConvertible {
  /// The file as the compiler wrote it.
  public var file: String
  /// 1-based line.
  public var line: Int
  /// 1-based column, when the compiler gave one.
  public var column: Int?
  /// The diagnostic's message, after `error:`.
  public var message: String

  /// Creates a location.
  public init(file: String, line: Int, column: Int?, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(message)"
  }

  /// The first `file:line[:column]: [fatal ]error: message` in GCC or Clang output.
  public static func firstError(in output: String) -> CompilerDiagnosticLocation? {
    for line in output.split(separator: "\n") {
      if let location = parse(errorLine: Substring(line)) { return location }
    }
    return nil
  }

  private static func parse(errorLine line: Substring) -> CompilerDiagnosticLocation? {
    for marker in [": fatal error: ", ": error: "] {
      guard let range = line.range(of: marker) else { continue }
      var parts = line[..<range.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
      let message = String(line[range.upperBound...])
      guard parts.count >= 2 else { return nil }
      var numbers: [Int] = []
      while numbers.count < 2, parts.count > 1, let number = Int(parts.last!) {
        numbers.insert(number, at: 0)
        parts.removeLast()
      }
      guard let lineNumber = numbers.first else { return nil }
      return CompilerDiagnosticLocation(
        file: parts.joined(separator: ":"), line: lineNumber,
        column: numbers.count > 1 ? numbers[1] : nil, message: message)
    }
    return nil
  }
}

/// A C++ compilation that the compiler rejected.
///
/// Generated code failing to compile is a bug of SwiftGeNN; the description names the
/// source file and the first error, and (through ``annotation``) the model element that
/// produced that line, then the compiler's full output.
public struct CompilationFailure: Hashable, Sendable, CustomStringConvertible {
  /// The command that ran, compiler first.
  public var command: [String]
  /// The source file compiled (after a build-cache failure: the kept copy).
  public var sourcePath: String
  /// How the compiler ended (`exited(1)`, `unhandledException(9)`, …).
  public var termination: String
  /// Everything the compiler printed, standard output and error together.
  public var diagnostics: String
  /// The first error in ``diagnostics``, when one could be parsed.
  public var firstError: CompilerDiagnosticLocation?
  /// What produced the first error's line (filled in by a line annotator, for example
  /// `neuron population 'Exc', sim code`).
  public var annotation: String?

  /// Creates a failure record; ``firstError`` is parsed from `diagnostics`.
  public init(
    command: [String], sourcePath: String, termination: String, diagnostics: String,
    annotation: String? = nil
  ) {
    self.command = command
    self.sourcePath = sourcePath
    self.termination = termination
    self.diagnostics = diagnostics
    self.firstError = CompilerDiagnosticLocation.firstError(in: diagnostics)
    self.annotation = annotation
  }

  public var description: String {
    var text = "C++ compilation of \(sourcePath) failed (\(termination))."
    if let firstError {
      text += "\nFirst error: \(firstError)"
      if let annotation { text += "\n  generated from \(annotation)" }
    }
    text +=
      "\nIf this is code SwiftGeNN generated, it is a bug in SwiftGeNN: please report it"
      + " with the file above."
    text += "\nCommand: \(command.joined(separator: " "))"
    text += "\nCompiler output:\n\(diagnostics)"
    return text
  }
}
