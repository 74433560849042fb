import GeNNModel

/// A variable as the user sees it: the elements of its array, or for a SPARSE synapse
/// population the positions of the listed synapses in the padded rows.
struct VariableView {
  let array: StateArray
  var positions: [Int]? = nil

  /// The number of values.
  var count: Int { positions?.count ?? array.count }

  /// The values, converted to double.
  func load() -> [Double] {
    guard let positions else { return array.load() }
    return positions.map { array.load(at: $0) }
  }

  /// Sets the values; `values` must have ``count`` entries.
  func store(_ values: [Double]) {
    guard let positions else { return array.store(values) }
    for (value, position) in zip(values, positions) { array.store(value, at: position) }
  }

  /// Writes a constant or per-element initial value; snippets and kernel initialisers
  /// run natively.
  func initialise(_ initialiser: VarInit?) {
    switch initialiser {
    case .constant(let value)?:
      if let positions {
        for position in positions { array.store(value, at: position) }
      } else {
        array.fill(value)
      }
    case .values(let values)?: store(values)
    case .snippet?, .kernel?, .uninitialised?, nil: break  // run natively, or left as is
    }
  }
}
