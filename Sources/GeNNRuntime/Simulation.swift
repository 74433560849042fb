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
    /// How many steps of spikes the native side buffers before the runtime gathers them.
    public var recordingCapacity: Int
    /// The work per step (neuron updates plus postsynaptic input updates) below which a
    /// step runs on the calling thread alone, because waking the other threads would cost
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

    /// Creates options.
    public init(
      threads: Int? = nil, cacheDirectory: URL? = nil, toolchain: Toolchain? = nil,
      recordingCapacity: Int = 1000, parallelMinimum: Int = 16_384, checkIndices: Bool = true
    ) {
      self.checkIndices = checkIndices
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
  private let arrays: [StateArray]
  private let arrayIndex: [ArrayLayout.Role: Int]
  /// The row layout of each SPARSE synapse population.
  private let sparseRows: [String: SparseConnectivity]
  private let functions: NativeFunctions
  /// The generated code, to name the code a runtime error came from.
  private let module: GeneratedModule
  private let recordingCapacity: Int
  private var recordingRow = 0
  private var spikeRecordings: [String: SpikeRecording] = [:]
  private var eventRecordings: [EventKey: SpikeRecording] = [:]
  private var variableRecordings: [RecordingKey: VariableRecording] = [:]
  private var threadCount: Int
  /// Per-step work below which a step runs on the calling thread alone.
  private let parallelMinimum: UInt32

  private struct EventKey: Hashable {
    var synapses: String
    var side: SynapseSide
  }

  private struct RecordingKey: Hashable {
    var element: String
    var variable: String
  }

  /// How often each recorded variable is sampled, in steps.
  private var samplingIntervals: [RecordingKey: Int] = [:]

  /// Generates, compiles (or takes from the cache), loads and initialises `model`.
  public convenience init(model: ModelSpec, options: Options = Options()) async throws {
    try self.init(build: try await ModelBuild(model: model, options: options), options: options)
  }

  /// Loads and initialises a model already generated and compiled, once its state is
  /// known to fit in memory (``MemoryEstimate``; else
  /// ``RuntimeError/insufficientMemory(needed:available:largest:)``).
  public init(build compiled: ModelBuild, options: Options = Options()) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let model = compiled.model
    let module = compiled.module
    let entry = compiled.entry
    try MemoryEstimate(
      model: model, arrays: module.arrays, recordingRows: options.recordingCapacity
    ).check(available: HostMemory.available())
    let library = try SharedLibrary(path: entry.libraryPath.path)
    let functions = try NativeFunctions(
      library: library, customUpdates: !model.customUpdates.isEmpty)
    var index: [ArrayLayout.Role: Int] = [:]
    let arrays = module.arrays.enumerated().map { position, layout in
      index[layout.role] = position
      switch layout.role {
      case .spikeRecording, .spikeEventRecording:
        return StateArray(layout: layout, rows: max(1, options.recordingCapacity))
      default: break
      }
      return StateArray(layout: layout)
    }
    self.model = model
    self.compilerDescription = compiled.toolchain.identity.versionLine
    self.sourcePath = entry.sourcePath.path
    self.library = library
    self.functions = functions
    self.module = module
    self.arrays = arrays
    self.arrayIndex = index
    self.sparseRows = Dictionary(
      uniqueKeysWithValues: model.synapsePopulations.filter { $0.matrixType == .sparse }.compactMap
      {
        synapses in
        SparseConnectivity(
          synapses, sourceSize: model.neuronPopulation(named: synapses.source)!.size,
          targetSize: model.neuronPopulation(named: synapses.target)!.size
        ).map { (synapses.name, $0) }
      })
    self.recordingCapacity = max(1, options.recordingCapacity)
    self.threadCount = max(
      1, min(options.threads ?? ProcessInfo.processInfo.activeProcessorCount, 256))
    self.build = BuildInfo(
      directory: entry.directory, cacheHit: entry.cacheHit,
      generationSeconds: compiled.generationSeconds,
      toolchainSeconds: compiled.toolchainSeconds, compileSeconds: compiled.compileSeconds,
      loadSeconds: 0)
    var pointers: [UnsafeMutableRawPointer?] = arrays.map(\.pointer)
    let counts = arrays.map { UInt64($0.count) }
    guard
      let state = pointers.withUnsafeMutableBufferPointer({ pointers in
        counts.withUnsafeBufferPointer { functions.create(pointers.baseAddress, $0.baseAddress) }
      })
    else {
      throw RuntimeError.incompatibleLibrary("\(CModuleInterface.create) returned no state")
    }
    self.state = state
    self.parallelMinimum = UInt32(clamping: max(0, options.parallelMinimum))
    functions.setThreads(state, UInt32(threadCount), self.parallelMinimum)
    let overflows = initialiseState()
    if let error = ConnectivityRangeErrors.error(model: model, arrays: arrays, index: index) {
      throw error
    }
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
  public var stateBytes: Int {
    arrays.reduce(0) { $0 + $1.count * $1.layout.elementSize }
  }

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
  ///   ``reinitialise()``).
  public func run(steps: Int) throws(RuntimeError) {
    try checkCodeErrors()
    var remaining = max(0, steps)
    while remaining > 0 {
      // Run natively up to the next sample of a recorded variable or a full spike buffer.
      var chunk = min(remaining, recordingCapacity - recordingRow)
      for interval in samplingIntervals.values {
        chunk = min(chunk, interval - Int(timestep % UInt64(interval)))
      }
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
  }

  /// Puts every variable back to its initial value, time back to zero, and clears
  /// everything recorded.
  public func reinitialise() {
    timestep = 0
    recordingRow = 0
    spikeRecordings.removeAll()
    eventRecordings.removeAll()
    for key in variableRecordings.keys {
      variableRecordings[key]?.steps.removeAll()
      variableRecordings[key]?.values.removeAll()
    }
    initialiseState()
  }

  // MARK: State

  /// The current values of `variable` of a neuron population or current source.
  public func values(of variable: String, in element: String) throws(RuntimeError) -> [Double] {
    try array(variable, element).load()
  }

  /// Sets `variable` of a neuron population or current source; takes effect from the
  /// next step.
  public func setValues(_ values: [Double], of variable: String, in element: String)
    throws(RuntimeError)
  {
    let array = try array(variable, element)
    guard values.count == array.count else {
      throw .wrongLength(
        variable: variable, population: element, expected: array.count, got: values.count)
    }
    array.store(values)
  }

  /// The spikes `population` emitted since the start, if its spikes are recorded.
  public func spikes(of population: String) throws(RuntimeError) -> SpikeRecording {
    guard let neurons = model.neuronPopulation(named: population) else {
      throw .unknownPopulation(population, available: model.neuronPopulations.map(\.name))
    }
    guard neurons.recordSpikes else { throw .notRecorded(population: population) }
    gatherSpikes()
    return spikeRecordings[population] ?? SpikeRecording()
  }

  /// The spike-like events the weight update model of `synapses` detected on one side
  /// (its source's neurons by default) since the start, if that population records
  /// spike-like events (``NeuronPopulation/recordSpikeEvents``).
  public func spikeEvents(of synapses: String, side: SynapseSide = .presynaptic)
    throws(RuntimeError) -> SpikeRecording
  {
    guard let population = model.synapsePopulations.first(where: { $0.name == synapses }) else {
      throw .unknownPopulation(synapses, available: model.synapsePopulations.map(\.name))
    }
    guard arrayIndex[.spikeEventRecording(synapses: synapses, side: side)] != nil else {
      let neurons = side == .presynaptic ? population.source : population.target
      throw .notRecorded(
        population: "\(synapses) (\(side.rawValue)synaptic spike-like events of '\(neurons)')")
    }
    gatherSpikes()
    return eventRecordings[EventKey(synapses: synapses, side: side)] ?? SpikeRecording()
  }

  /// Starts sampling `variable` of a neuron population or current source after every
  /// `every`-th step from now on: after the steps `k` with `(k + 1) % every == 0`.
  public func record(_ variable: String, of element: String, every: Int = 1) throws(RuntimeError) {
    let array = try array(variable, element)
    let key = RecordingKey(element: element, variable: variable)
    samplingIntervals[key] = max(1, every)
    if variableRecordings[key] == nil {
      variableRecordings[key] = VariableRecording(
        element: element, variable: variable, width: array.count, steps: [], values: [])
    }
  }

  /// What has been sampled of `variable` since ``record(_:of:)``.
  public func recording(of variable: String, in element: String) throws(RuntimeError)
    -> VariableRecording
  {
    guard let recording = variableRecordings[RecordingKey(element: element, variable: variable)]
    else {
      throw .notRecorded(population: "\(element).\(variable)")
    }
    return recording
  }

  /// The spikes and spike-like events gathered from the recording buffers so far (those
  /// of the steps since the buffers were last gathered are not counted yet); each is held
  /// as a step, an id and a time.
  public var recordedSpikeCount: Int {
    spikeRecordings.values.reduce(0) { $0 + $1.count }
      + eventRecordings.values.reduce(0) { $0 + $1.count }
  }

  /// Reserves room for the samples of `steps` more steps of every recorded variable, so
  /// that a long run does not reallocate while it samples.
  public func reserveRecording(steps: Int) {
    for (key, interval) in samplingIntervals {
      let samples = steps / interval + 1
      let width = variableRecordings[key]!.width
      variableRecordings[key]!.steps.reserveCapacity(variableRecordings[key]!.steps.count + samples)
      variableRecordings[key]!.values.reserveCapacity(
        variableRecordings[key]!.values.count + samples * width)
    }
  }

  // MARK: Internals

  /// The storage of `variable` of a neuron population, current source or synapse
  /// population, as the user sees it.
  private func array(_ variable: String, _ element: String) throws(RuntimeError) -> VariableView {
    if let population = model.neuronPopulation(named: element) {
      guard let index = arrayIndex[.neuronVariable(population: element, variable: variable)] else {
        throw .unknownVariable(
          variable, population: element, available: population.model.vars.map(\.name))
      }
      // A queued variable's latest value is in the slot written last.
      return VariableView(
        array: arrays[index],
        positions: arrays[index].latestSlot(size: population.size, timestep: timestep))
    }
    if let source = model.currentSources.first(where: { $0.name == element }) {
      guard let index = arrayIndex[.currentSourceVariable(source: element, variable: variable)]
      else {
        throw .unknownVariable(
          variable, population: element, available: source.model.vars.map(\.name))
      }
      return VariableView(array: arrays[index])
    }
    if let synapses = model.synapsePopulations.first(where: { $0.name == element }) {
      if let index = arrayIndex[.weightUpdateVariable(synapses: element, variable: variable)] {
        return VariableView(array: arrays[index], positions: synapsePositions(synapses))
      }
      if synapses.matrixType.weightStorage == .procedural,
        synapses.weightUpdate.vars.contains(where: { $0.name == variable })
      {
        throw .notStored(
          what: "variable '\(variable)'", synapses: element,
          matrixType: synapses.matrixType.rawValue)
      }
      if let index = arrayIndex[.postsynapticVariable(synapses: element, variable: variable)] {
        return VariableView(array: arrays[index])
      }
      for (role, neurons) in [
        (
          ArrayLayout.Role.weightUpdatePreVariable(synapses: element, variable: variable),
          synapses.source
        ),
        (.weightUpdatePostVariable(synapses: element, variable: variable), synapses.target),
      ] {
        guard let index = arrayIndex[role] else { continue }
        let size = model.neuronPopulation(named: neurons)!.size
        return VariableView(
          array: arrays[index], positions: arrays[index].latestSlot(size: size, timestep: timestep))
      }
      if variable == "inSyn", let index = arrayIndex[.postsynapticInput(synapses: element)] {
        return VariableView(array: arrays[index])
      }
      throw .unknownVariable(
        variable, population: element,
        available: synapses.weightUpdate.vars.map(\.name)
          + synapses.weightUpdate.preVars.map(\.name) + synapses.weightUpdate.postVars.map(\.name)
          + synapses.postsynaptic.vars.map(\.name) + ["inSyn"])
    }
    if let update = model.customUpdate(named: element) {
      guard let index = arrayIndex[.customUpdateVariable(update: element, variable: variable)]
      else {
        throw .unknownVariable(
          variable, population: element, available: update.model.vars.map(\.name))
      }
      return VariableView(array: arrays[index], positions: customUpdatePositions(update))
    }
    throw .unknownPopulation(
      element,
      available: model.neuronPopulations.map(\.name) + model.currentSources.map(\.name)
        + model.synapsePopulations.map(\.name) + model.customUpdates.map(\.name))
  }

  /// Where each synapse is in the padded rows, for a custom update over the synapses of a
  /// SPARSE population; `nil` otherwise.
  private func customUpdatePositions(_ update: CustomUpdate) -> [Int]? {
    guard case .synapses(let name)? = model.shape(of: update),
      let synapses = model.synapsePopulations.first(where: { $0.name == name })
    else { return nil }
    return synapsePositions(synapses)
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
      return arrays[arrayIndex[.synapseBitmask(synapses: synapses)]!].setPairs(
        sourceSize: model.neuronPopulation(named: population.source)!.size, targetSize: target)
    }
    guard let positions = synapsePositions(population) else {
      let source = model.neuronPopulation(named: population.source)!.size
      return (
        (0..<source).flatMap { Array(repeating: $0, count: target) },
        (0..<source).flatMap { _ in Array(0..<target) }
      )
    }
    let stride = rowStride(population)
    let indices = arrays[arrayIndex[.synapseIndices(synapses: synapses)]!]
    return (positions.map { $0 / stride }, positions.map { Int(indices.load(at: $0)) })
  }

  /// Where each synapse of a SPARSE population is in the padded rows: in the order the
  /// model listed them, or row by row for snippet-built connectivity; `nil` for DENSE.
  private func synapsePositions(_ synapses: SynapsePopulation) -> [Int]? {
    guard synapses.matrixType == .sparse else { return nil }
    if let rows = sparseRows[synapses.name] { return rows.positions }
    let stride = rowStride(synapses)
    let lengths = arrays[arrayIndex[.synapseRowLengths(synapses: synapses.name)]!]
    return (0..<lengths.count).flatMap { row in
      (0..<Int(lengths.load(at: row))).map { row * stride + $0 }
    }
  }

  private func rowStride(_ synapses: SynapsePopulation) -> Int {
    SparseConnectivity.rowStride(
      of: synapses, sourceSize: model.neuronPopulation(named: synapses.source)!.size,
      targetSize: model.neuronPopulation(named: synapses.target)!.size)
  }

  /// Throws the error generated code noted in the native calls since the last check: an
  /// integer division that would have trapped, or an index out of range.
  private func checkCodeErrors() throws(RuntimeError) {
    let line = Int(functions.takeArithmeticError())
    if line != 0 {
      let origin = module.origin(ofLine: line)?.description
      throw .integerDivisionByZero(code: origin ?? "the model's code")
    }
    guard let index = arrayIndex[.outOfRangeIndex],
      let error = OutOfRangeRecord.error(
        arrays[index].outOfRangeRecord, arrays: arrays.map(\.layout))
    else { return }
    throw error
  }

  /// Writes initial values, then builds connectivity and runs snippets natively; returns
  /// how many snippet-built rows overflowed.
  @discardableResult
  private func initialiseState() -> Int {
    InitialValues.write(arrays, index: arrayIndex, model: model, sparseRows: sparseRows)
    return Int(functions.initialize(state))
  }

  /// Samples the recorded variables that are due after the step just run.
  private func sampleVariables() {
    for (key, interval) in samplingIntervals where timestep % UInt64(interval) == 0 {
      let values = try! array(key.variable, key.element).load()
      variableRecordings[key]!.steps.append(Int64(timestep) - 1)
      variableRecordings[key]!.values.append(contentsOf: values)
    }
  }

  /// Moves the spikes and events buffered on the native side into the recordings.
  private func gatherSpikes() {
    guard recordingRow > 0 else { return }
    for population in model.neuronPopulations where population.recordSpikes {
      let array = arrays[arrayIndex[.spikeRecording(population: population.name)]!]
      decode(
        array, size: population.size, into: &spikeRecordings[population.name, default: .init()])
    }
    for synapses in model.synapsePopulations {
      for side in [SynapseSide.presynaptic, .postsynaptic] {
        guard let index = arrayIndex[.spikeEventRecording(synapses: synapses.name, side: side)]
        else { continue }
        let neurons = side == .presynaptic ? synapses.source : synapses.target
        decode(
          arrays[index], size: model.neuronPopulation(named: neurons)!.size,
          into: &eventRecordings[EventKey(synapses: synapses.name, side: side), default: .init()])
      }
    }
    recordingRow = 0
  }

  /// Appends the bits of the buffered rows of a recording buffer and clears it.
  private func decode(_ array: StateArray, size: Int, into recording: inout SpikeRecording) {
    let firstStep = Int64(timestep) - Int64(recordingRow)
    let words = (size + 31) / 32
    let bits = array.pointer.assumingMemoryBound(to: UInt32.self)
    for row in 0..<recordingRow {
      let step = firstStep + Int64(row)
      for word in 0..<words {
        var mask = bits[row * words + word]
        while mask != 0 {
          let bit = mask.trailingZeroBitCount
          mask &= mask - 1
          recording.steps.append(step)
          recording.ids.append(Int32(word * 32 + bit))
          recording.times.append(Double(step) * model.dt)
        }
      }
    }
    array.clear()
  }
}

extension Duration {
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension Simulation: NetworkSimulation {}
