/// Finds the name a user most likely meant when they wrote an unknown one.
enum Suggestion {
  /// The candidate closest to `name` by edit distance, ignoring case, if it is close
  /// enough to be a plausible typo: at most a third of the name's length (at least 1).
  static func closest(to name: String, among candidates: [String]) -> String? {
    let lowered = Array(name.lowercased().unicodeScalars)
    let limit = max(1, lowered.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates.sorted() where candidate != name {
      let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
      if distance <= limit && (best == nil || distance < best?.distance ?? .max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  /// The Levenshtein distance between two sequences of scalars.
  static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
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
