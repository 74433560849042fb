import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Custom connectivity updates on the CPU, mirroring GeNN 5.4's feature tests
/// `test_custom_connectivity_update.py` (`test_custom_connectivity_update`,
/// `test_custom_connectivity_update_delay`) and `test_sparse.py`'s
/// `test_host_sparsity_ccu`, with the expected rows worked out by hand, on 1, 2 and 3
/// threads.
@Suite struct CustomConnectivityUpdateTests {
  static let empty = NeuronModel(name: "Empty")
  static let size = 8

  /// `value = (id_pre * 64) + id_post`, as the GeNN test's `weight_init` snippet.
  static let rowMajor = InitSnippet(name: "RowMajor", code: "value = (id_pre * 64) + id_post;")
  /// `value = (id_post * 64) + id_pre`, as the GeNN test's `delay_init` snippet.
  static let columnMajor = InitSnippet(
    name: "ColumnMajor", code: "value = (id_post * 64) + id_pre;")
  /// Each presynaptic neuron connects to every postsynaptic one with the same or a
  /// higher index.
  static let triangle = ConnectivitySnippet(
    name: "Triangle",
    rowBuildCode: "for (unsigned int j = id_pre; j < num_post; j++) {\n  addSynapse(j);\n}\n",
    maxRowLength: { _, numPost, _ in numPost })

  static let weightUpdate = WeightUpdateModel(
    name: "GD",
    vars: [
      Variable("g", access: .readOnlyDuplicate), Variable("d", "unsigned int", access: .readOnly),
    ])

  /// The rows of each population after each call, as (row, sorted targets).
  static func rows(_ simulation: Simulation, _ synapses: String) throws -> [[Int]] {
    let (pre, post) = try simulation.connectivity(of: synapses)
    var rows = Array(repeating: [Int](), count: size)
    for (i, j) in zip(pre, post) { rows[i].append(j) }
    return rows.map { $0.sorted() }
  }

  /// Each synapse's value of `variable` as `(pre, post)` pairs to values.
  static func values(
    _ simulation: Simulation, _ variable: String, in element: String, synapses: String
  ) throws -> [[Int]: Double] {
    let (pre, post) = try simulation.connectivity(of: synapses)
    let values = try simulation.values(of: variable, in: element)
    var result: [[Int]: Double] = [:]
    for (k, (i, j)) in zip(pre, post).enumerated() { result[[i, j]] = values[k] }
    return result
  }

