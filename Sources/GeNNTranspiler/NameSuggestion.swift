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

  /// Levenshtein distance between two byte strings.
  static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
