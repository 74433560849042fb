import GeNNModel
import GeNNTranspiler

/// The source code generated for one model, with what the runtime needs to bind memory
/// to it.
public struct GeneratedModule: BackendModule {
  /// The complete C++ (or CUDA) translation unit.
  public var source: String
  /// The arrays the runtime allocates and binds, in the order `genn_bind` expects them.
  public var arrays: [ArrayLayout]
  /// The model element each line of ``source`` was written for.
  public var origins: LineOrigins

  /// Creates a module.
  public init(source: String, arrays: [ArrayLayout], origins: LineOrigins = LineOrigins()) {
    self.source = source
    self.arrays = arrays
    self.origins = origins
  }

  /// The model element line `line` (1-based) of ``source`` was written for, or `nil`
  /// past its end: for a compiler's error in generated code, a bug of SwiftGeNN's, it
  /// says where to look.
  public func origin(ofLine line: Int) -> CodeOrigin? { origins[line] }
}

/// One array of model state that the runtime allocates and passes to generated code.
public struct ArrayLayout: Hashable, Sendable {
  /// What the array holds.
  public var role: Role
  /// The element type: generated code declares the array's elements as its
  /// ``NumericType/cName``, and the runtime reads and writes them as it.
  public var elementType: NumericType
  /// The number of elements, of every batch.
  public var count: Int
  /// The copies the array holds, one per batch, one after another (each ``batchCount``
  /// elements): the model's batch size for state with GeNN's `BATCH` dimension, else 1.
  public var batches: Int

  /// Creates a layout entry.
  public init(role: Role, elementType: NumericType, count: Int, batches: Int = 1) {
    self.role = role
    self.elementType = elementType
    self.count = count
    self.batches = batches
  }

  /// The elements of one batch's copy.
  public var batchCount: Int { batches > 1 ? count / batches : count }

  /// The element size in bytes.
  public var elementSize: Int { elementType.byteSize }

