/// GeNN's `max_connections`: the room in each row of a SPARSE population, checked as
/// GeNN 5.4's `SynapseGroup::setMaxConnections` checks it.
extension ModelSpec {
  /// The largest room a row may have: row positions are 32-bit in the generated code.
  public static let maximumConnections = Int(Int32.max)

  /// The problems of `maxConnections` for `synapses`: only SPARSE connectivity keeps
  /// rows with room, which must hold the longest row the connectivity builds.
  func checkMaxConnections(
    _ maxConnections: Int, of synapses: SynapsePopulation, element: String,
    source: NeuronPopulation, target: NeuronPopulation
  ) -> [ModelProblem] {
    func invalid(_ reason: String) -> [ModelProblem] {
      [.invalidMaxConnections(element: element, value: maxConnections, reason: reason)]
    }
    guard synapses.matrixType == .sparse else {
      return invalid(
        "only SPARSE matrices keep room in their rows; a \(synapses.matrixType.rawValue) "
          + "matrix's rows are fixed by its connectivity")
    }
    guard maxConnections >= 1, maxConnections <= Self.maximumConnections else {
      return invalid("it must be between 1 and \(Self.maximumConnections)")
    }
    let built: (length: Int, what: String)
    switch synapses.connectivity {
    case .allToAll:
      built = (target.size, "all-to-all connectivity onto \(target.size) neurons")
    case .explicit(let pre, _):
      var lengths = [Int: Int]()
      for row in pre { lengths[row, default: 0] += 1 }
      built = (lengths.values.max() ?? 0, "the longest listed row")
    case .snippet(let snippet, let params):
      built = (
        snippet.maxRowLength(source.size, target.size, params),
        "connectivity snippet '\(snippet.name)''s maximum row length"
      )
    case .toeplitz:
      return []  // a TOEPLITZ matrix, reported above
    }
    guard maxConnections >= built.length else {
      return invalid("it must be at least \(built.length), \(built.what)")
    }
    return []
  }
}
