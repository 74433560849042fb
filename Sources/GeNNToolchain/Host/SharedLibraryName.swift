/// The version numbers in a shared library's file name: `libnvrtc.so.12.4.127` is
/// library `nvrtc` with `[12, 4, 127]`.
enum SharedLibraryName {
  /// The numbers after `lib<library>.so.` in `fileName` (empty for `lib<library>.so`
  /// itself); `nil` when the name is another library's or has a part that is not a
  /// number.
  static func versionParts(of fileName: String, library: String) -> [Int]? {
    let stem = "lib\(library).so"
    guard fileName.hasPrefix(stem) else { return nil }
    let rest = fileName.dropFirst(stem.count)
    if rest.isEmpty { return [] }
    guard rest.hasPrefix(".") else { return nil }
    var numbers: [Int] = []
    for part in rest.dropFirst().split(separator: ".", omittingEmptySubsequences: false) {
      guard !part.isEmpty, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
        let number = Int(part)
      else { return nil }
      numbers.append(number)
    }
    return numbers
  }

  /// The last component of `path`.
  static func fileName(of path: String) -> String {
    PathComponents.split(path).last ?? path
  }
}
