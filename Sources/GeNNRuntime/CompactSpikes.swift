/// The spikes of one recording source as they are gathered, in 4 bytes a spike: the
/// neuron ids in (step, id) order, and for each step in which some neuron fired, the
/// step and where its ids end. ``recording(dt:)`` lays them out as a ``SpikeRecording``
/// (a step, an id and a time a spike) when the user asks for them.
struct CompactSpikes {
  /// The neurons that fired, step by step, each step's in ascending order.
  var ids: [Int32] = []
  /// The steps in which some neuron fired, ascending.
  private var steps: [Int64] = []
  /// Where the ids of each of ``steps`` end in ``ids``.
  private var ends: [Int] = []

  /// The number of spikes.
  var count: Int { ids.count }

  /// Appends the neurons whose bits are set in `bits` (bit `i`: neuron `firstID + i`),
  /// in ascending order.
  mutating func appendSetBits(of bits: UInt64, firstID: Int) {
    var mask = bits
    while mask != 0 {
      ids.append(Int32(truncatingIfNeeded: firstID + mask.trailingZeroBitCount))
      mask &= mask - 1
    }
  }

  /// Closes step `step`: the ids appended since the last closed step are its spikes.
  mutating func endStep(_ step: Int64) {
    guard ids.count > (ends.last ?? 0) else { return }
    steps.append(step)
    ends.append(ids.count)
  }

  /// The spikes as a recording of time step `dt` (ms): each spike's time is
  /// `step * dt`.
  func recording(dt: Double) -> SpikeRecording {
    var recording = SpikeRecording(ids: ids)
    recording.steps.reserveCapacity(ids.count)
    recording.times.reserveCapacity(ids.count)
    var start = 0
    for (step, end) in zip(steps, ends) {
      let time = Double(step) * dt
      recording.steps.append(contentsOf: repeatElement(step, count: end - start))
      recording.times.append(contentsOf: repeatElement(time, count: end - start))
      start = end
    }
    return recording
  }
}
