import GeNNCodeGen
import GeNNModel

/// The spikes and spike-like events a simulation gathered from its recording buffers,
/// and the buffers they come from: each buffer holds one row of bits per step (bit `i`
/// of a row set when neuron `i` fired), 32 to a word, as the generated code of both
/// backends writes them. Each source's spikes are held compactly (``CompactSpikes``: 4
/// bytes a spike) and laid out as a ``SpikeRecording`` only when asked for.
struct RecordedSpikes {
  /// What a recording buffer records.
  enum Source: Hashable {
    /// The spikes of a neuron population.
    case spikes(population: String)
    /// The spike-like events of one side of a synapse population.
    case events(synapses: String, side: SynapseSide)
  }

  /// One recording buffer of the model's state.
  struct Buffer {
    /// What it records.
    let source: Source
    /// Its position in the state's arrays.
    let array: Int
    /// The neurons it records.
    let size: Int
    /// The batches it records: each row holds every batch's bits, one after another.
    var batches = 1

    /// The 32-bit words of one batch's bits in a row.
    var words: Int { (size + 31) / 32 }

    /// The 32-bit words of one row.
    var rowWords: Int { words * batches }
  }

  /// The spikes of one source in one batch.
  private struct Key: Hashable {
    let source: Source
    let batch: Int
  }

  /// The model recorded.
  let model: ModelSpec
  /// The recording buffers of the model's state: every population's that records its
  /// spikes, then every synapse population side's that records spike-like events.
  let buffers: [Buffer]
  private var recordings: [Key: CompactSpikes] = [:]
  /// How many of the latest steps taken are kept and given (GeNN's
  /// `num_recording_timesteps`); `nil` keeps every step since the start.
  var window: Int?

  /// The recording buffers of `state`, with nothing gathered yet.
  init(state: ModelState) {
    model = state.model
    var buffers: [Buffer] = []
    for population in state.model.neuronPopulations where population.recordSpikes {
      let source = Source.spikes(population: population.name)
      let array = state.index[.spikeRecording(population: population.name)]!
      buffers.append(
        Buffer(
          source: source, array: array, size: population.size,
          batches: state.arrays[array].layout.batches))
    }
    for synapses in state.model.synapsePopulations {
      for side in [SynapseSide.presynaptic, .postsynaptic] {
        guard let array = state.index[.spikeEventRecording(synapses: synapses.name, side: side)]
        else { continue }
        let neurons = side == .presynaptic ? synapses.source : synapses.target
        buffers.append(
          Buffer(
            source: .events(synapses: synapses.name, side: side), array: array,
            size: state.model.neuronPopulation(named: neurons)!.size,
            batches: state.arrays[array].layout.batches))
      }
    }
    self.buffers = buffers
  }

  /// Throws ``RuntimeError/unknownBatch(_:batches:)`` unless `batch` is one of the model's.
  func check(batch: Int) throws(RuntimeError) {
    let batches = max(1, model.batchSize)
    guard (0..<batches).contains(batch) else { throw .unknownBatch(batch, batches: batches) }
  }

  /// What holds the spikes of `population`.
  ///
  /// - Throws: ``RuntimeError/unknownPopulation(_:available:)``, or
  ///   ``RuntimeError/notRecorded(population:)`` when its spikes are not recorded.
  func source(ofSpikes population: String) throws(RuntimeError) -> Source {
    guard let neurons = model.neuronPopulation(named: population) else {
      throw .unknownPopulation(population, available: model.neuronPopulations.map(\.name))
    }
    guard neurons.recordSpikes else { throw .notRecorded(population: population) }
    return .spikes(population: population)
  }

  /// What holds the spike-like events of one side of `synapses`.
  ///
  /// - Throws: ``RuntimeError/unknownPopulation(_:available:)``, or
  ///   ``RuntimeError/notRecorded(population:)`` when that side's events are not recorded.
  func source(ofEvents synapses: String, side: SynapseSide) throws(RuntimeError) -> Source {
    guard let population = model.synapsePopulations.first(where: { $0.name == synapses }) else {
      throw .unknownPopulation(synapses, available: model.synapsePopulations.map(\.name))
    }
    let source = Source.events(synapses: synapses, side: side)
    guard buffers.contains(where: { $0.source == source }) else {
      let neurons = side == .presynaptic ? population.source : population.target
      throw .notRecorded(
        population: "\(synapses) (\(side.rawValue)synaptic spike-like events of '\(neurons)')")
    }
    return source
  }

