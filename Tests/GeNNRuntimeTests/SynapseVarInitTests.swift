import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Synapse variables initialised by snippets: per synapse (after connectivity is built),
/// per presynaptic or postsynaptic neuron and per target neuron of a postsynaptic
/// model; drawn from GeNN's distributions, independent of the thread count.
@Suite struct SynapseVarInitTests {
  static let traced = WeightUpdateModel(
    name: "TracedPulse", vars: [Variable("g", access: .readOnly)],
    preVars: [Variable("preTrace")], postVars: [Variable("postTrace")],
    preSpikeSynCode: "addToPost(g);", preSpikeCode: "preTrace += 1.0;",
    postSpikeCode: "postTrace += 1.0;")

  static func model() -> ModelSpec {
    var model = ModelSpec(name: "synapse_var_init", precision: .double, dt: 0.1, seed: 31)
    model.addNeuronPopulation(
      "A", size: 300, model: .lif, params: SynapseTests.lifParameters,
      vars: ["V": -60, "RefracTime": 0])
    model.addNeuronPopulation(
      "B", size: 200, model: .lif, params: SynapseTests.lifParameters,
      vars: ["V": -60, "RefracTime": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Sparse", source: "A", target: "B", matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.1]), weightUpdate: traced,
        weightUpdateVars: ["g": .snippet(.normal, params: ["mean": 1.5, "sd": 0.5])],
        weightUpdatePreVars: ["preTrace": .snippet(.uniform, params: ["min": 0, "max": 2])],
        weightUpdatePostVars: ["postTrace": .snippet(.exponential, params: ["lambda": 2])],
        postsynaptic: .deltaCurr, axonalDelaySteps: 2))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Dense", source: "A", target: "B", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: .staticPulse,
        weightUpdateVars: ["g": .snippet(.uniform, params: ["min": -1, "max": 1])],
        postsynaptic: PostsynapticModel(
          name: "Decaying", vars: [Variable("x")],
          simCode: "injectCurrent(x * inSyn);\ninSyn = 0.0;"),
        postsynapticVars: ["x": .snippet(.uniform, params: ["min": 2, "max": 3])]))
    return model
  }

  @Test func synapseVariablesDrawFromTheirSnippets() async throws {
    var values: [[Double]] = []
    for threads in [1, 2] {
      let simulation = try await simulate(Self.model(), threads: threads)
      let sparse = try simulation.values(of: "g", in: "Sparse")
      let dense = try simulation.values(of: "g", in: "Dense")
      let pre = try simulation.values(of: "preTrace", in: "Sparse")
      let post = try simulation.values(of: "postTrace", in: "Sparse")
      let x = try simulation.values(of: "x", in: "Dense")
      #expect(sparse.count > 4000 && dense.count == 60_000 && pre.count == 300)
      #expect(post.count == 200 && x.count == 200)
      let critical = { (n: Int) in 1.95 / Double(n).squareRoot() }
      #expect(
        VarInitTests.ksStatistic(sparse) { 0.5 * (1 + erf(($0 - 1.5) / (0.5 * 2.0.squareRoot()))) }
          < critical(sparse.count))
      #expect(VarInitTests.ksStatistic(dense) { min(max(($0 + 1) / 2, 0), 1) } < critical(60_000))
      #expect(VarInitTests.ksStatistic(pre) { min(max($0 / 2, 0), 1) } < critical(300))
      // GeNN's Exponential draws lambda * Exp(1): lambda is the mean.
      #expect(VarInitTests.ksStatistic(post) { $0 <= 0 ? 0 : 1 - exp(-$0 / 2) } < critical(200))
      #expect(x.allSatisfy { $0 >= 2 && $0 <= 3 })
      values.append(sparse + dense + pre + post + x)
    }
    #expect(values[0] == values[1], "values must not depend on the thread count")
  }
}
