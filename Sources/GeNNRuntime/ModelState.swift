import GeNNCodeGen
import GeNNModel

/// The arrays of one model's state, one per ``ArrayLayout`` of the module a backend
/// generated, in its binding order, found by their role: what ``Simulation`` hands to the
/// native code and ``CUDASimulation`` mirrors on the host.
struct ModelState {
  /// The model whose state this is.
  let model: ModelSpec
  /// The arrays, in the module's binding order.
  let arrays: [StateArray]
  /// The position of each role's array in ``arrays``.
  let index: [ArrayLayout.Role: Int]
  /// Which synapse populations share a postsynaptic model and its arrays.
  let fusion: PostsynapticFusion
  /// The populations whose rows are as long as the longest drawn row (the CPU backend's
  /// layout, ``SynapseRows/drawnRows(of:followsDrawnLengths:)``).
  let drawnRows: Set<String>

  /// Allocates zeroed arrays for `module` of `model`, with recording buffers of
  /// `recordingRows` steps; `followsDrawnLengths` for the CPU backend's row layout.
  ///
  /// - Throws: ``RuntimeError/allocationRefused(what:bytes:)`` when an array cannot be
  ///   allocated.
  init(
    model: ModelSpec, module: some BackendModule, recordingRows: Int,
    followsDrawnLengths: Bool = false
  ) throws(RuntimeError) {
    var index: [ArrayLayout.Role: Int] = [:]
    var arrays: [StateArray] = []
    for (position, layout) in module.arrays.enumerated() {
      index[layout.role] = position
      switch layout.role {
      case .spikeRecording, .spikeEventRecording:
        arrays.append(try StateArray(layout: layout, rows: recordingRows))
      default:
        arrays.append(try StateArray(layout: layout))
      }
    }
    self.arrays = arrays
    self.model = model
    self.index = index
    self.fusion = model.postsynapticFusion
    self.drawnRows = SynapseRows.drawnRows(of: model, followsDrawnLengths: followsDrawnLengths)
  }

  /// The array of `role`, if the module has one.
  subscript(role: ArrayLayout.Role) -> StateArray? {
    index[role].map { arrays[$0] }
  }

  /// The arrays' layouts, in binding order.
  var layouts: [ArrayLayout] { arrays.map(\.layout) }

  /// The bytes the arrays hold: of rows that follow their drawn lengths, the rows in use
  /// (the rest of their memory is never touched).
  var bytes: Int {
    arrays.indices.reduce(0) { total, position in
      total + memory(at: position).count * arrays[position].layout.elementSize
    }
  }
}
