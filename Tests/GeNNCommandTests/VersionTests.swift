import Foundation
import GeNNBuildInfo
import Testing

/// `genn --version`, and one version across the Swift package, the Python package, the
/// conda recipe and the citation file.
@Suite struct VersionTests {
  /// The text of `path`, relative to the package's root.
  static func text(_ path: String) throws -> String {
    try String(contentsOf: Genn.package.appendingPathComponent(path), encoding: .utf8)
  }

  /// The first capture of `pattern` (one group) in `text`.
  static func firstMatch(_ pattern: String, in text: String) throws -> String? {
    let expression = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
    let range = NSRange(text.startIndex..., in: text)
    guard let match = expression.firstMatch(in: text, range: range),
      let found = Range(match.range(at: 1), in: text)
    else { return nil }
    return String(text[found])
  }

  @Test func versionPrintsTheVersionAndTheCommitOfThisCheckout() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["--version"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let line = outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(line == BuildInfo.versionLine)
    #expect(line.hasPrefix(BuildInfo.version))
    // The tests run from a git checkout; a source tarball (no .git) has no commit.
    let isCheckout = FileManager.default.fileExists(
      atPath: Genn.package.appendingPathComponent(".git").path)
    if isCheckout {
      let commit = try #require(BuildInfo.commit)
      #expect(commit.range(of: "^[0-9a-f]{40}(-dirty)?$", options: .regularExpression) != nil)
      #expect(line == "\(BuildInfo.version) (commit \(commit))")
    } else {
      #expect(line == BuildInfo.version)
    }
  }

  @Test func thePythonPackageCondaAndCitationCarryTheSameVersion() throws {
    let python = try Self.firstMatch(
      #"^__version__ = "([^"]+)"$"#, in: try Self.text("python/swiftgenn/__init__.py"))
    let conda = try Self.firstMatch(
      #"^  version: "([^"]+)"$"#, in: try Self.text("conda/recipe.yaml"))
    let citation = try Self.firstMatch(#"^version: (\S+)$"#, in: try Self.text("CITATION.cff"))
    #expect(python == BuildInfo.version, "python/swiftgenn/__init__.py")
    #expect(conda == BuildInfo.version, "conda/recipe.yaml")
    #expect(citation == BuildInfo.version, "CITATION.cff")
    // pyproject.toml takes its version from __init__.py rather than naming one.
    let pyproject = try Self.text("python/pyproject.toml")
    #expect(pyproject.contains(#"version = { attr = "swiftgenn.__version__" }"#))
    #expect(try Self.firstMatch(#"^version = "([^"]+)"$"#, in: pyproject) == nil)
  }

  @Test func theVersionIsAReleaseOfTheChangelog() throws {
    let changelog = try Self.text("CHANGELOG.md")
    #expect(
      changelog.contains("\n## \(BuildInfo.version) "), "CHANGELOG.md has no \(BuildInfo.version)")
  }
}
