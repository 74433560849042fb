/// What build of SwiftGeNN this is: its version and, when it was built from a git
/// checkout, the commit (`commit`, written before each build by `BuildInfoPlugin`).
public enum BuildInfo {
  /// SwiftGeNN's version. The Python package (`python/swiftgenn/__init__.py`) and
  /// `CITATION.cff` carry the same one; a test fails when they differ.
  public static let version = "0.6.0"

  /// The version with the commit when there is one, for example
  /// `0.6.0 (commit 9397fca1e2...)`, else just `0.6.0`.
  public static var versionLine: String {
    commit.map { "\(version) (commit \($0))" } ?? version
  }
}
