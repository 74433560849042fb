import Foundation

/// Which compiler a `--version` line names.
public enum CompilerFamily: String, Hashable, Sendable {
  /// GNU g++.
  case gcc
  /// LLVM clang (including the one in the Swift toolchain).
  case clang
  /// Apple's clang from Xcode or the Command Line Tools.
  case appleClang
  /// Something else that answered `--version`.
  case unknown
}

/// Who a compiler says it is: the first line of `<compiler> --version`.
///
/// The line is part of the build cache key, so an upgraded compiler rebuilds.
public struct CompilerIdentity: Hashable, Sendable, CustomStringConvertible {
  /// The first non-empty line of `--version`, for example
  /// `g++ (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0`.
  public var versionLine: String
  /// The family guessed from ``versionLine``.
  public var family: CompilerFamily

  /// Creates an identity from a version line, guessing the family from it.
  public init(versionLine: String) {
    self.init(versionLine: versionLine, familyHint: versionLine)
  }

  /// Creates an identity from the whole output of `--version`: its first non-empty line
  /// is the identity, and all of it is used to guess the family (GCC names itself only
  /// in the copyright line when run as `c++`); `nil` when it printed nothing.
  public init?(versionOutput: String) {
    let lines = versionOutput.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard let first = lines.first(where: { !$0.isEmpty }) else { return nil }
    self.init(versionLine: first, familyHint: versionOutput)
  }

  private init(versionLine: String, familyHint: String) {
    self.versionLine = versionLine
    let text = familyHint.lowercased()
    if text.contains("apple clang") || text.contains("apple llvm") {
      family = .appleClang
    } else if text.contains("clang") {
      family = .clang
    } else if text.contains("g++") || text.contains("gcc") || text.contains("free software") {
      family = .gcc
    } else {
      family = .unknown
    }
  }

  public var description: String { versionLine }
}
