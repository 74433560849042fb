/// Chooses among a function's overloads, as GeNN 5.4's type checker does: every
/// viable overload gets one conversion rank per argument (``TypeRules/conversionRank``),
/// and the overload whose ranks are lexicographically smallest wins.
///
/// GeNN leaves ties to the order of an unstable sort; here a tie goes to the overload
/// whose parameters are widest (double over float), which is what C++ picks for an
/// integer argument of `exp` and friends.
enum OverloadResolution {
  static func best(of candidates: [Symbol], for arguments: [GeNNType]) -> Symbol? {
    var best: (symbol: Symbol, ranks: [Int], width: Int)?
    for candidate in candidates {
      guard let function = candidate.type.function else { continue }
      let count = function.parameters.count
      guard arguments.count == count || (function.isVariadic && arguments.count >= count) else {
        continue
      }
      var ranks: [Int] = []
      ranks.reserveCapacity(count)
      var viable = true
      for (argument, parameter) in zip(arguments, function.parameters) {
        guard let rank = TypeRules.conversionRank(argument, to: parameter) else {
          viable = false
          break
        }
        ranks.append(rank)
      }
      if viable && function.isVariadic {
        viable = arguments.dropFirst(count).allSatisfy { $0.isScalar }
      }
      guard viable else { continue }
      let width = function.parameters.reduce(0) { $0 + ($1.numeric?.rank ?? 0) }
      if let current = best {
        if ranks.lexicographicallyPrecedes(current.ranks)
          || (ranks == current.ranks && width > current.width)
        {
          best = (candidate, ranks, width)
        }
      } else {
        best = (candidate, ranks, width)
      }
    }
    return best?.symbol
  }
}
