extension StringProtocol {
  /// The numbers of a version written as decimal numbers separated by dots (`12.4.1`),
  /// when it has a count of parts in `parts`; `nil` for anything else (an empty part, a
  /// sign, a digit that is not ASCII).
  func dottedNumbers(parts: ClosedRange<Int>) -> [Int]? {
    let pieces = split(separator: ".", omittingEmptySubsequences: false)
    guard parts.contains(pieces.count) else { return nil }
    var numbers: [Int] = []
    for piece in pieces {
      guard !piece.isEmpty, piece.allSatisfy(\.isASCII), piece.allSatisfy(\.isNumber),
        let number = Int(piece)
      else { return nil }
      numbers.append(number)
    }
    return numbers
  }
}
