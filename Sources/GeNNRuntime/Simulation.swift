import Foundation
import GeNNCodeGen
import GeNNModel
import GeNNToolchain
import GeNNTranspiler

/// A model generated, compiled, loaded and initialised: step it, read and write its
/// variables, and read back what it recorded.
///
/// ```swift
/// let simulation = try await Simulation(model: model)
/// try simulation.record("V", of: "Exc")
/// try simulation.run(duration: 1000)
/// let spikes = try simulation.spikes(of: "Exc")
/// ```
public final class Simulation {
  /// How a simulation is built and run.
  public struct Options: Sendable {
    /// Worker threads, the calling thread included; the machine's cores by default.
    public var threads: Int?
    /// The build cache folder; `$GENN_CACHE_DIR` or the user's cache folder by default.
    public var cacheDirectory: URL?
    /// The compiler to use; found by ``Toolchain/detect(environment:)`` by default.
    public var toolchain: Toolchain?
    /// How many steps of spikes the native side buffers, at most, before the runtime
    /// gathers them (fewer where so many rows of bits would outgrow a core's cache:
    /// ``Simulation/cachedRecordingBytes``).
    public var recordingCapacity: Int
    /// The work per step (neuron updates, postsynaptic input updates and synapses whose
    /// synapse dynamics code runs every step) below which a step runs on the calling
    /// thread alone, because waking the other threads would cost
    /// more than they save: 16,384 by default, where two threads start to pay off on a
    /// 2-core machine (`COBABenchmark`; a 4,000-neuron COBA network counts 12,000). Results
    /// are the same either way; 0 runs every step on every thread.
    public var parallelMinimum: Int
    /// Whether the generated code checks each index of an extra global parameter against
    /// its size, so that one out of range stops the run with
    /// ``RuntimeError/indexOutOfRange(element:array:index:size:)`` instead of reading or
    /// writing outside the array. On by default; `false` (`genn run --no-check`) leaves
    /// the checks out, as GeNN does, where they would keep the C++ compiler from
    /// vectorising loops that index these arrays (see `docs/benchmarks.md`).
    public var checkIndices: Bool
    /// Whether model code flushes subnormal numbers to zero
    /// (``GeNNCodeGen/CPUBackend/flushesSubnormals``): on by default; `false`
    /// (`genn run --keep-subnormals`) keeps IEEE's gradual underflow, at the cost of the
    /// processor's slow path wherever values sink below 1.2e-38 (`float`).
    public var flushSubnormals: Bool

    /// Creates options.
    public init(
      threads: Int? = nil, cacheDirectory: URL? = nil, toolchain: Toolchain? = nil,
      recordingCapacity: Int = 1000, parallelMinimum: Int = 16_384, checkIndices: Bool = true,
      flushSubnormals: Bool = true
    ) {
      self.checkIndices = checkIndices
      self.flushSubnormals = flushSubnormals
      self.threads = threads
      self.cacheDirectory = cacheDirectory
      self.toolchain = toolchain
      self.recordingCapacity = recordingCapacity
      self.parallelMinimum = parallelMinimum
    }
  }

  /// What building and loading took, and where the generated code is.
  public struct BuildInfo: Sendable {
    /// The cache entry folder with the generated source, library and compiler log.
    public var directory: URL
    /// Whether the library came from the cache without compiling.
    public var cacheHit: Bool
    /// Seconds spent generating code.
    public var generationSeconds: Double
    /// Seconds spent finding the compiler and looking up the build cache.
    public var toolchainSeconds: Double
    /// Seconds spent compiling (0 on a cache hit).
    public var compileSeconds: Double
    /// Seconds spent loading, binding and initialising.
    public var loadSeconds: Double
  }

  /// The model being simulated.
  public let model: ModelSpec
  /// How it was built.
  public private(set) var build: BuildInfo
  /// The number of steps run since the start (or the last ``reinitialise()``).
  public private(set) var timestep: UInt64 = 0
  /// The compiler that built the library: its version line.
  public let compilerDescription: String
  /// The generated C++ kept in the build cache.
  public let sourcePath: String

