/// The connectivity of a SPARSE synapse population in place, as GeNN stores it
/// (`rowLength` and `ind`): one row per presynaptic neuron, row `i` holding its
/// `rowLengths[i]` synapses' postsynaptic indices at `indices[i * rowStride ..<
/// i * rowStride + rowLengths[i]]`, sorted (as GeNN sorts them), the rest of the row
/// padding. A per-synapse variable
/// has the same padded rows (``VariableLayout``), so a synapse's values sit at the
/// positions of its index. `rowLengths` is `uint32`; `indices` is the narrowest unsigned
/// type that holds every index of the target population
/// (``SparseConnectivity/indexType(targetSize:)``: `uint8`, `uint16` or `uint32`), as
/// GeNN stores them with `narrow_sparse_ind_enabled`. Read them, never write them: the
/// generated code keeps other structures (columns for postsynaptic learning) built from
/// them.
public struct SparseRowsMemory {
  /// The number of synapses in each row: one `uint32` per presynaptic neuron.
  public let rowLengths: StateMemory
  /// The postsynaptic index of each synapse, in padded rows: `uint8`, `uint16` or `uint32`.
  public let indices: StateMemory
  /// The elements of each padded row: the longest row the connectivity can have (on the
  /// CPU backend, the longest row drawn where rows follow their drawn lengths,
  /// ``SparseConnectivity/rowsFollowDrawnLengths(of:in:)``).
  public let rowStride: Int
}