  static func triangleModel() -> ModelSpec {
    var model = ModelSpec(name: "ccu_triangle", precision: .double, dt: 1)
    model.addNeuronPopulation("Pre", size: size, model: empty)
    model.addNeuronPopulation("Post", size: size, model: empty)
    for name in ["Syn1", "Syn2", "Syn3"] {
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: "Pre", target: "Post", matrixType: .sparse,
          connectivity: .snippet(triangle, params: [:]), weightUpdate: weightUpdate,
          weightUpdateVars: [
            "g": .snippet(rowMajor, params: [:]), "d": .snippet(columnMajor, params: [:]),
          ], postsynaptic: .deltaCurr))
    }
    let removeDiagonal = CustomConnectivityUpdateModel(
      name: "RemoveDiagonal", vars: [Variable("a")],
      rowUpdateCode: """
        for_each_synapse {
            if(id_post == id_pre) {
                remove_synapse();
                break;
            }
        }
        """)
    let removeHostEGP = CustomConnectivityUpdateModel(
      name: "RemoveHostEGP", extraGlobalParams: [ExtraGlobalParameter("d", "uint32_t*")],
      rowUpdateCode: """
        const unsigned int wordsPerRow = (num_post + 31) / 32;
        for_each_synapse {
            if(d[(wordsPerRow * id_pre) + (id_post / 32)] & (1 << (id_post % 32))) {
                remove_synapse();
                break;
            }
        }
        """,
      hostUpdateCode: """
        const unsigned int wordsPerRow = (num_post + 31) / 32;
        for(unsigned int i = 0; i < wordsPerRow * num_pre; i++) {
            d[i] = 0;
        }
        for(unsigned int i = 0; i < num_pre; i++) {
            uint32_t *dRow = d + (wordsPerRow * i);
            dRow[i / 32] |= (1 << (i % 32));
        }
        pushdToDevice(wordsPerRow * num_pre);
        """)
    let removeHostPreVar = CustomConnectivityUpdateModel(
      name: "RemoveHostPreVar", preVars: [Variable("postInd", "unsigned int")],
      rowUpdateCode: """
        for_each_synapse {
            if(id_post == postInd) {
                remove_synapse();
                break;
            }
        }
        """,
      hostUpdateCode: """
        for(unsigned int i = 0; i < num_pre; i++) {
            postInd[i] = i;
        }
        pushpostIndToDevice();
        """)
    let add = CustomConnectivityUpdateModel(
      name: "AddDiagonal",
      varRefs: [
        CustomUpdateVarReference("g"), CustomUpdateVarReference("d", "unsigned int"),
        CustomUpdateVarReference("a"),
      ],
      rowUpdateCode: """
        const scalar weight = (id_pre * 64) + id_pre;
        const unsigned int delay = (id_pre * 64) + id_pre;
        add_synapse(id_pre, weight, delay, weight);
        """)
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveSynapse", updateGroup: "RemoveSynapse", synapses: "Syn1",
        model: removeDiagonal, vars: ["a": .snippet(rowMajor, params: [:])]))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveSynapseHostEGP", updateGroup: "RemoveSynapse", synapses: "Syn2",
        model: removeHostEGP, extraGlobalParams: ["d": Array(repeating: 7, count: size)]))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveSynapseHostPreVar", updateGroup: "RemoveSynapse", synapses: "Syn3",
        model: removeHostPreVar, preVars: ["postInd": 0]))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "AddSynapse", updateGroup: "AddSynapse", synapses: "Syn1", model: add,
        varRefs: [
          "g": .weightUpdateVariable(synapses: "Syn1", variable: "g"),
          "d": .weightUpdateVariable(synapses: "Syn1", variable: "d"),
          "a": .customConnectivityUpdateVariable(update: "RemoveSynapse", variable: "a"),
        ]))
    return model
  }

  /// GeNN's `test_custom_connectivity_update`: diagonals removed three ways, then added
  /// back, every per-synapse variable following its synapse.
  @Test(arguments: [1, 2, 3])
  func removesAndAddsDiagonalSynapsesKeepingVariablesAligned(threads: Int) async throws {
    let simulation = try await simulate(Self.triangleModel(), threads: threads)
    let n = Self.size
    func check(_ rows: (Int) -> [Int]) throws {
      for synapses in ["Syn1", "Syn2", "Syn3"] {
        #expect(try Self.rows(simulation, synapses) == (0..<n).map(rows), "\(synapses)")
        let g = try Self.values(simulation, "g", in: synapses, synapses: synapses)
        let d = try Self.values(simulation, "d", in: synapses, synapses: synapses)
        for (pair, value) in g { #expect(value == Double(pair[0] * 64 + pair[1])) }
        for (pair, value) in d { #expect(value == Double(pair[1] * 64 + pair[0])) }
      }
      let a = try Self.values(simulation, "a", in: "RemoveSynapse", synapses: "Syn1")
      for (pair, value) in a { #expect(value == Double(pair[0] * 64 + pair[1])) }
    }
    try check { Array($0..<n) }
    try simulation.customUpdate("RemoveSynapse")
    try check { Array(($0 + 1)..<n) }
    try simulation.customUpdate("AddSynapse")
    #expect(try Self.rows(simulation, "Syn1") == (0..<n).map { Array($0..<n) })
    let g = try Self.values(simulation, "g", in: "Syn1", synapses: "Syn1")
    for (pair, value) in g { #expect(value == Double(pair[0] * 64 + pair[1])) }
    let d = try Self.values(simulation, "d", in: "Syn1", synapses: "Syn1")
    for (pair, value) in d { #expect(value == Double(pair[1] * 64 + pair[0])) }
  }
}