  /// Kept loaded for as long as the native state and function pointers are in use.
  private let library: SharedLibrary
  /// This simulation's native state (its thread pool and group fields).
  private let state: UnsafeMutableRawPointer
  /// The arrays the native code works on (internal for tests, which read arrays by role).
  let memory: ModelState
  /// Where the synapses of SPARSE populations are in their rows.
  private let rows: SynapseRows
  /// Where generated code notes synapses that connectivity snippets added beyond a
  /// population.
  private let rangeErrors: ConnectivityRangeErrors
  private let functions: NativeFunctions
  /// The generated code, to name the code a runtime error came from.
  private let module: GeneratedModule
  private let recordingCapacity: Int
  private var recordingRow = 0
  private var recordedSpikes: RecordedSpikes
  private var samples = VariableSamples()
  private var threadCount: Int
  /// Per-step work below which a step runs on the calling thread alone.
  private let parallelMinimum: UInt32

  /// Generates, compiles (or takes from the cache), loads and initialises `model`.
  public convenience init(model: ModelSpec, options: Options = Options()) async throws {
    try self.init(build: try await ModelBuild(model: model, options: options))
  }

  /// Loads and initialises a model already generated and compiled, once its state is
  /// known to fit in memory (``MemoryEstimate``; else
  /// ``RuntimeError/insufficientMemory(needed:available:largest:)``), run as `options`
  /// says (those `compiled` was built with by default).
  public init(build compiled: ModelBuild, options: Options? = nil) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let options = options ?? compiled.options
    let model = compiled.model
    let module = compiled.module
    let entry = compiled.entry
    let capacity = Self.recordingRows(requested: options.recordingCapacity, arrays: module.arrays)
    try MemoryEstimate(model: model, arrays: module.arrays, recordingRows: capacity)
      .check(available: HostMemory.available())
    let library = try SharedLibrary(path: entry.libraryPath.path)
    let functions = try NativeFunctions(
      library: library, customUpdates: !model.customUpdateGroups.isEmpty,
      dynamicParameters: !model.dynamicParameters.isEmpty, timing: model.timingEnabled)
    let memory = try ModelState(
      model: model, module: module, recordingRows: capacity, followsDrawnLengths: true)
    self.model = model
    self.compilerDescription = compiled.toolchain.identity.versionLine
    self.sourcePath = entry.sourcePath.path
    self.library = library
    self.functions = functions
    self.module = module
    self.memory = memory
    self.rows = SynapseRows(model: model, followsDrawnLengths: true)
    self.rangeErrors = ConnectivityRangeErrors(model: model, index: memory.index)
    self.recordedSpikes = RecordedSpikes(state: memory)
    self.recordingCapacity = capacity
    self.threadCount = max(
      1, min(options.threads ?? ProcessInfo.processInfo.activeProcessorCount, 256))
    self.build = BuildInfo(
      directory: entry.directory, cacheHit: entry.cacheHit,
      generationSeconds: compiled.generationSeconds,
      toolchainSeconds: compiled.toolchainSeconds, compileSeconds: compiled.compileSeconds,
      loadSeconds: 0)
    var pointers: [UnsafeMutableRawPointer?] = memory.arrays.map(\.pointer)
    let counts = memory.arrays.map { UInt64($0.count) }
    guard
      let state = pointers.withUnsafeMutableBufferPointer({ pointers in
        counts.withUnsafeBufferPointer {
          functions.create(pointers.baseAddress, $0.baseAddress, model.seed)
        }
      })
    else {
      throw RuntimeError.incompatibleLibrary("\(CModuleInterface.create) returned no state")
    }
    self.state = state
    self.parallelMinimum = UInt32(clamping: max(0, options.parallelMinimum))
    functions.setThreads(state, UInt32(threadCount), self.parallelMinimum)
    let overflows = initialiseState(zeroed: true)
    if let error = rangeErrors.error(in: memory.arrays) { throw error }
    if overflows > 0 { throw RuntimeError.connectivityOverflow(rows: overflows) }
    try checkCodeErrors()
    build.loadSeconds = (clock.now - start).seconds
  }

  deinit {
    // Stops the native threads before the arrays and the library go.
    functions.destroy(state)
  }

  // MARK: Time

  /// The time at the start of the next step in ms: `timestep * dt`, computed in the time
  /// precision as generated code computes `t`.
  public var t: Double {
    model.timePrecision == .float
      ? Double(Float(timestep) * Float(model.dt)) : Double(timestep) * model.dt
  }

  /// The bytes of model state the simulation holds: variables, connectivity, spike
  /// queues and recording buffers.
  public var stateBytes: Int { memory.bytes }

  /// The number of threads the simulation runs on, the calling thread included.
  public var threads: Int {
    get { threadCount }
    set {
      threadCount = max(1, min(newValue, 256))
      functions.setThreads(state, UInt32(threadCount), parallelMinimum)
    }
  }

  /// Runs one time step.
  public func step() throws(RuntimeError) {
    try run(steps: 1)
  }

  /// Runs `steps` time steps.
  ///
  /// - Throws: ``RuntimeError/indexOutOfRange(element:array:index:size:)`` when model
  ///   code indexed an extra global parameter outside its size, where
  ///   ``Options/checkIndices`` asked for checks (the run stops at most
  ///   ``Options/recordingCapacity`` steps later; every later run throws it again until
  ///   ``reinitialise()``);
  ///   ``RuntimeError/connectivityOutOfRange(synapses:code:row:target:population:size:)``
  ///   when a PROCEDURAL or TOEPLITZ population's snippet regenerated a synapse beyond its
  ///   target (left out; the run stops as for an index).
  public func run(steps: Int) throws(RuntimeError) {
    try checkCodeErrors()
    var remaining = max(0, steps)
    while remaining > 0 {
      // Run natively up to the next sample of a recorded variable or a full spike buffer.
      let chunk = samples.steps(
        toNextSampleFrom: timestep, atMost: min(remaining, recordingCapacity - recordingRow))
      functions.run(state, timestep, UInt64(chunk), UInt32(recordingRow))
      timestep += UInt64(chunk)
      recordingRow += chunk
      remaining -= chunk
      sampleVariables()
      if recordingRow == recordingCapacity { gatherSpikes() }
      try checkCodeErrors()
    }
  }

  /// Runs for `duration` ms, rounded to whole time steps.
  ///
  /// - Throws: ``RuntimeError/runTooLong(_:)`` when that is more steps than a run can
  ///   take; what ``run(steps:)`` throws.
  public func run(duration: Double) throws(RuntimeError) {
    let steps: Int
    do {
      steps = try StepCount.of(duration: duration, dt: model.dt)
    } catch {
      throw .runTooLong(error)
    }
    try run(steps: steps)
  }

  /// Runs every custom update of update group `group` once, now (between steps), as
  /// GeNN's `custom_update(group)`; their code sees `t` as the time of the next step.
  public func customUpdate(_ group: String) throws(RuntimeError) {
    let groups = model.customUpdateGroups
    guard let index = groups.firstIndex(of: group), let update = functions.customUpdate else {
      throw .unknownCustomUpdateGroup(group, available: groups)
    }
    try checkCodeErrors()
    update(state, UInt32(index), timestep)
    try checkCodeErrors()
    let memory = memory
    if let error = DroppedSynapses.error(in: group, of: model, take: { memory[$0]!.takeCounts() }) {
      throw error
    }
  }

  /// Sets dynamic parameter `name` of `element` (a neuron population, current source,
  /// synapse population, whose weight update and postsynaptic models' parameters share
  /// its names, or custom update) to `value` from the next step or custom update on, as
  /// GeNN's `set_dynamic_param_value`; derived parameters keep their values.
  ///
  /// - Throws: ``RuntimeError/notDynamic(parameter:element:dynamic:)``.
  public func setDynamicParameter(_ name: String, of element: String, to value: Double)
    throws(RuntimeError)
  {
    for position in try model.positions(ofDynamicParameter: name, in: element) {
      functions.setDynamicParameter?(state, UInt32(position), value)
    }
  }

  /// The time spent in each phase since loading, as the generated code measured it when
  /// the model has ``GeNNModel/ModelSpec/timingEnabled``; zero otherwise.
  public var timing: SimulationTiming {
    guard let read = functions.timing else { return SimulationTiming(model: model) }
    var counters = [Double](repeating: 0, count: SimulationTiming.counterCount(of: model))
    counters.withUnsafeMutableBufferPointer { read(state, $0.baseAddress) }
    return SimulationTiming(model: model, counters: counters)
  }

  /// Sets the step counter, and with it `t` (`timestep * dt`), as PyGeNN's `timestep`
  /// setter: the next step runs as step `timestep`. The spikes recorded so far keep their
  /// times; spikes and values in delay queues stay in flight, as in GeNN, whose queue
  /// pointers the step counter does not move.
  public func setTimestep(_ timestep: UInt64) {
    gatherSpikes()
    for position in memory.delaySlotPositions {
      memory.turnDelaySlots(at: position, from: self.timestep, to: timestep)
    }
    self.timestep = timestep
  }

  /// Puts every variable and dynamic parameter back to its initial value, time back to
  /// zero, and clears everything recorded.
  public func reinitialise() {
    for (position, parameter) in model.dynamicParameters.enumerated() {
      functions.setDynamicParameter?(
        state, UInt32(position), model.initialValue(of: parameter) ?? 0)
    }
    timestep = 0
    recordingRow = 0
    recordedSpikes.removeAll()
    samples.removeSamples()
    initialiseState()
  }

  // MARK: State

  /// The current values of `variable` of a neuron population or current source; in a
  /// batched model, every batch's, one batch after another.
  public func values(of variable: String, in element: String) throws(RuntimeError) -> [Double] {
    try view(variable, element).load()
  }

  /// Sets `variable` of a neuron population or current source; takes effect from the
  /// next step. In a batched model, `values` holds every batch's values one batch after
  /// another, or one batch's, which every batch takes.
  public func setValues(_ values: [Double], of variable: String, in element: String)
    throws(RuntimeError)
  {
    let view = try view(variable, element)
    guard let values = view.everyBatch(values) else {
      throw .wrongLength(
        variable: variable, population: element, expected: view.count, got: values.count)
    }
    view.store(values)
  }

  /// Keeps and gives (``spikes(of:)``, ``spikeEvents(of:side:)``, the counts) only the
  /// spikes and spike-like events of the latest `steps` steps run, as GeNN's recording
  /// buffers of `num_recording_timesteps` steps hold them, whether or not the step counter
  /// was set back in between (``setTimestep(_:)``); `nil` (the default) keeps every step
  /// since the start. A long run then holds at most about twice the window's spikes.
  public func keepRecording(latestSteps steps: Int?) {
    recordedSpikes.window = steps.map { max(0, $0) }
  }

  /// The spikes `population` emitted since the start in batch `batch` (of a batched
  /// model), if its spikes are recorded.
  public func spikes(of population: String, batch: Int = 0) throws(RuntimeError)
    -> SpikeRecording
  {
    let source = try recordedSpikes.source(ofSpikes: population)
    try recordedSpikes.check(batch: batch)
    gatherSpikes()
    return recordedSpikes[source, batch: batch]
  }

  /// The number of spikes `population` emitted since the start in batch `batch`, if its
  /// spikes are recorded: ``spikes(of:batch:)``'s count, without laying the spikes out.
  public func spikeCount(of population: String, batch: Int = 0) throws(RuntimeError) -> Int {
    let source = try recordedSpikes.source(ofSpikes: population)
    try recordedSpikes.check(batch: batch)
    gatherSpikes()
    return recordedSpikes.count(of: source, batch: batch)
  }

  /// The spike-like events the weight update model of `synapses` detected on one side
  /// (its source's neurons by default) since the start, if that population records
  /// spike-like events (``NeuronPopulation/recordSpikeEvents``).
  public func spikeEvents(of synapses: String, side: SynapseSide = .presynaptic, batch: Int = 0)
    throws(RuntimeError) -> SpikeRecording
  {
    let source = try recordedSpikes.source(ofEvents: synapses, side: side)
    try recordedSpikes.check(batch: batch)
    gatherSpikes()
    return recordedSpikes[source, batch: batch]
  }

  /// Starts sampling `variable` of a neuron population or current source after every
  /// `every`-th step from now on: after the steps `k` with `(k + 1) % every == 0`.
  public func record(_ variable: String, of element: String, every: Int = 1) throws(RuntimeError) {
    let position = try memory.position(of: variable, in: element)
    try memory.checkRecordable(at: position, variable: variable, element: element)
    samples.start(
      variable, of: element, width: view(at: position).count, array: position, every: every)
  }

  /// What has been sampled of `variable` since ``record(_:of:)``.
  public func recording(of variable: String, in element: String) throws(RuntimeError)
    -> VariableRecording
  {
    try samples.recording(of: variable, in: element)
  }

  /// The spikes and spike-like events gathered from the recording buffers so far (those
  /// of the steps since the buffers were last gathered are not counted yet); each is held
  /// as its neuron's 4-byte id, and laid out with its step and time when asked for.
  public var recordedSpikeCount: Int { recordedSpikes.count }

  /// Reserves room for the samples of `steps` more steps of every recorded variable, so
  /// that a long run does not reallocate while it samples.
  public func reserveRecording(steps: Int) {
    samples.reserve(steps: steps)
  }

  /// The whole array of `variable` of a neuron population, current source, synapse
  /// population or custom update in place, as the generated code keeps it: every delay
  /// slot of a queued variable, the padded rows of a SPARSE population.
  ///
  /// - Throws: what ``values(of:in:)`` throws for an unknown element or variable.
  public func stateMemory(of variable: String, in element: String) throws(RuntimeError)
    -> StateMemory
  {
    memory.memory(at: try memory.position(of: variable, in: element))
  }

  /// The array of extra global parameter `parameter` of a neuron population, current
  /// source, synapse population (its weight update model's) or custom update in place, as
  /// many elements as the model gave it values.
  ///
  /// - Throws: ``RuntimeError/unknownPopulation(_:available:)`` or
  ///   ``RuntimeError/unknownExtraGlobalParameter(_:element:available:)``.
  public func stateMemory(ofExtraGlobalParameter parameter: String, in element: String)
    throws(RuntimeError) -> StateMemory
  {
    memory.memory(at: try memory.position(ofExtraGlobalParameter: parameter, in: element))
  }

  /// How the elements of ``stateMemory(of:in:)`` of `variable` are laid out now.
  ///
  /// - Throws: what ``stateMemory(of:in:)`` throws.
  public func layout(of variable: String, in element: String) throws(RuntimeError)
    -> VariableLayout
  {
    memory.layout(at: try memory.position(of: variable, in: element), timestep: timestep)
  }

  /// The rows of SPARSE population `synapses` in place.
  ///
  /// - Throws: ``RuntimeError/unknownPopulation(_:available:)`` or
  ///   ``RuntimeError/notSparse(synapses:matrixType:)``.
  public func sparseRows(of synapses: String) throws(RuntimeError) -> SparseRowsMemory {
    try memory.sparseRows(of: synapses).rows
  }

  /// Nothing to copy: the CPU backend's memory is the host's. Checks that `name` is a
  /// variable or extra global parameter of `element`, as ``CUDASimulation/pull(_:of:)``
  /// does.
  ///
  /// - Throws: ``RuntimeError/unknownArray(_:element:variables:parameters:)`` and what
  ///   ``stateMemory(of:in:)`` throws.
  public func pull(_ name: String, of element: String) throws(RuntimeError) {
    _ = try memory.position(ofVariableOrParameter: name, in: element)
  }

  /// Nothing to copy, as for ``pull(_:of:)``.
  public func push(_ name: String, of element: String) throws(RuntimeError) {
    _ = try memory.position(ofVariableOrParameter: name, in: element)
  }

  // MARK: Internals

  /// `variable` of `element` as the user sees it.
  private func view(_ variable: String, _ element: String) throws(RuntimeError) -> VariableView {
    view(at: try memory.position(of: variable, in: element))
  }

  /// The array at `position` as the user sees it.
  private func view(at position: Int) -> VariableView {
    memory.view(at: position, timestep: timestep, synapsePositions: synapsePositions)
  }

  /// The synapses of a SPARSE population as (presynaptic, postsynaptic) index lists, in
  /// the order the model listed them.
  public func connectivity(of synapses: String) throws(RuntimeError) -> (pre: [Int], post: [Int]) {
    guard let population = model.synapsePopulations.first(where: { $0.name == synapses }) else {
      throw .unknownPopulation(synapses, available: model.synapsePopulations.map(\.name))
    }
    let target = model.neuronPopulation(named: population.target)!.size
    if [.procedural, .toeplitz].contains(population.matrixType.connectivityStorage) {
      throw .notStored(
        what: "connectivity", synapses: synapses, matrixType: population.matrixType.rawValue)
    }
    if population.matrixType == .bitmask {
      return memory[.synapseBitmask(synapses: synapses)]!.setPairs(
        sourceSize: model.neuronPopulation(named: population.source)!.size, targetSize: target)
    }
    guard let positions = synapsePositions(population) else {
      let source = model.neuronPopulation(named: population.source)!.size
      return (
        (0..<source).flatMap { Array(repeating: $0, count: target) },
        (0..<source).flatMap { _ in Array(0..<target) }
      )
    }
    return rows.pairs(
      of: population, at: positions, indices: memory[.synapseIndices(synapses: synapses)]!,
      rowLengths: memory[.synapseRowLengths(synapses: synapses)]!)
  }

  /// Where each synapse of a SPARSE population is in the padded rows; `nil` for DENSE.
  private func synapsePositions(_ synapses: SynapsePopulation) -> [Int]? {
    rows.positions(of: synapses) { memory[.synapseRowLengths(synapses: synapses.name)]! }
  }

  /// Throws the error generated code noted in the native calls since the last check: an
  /// integer division that would have trapped, a synapse regenerated beyond a population,
  /// or an index out of range.
  private func checkCodeErrors() throws(RuntimeError) {
    let line = Int(functions.takeArithmeticError())
    if line != 0 {
      let origin = module.origin(ofLine: line)?.description
      throw .integerDivisionByZero(code: origin ?? "the model's code")
    }
    if let error = rangeErrors.error(in: memory.arrays, afterRun: true) { throw error }
    guard let record = memory[.outOfRangeIndex],
      let error = OutOfRangeRecord.error(record.outOfRangeRecord, arrays: memory.layouts)
    else { return }
    throw error
  }

  /// Writes initial values (into arrays that hold only zeros yet where `zeroed`), then
  /// builds connectivity and runs snippets natively; returns how many snippet-built rows
  /// overflowed.
  @discardableResult
  private func initialiseState(zeroed: Bool = false) -> Int {
    InitialValues.write(
      memory.arrays, index: memory.index, model: model, fusion: memory.fusion,
      sparseRows: rows.listed, zeroed: zeroed)
    return Int(functions.initialize(state))
  }

  /// The most bytes of recording buffers (one row of bits a step for each population or
  /// side that records) the native side fills before the runtime gathers them: small
  /// enough that the bits are still in a core's cache when they are read back. (From
  /// main memory, the 8 MB of 1,000 steps of a 64,000-neuron network cost a tenth of
  /// the steps that wrote them.)
  public static let cachedRecordingBytes = 256 * 1024

  /// The steps of spikes to buffer natively: `requested`, or as many rows of the
  /// recording buffers of `arrays` as fit in ``cachedRecordingBytes``; at least one.
  static func recordingRows(requested: Int, arrays: [ArrayLayout]) -> Int {
    let rowBytes = arrays.reduce(0) { total, layout in
      switch layout.role {
      case .spikeRecording, .spikeEventRecording: total + layout.count * layout.elementSize
      default: total
      }
    }
    let fitting = rowBytes > 0 ? cachedRecordingBytes / rowBytes : requested
    return max(1, min(requested, fitting))
  }

  /// Samples the recorded variables that are due after the step just run.
  private func sampleVariables() {
    for (key, position) in samples.due(after: timestep) {
      samples.append(view(at: position).load(), to: key, after: timestep)
    }
  }

  /// Moves the spikes and events buffered on the native side into the recordings,
  /// leaving the buffers clear.
  private func gatherSpikes() {
    guard recordingRow > 0 else { return }
    let firstStep = Int64(timestep) - Int64(recordingRow)
    for buffer in recordedSpikes.buffers {
      let bits = UnsafeMutableBufferPointer(
        start: memory.arrays[buffer.array].pointer.assumingMemoryBound(to: UInt32.self),
        count: buffer.rowWords * recordingRow)
      recordedSpikes.take(bits, of: buffer, rows: recordingRow, firstStep: firstStep)
    }
    recordingRow = 0
  }
}

extension Duration {
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Simulation: NetworkSimulation {}
