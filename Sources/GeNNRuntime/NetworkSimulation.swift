import GeNNCodeGen
import GeNNModel

/// A model loaded on a backend and running: what ``Simulation`` (the CPU backend) and
/// ``CUDASimulation`` (NVIDIA GPUs) both offer, so code that runs a model and reads its
/// results works on either, and a user switches with one ``SimulationBackend`` value.
///
/// ```swift
/// let backend: SimulationBackend = useGPU ? .cuda(CUDASimulation.Options()) : .cpu(Simulation.Options())
/// let simulation = try await backend.simulation(of: model)
/// try simulation.record("V", of: "Exc", every: 10)
/// try simulation.run(steps: 10_000)
/// let spikes = try simulation.spikes(of: "Exc")
/// ```
public protocol NetworkSimulation: AnyObject {
  /// The model being simulated.
  var model: ModelSpec { get }
  /// The steps run since the start.
  var timestep: UInt64 { get }
  /// The time at the start of the next step, in ms.
  var t: Double { get }
  /// What building and loading took, and where the generated code is.
  var build: Simulation.BuildInfo { get }
  /// The threads (CPU) the simulation runs on; 1 for a GPU's host thread.
  var threads: Int { get }
  /// The compiler that built the generated code, in words (its version line).
  var compilerDescription: String { get }
  /// The generated source file kept in the build cache.
  var sourcePath: String { get }

  /// Runs `steps` time steps.
  func run(steps: Int) throws
  /// Runs every custom update of update group `group` once, now (between steps).
  func customUpdate(_ group: String) throws
  /// Sets dynamic parameter `name` of an element to `value` from the next step or custom
  /// update on (GeNN's `set_dynamic_param_value`).
  func setDynamicParameter(_ name: String, of element: String, to value: Double) throws
  /// The time spent in each phase since loading (zero unless the model has
  /// ``GeNNModel/ModelSpec/timingEnabled``).
  var timing: SimulationTiming { get }
  /// Sets the step counter, and with it `t` (PyGeNN's `timestep` setter).
  func setTimestep(_ timestep: UInt64) throws
  /// The current values of `variable` of a neuron population, current source, synapse
  /// population or custom update.
  func values(of variable: String, in element: String) throws -> [Double]
  /// Sets `variable` of an element; takes effect from the next step.
  func setValues(_ values: [Double], of variable: String, in element: String) throws
  /// The spikes `population` emitted since the start in batch `batch`, if its spikes
  /// are recorded.
  func spikes(of population: String, batch: Int) throws -> SpikeRecording
  /// The spike-like events `synapses` detected on one side since the start in batch
  /// `batch`, if recorded.
  func spikeEvents(of synapses: String, side: SynapseSide, batch: Int) throws -> SpikeRecording
  /// Starts sampling `variable` of `element` after every `every`-th step from now on.
  func record(_ variable: String, of element: String, every: Int) throws
  /// What has been sampled of `variable` since ``record(_:of:every:)``.
  func recording(of variable: String, in element: String) throws -> VariableRecording
  /// Reserves room for the samples of `steps` more steps of every recorded variable.
  func reserveRecording(steps: Int)
  /// Keeps and gives only the spikes and spike-like events of the latest `steps` steps
  /// run (GeNN's recording buffers of `num_recording_timesteps` steps); `nil` keeps all.
  func keepRecording(latestSteps steps: Int?)
  /// The spikes and spike-like events recorded so far, as far as they have been gathered
  /// from the recording buffers.
  var recordedSpikeCount: Int { get }
  /// The synapses of a SPARSE (or DENSE, BITMASK) population as (presynaptic,
  /// postsynaptic) index lists.
  func connectivity(of synapses: String) throws -> (pre: [Int], post: [Int])

  // Host memory shared with views (NumPy's, through the C interface). On the CPU it is
  // the memory the generated code works on; on a GPU it is the host's copy, which
  // `pull(_:of:)` and `push(_:of:)` copy from and to the device, as GeNN's
  // `pull...FromDevice` and `push...ToDevice` do.

  /// The whole host array of `variable` of a neuron population, current source, synapse
  /// population or custom update: every delay slot of a queued variable, the padded rows
  /// of a SPARSE population (``layout(of:in:)``).
  func stateMemory(of variable: String, in element: String) throws -> StateMemory
  /// The host array of an extra global parameter of a neuron population, current
  /// source, synapse population (its weight update model's) or custom update, as many
  /// elements as the model gave it values.
  func stateMemory(ofExtraGlobalParameter parameter: String, in element: String) throws
    -> StateMemory
  /// How the elements of the array of `variable` are laid out after the steps run so far.
  func layout(of variable: String, in element: String) throws -> VariableLayout
  /// The rows of a SPARSE population (on a GPU copied from the device first).
  func sparseRows(of synapses: String) throws -> SparseRowsMemory
  /// Copies variable or extra global parameter `name` of `element` from the device into
  /// the host array; nothing to copy on the CPU.
  func pull(_ name: String, of element: String) throws
  /// Copies variable or extra global parameter `name` of `element` from the host array to
  /// the device, for the next step to see; nothing to copy on the CPU.
  func push(_ name: String, of element: String) throws
}

extension NetworkSimulation {
  /// The spikes `population` emitted since the start (in batch 0 of a batched model), if
  /// its spikes are recorded.
  public func spikes(of population: String) throws -> SpikeRecording {
    try spikes(of: population, batch: 0)
  }

  /// The spike-like events `synapses` detected on one side since the start (in batch 0 of
  /// a batched model), if recorded.
  public func spikeEvents(of synapses: String, side: SynapseSide) throws -> SpikeRecording {
    try spikeEvents(of: synapses, side: side, batch: 0)
  }

  /// Runs for `duration` ms, rounded to whole time steps; throws ``StepCountError`` when
  /// that is more steps than a run can take.
  public func run(duration: Double) throws {
    try run(steps: StepCount.of(duration: duration, dt: model.dt))
  }
}
