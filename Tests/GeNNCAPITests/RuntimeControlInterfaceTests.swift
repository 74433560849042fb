import CAPIHarness
import CGeNN
import Foundation
import Testing

/// The C interface's run-time control: dynamic parameters, the step counter, spike
/// times as arrays and the timing counters, with values worked out by hand.
@Suite struct RuntimeControlInterfaceTests {
  /// Two counters adding the dynamic parameter `rate` each step and spiking at 3 (then
  /// back to 0), reading their last spike time into `seen`; timing measured.
  static let model = """
    name: capi_runtime_control
    precision: double
    dt: 1.0
    timing: true
    neurons:
      Counters:
        size: 2
        model:
          params: [rate]
          vars: {V: scalar, seen: scalar}
          sim_code: |
            seen = st;
            V += rate;
          threshold_condition_code: V >= 3.0
          reset_code: V = 0.0;
        params: {rate: 1}
        vars: {V: 0, seen: 0}
        dynamic_params: [rate]
    """

  /// The doubles of `array`.
  static func values(_ array: genn_array) -> [Double] {
    Array(
      UnsafeBufferPointer(
        start: array.data!.assumingMemoryBound(to: Double.self), count: Int(array.count)))
  }

  @Test func dynamicParametersTimestepSpikeTimesAndTiming() async throws {
    let loaded = await StateViewTests.load(Self.model)
    let simulation = try #require(loaded.simulation, "\(loaded.error ?? "")")
    defer { genn_simulation_free(simulation) }
    var error: UnsafeMutablePointer<CChar>?
    #expect(genn_simulation_step(simulation, 2, &error) == 0)  // V = 2
    #expect(genn_simulation_set_dynamic_param(simulation, "Counters", "rate", 0.5, &error) == 0)
    #expect(genn_simulation_step(simulation, 2, &error) == 0)  // V = 3 at step 3: spike
    var times = genn_array()
    #expect(genn_simulation_variable(simulation, "Counters", "sT", &times, &error) == 0)
    #expect(times.type == Int32(GENN_DOUBLE.rawValue) && Self.values(times) == [3, 3])
    var voltage = genn_array()
    #expect(genn_simulation_variable(simulation, "Counters", "V", &voltage, &error) == 0)
    #expect(Self.values(voltage) == [0, 0])
    #expect(genn_simulation_set_timestep(simulation, 20, &error) == 0)
    #expect(genn_simulation_timestep(simulation) == 20 && genn_simulation_time(simulation) == 20)
    #expect(genn_simulation_set_dynamic_param(simulation, "Counters", "nope", 1, &error) == 1)
    #expect(
      CInterfaceTests.message(error)
        == "/tmp/capi.yaml: error: 'Counters' has no dynamic parameter 'nope'; its dynamic "
        + "parameters are: rate. Mark a parameter dynamic before the model is built to change "
        + "it between steps.")
    error = nil
    let json = try #require(genn_simulation_timing(simulation))
    let counters = try JSONSerialization.jsonObject(with: Data(String(cString: json).utf8))
    genn_string_free(json)
    let timing = try #require(counters as? [String: Any])
    #expect((timing["neuron_update_time"] as? Double ?? 0) > 0)
    #expect(timing["synapse_dynamics_time"] as? Double == 0)
    #expect(timing["custom_update_time"] as? [String: Double] == [:])
  }
}
