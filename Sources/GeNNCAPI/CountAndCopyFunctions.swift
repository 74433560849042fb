import CGeNN
import SwiftGeNN

/// The spikes a recorded population emitted, counted and copied.
@_cdecl("genn_simulation_spikes")
public func simulationSpikes(
  _ simulation: OpaquePointer?, _ population: UnsafePointer<CChar>?, _ batch: UInt32,
  _ times: UnsafeMutablePointer<Double>?, _ ids: UnsafeMutablePointer<Int32>?,
  _ capacity: UInt64, _ count: UnsafeMutablePointer<UInt64>?, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    let spikes = try simulation.spikes(
      of: try argument(population, "population"), batch: Int(batch))
    try copyOut(spikes.times, to: times, spikes.ids, to: ids, capacity: capacity, count: count)
  }
}

/// The spike-like events a population recording them detected on one side of a synapse
/// population, counted and copied.
@_cdecl("genn_simulation_spike_events")
public func simulationSpikeEvents(
  _ simulation: OpaquePointer?, _ synapses: UnsafePointer<CChar>?, _ side: Int32,
  _ batch: UInt32, _ times: UnsafeMutablePointer<Double>?, _ ids: UnsafeMutablePointer<Int32>?,
  _ capacity: UInt64, _ count: UnsafeMutablePointer<UInt64>?, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    let events = try simulation.spikeEvents(
      of: try argument(synapses, "synapses"), side: try synapseSide(side), batch: Int(batch))
    try copyOut(events.times, to: times, events.ids, to: ids, capacity: capacity, count: count)
  }
}

/// The synapses of a population, counted and copied as (pre, post) pairs.
@_cdecl("genn_simulation_connectivity")
public func simulationConnectivity(
  _ simulation: OpaquePointer?, _ synapses: UnsafePointer<CChar>?,
  _ pre: UnsafeMutablePointer<UInt32>?, _ post: UnsafeMutablePointer<UInt32>?,
  _ capacity: UInt64, _ count: UnsafeMutablePointer<UInt64>?, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    let (sources, targets) = try simulation.connectivity(of: try argument(synapses, "synapses"))
    try copyOut(
      sources.map(UInt32.init), to: pre, targets.map(UInt32.init), to: post, capacity: capacity,
      count: count)
  }
}

/// Stores the number of pairs in `count` and copies the first `capacity` of them to
/// `first` and `second`, where those are not NULL.
private func copyOut<First, Second>(
  _ firsts: [First], to first: UnsafeMutablePointer<First>?, _ seconds: [Second],
  to second: UnsafeMutablePointer<Second>?, capacity: UInt64,
  count: UnsafeMutablePointer<UInt64>?
) throws(CInterfaceError) {
  guard let count else { throw .nullArgument("count") }
  count.pointee = UInt64(firsts.count)
  let copied = min(firsts.count, Int(clamping: capacity))
  first?.update(from: firsts, count: copied)
  second?.update(from: seconds, count: copied)
}

/// The side a `genn_synapse_side` code names.
private func synapseSide(_ code: Int32) throws(CInterfaceError) -> SynapseSide {
  switch code {
  case Int32(GENN_PRESYNAPTIC.rawValue): .presynaptic
  case Int32(GENN_POSTSYNAPTIC.rawValue): .postsynaptic
  default: throw .unknownSide(code)
  }
}
