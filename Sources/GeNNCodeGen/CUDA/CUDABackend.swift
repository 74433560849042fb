import GeNNModel
import GeNNTranspiler

/// Generates the CUDA of a model for NVRTC (DESIGN.md decisions 2 and 4): one
/// self-contained translation unit with no `#include`, its own Philox4x32-10 random
/// numbers, and kernels that follow GeNN 5.4's SIMT backend:
/// - `genn_bind`, run once by one thread, points the group structs (in `__device__`
///   memory) at the arrays the host allocated;
/// - `initialise`, one thread per element, runs the variable initialisation snippets
///   with the same random streams as the CPU backend, so values match it;
/// - `buildConnectivity`, one thread per row (per column for snippets that build
///   columns, which append to rows atomically and `sortRows` then sorts), builds the
///   SPARSE rows (BITMASK bits) of connectivity snippets from the CPU backend's random
///   stream of each row or column, then sorts each SPARSE row; before it,
///   `drawRowLengths` draws the row lengths of snippets that need them first;
///   `initialiseSynapses`, one thread per row, runs the per-synapse (and presynaptic,
///   postsynaptic and postsynaptic model) initialisation snippets; `buildColumns`, one
///   thread, builds the column index of each SPARSE population with postsynaptic learning;
/// - per time step, `updateSynapseDynamics` (synapse dynamics code, one thread per
///   synapse), `updateSynapses` (GeNN's presynaptic update, post-span: SPARSE with
///   one thread per row slot, DENSE with one thread per postsynaptic neuron, BITMASK as
///   DENSE testing each pair's bit; the spike-like events, then the spikes, emitted
///   `1 + axonalDelaySteps` steps ago are loaded into shared memory block by block, each
///   running its syn code; `addToPost` accumulates into `inSyn`, `addToPostDelay` into a
///   slot of the dendritic delay ring; synapse code reads spike times as the CPU backend
///   stores them; `addToPre` adds atomically to the source's input), `updatePostsynaptic`
///   (post event syn code, then post spike syn code, for the targets' last spike-like
///   events and spikes, one thread per presynaptic neuron, SPARSE through the column
///   index), then
///   `resetSpikeCounts` and `updateNeurons`, one thread per neuron of every population
///   (each population padded to whole blocks): `Isyn = 0`, each incoming postsynaptic
///   model takes the input its dendritic delay ring delivers now, injects and decays its
///   `inSyn`, current sources inject, the sim code runs, then the weight update models'
///   presynaptic and postsynaptic dynamics code; each outgoing weight update model's
///   spike-like event condition sets the thread's bit in its own shared mask, and on the
///   threshold condition the weight update spike code runs, the spike sets the thread's
///   bit in the spike mask and the reset runs; then each block reserves room in the spike and event lists with one
///   `atomicAdd` each, each spike and event goes at its rank among the block's
///   (ascending ids, as on the CPU), and the masks' words are the block's recording
///   words;
/// - between steps, on the host's request, each custom update of an update group runs as
///   its own kernel in the group's order (see `CUDACustomUpdateWriter.swift`).
///
/// The neuron update's per-neuron code is the CPU backend's (`NeuronUpdateCode.swift`),
/// and so are the names synapse code sees (`SynapseEnvironment.swift`): every model the
/// CPU backend runs, the CUDA backend generates, with every matrix type (DENSE, SPARSE,
/// BITMASK, PROCEDURAL, PROCEDURAL_KERNELG, TOEPLITZ, DENSE_PROCEDURALG), delay and
/// weight update feature.
public struct CUDABackend: Backend {
  /// Whether generated code checks each index of an extra global parameter (and of a
  /// connectivity snippet's drawn row lengths) against the array's size as it runs
  /// (`IndexCheckSource`), so that an index out of range stops the run with
  /// `RuntimeError.indexOutOfRange` rather than reading or writing outside the array.
  /// On by default, as on the CPU (``CPUBackend/checkIndices``); `genn run --no-check`
  /// leaves the checks out.
  public var checkIndices: Bool

  /// Creates a CUDA backend.
  public init(checkIndices: Bool = true) {
    self.checkIndices = checkIndices
  }

  /// Validates `model`, checks every code string in the CUDA dialect, and returns the
  /// generated module with its launch plan.
  ///
  /// - Throws: ``CodeGenError/invalidModel(_:)`` for a model that fails validation,
  ///   ``CodeGenError/invalidCode(_:)`` for code strings that fail to check, as the CPU
  ///   backend does.
  public func generate(_ model: ModelSpec) throws(CodeGenError) -> CUDAModule {
    do {
      try model.validate()
    } catch {
      throw .invalidModel(error)
    }
    var writer = CUDAModuleWriter(model: model, checkIndices: checkIndices)
    writer.writeModule()
    if !writer.errors.isEmpty { throw .invalidCode(writer.errors) }
    return writer.module
  }

  /// The threads per block for a kernel whose largest population (or group of elements)
  /// has `size` elements: the smallest power of two that holds it, from 32 (a warp) to
  /// 256, so small populations waste few threads and large ones fill the multiprocessors.
  public static func blockSize(forLargest size: Int) -> Int {
    var block = 32
    while block < 256 && block < size { block *= 2 }
    return block
  }
}
