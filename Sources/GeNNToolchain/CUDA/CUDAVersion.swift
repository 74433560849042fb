import Foundation

/// A CUDA version: `12`, `12.4` or `12.4.1`. Parts not known are `nil`, so a library
/// whose file name says only `libnvrtc.so.12` is CUDA 12 and no more precise.
///
/// Versions compare part by part, an unknown part before any known one.
public struct CUDAVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The major version: the one that must not be newer than the driver's.
  public var major: Int
  /// The minor version, when known.
  public var minor: Int?
  /// The patch (or build) number, when known.
  public var patch: Int?

  /// Creates a version from its parts.
  public init(major: Int, minor: Int? = nil, patch: Int? = nil) {
    self.major = major
    self.minor = minor
    self.patch = patch
  }

  /// Reads `12`, `12.4` or `12.4.1`; `nil` for anything else (more than three parts, a
  /// part that is not a number).
  public init?(_ text: some StringProtocol) {
    guard let numbers = text.dottedNumbers(parts: 1...3) else { return nil }
    self.init(
      major: numbers[0], minor: numbers.count > 1 ? numbers[1] : nil,
      patch: numbers.count > 2 ? numbers[2] : nil)
  }

  /// Reads a CUDA toolkit's `version.json` (CUDA 11.1 and later):
  /// `{"cuda": {"name": "CUDA SDK", "version": "12.4.1"}, …}`.
  public init?(versionJSON text: String) {
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
      let cuda = (object as? [String: Any])?["cuda"] as? [String: Any],
      let version = cuda["version"] as? String
    else { return nil }
    self.init(version)
  }

  /// Reads a CUDA toolkit's `version.txt` (CUDA 11.0 and earlier): `CUDA Version 11.0.3`.
  public init?(versionText text: String) {
    let words = text.split(whereSeparator: \.isWhitespace)
    guard let index = words.firstIndex(of: "Version"), index > 0, words[index - 1] == "CUDA",
      index + 1 < words.count
    else { return nil }
    self.init(words[index + 1])
  }

  /// Ordered by major, then minor, then patch; an unknown part comes first.
  public static func < (left: CUDAVersion, right: CUDAVersion) -> Bool {
    if left.major != right.major { return left.major < right.major }
    if left.minor != right.minor { return (left.minor ?? -1) < (right.minor ?? -1) }
    return (left.patch ?? -1) < (right.patch ?? -1)
  }

  /// `12`, `12.4` or `12.4.1`: the parts that are known.
  public var description: String {
    ([major] + [minor, patch].compactMap { $0 }).map(String.init).joined(separator: ".")
  }
}
