/// Finds the name a user most likely meant when they wrote an unknown one.
public enum NameSuggestion {
  /// The candidate closest to `name` by edit distance (ignoring case first), if one is
  /// close enough to be a plausible typo: at most a third of the name's length.
  public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
    let lowered = name.lowercased()
    var best: (name: String, distance: Int)?
    let limit = max(1, name.count / 3)
    for candidate in candidates where candidate != name {
      let distance =
        candidate.lowercased() == lowered
        ? 0 : editDistance(Array(lowered.utf8), Array(candidate.lowercased().utf8))
      guard distance <= limit else { continue }
      if best == nil || distance < best!.distance
        || (distance == best!.distance && candidate < best!.name)
      {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// Optimal string alignment distance between two byte strings: the fewest insertions,
  /// deletions, substitutions and swaps of two neighbouring characters (`tua` for `tau`
  /// is one edit) that turn one into the other, no substring edited twice.
  static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
          current[j] = min(current[j], beforePrevious[j - 2] + 1)
        }
      }
      (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
  }
}
