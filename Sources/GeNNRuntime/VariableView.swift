import GeNNModel

/// A variable as the user sees it: the elements of its array, or for a SPARSE synapse
/// population the positions of the listed synapses in the padded rows; in a batched
/// model every batch's values, one batch after another.
struct VariableView {
  let array: StateArray
  let positions: [Int]?
  /// The batches whose values the view holds (the copies of the array).
  let batches: Int

  /// The view of `array` at `positions` of each batch's copy (every element where `nil`:
  /// the copies are the whole array, one after another).
  init(array: StateArray, positions: [Int]? = nil) {
    let (batches, stride) = (array.layout.batches, array.layout.batchCount)
    self.array = array
    self.batches = batches
    self.positions = positions.map { copy in
      batches > 1 ? (0..<batches).flatMap { batch in copy.map { batch * stride + $0 } } : copy
    }
  }

  /// The number of values.
  var count: Int { positions?.count ?? array.count }

  /// `values` for every batch: as they are when there is one per value, repeated for each
  /// batch when there is one per value of a batch; `nil` for any other number.
  func everyBatch(_ values: [Double]) -> [Double]? {
    if values.count == count { return values }
    guard batches > 1, values.count * batches == count else { return nil }
    return Array([[Double]](repeating: values, count: batches).joined())
  }

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
    case .values(let values)?: store(everyBatch(values) ?? values)
    case .snippet?, .kernel?, .uninitialised?, nil: break  // run natively, or left as is
    }
  }
}
