import CAPIHarness
import CGeNN
import Testing

/// The C interface's views for PyGeNN's API: extra global parameters in place, the layout
/// of delay slots and SPARSE rows, the stored rows themselves, spike-like events, and
/// pull and push (nothing to copy on the CPU).
@Suite struct StateViewTests {
  /// Four counters adding their rate from extra global parameter `rates` each step, read
  /// with an axonal delay of 2 steps by a SPARSE population of listed synapses whose
  /// spike-like events (a counter at 3 or more) add `g * scale[0]` to `Post`; a current
  /// source and a custom update with extra global parameters of their own.
  static let views = """
    name: capi_views
    precision: float
    dt: 1.0
    neurons:
      Counters:
        size: 4
        model:
          vars: {V: scalar}
          extra_global_params: {rates: scalar*}
          sim_code: V += rates[id];
        vars: {V: 0}
        extra_global_params: {rates: [1, 2, 3, 4]}
        record_spike_events: true
      Post:
        size: 3
        model:
          vars: {U: scalar}
          sim_code: U += Isyn;
        vars: {U: 0}
    current_sources:
      Drive:
        target: Post
        model:
          extra_global_params: {amps: scalar*}
          injection_code: injectCurrent(amps[id]);
        extra_global_params: {amps: [0, 0, 0]}
    synapses:
      Sparse:
        source: Counters
        target: Post
        connectivity:
          pre: [2, 0, 2, 0, 3]
          post: [1, 2, 0, 0, 2]
        axonal_delay_steps: 2
        weight_update:
          model:
            vars: {g: scalar}
            extra_global_params: {scale: scalar*}
            pre_neuron_var_refs: {Vr: scalar}
            pre_event_threshold_condition_code: Vr >= 3.0
            pre_event_syn_code: addToPost(g * scale[0] * Vr);
          vars: {g: [10, 20, 30, 40, 50]}
          pre_var_refs: {Vr: V}
          extra_global_params: {scale: [1.0]}
    custom_updates:
      Scale:
        group: Scale
        model:
          extra_global_params: {factor: scalar*}
          var_refs: {r: scalar}
          update_code: r *= factor[0];
        extra_global_params: {factor: [2, 3]}
        var_refs:
          r: {population: Post, var: U}
    """

  /// A loaded simulation crossing from the thread that loaded it.
  struct Loaded: @unchecked Sendable {
    let simulation: OpaquePointer?
    let error: String?
  }

  /// `text` loaded on "cpu" by the harness, on a thread of its own.
  static func load(_ text: String = views) async -> Loaded {
    await CInterfaceTests.onOwnThread {
      var error: UnsafeMutablePointer<CChar>?
      let simulation = capi_load(text, &error)
      return Loaded(simulation: simulation, error: CInterfaceTests.message(error))
    }
  }

