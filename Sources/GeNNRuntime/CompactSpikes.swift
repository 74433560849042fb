/// The spikes of one recording source as they are gathered, in 4 bytes a spike: the
/// neuron ids in (step, id) order, and for each step in which some neuron fired, the
/// step, its position among the steps run and where its ids end. ``recording(dt:)`` lays
/// them out as a ``SpikeRecording`` (a step, an id and a time a spike) when the user asks
/// for them.
struct CompactSpikes {
  /// The neurons that fired, step by step, each step's in ascending order.
  var ids: [Int32] = []
  /// The steps in which some neuron fired, in the order they ran (ascending unless the
  /// step counter was set back).
  private var steps: [Int64] = []
  /// The position of each of ``steps`` among all steps taken (``stepsTaken``).
  private var runs: [Int64] = []
  /// Where the ids of each of ``steps`` end in ``ids``.
  private var ends: [Int] = []
  /// The steps taken so far, with spikes or without.
  private(set) var stepsTaken: Int64 = 0

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
    defer { stepsTaken += 1 }
    guard ids.count > (ends.last ?? 0) else { return }
    steps.append(step)
    runs.append(stepsTaken)
    ends.append(ids.count)
  }

  /// The position in ``steps`` of the first step taken at or after position `run`.
  private func firstStep(from run: Int64) -> Int {
    var (low, high) = (0, runs.count)
    while low < high {
      let middle = (low + high) / 2
      if runs[middle] < run { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The number of spikes of the steps before position `step` in ``steps``.
  private func spikes(before step: Int) -> Int {
    step == 0 ? 0 : ends[step - 1]
  }

  /// Forgets the spikes of the steps taken before position `run`, once they are at least
  /// as many as the spikes after it: each spike is moved at most about once, and memory
  /// holds at most twice the spikes kept.
  mutating func forget(before run: Int64) {
    let kept = firstStep(from: run)
    guard kept > 0 else { return }
    let dropped = spikes(before: kept)
    guard dropped >= ids.count - dropped else { return }
    ids.removeFirst(dropped)
    steps.removeFirst(kept)
    runs.removeFirst(kept)
    ends.removeFirst(kept)
    for index in ends.indices { ends[index] -= dropped }
  }

  /// The number of spikes of the latest `latestSteps` steps taken (all where `nil`).
  func count(latestSteps: Int64?) -> Int {
    guard let latestSteps else { return ids.count }
    let first = firstStep(from: stepsTaken - latestSteps)
    return ids.count - spikes(before: first)
  }

  /// The spikes as a recording of time step `dt` (ms): each spike's time is
  /// `step * dt`; only those of the latest `latestSteps` steps taken where given.
  func recording(dt: Double, latestSteps: Int64? = nil) -> SpikeRecording {
    let first = latestSteps.map { firstStep(from: stepsTaken - $0) } ?? 0
    var start = spikes(before: first)
    var recording = SpikeRecording(ids: start == 0 ? ids : Array(ids[start...]))
    recording.steps.reserveCapacity(ids.count - start)
    recording.times.reserveCapacity(ids.count - start)
    for (step, end) in zip(steps[first...], ends[first...]) {
      let time = Double(step) * dt
      recording.steps.append(contentsOf: repeatElement(step, count: end - start))
      recording.times.append(contentsOf: repeatElement(time, count: end - start))
      start = end
    }
    return recording
  }
}
