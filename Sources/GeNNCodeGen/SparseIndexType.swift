import GeNNModel
import GeNNTranspiler

extension SparseConnectivity {
  /// The type of the postsynaptic indices stored in SPARSE rows into a population of
  /// `targetSize` neurons: the narrowest unsigned integer that holds every index, as GeNN
  /// stores them with `narrow_sparse_ind_enabled` (8 bits up to 255 targets, 16 bits up
  /// to 65,535, else 32). Narrow indices take a half or a quarter of the connectivity's
  /// memory, and of the bytes each delivered spike reads.
  public static func indexType(targetSize: Int) -> NumericType {
    if targetSize <= Int(UInt8.max) { return .uint8 }
    if targetSize <= Int(UInt16.max) { return .uint16 }
    return .uint32
  }
}

extension ModelSpec {
  /// The type of the postsynaptic indices (`ind`) of SPARSE population `synapses`'s rows
  /// (``SparseConnectivity/indexType(targetSize:)`` of its target's size).
  public func sparseIndexType(of synapses: SynapsePopulation) -> NumericType {
    SparseConnectivity.indexType(targetSize: neuronPopulation(named: synapses.target)?.size ?? 0)
  }
}

extension ModelCodeWriting {
  /// The C type of the `ind` array of synapse population `synapses` (named by a custom
  /// update or a custom connectivity update): its ``ModelSpec/sparseIndexType(of:)``.
  func sparseIndexCName(ofSynapses synapses: String) -> String {
    let population = model.synapsePopulations.first { $0.name == synapses }
    return (population.map { model.sparseIndexType(of: $0) } ?? .uint32).cName
  }
}
