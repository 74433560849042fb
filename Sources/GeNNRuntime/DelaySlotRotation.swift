import GeNNCodeGen
import GeNNModel

/// Keeping delay queues in step when the step counter is set. GeNN's queue pointers move
/// on by one each step whatever the step counter says; SwiftGeNN finds every slot from
/// the step counter (`(timestep + k) % slots`). So that setting the counter (PyGeNN's
/// `timestep` setter) leaves spikes and values in flight where GeNN leaves them, every
/// array kept per delay slot turns by the change when it is set.
extension ModelState {
  /// The delay slots of the array at `position` and the elements of each (in each batch's
  /// copy), when it has more than one slot.
  func delaySlots(at position: Int) -> (count: Int, size: Int)? {
    let array = arrays[position]
    func population(_ name: String?) -> Int? {
      name.flatMap { model.neuronPopulation(named: $0) }?.size
    }
    func synapses(_ name: String) -> SynapsePopulation? {
      model.synapsePopulations.first { $0.name == name }
    }
    func side(_ name: String, _ side: SynapseSide) -> Int? {
      synapses(name).flatMap { population(side == .presynaptic ? $0.source : $0.target) }
    }
    let size: Int?
    switch array.layout.role {
    case .neuronVariable(let name, _), .spikes(let name), .spikeTimes(let name),
      .previousSpikeTimes(let name):
      size = population(name)
    case .spikeCount, .spikeEventCount:
      size = 1
    case .weightUpdatePreVariable(let name, _):
      size = population(synapses(name)?.source)
    case .weightUpdatePostVariable(let name, _), .postsynapticVariable(let name, _),
      .dendriticDelayBuffer(let name):
      size = population(synapses(name)?.target)
    case .spikeEvents(let name, let which), .spikeEventTimes(let name, let which),
      .previousSpikeEventTimes(let name, let which):
      size = side(name, which)
    default:
      size = nil
    }
    let perBatch = array.layout.batchCount
    guard let size, size > 0, perBatch / size > 1 else { return nil }
    return (perBatch / size, size)
  }

  /// The positions of the arrays kept per delay slot.
  var delaySlotPositions: [Int] { arrays.indices.filter { delaySlots(at: $0) != nil } }

  /// Turns the slots of the array at `position` so that what the step counter `old`
  /// found in each slot the counter `new` finds there.
  func turnDelaySlots(at position: Int, from old: UInt64, to new: UInt64) {
    guard let (count, size) = delaySlots(at: position) else { return }
    let slots = UInt64(count)
    let shift = Int((new % slots + slots - old % slots) % slots)
    guard shift != 0 else { return }
    let array = arrays[position]
    let slotBytes = size * array.layout.elementSize
    let copy = UnsafeMutableRawPointer.allocate(byteCount: array.bytes, alignment: 64)
    defer { copy.deallocate() }
    copy.copyMemory(from: array.pointer, byteCount: array.bytes)
    // Each batch's copy turns on its own.
    for batch in 0..<array.layout.batches {
      let first = batch * count * slotBytes
      for slot in 0..<count {
        (array.pointer + first + ((slot + shift) % count) * slotBytes).copyMemory(
          from: copy + first + slot * slotBytes, byteCount: slotBytes)
      }
    }
  }
}