  @Test(
    "a write through an extra global parameter is seen by the next step",
    arguments: ["float", "double"])
  func extraGlobalParametersShareTheSimulationsMemory(precision: String) async {
    // Without the delay, so that the array is one slot.
    let text = Self.views.replacingOccurrences(
      of: "precision: float", with: "precision: \(precision)"
    ).replacingOccurrences(of: "axonal_delay_steps: 2", with: "axonal_delay_steps: 0")
    let observation = await CInterfaceTests.onOwnThread {
      let seen = capi_run_parameter(text, "Counters", "rates", "V", 100, 2)
      return CInterfaceTests.Seen(
        failedCall: seen.failed_call, error: CInterfaceTests.message(seen.error),
        observation: seen)
    }
    #expect(observation.failedCall == 0, "\(observation.error ?? "")")
    let seen = observation.observation
    #expect(
      Int(seen.type) == Int(precision == "float" ? GENN_FLOAT.rawValue : GENN_DOUBLE.rawValue))
    #expect(seen.count == 4)
    #expect([seen.values.0, seen.values.1, seen.values.2, seen.values.3] == [200, 4, 6, 8])
  }

  @Test func everyKindOfElementHasItsExtraGlobalParameters() async throws {
    let loaded = await Self.load()
    let simulation = try #require(loaded.simulation, "\(loaded.error ?? "")")
    defer { genn_simulation_free(simulation) }
    for (element, parameter, count) in [
      ("Counters", "rates", 4), ("Drive", "amps", 3), ("Sparse", "scale", 1),
      ("Scale", "factor", 2),
    ] {
      var array = genn_array()
      var error: UnsafeMutablePointer<CChar>?
      let status = genn_simulation_extra_global_param(
        simulation, element, parameter, &array, &error)
      #expect(status == 0, "\(CInterfaceTests.message(error) ?? "")")
      #expect(array.count == UInt64(count) && array.type == Int32(GENN_FLOAT.rawValue))
    }
  }

  @Test func unknownNamesSayWhatThereIs() async throws {
    let loaded = await Self.load()
    let simulation = try #require(loaded.simulation, "\(loaded.error ?? "")")
    defer { genn_simulation_free(simulation) }
    var array = genn_array()
    var error: UnsafeMutablePointer<CChar>?
    #expect(genn_simulation_extra_global_param(simulation, "Counters", "V", &array, &error) == 1)
    #expect(
      CInterfaceTests.message(error)
        == "/tmp/capi.yaml: error: 'Counters' has no extra global parameter 'V'; it has: "
        + "rates.")
    #expect(genn_simulation_extra_global_param(simulation, "Nope", "x", &array, &error) == 1)
    #expect(
      CInterfaceTests.message(error)?.contains(
        "'Nope'; the model has: Counters, Post, Drive, Sparse, Scale") == true)
    #expect(genn_simulation_pull(simulation, "Post", "rates", &error) == 1)
    #expect(
      CInterfaceTests.message(error)?.contains(
        "'Post' has no variable or extra global parameter 'rates'; its variables: U; "
          + "its extra global parameters: none") == true)
    var rowLength = genn_array()
    var ind = genn_array()
    var stride: UInt64 = 0
    #expect(
      genn_simulation_sparse_rows(simulation, "Counters", &rowLength, &ind, &stride, &error) == 1)
    #expect(CInterfaceTests.message(error)?.contains("'Counters'; the model has: Sparse") == true)
    #expect(genn_simulation_sparse_rows(simulation, "Sparse", nil, &ind, &stride, &error) == 1)
    #expect(CInterfaceTests.message(error) == "'row_length' is NULL")
    var layout = genn_layout()
    #expect(genn_simulation_variable_layout(simulation, "Post", "V", &layout, &error) == 1)
    #expect(CInterfaceTests.message(error)?.contains("'Post' has no variable 'V'") == true)
  }

  @Test func pullAndPushHaveNothingToCopyOnTheCPU() async throws {
    let loaded = await Self.load()
    let simulation = try #require(loaded.simulation, "\(loaded.error ?? "")")
    defer { genn_simulation_free(simulation) }
    var error: UnsafeMutablePointer<CChar>?
    #expect(genn_simulation_pull(simulation, "Counters", "V", &error) == 0)
    #expect(genn_simulation_push(simulation, "Counters", "rates", &error) == 0)
    #expect(genn_simulation_push(simulation, "Sparse", "g", &error) == 0)
    #expect(error == nil)
  }

  @Test("the latest slot of a delayed variable moves on each step", arguments: [0, 1, 2, 4])
  func theLatestSlotMovesOnEachStep(steps: UInt64) async {
    let text = Self.views
    let seen = await CInterfaceTests.onOwnThread {
      var layout = genn_layout()
      var values = [Double](repeating: -1, count: 4)
      var error: UnsafeMutablePointer<CChar>?
      let count = capi_latest(text, "Counters", "V", steps, &layout, &values, 4, &error)
      return (
        count: count, layout: layout, values: values, error: CInterfaceTests.message(error)
      )
    }
    #expect(seen.count == 4, "\(seen.error ?? "")")
    let layout = seen.layout
    #expect(layout.slots == 3 && layout.slot_size == 4 && layout.rows == 0)
    #expect(layout.latest_slot == steps % 3)
    #expect(seen.values == [1, 2, 3, 4].map { Double(steps) * $0 })
  }

  @Test func sparseRowsGiveSynapsesInPyGeNNsOrder() async {
    let text = Self.views
    let seen = await CInterfaceTests.onOwnThread {
      var pre = [UInt32](repeating: 99, count: 6)
      var post = [UInt32](repeating: 99, count: 6)
      var values = [Double](repeating: -1, count: 6)
      var layout = genn_layout()
      var stride: UInt64 = 0
      var error: UnsafeMutablePointer<CChar>?
      let count = capi_sparse_synapses(
        text, "Sparse", "g", &pre, &post, &values, 6, &layout, &stride, &error)
      return (
        count: count, pre: pre, post: post, values: values, layout: layout, stride: stride,
        error: CInterfaceTests.message(error)
      )
    }
    #expect(seen.count == 5, "\(seen.error ?? "")")
    // Rows by presynaptic neuron, each sorted by postsynaptic index, values alongside.
    #expect(seen.pre == [0, 0, 2, 2, 3, 99])
    #expect(seen.post == [0, 2, 0, 1, 2, 99])
    #expect(seen.values == [40, 20, 30, 10, 50, -1])
    #expect(seen.stride == 2)
    let layout = seen.layout
    #expect(layout.rows == 4 && layout.row_stride == 2 && layout.slots == 1)
  }

  /// `capi_spike_events` for side `side` of `Sparse` after 3 steps.
  static func spikeEvents(side: Int32) async -> (
    count: Int64, times: [Double], ids: [Int32], error: String?
  ) {
    let text = views
    return await CInterfaceTests.onOwnThread {
      var times = [Double](repeating: -1, count: 12)
      var ids = [Int32](repeating: -1, count: 12)
      var error: UnsafeMutablePointer<CChar>?
      let count = capi_spike_events(text, "Sparse", side, 3, &times, &ids, 12, &error)
      return (count, times, ids, CInterfaceTests.message(error))
    }
  }

  @Test func spikeEventsAreCountedAndCopied() async {
    let seen = await Self.spikeEvents(side: Int32(GENN_PRESYNAPTIC.rawValue))
    // A counter has an event each step it ends at 3 or more: V = (step + 1) * (id + 1).
    #expect(seen.count == 9, "\(seen.error ?? "")")
    #expect(seen.times.prefix(9) == [0, 0, 1, 1, 1, 2, 2, 2, 2])
    #expect(seen.ids.prefix(9) == [2, 3, 1, 2, 3, 0, 1, 2, 3])
    let post = await Self.spikeEvents(side: Int32(GENN_POSTSYNAPTIC.rawValue))
    #expect(post.count == -1)
    #expect(post.error?.contains("not being recorded") == true, "\(post.error ?? "")")
    let unknown = await Self.spikeEvents(side: 7)
    #expect(unknown.count == -1)
    #expect(
      unknown.error == "unknown synapse side 7; available: 0 (GENN_PRESYNAPTIC), "
        + "1 (GENN_POSTSYNAPTIC)")
  }
}
