import Foundation
import SwiftGeNN

/// Sets a dynamic parameter of an element between steps.
@_cdecl("genn_simulation_set_dynamic_param")
public func setDynamicParameter(
  _ simulation: OpaquePointer?, _ element: UnsafePointer<CChar>?,
  _ parameter: UnsafePointer<CChar>?, _ value: Double, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    try simulation.setDynamicParameter(
      try argument(parameter, "parameter"), of: try argument(element, "element"), to: value)
  }
}

/// Sets the step counter, and with it the time.
@_cdecl("genn_simulation_set_timestep")
public func setSimulationTimestep(
  _ simulation: OpaquePointer?, _ timestep: UInt64, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    try simulation.setTimestep(timestep)
  }
}

/// Keeps only the spikes of the latest steps run (0: all).
@_cdecl("genn_simulation_keep_recording")
public func keepSimulationRecording(
  _ simulation: OpaquePointer?, _ steps: UInt64, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    simulation.keepRecording(latestSteps: steps == 0 ? nil : Int(clamping: steps))
  }
}

/// The timing counters, as PyGeNN names them, for the JSON of `genn_simulation_timing`.
struct TimingReport: Encodable {
  var neuronUpdateTime: Double
  var presynapticUpdateTime: Double
  var postsynapticUpdateTime: Double
  var synapseDynamicsTime: Double
  var initTime: Double
  var initSparseTime: Double
  var customUpdateTimes: [String: Double]
  var customUpdateTransposeTimes: [String: Double]
  var customUpdateRemapTimes: [String: Double]
  var customUpdateHostTimes: [String: Double]

  enum CodingKeys: String, CodingKey {
    case neuronUpdateTime = "neuron_update_time"
    case presynapticUpdateTime = "presynaptic_update_time"
    case postsynapticUpdateTime = "postsynaptic_update_time"
    case synapseDynamicsTime = "synapse_dynamics_time"
    case initTime = "init_time"
    case initSparseTime = "init_sparse_time"
    case customUpdateTimes = "custom_update_time"
    case customUpdateTransposeTimes = "custom_update_transpose_time"
    case customUpdateRemapTimes = "custom_update_remap_time"
    case customUpdateHostTimes = "custom_update_host_time"
  }

  init(_ timing: SimulationTiming) {
    neuronUpdateTime = timing.neuronUpdate
    presynapticUpdateTime = timing.presynapticUpdate
    postsynapticUpdateTime = timing.postsynapticUpdate
    synapseDynamicsTime = timing.synapseDynamics
    initTime = timing.initialisation
    initSparseTime = timing.sparseInitialisation
    customUpdateTimes = timing.customUpdates
    customUpdateTransposeTimes = timing.customUpdateTransposes
    customUpdateRemapTimes = timing.customUpdateRemaps
    customUpdateHostTimes = timing.customUpdateHosts
  }
}

/// The timing counters as JSON (see `genn.h`).
@_cdecl("genn_simulation_timing")
public func simulationTiming(_ simulation: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
  guard let simulation else { return nil }
  let report = TimingReport(Handle.object(simulation, as: SimulationHandle.self).simulation.timing)
  return cString(sortedJSON(report))
}
