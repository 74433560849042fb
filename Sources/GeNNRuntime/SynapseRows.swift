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
  /// The populations whose rows are as long as the longest drawn row
  /// (``drawnRows(of:followsDrawnLengths:)``).
  let drawnRows: Set<String>

  /// The rows of `model`'s SPARSE populations, those given as lists laid out;
  /// `followsDrawnLengths` for the CPU backend's layout.
  init(model: ModelSpec, followsDrawnLengths: Bool = false) {
    self.model = model
    self.drawnRows = Self.drawnRows(of: model, followsDrawnLengths: followsDrawnLengths)
    listed = Dictionary(
      uniqueKeysWithValues: model.synapsePopulations.filter { $0.matrixType == .sparse }
        .compactMap { synapses in
          SparseConnectivity(
            synapses, sourceSize: model.neuronPopulation(named: synapses.source)!.size,
            targetSize: model.neuronPopulation(named: synapses.target)!.size
          ).map { (synapses.name, $0) }
        })
  }

  /// The populations of `model` whose rows are as long as the longest row drawn, as the
  /// CPU backend lays them out (`followsDrawnLengths`;
  /// ``SparseConnectivity/rowsFollowDrawnLengths(of:in:)``); none on CUDA.
  static func drawnRows(of model: ModelSpec, followsDrawnLengths: Bool) -> Set<String> {
    guard followsDrawnLengths else { return [] }
    return Set(
      model.synapsePopulations.filter {
        SparseConnectivity.rowsFollowDrawnLengths(of: $0, in: model)
      }.map(\.name))
  }

  /// The stride between the padded rows of `synapses` of `model`: the longest row its
  /// connectivity can have or, for a population of `drawnRows`, the longest of its rows
  /// (at least 1), whose lengths `rowLengths` gives.
  static func rowStride(
    of synapses: SynapsePopulation, in model: ModelSpec, drawnRows: Set<String>,
    rowLengths: () -> StateArray?
  ) -> Int {
    if drawnRows.contains(synapses.name), let lengths = rowLengths() {
      return lengths.longestRow
    }
    return SparseConnectivity.rowStride(
      of: synapses, sourceSize: model.neuronPopulation(named: synapses.source)!.size,
      targetSize: model.neuronPopulation(named: synapses.target)!.size)
  }

  /// The stride between the padded rows of `synapses`, whose row lengths are `rowLengths`.
  func rowStride(of synapses: SynapsePopulation, rowLengths: StateArray) -> Int {
    Self.rowStride(of: synapses, in: model, drawnRows: drawnRows) { rowLengths }
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
    let lengths = try rowLengths()
    let stride = rowStride(of: synapses, rowLengths: lengths)
    return (0..<lengths.count).flatMap { row in
      (0..<Int(lengths.load(at: row))).map { row * stride + $0 }
    }
  }

  /// The synapses of `synapses` at `positions` of its padded rows as (presynaptic,
  /// postsynaptic) index lists, the postsynaptic ones read from its `indices`, its row
  /// lengths from `rowLengths`.
  func pairs(
    of synapses: SynapsePopulation, at positions: [Int], indices: StateArray,
    rowLengths: StateArray
  ) -> (pre: [Int], post: [Int]) {
    let stride = rowStride(of: synapses, rowLengths: rowLengths)
    return (positions.map { $0 / stride }, positions.map { Int(indices.load(at: $0)) })
  }
}

extension StateArray {
  /// The longest row of a row-length array, at least 1: the stride of rows laid out as
  /// long as the longest.
  var longestRow: Int {
    (0..<count).reduce(1) { Swift.max($0, Int(load(at: $1))) }
  }
}
