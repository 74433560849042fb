import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard error as the commands use it: errors, and transient lines for a terminal.
enum Terminal {
  /// Whether standard error is a terminal (so a line can be redrawn in place).
  static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

  /// Writes `text` to standard error as it is.
  static func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Shows `text` on standard error's current line, to be replaced by the next one.
  static func showTransient(_ text: String) {
    writeError("\r" + text + "\u{1B}[K")
  }

  /// Clears the line ``showTransient(_:)`` drew.
  static func clearTransient() {
    writeError("\r\u{1B}[K")
  }
}
