/// How the elements of a variable's array (its ``StateMemory``) are laid out, for views
/// that show what GeNN's do: the delay slots of a variable read through a delay, with the
/// latest values in one of them, and the padded rows of a per-synapse variable of a
/// SPARSE population.
public struct VariableLayout: Hashable, Sendable {
  /// The delay slots, each ``slotSize`` elements, one after another; 1 for a variable
  /// that is not read through a delay.
  public var slots: Int
  /// The slot holding the latest values (what PyGeNN's `current_view` shows): the slot
  /// the last step wrote, `timestep % slots` after `timestep` steps (step `n` writes slot
  /// `(n + 1) % slots`, as in GeNN), so it moves on by one each step; 0 when there is one
  /// slot.
  public var latestSlot: Int
  /// The elements of each slot.
  public var slotSize: Int
  /// For a per-synapse variable of a SPARSE population, its rows (one per presynaptic
  /// neuron), each ``rowStride`` elements of which the first `rowLength[row]` are
  /// synapses (``SparseRowsMemory``); 0 otherwise.
  public var rows: Int
  /// For a per-synapse variable of a SPARSE population, the elements of each padded row
  /// (the longest row the connectivity can have); 0 otherwise.
  public var rowStride: Int
  /// The copies of the variable, one per batch (GeNN's `BATCH` dimension in a batched
  /// model), each laid out as above; 1 otherwise.
  public var batches: Int = 1
  /// The elements from one batch's copy to the next's (with one copy, the array's).
  public var batchStride: Int = 0
}
