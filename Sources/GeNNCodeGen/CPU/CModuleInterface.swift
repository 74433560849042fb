/// The C functions every generated module exports, by name. Each simulation creates its
/// own native state with ``create`` and passes it to the others.
public enum CModuleInterface {
  /// `uint32_t genn_abi_version(void)`: ``version``.
  public static let abiVersion = "genn_abi_version"
  /// `void *genn_create(void *const *arrays, const uint64_t *counts, uint64_t seed)`: new
  /// state bound to the arrays of ``GeneratedModule/arrays``, in order, with their element
  /// counts (the sizes that indexes of extra global parameters are checked against), its
  /// random streams keyed by `seed` (``GeNNModel/ModelSpec/seed``). The seed is no part
  /// of the generated code, so models that differ only in their seed share one library.
  public static let create = "genn_create"
  /// `void genn_destroy(void *state)`: stops its threads and frees it.
  public static let destroy = "genn_destroy"
  /// `void genn_set_threads(void *state, uint32_t n, uint32_t parallelMinimum)`: threads,
  /// the caller included, and the per-step work (neuron and postsynaptic input updates)
  /// below which the caller runs a step alone.
  public static let setThreads = "genn_set_threads"
  /// `uint32_t genn_initialize(void *state)`: builds snippet connectivity and runs the
  /// initialisation snippets; returns how many synapse rows overflowed their storage.
  public static let initialize = "genn_initialize"
  /// `void genn_run(void *state, uint64_t firstTimestep, uint64_t steps,
  /// uint32_t firstRecordingRow)`: runs `steps` time steps; step `k` records spikes into
  /// row `firstRecordingRow + k` of each recording buffer.
  public static let run = "genn_run"
  /// `void genn_custom_update(void *state, uint32_t group, uint64_t timestep)`: runs the
  /// custom updates of update group `group`, an index into
  /// ``GeNNModel/ModelSpec/customUpdateGroups``; exported only by models with custom
  /// updates.
  public static let customUpdate = "genn_custom_update"
  /// `void genn_set_dynamic_param(void *state, uint32_t position, double value)`: sets
  /// dynamic parameter `position` (an index into
  /// ``GeNNModel/ModelSpec/dynamicParameters``) to `value`, converted to its type, from
  /// the next step on; exported only by models with dynamic parameters.
  public static let setDynamicParameter = "genn_set_dynamic_param"
  /// `void genn_timing(void *state, double *out)`: copies the timing counters, in
  /// seconds, into `out`: neuron update, presynaptic update, postsynaptic update, synapse
  /// dynamics, initialisation, sparse initialisation, then the update and transpose time
  /// of each custom update group (in ``GeNNModel/ModelSpec/customUpdateGroups`` order);
  /// exported only by models with ``GeNNModel/ModelSpec/timingEnabled``.
  public static let timing = "genn_timing"
  /// `uint32_t genn_take_arithmetic_error(void)`: the generated line of the first integer
  /// division or remainder since the last call that would have trapped (a divisor of 0),
  /// or 0; clears it (``IntegerDivisionSource``).
  public static let takeArithmeticError = "genn_take_arithmetic_error"
  /// The version of this interface.
  public static let version: UInt32 = 7
}