  /// What an array holds.
  public enum Role: Hashable, Sendable {
    /// A neuron population's state variable.
    case neuronVariable(population: String, variable: String)
    /// A current source's state variable.
    case currentSourceVariable(source: String, variable: String)
    /// A neuron population's extra global parameter array.
    case neuronExtraGlobalParameter(population: String, parameter: String)
    /// A current source's extra global parameter array.
    case currentSourceExtraGlobalParameter(source: String, parameter: String)
    /// The spikes a population emitted in its last steps (ids): one slot of `size`
    /// entries per step of its longest outgoing axonal delay, plus one.
    case spikes(population: String)
    /// The number of spikes in each slot.
    case spikeCount(population: String)
    /// The number of synapses of each presynaptic neuron of a SPARSE population.
    case synapseRowLengths(synapses: String)
    /// The postsynaptic indices of a SPARSE population's padded rows.
    case synapseIndices(synapses: String)
    /// A weight update model's per-synapse variable.
    case weightUpdateVariable(synapses: String, variable: String)
    /// The input a synapse population delivers to each target neuron (GeNN's `inSyn`).
    case postsynapticInput(synapses: String)
    /// The bit per (pre, post) pair of a BITMASK population, row-major, 32 per word.
    case synapseBitmask(synapses: String)
    /// The ring of future input per target neuron of a population with dendritic delays,
    /// `[maxDendriticDelaySteps][target]`.
    case dendriticDelayBuffer(synapses: String)
    /// A postsynaptic model's per-target-neuron variable.
    case postsynapticVariable(synapses: String, variable: String)
    /// The spike-recording bit buffer of a population.
    case spikeRecording(population: String)
    /// The time of each neuron's latest spike (GeNN's `sT`), one slot per delay slot;
    /// `-TIME_MAX` before the first.
    case spikeTimes(population: String)
    /// The time of each neuron's spike before its latest (GeNN's `prevST`).
    case previousSpikeTimes(population: String)
    /// A weight update model's per-presynaptic-neuron variable (one slot per delay slot
    /// of the source when the population has an axonal delay).
    case weightUpdatePreVariable(synapses: String, variable: String)
    /// A weight update model's per-postsynaptic-neuron variable (one slot per delay slot
    /// of the target when the population has a back-propagation delay).
    case weightUpdatePostVariable(synapses: String, variable: String)
    /// A weight update model's extra global parameter array.
    case weightUpdateExtraGlobalParameter(synapses: String, parameter: String)
    /// An extra global parameter array of the snippet initialising `variable` of
    /// `element`'s `field` (`vars`, `pre_vars`, `post_vars` or `psm_vars`).
    case initSnippetExtraGlobalParameter(
      element: String, field: String, variable: String, parameter: String)
    /// An extra global parameter array of a synapse population's connectivity snippet.
    case connectivityExtraGlobalParameter(synapses: String, parameter: String)
    /// A postsynaptic model's extra global parameter array.
    case postsynapticExtraGlobalParameter(synapses: String, parameter: String)
    /// The input a synapse population delivers back to each presynaptic neuron
    /// (`addToPre`).
    case presynapticOutput(synapses: String)
    /// Where each postsynaptic neuron's column starts in ``synapseColumnRemap`` (SPARSE
    /// populations with postsynaptic learning), `target + 1` entries.
    case synapseColumnStarts(synapses: String)
    /// The row-major position of each synapse, column by column in ascending presynaptic
    /// order.
    case synapseColumnRemap(synapses: String)
    /// The neurons of one side of a synapse population that emitted a spike-like event
    /// in each delay slot.
    case spikeEvents(synapses: String, side: SynapseSide)
    /// The number of spike-like events in each slot.
    case spikeEventCount(synapses: String, side: SynapseSide)
    /// The time of each neuron's latest spike-like event (GeNN's `seT`).
    case spikeEventTimes(synapses: String, side: SynapseSide)
    /// The time of each neuron's spike-like event before its latest (GeNN's `prevSET`).
    case previousSpikeEventTimes(synapses: String, side: SynapseSide)
    /// The spike-like-event recording bit buffer of one side of a synapse population.
    case spikeEventRecording(synapses: String, side: SynapseSide)
    /// The kernel a per-synapse variable's kernel initialiser takes its values from.
    case weightUpdateKernelInitialiser(synapses: String, variable: String)
    /// Row lengths drawn before a snippet builds the rows (`preCalcRowLength`).
    case synapseRowLengthDraws(synapses: String)
    /// The first synapse a connectivity snippet's build code added to a neuron beyond the
    /// population, as `~(row << 32 | target)` (the largest value is the first synapse; 0:
    /// none): one slot per CPU thread for rows built at initialisation (CUDA's threads
    /// share the first), one shared slot for PROCEDURAL rows and TOEPLITZ diagonals
    /// regenerated during the simulation.
    case synapseRangeErrors(synapses: String)
    /// A custom update's variable: one value per neuron or per synapse (padded as the
    /// synapse population's variables are), or one in all for a neuron reduction.
    case customUpdateVariable(update: String, variable: String)
    /// A custom update's extra global parameter array.
    case customUpdateExtraGlobalParameter(update: String, parameter: String)
    /// A custom connectivity update's per-synapse variable (padded as the synapse
    /// population's variables are).
    case customConnectivityUpdateVariable(update: String, variable: String)
    /// A custom connectivity update's per-presynaptic-neuron variable.
    case customConnectivityUpdatePreVariable(update: String, variable: String)
    /// A custom connectivity update's per-postsynaptic-neuron variable.
    case customConnectivityUpdatePostVariable(update: String, variable: String)
    /// A custom connectivity update's extra global parameter array.
    case customConnectivityUpdateExtraGlobalParameter(update: String, parameter: String)
    /// What a custom connectivity update's `add_synapse` did not add, as two `uint64_t`:
    /// how many synapses found no room in their row, and the first synapse (in (row,
    /// target) order) given a target beyond the population, as `~(row << 32 | target)`
    /// (0: none); the host reads and clears them after each custom update and stops the
    /// run with an error naming the update.
    case customConnectivityUpdateDroppedSynapses(update: String)
    /// The first index out of range of an array whose size the runtime gives (an extra
    /// global parameter, drawn row lengths) that code used, as four `uint64_t`: the
    /// array's position in the binding order plus one (0 while there is none), the
    /// index, the array's size, and 1 if the index's type is signed. Present where the
    /// model has such arrays; the host reads it after each step or custom update and
    /// stops the run with an error naming the array.
    case outOfRangeIndex
  }
}
