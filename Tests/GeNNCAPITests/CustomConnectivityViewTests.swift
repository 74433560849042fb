import CAPIHarness
import CGeNN
import Testing

/// The C interface's views of a custom connectivity update for PyGeNN's API: its
/// per-synapse, presynaptic and postsynaptic variables, its extra global parameters, and
/// the rows it changed.
@Suite struct CustomConnectivityViewTests {
  /// Three rows of listed synapses; `Prune` removes each row's synapses whose target is
  /// the row's `drop` (a presynaptic variable the host code sets from extra global
  /// parameter `targets`) and counts the removals in the postsynaptic variable `removed`.
  static let text = """
    name: capi_ccu
    precision: double
    dt: 1.0
    neurons:
      Pre: {size: 3, model: {vars: {V: scalar}}, vars: {V: 0}}
      Post: {size: 4, model: {vars: {V: scalar}}, vars: {V: 0}}
    synapses:
      S:
        source: Pre
        target: Post
        connectivity: {pre: [0, 0, 1, 1, 2], post: [1, 3, 0, 2, 3]}
        weight_update:
          model: {vars: {g: scalar}}
          vars: {g: [1, 2, 3, 4, 5]}
    custom_connectivity_updates:
      Prune:
        group: Structural
        synapses: S
        model:
          vars: {age: scalar}
          pre_vars: {drop: unsigned int}
          post_vars: {removed: scalar}
          extra_global_params: {targets: uint32_t*}
          row_update_code: |
            for_each_synapse {
                if(id_post == drop) {
                    remove_synapse();
                }
            }
          host_update_code: |
            for(unsigned int i = 0; i < num_pre; i++) {
                drop[i] = targets[i];
            }
            pushdropToDevice();
        vars: {age: [10, 20, 30, 40, 50]}
        pre_vars: {drop: 0}
        post_vars: {removed: 0}
        extra_global_params: {targets: [3, 0, 1]}
    """

  @Test func viewsOfItsVariablesAndTheRowsItChanged() async throws {
    let loaded = await StateViewTests.load(Self.text)
    let simulation = try #require(loaded.simulation, "\(loaded.error ?? "")")
    defer { genn_simulation_free(simulation) }
    var error: UnsafeMutablePointer<CChar>?
    #expect(
      genn_simulation_custom_update(simulation, "Structural", &error) == 0,
      "\(CInterfaceTests.message(error) ?? "")")
    var rowLength = genn_array()
    var ind = genn_array()
    var stride: UInt64 = 0
    #expect(
      genn_simulation_sparse_rows(simulation, "S", &rowLength, &ind, &stride, &error) == 0)
    let lengths = rowLength.data.assumingMemoryBound(to: UInt32.self)
    // Four target neurons: 8-bit indices.
    #expect(ind.type == Int32(GENN_UINT8.rawValue))
    let indices = ind.data.assumingMemoryBound(to: UInt8.self)
    // Row 0 loses 3, row 1 loses 0 (its last synapse, to 2, takes its place), row 2 keeps 3.
    #expect([lengths[0], lengths[1], lengths[2]] == [1, 1, 1])
    #expect(stride == 2)
    #expect([indices[0], indices[2], indices[4]] == [1, 2, 3])
    var age = genn_array()
    #expect(genn_simulation_variable(simulation, "Prune", "age", &age, &error) == 0)
    let ages = age.data.assumingMemoryBound(to: Double.self)
    #expect(age.count == 6 && [ages[0], ages[2], ages[4]] == [10, 40, 50])
    var layout = genn_layout()
    #expect(genn_simulation_variable_layout(simulation, "Prune", "age", &layout, &error) == 0)
    #expect(layout.rows == 3 && layout.row_stride == 2)
    var drop = genn_array()
    #expect(genn_simulation_variable(simulation, "Prune", "drop", &drop, &error) == 0)
    let drops = drop.data.assumingMemoryBound(to: UInt32.self)
    #expect(drop.count == 3 && [drops[0], drops[1], drops[2]] == [3, 0, 1])
    var removed = genn_array()
    #expect(genn_simulation_variable(simulation, "Prune", "removed", &removed, &error) == 0)
    #expect(removed.count == 4 && removed.type == Int32(GENN_DOUBLE.rawValue))
    var targets = genn_array()
    #expect(
      genn_simulation_extra_global_param(simulation, "Prune", "targets", &targets, &error) == 0)
    #expect(targets.count == 3 && targets.type == Int32(GENN_UINT32.rawValue))
    #expect(genn_simulation_variable(simulation, "Prune", "nope", &age, &error) == 1)
    #expect(
      CInterfaceTests.message(error)
        == "/tmp/capi.yaml: error: 'Prune' has no variable 'nope'; it has: age, drop, removed.")
  }
}
