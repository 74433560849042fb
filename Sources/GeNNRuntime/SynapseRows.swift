import GeNNCodeGen
import GeNNModel

/// Where the synapses of a model's SPARSE populations sit in their padded rows (GeNN's
/// SPARSE storage), and the connectivity read back from those rows, as both backends lay
/// them out: rows given as lists are laid out on the host, in the order the model lists
/// the synapses; rows built by connectivity snippets are read row by row from their row
/// lengths.
struct SynapseRows {
  /// The model whose populations these are.
  let model: ModelSpec
  /// The rows of each SPARSE population given as a list (or all-to-all), by name.
  let listed: [String: SparseConnectivity]

  /// The rows of `model`'s SPARSE populations, those given as lists laid out.
  init(model: ModelSpec) {
    self.model = model
    listed = Dictionary(
      uniqueKeysWithValues: model.synapsePopulations.filter { $0.matrixType == .sparse }
        .compactMap { synapses in
          SparseConnectivity(
            synapses, sourceSize: model.neuronPopulation(named: synapses.source)!.size,
            targetSize: model.neuronPopulation(named: synapses.target)!.size
          ).map { (synapses.name, $0) }
        })
  }

  /// The longest row `synapses` can have: the stride between its padded rows.
  func rowStride(of synapses: SynapsePopulation) -> Int {
    SparseConnectivity.rowStride(
      of: synapses, sourceSize: model.neuronPopulation(named: synapses.source)!.size,
      targetSize: model.neuronPopulation(named: synapses.target)!.size)
  }

  /// Where each synapse of a SPARSE population is in the padded rows: in the order the
  /// model listed them, or row by row for snippet-built rows and rows that custom
  /// connectivity updates change, whose lengths `rowLengths` gives (called only for
  /// those); `nil` for any other matrix type.
  func positions<Failure: Error>(
    of synapses: SynapsePopulation, rowLengths: () throws(Failure) -> StateArray
  ) throws(Failure) -> [Int]? {
    guard synapses.matrixType == .sparse else { return nil }
    if !model.rowsChange(of: synapses.name), let rows = listed[synapses.name] {
      return rows.positions
    }
    let stride = rowStride(of: synapses)
    let lengths = try rowLengths()
    return (0..<lengths.count).flatMap { row in
      (0..<Int(lengths.load(at: row))).map { row * stride + $0 }
    }
  }

  /// The synapses of `synapses` at `positions` of its padded rows as (presynaptic,
  /// postsynaptic) index lists, the postsynaptic ones read from its `indices`.
  func pairs(of synapses: SynapsePopulation, at positions: [Int], indices: StateArray) -> (
    pre: [Int], post: [Int]
  ) {
    let stride = rowStride(of: synapses)
    return (positions.map { $0 / stride }, positions.map { Int(indices.load(at: $0)) })
  }
}