  /// What has been gathered of `source` in batch `batch`.
  subscript(source: Source, batch batch: Int = 0) -> SpikeRecording {
    recordings[Key(source: source, batch: batch)]?.recording(
      dt: model.dt, latestSteps: window.map(Int64.init)) ?? SpikeRecording()
  }

  /// The number of spikes (or events) gathered of `source` in batch `batch`.
  func count(of source: Source, batch: Int = 0) -> Int {
    recordings[Key(source: source, batch: batch)]?.count(latestSteps: window.map(Int64.init))
      ?? 0
  }

  /// The spikes and spike-like events gathered, all sources together.
  var count: Int { recordings.values.reduce(0) { $0 + $1.count } }

  /// Appends the set bits of the first `rows` rows of `buffer`, whose first row is step
  /// `firstStep`, read from `bits`, and clears them: the rows are left all zero, ready
  /// for the steps that follow. Each batch's bits in a row are its spikes.
  mutating func take(
    _ bits: UnsafeMutableBufferPointer<UInt32>, of buffer: Buffer, rows: Int, firstStep: Int64
  ) {
    guard let base = bits.baseAddress, rows > 0 else { return }
    precondition(bits.count >= buffer.rowWords * rows, "a recording buffer holds every row taken")
    for batch in 0..<buffer.batches {
      take(
        base + batch * buffer.words, rowWords: buffer.rowWords, of: buffer,
        key: Key(source: buffer.source, batch: batch), rows: rows, firstStep: firstStep)
    }
  }

  /// ``take(_:of:rows:firstStep:)`` of one batch, whose row `k` starts at
  /// `base + k * rowWords`.
  ///
  /// A row is read 64 bits at a time, and the pairs of words that hold spikes are listed
  /// first without a branch on their bits (which no predictor foresees: at 20 Hz and
  /// 0.1 ms steps, one pair in eight holds a spike), then decoded and cleared.
  private mutating func take(
    _ base: UnsafeMutablePointer<UInt32>, rowWords: Int, of buffer: Buffer, key: Key, rows: Int,
    firstStep: Int64
  ) {
    let words = buffer.words
    let pairs = words / 2
    var recording = recordings.removeValue(forKey: key) ?? CompactSpikes()
    withUnsafeTemporaryAllocation(of: Int.self, capacity: max(1, pairs)) { held in
      for row in 0..<rows {
        let first = UnsafeMutableRawPointer(base + row * rowWords)
        var count = 0
        for pair in 0..<pairs {
          let pairBits = first.loadUnaligned(fromByteOffset: pair &* 8, as: UInt64.self)
          held[count] = pair
          // 1 where any bit is set, in arithmetic (a comparison would become a branch).
          count &+= Int(truncatingIfNeeded: (pairBits | (0 &- pairBits)) >> 63)
        }
        for pair in held[..<count] {
          let pairBits = first.loadUnaligned(fromByteOffset: pair &* 8, as: UInt64.self)
          first.storeBytes(of: 0, toByteOffset: pair &* 8, as: UInt64.self)
          recording.appendSetBits(of: pairBits, firstID: pair &* 64)
        }
        // The last word of a row of an odd number of words.
        if words % 2 == 1, base[row * rowWords + words - 1] != 0 {
          recording.appendSetBits(
            of: UInt64(base[row * rowWords + words - 1]), firstID: (words - 1) * 32)
          base[row * rowWords + words - 1] = 0
        }
        recording.endStep(firstStep + Int64(row))
      }
    }
    if let window { recording.forget(before: recording.stepsTaken - Int64(window)) }
    recordings[key] = recording
  }

  /// Forgets everything gathered.
  mutating func removeAll() {
    recordings.removeAll()
  }
}
