import GeNNModel
import Testing

@testable import GeNNRuntime

/// `num_neurons`, `num_pre`, `num_post`, `num_batch` and `batch` in every code string
/// where GeNN 5.4 defines them: the scenario of GeNN's `tests/features/test_num.py`
/// (each variable starts at a size through an init snippet and the update code doubles
/// it), plus the threshold, reset, spike, event and connectivity code.
@Suite struct SizeNameTests {
  static func snippet(_ name: String) -> VarInit {
    .snippet(InitSnippet(name: name, code: "value = \(name);\n"), params: [:])
  }

  static let counts = [Variable("nTest", "unsigned int"), Variable("bTest", "unsigned int")]
  static let neuronInit: [String: VarInit] = [
    "nTest": snippet("num_neurons"), "bTest": snippet("num_batch"),
  ]
  static let doubling = "nTest = num_neurons * 2;\nbTest = num_batch * 2;\n"

  /// `Pre` (2 neurons) spikes every step into `Post` (4 neurons) through `Syn` (DENSE)
  /// and `Sparse` (built with `num_post` and `num_batch`).
  static func model() -> ModelSpec {
    var model = ModelSpec(name: "size_names", precision: .double, dt: 1)
    let pre = NeuronModel(
      name: "Pre", vars: [Variable("resets", "unsigned int")],
      thresholdConditionCode: "num_neurons == 2 && batch == 0",
      resetCode: "resets += num_neurons + num_batch;\n")
    model.addNeuronPopulation("Pre", size: 2, model: pre, vars: ["resets": 0])
    let post = NeuronModel(name: "Post", vars: counts, simCode: doubling)
    model.addNeuronPopulation("Post", size: 4, model: post, vars: neuronInit)
    model.addCurrentSource(
      "CS", model: CurrentSourceModel(name: "CS", vars: counts, injectionCode: doubling),
      target: "Post", vars: neuronInit)
    let weightUpdate = WeightUpdateModel(
      name: "WU",
      vars: [
        Variable("preTest", "unsigned int"), Variable("postTest", "unsigned int"),
        Variable("batchTest", "unsigned int"), Variable("spikes", "unsigned int"),
      ],
      preVars: [Variable("nPre", "unsigned int"), Variable("bPre", "unsigned int")],
      postVars: [Variable("nPost", "unsigned int"), Variable("bPost", "unsigned int")],
      preSpikeSynCode: "spikes += num_pre + num_post + batch;\n",
      synapseDynamicsCode:
        "preTest = num_pre * 2;\npostTest = num_post * 2;\nbatchTest = num_batch * 2;\n",
      preDynamicsCode: "nPre = num_neurons * 2;\nbPre = num_batch * 2;\n",
      postDynamicsCode: "nPost = num_neurons * 2;\nbPost = num_batch * 2;\n")
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: weightUpdate,
        weightUpdateVars: [
          "preTest": snippet("num_pre"), "postTest": snippet("num_post"),
          "batchTest": snippet("num_batch"), "spikes": 0,
        ],
        weightUpdatePreVars: ["nPre": snippet("num_neurons"), "bPre": snippet("num_batch")],
        weightUpdatePostVars: ["nPost": snippet("num_neurons"), "bPost": snippet("num_batch")],
        postsynaptic: PostsynapticModel(name: "PSM", vars: counts, simCode: doubling),
        postsynapticVars: neuronInit))
    // Row `i` connects to target `num_post - 1 - i * num_batch`.
    let mirror = ConnectivitySnippet(
      name: "Mirror", rowBuildCode: "addSynapse(num_post - 1 - (id_pre * num_batch));\n",
      maxRowLength: { _, _, _ in 1 })
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Sparse", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .snippet(mirror, params: [:]),
        weightUpdate: WeightUpdateModel(
          name: "Counter", vars: [Variable("hits", "unsigned int")],
          preSpikeSynCode: "hits += num_pre;\n"),
        weightUpdateVars: ["hits": 0], postsynaptic: .deltaCurr))
    return model
  }

  @Test(arguments: [1, 2, 3])
  func sizesReachEveryCodeString(threads: Int) async throws {
    let simulation = try await simulate(Self.model(), threads: threads)
    let checks: [(element: String, variable: String, value: Double)] = [
      ("Post", "nTest", 4), ("Post", "bTest", 1), ("CS", "nTest", 4), ("CS", "bTest", 1),
      ("Syn", "preTest", 2), ("Syn", "postTest", 4), ("Syn", "batchTest", 1),
      ("Syn", "nPre", 2), ("Syn", "bPre", 1), ("Syn", "nPost", 4), ("Syn", "bPost", 1),
      // The postsynaptic model's variables.
      ("Syn", "nTest", 4), ("Syn", "bTest", 1),
    ]
    func expectValues(times factor: Double) throws {
      for check in checks {
        let values = try simulation.values(of: check.variable, in: check.element)
        #expect(
          values.allSatisfy { $0 == check.value * factor },
          "\(check.element).\(check.variable): \(values)")
      }
    }
    try expectValues(times: 1)
    try simulation.run(steps: 1)
    try expectValues(times: 2)
    try simulation.run(steps: 2)
    // Pre spikes in every step: each reset adds 2 + 1; each spike reaching a synapse of
    // `Syn` (from step 1 on) adds 2 + 4 + 0, each reaching `Sparse` 2.
    #expect(try simulation.values(of: "resets", in: "Pre") == [9, 9])
    #expect(try simulation.values(of: "spikes", in: "Syn") == Array(repeating: 12, count: 8))
    #expect(try simulation.values(of: "hits", in: "Sparse") == [4, 4])
    let (pre, post) = try simulation.connectivity(of: "Sparse")
    #expect(pre == [0, 1] && post == [3, 2])
  }
}
