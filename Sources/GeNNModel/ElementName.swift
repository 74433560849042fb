/// GeNN's rule for the names of the model's elements: neuron populations, synapse
/// populations, current sources, custom updates and their update groups, as GeNN's
/// `Utils::validatePopName` requires. Letters, digits and underscores in any order, so a
/// name may start with a digit (GeNN's own microcircuit names its populations `23E` and
/// `4I`) or an underscore, or be a word of C++; at most ``Identifier/maximumLength``
/// characters, so that every file named after it stays within the 255 bytes a file name
/// may have. Such a name never reaches generated code as an identifier: arrays are bound
/// by position and custom update groups by number, so it appears only in comments.
public enum ElementName {
  /// Why `name` cannot name an element, or `nil` when it can.
  public static func problem(with name: String) -> String? {
    let rule = "use letters, digits and '_'"
    if name.isEmpty { return "it is empty; \(rule)" }
    guard
      name.unicodeScalars.allSatisfy({
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          || $0 == "_"
      })
    else { return rule }
    let count = name.unicodeScalars.count
    if count > Identifier.maximumLength {
      return "it has \(count) characters; at most \(Identifier.maximumLength) are allowed"
    }
    return nil
  }

  /// Whether `name` can name an element.
  public static func isValid(_ name: String) -> Bool { problem(with: name) == nil }
}
