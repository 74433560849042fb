import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// DENSE rows whose synapses touch only their own elements run as vector lanes
/// (`GENN_IVDEP`, a 64-bit synapse index): the same IEEE arithmetic per synapse, so the
/// same values as one synapse at a time; rows that add to their presynaptic neuron
/// (`addToPre`) or use an extra global parameter stay one synapse at a time.
@Suite struct DenseRowVectorTests {
  static let pre = 7
  static let post = 45

  /// SuperSpike's eligibility traces (GeNN's `superspike_demo.py`): every step, each
  /// synapse filters its presynaptic neuron's `z` times its target's `s`; `k` keeps
  /// `id_syn`.
  static func traces(addsToPre: Bool = false) -> ModelSpec {
    var model = ModelSpec(
      name: addsToPre ? "dense_rows_to_pre" : "dense_rows", precision: .float, dt: 0.1)
    let hold = NeuronModel(
      name: "Hold", vars: [Variable("z"), Variable("s")],
      additionalInputVars: [AdditionalInputVariable("fromRows")], simCode: "s = s + fromRows;")
    model.addNeuronPopulation("Pre", size: pre, model: hold, vars: ["z": 0, "s": 0])
    model.addNeuronPopulation("Post", size: post, model: hold, vars: ["z": 0, "s": 0])
    let toPre = addsToPre ? "\naddToPre(s);" : ""
    let traces = WeightUpdateModel(
      name: "Traces", params: ["tauRise", "tauDecay"],
      vars: [Variable("e"), Variable("lambda"), Variable("m"), Variable("k", "unsigned int")],
      preNeuronVarRefs: [NeuronVarReference("z")], postNeuronVarRefs: [NeuronVarReference("s")],
      synapseDynamicsCode: """
        e += (z * s - e / tauRise) * dt;
        lambda += ((-lambda + e) / tauDecay) * dt;
        m += lambda * s;
        k = id_syn;\(toPre)
        """)
    var synapses = SynapsePopulation(
      name: "Rows", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
      weightUpdate: traces, weightUpdateParams: ["tauRise": 5, "tauDecay": 10],
      weightUpdateVars: ["e": 0, "lambda": 0, "m": 0, "k": 0], preVarRefs: ["z": "z"],
      postVarRefs: ["s": "s"], postsynaptic: .deltaCurr)
    if addsToPre { synapses.preTargetVar = "fromRows" }
    model.addSynapsePopulation(synapses)
    return model
  }

  /// The traces after `steps` steps, worked out one synapse at a time in `Float`.
  static func expected(z: [Float], s: [Float], steps: Int) -> (e: [Float], m: [Float]) {
    let dt: Float = 0.1
    let (tauRise, tauDecay): (Float, Float) = (5, 10)
    var e = [Float](repeating: 0, count: pre * post)
    var lambda = e
    var m = e
    for _ in 0..<steps {
      for i in 0..<pre {
        for j in 0..<post {
          let syn = i * post + j
          e[syn] += (z[i] * s[j] - e[syn] / tauRise) * dt
          lambda[syn] += ((-lambda[syn] + e[syn]) / tauDecay) * dt
          m[syn] += lambda[syn] * s[j]
        }
      }
    }
    return (e, m)
  }

  @Test(arguments: [1, 2])
  func vectorLanesGiveEachSynapsesValues(threads: Int) async throws {
    let simulation = try await simulate(Self.traces(), threads: threads)
    let z = (0..<Self.pre).map { 0.3 + 0.17 * Float($0) }
    let s = (0..<Self.post).map { 1.0 / Float($0 + 3) }
    try simulation.setValues(z.map(Double.init), of: "z", in: "Pre")
    try simulation.setValues(s.map(Double.init), of: "s", in: "Post")
    try simulation.run(steps: 40)
    let expected = Self.expected(z: z, s: s, steps: 40)
    #expect(try simulation.values(of: "e", in: "Rows") == expected.e.map(Double.init))
    #expect(try simulation.values(of: "m", in: "Rows") == expected.m.map(Double.init))
    #expect(
      try simulation.values(of: "k", in: "Rows") == (0..<Self.pre * Self.post).map(Double.init))
  }

  /// The trimmed lines of `model`'s generated C++.
  static func lines(_ model: ModelSpec) throws -> [Substring] {
    try CPUBackend().generate(model).source.split(separator: "\n").map {
      $0.drop { $0 == " " }
    }
  }

  /// Whether `lines` mark a DENSE row loop as vector lanes.
  static func marksRowLoops(_ lines: [Substring]) -> Bool {
    zip(lines, lines.dropFirst()).contains {
      $0 == "GENN_IVDEP" && $1.hasPrefix("for (uint32_t id_post = postBegin;")
    }
  }

  @Test func onlyRowsOfIndependentSynapsesAreVectorLanes() throws {
    let independent = try Self.lines(Self.traces())
    #expect(Self.marksRowLoops(independent))
    #expect(
      independent.contains("const size_t syn = (size_t)id_pre * group.numTrgNeurons + id_post;"))
    #expect(independent.contains("group.v_k[syn] = ((uint32_t)syn);"))
    #expect(!Self.marksRowLoops(try Self.lines(Self.traces(addsToPre: true))))
  }

  @Test(arguments: [1, 2])
  func rowsThatAddToTheirPresynapticNeuronStillSum(threads: Int) async throws {
    let simulation = try await simulate(Self.traces(addsToPre: true), threads: threads)
    try simulation.setValues([Double](repeating: 1, count: Self.post), of: "s", in: "Post")
    try simulation.run(steps: 3)
    // Each step, each presynaptic neuron gets its row's sum of `s`: 45.
    #expect(try simulation.values(of: "s", in: "Pre") == [Double](repeating: 135, count: Self.pre))
  }
}
