import GeNNModel
import Testing

@testable import GeNNRuntime

/// Code strings that index extra global parameters (and drawn row lengths) outside
/// their size stop the run with an error naming the element, the array, the index and
/// the size, instead of reading or writing outside the array (issue 17, item 3).
@Suite struct IndexBoundsTests {
  /// A neuron with `V` and extra global parameter `e`, running `sim`.
  static func neuron(sim: String) -> NeuronModel {
    NeuronModel(
      name: "Indexing", vars: [Variable("V")],
      extraGlobalParams: [ExtraGlobalParameter("e", "scalar*")], simCode: sim)
  }

  /// One population of `size` neurons indexing `e = [1, 2, 3]` in its sim code.
  static func model(_ name: String, sim: String, size: Int = 4) -> ModelSpec {
    var model = ModelSpec(name: name, precision: .double)
    model.addNeuronPopulation(
      "N", size: size, model: neuron(sim: sim), vars: ["V": 0], extraGlobalParams: ["e": [1, 2, 3]])
    return model
  }

  /// The error running `model` for `steps` steps throws.
  static func runError(_ model: ModelSpec, steps: Int = 3) async throws -> RuntimeError? {
    let simulation = try await simulate(model)
    do {
      try simulation.run(steps: steps)
    } catch {
      return error
    }
    return nil
  }

  @Test func indicesWithinTheArrayReadAndWriteIt() async throws {
    // The first step writes e[2], which no neuron reads before the second step.
    let simulation = try await simulate(
      Self.model(
        "egp_in_range",
        sim: """
          if (t == 0.0) {
              if (id == 0u) { e[2] = 7.0; }
              V = e[id % 2u];
          } else {
              V = e[2] + e[(int)id - 2 < 0 ? 0 : 1];
          }
          """))
    try simulation.step()
    #expect(try simulation.values(of: "V", in: "N") == [1, 2, 1, 2])
    try simulation.step()
    #expect(try simulation.values(of: "V", in: "N") == [8, 8, 9, 9])
  }

  @Test func aHugeIndexStopsTheRunNamingPopulationArrayIndexAndSize() async throws {
    let error = try await Self.runError(Self.model("egp_huge", sim: "V += e[100000000];"))
    #expect(
      error
        == .indexOutOfRange(
          element: "neuron population 'N'", array: "extra global parameter 'e'",
          index: "100000000", size: 3))
    #expect(
      error?.description
        == "neuron population 'N': code indexed extra global parameter 'e' at 100000000, "
        + "outside its 3 elements (indices 0 to 2). Keep indices within the array, or give it "
        + "more values")
  }

  @Test func aWriteBelowTheArrayIsStoppedToo() async throws {
    // `id` is unsigned, so `id - 1000` wraps round to a huge index, as in C.
    let error = try await Self.runError(Self.model("egp_write", sim: "e[id - 1000] = V;", size: 1))
    #expect(
      error
        == .indexOutOfRange(
          element: "neuron population 'N'", array: "extra global parameter 'e'",
          index: "4294966296", size: 3))
    // A negative index of a signed type is reported as negative.
    let negative = try await Self.runError(
      Self.model("egp_negative", sim: "e[(int)id - 1000] = V;", size: 1))
    #expect(
      negative
        == .indexOutOfRange(
          element: "neuron population 'N'", array: "extra global parameter 'e'", index: "-1000",
          size: 3))
  }

  @Test func anEmptyArrayHasNoIndexInRange() async throws {
    var model = ModelSpec(name: "egp_empty", precision: .double)
    model.addNeuronPopulation("N", size: 2, model: Self.neuron(sim: "V = e[0];"), vars: ["V": 0])
    let error = try await Self.runError(model)
    #expect(
      error
        == .indexOutOfRange(
          element: "neuron population 'N'", array: "extra global parameter 'e'", index: "0",
          size: 0))
    #expect(error?.description.contains("at 0, outside its 0 elements. Keep") == true)
  }

  @Test func laterRunsThrowUntilReinitialised() async throws {
    let simulation = try await simulate(
      Self.model("egp_sticky", sim: "if (t > 0.15) { V = e[3]; }"))
    try simulation.run(steps: 1)
    #expect(throws: RuntimeError.self) { try simulation.run(steps: 5) }
    #expect(throws: RuntimeError.self) { try simulation.step() }
    simulation.reinitialise()
    try simulation.step()
  }

  @Test func currentSourcesNameThemselves() async throws {
    var model = ModelSpec(name: "egp_source", precision: .double)
    model.addNeuronPopulation("N", size: 3, model: .lif, params: Self.lif, vars: Self.lifVars)
    model.addCurrentSource(
      "Drive",
      model: CurrentSourceModel(
        name: "Table", extraGlobalParams: [ExtraGlobalParameter("amps", "scalar*")],
        injectionCode: "injectCurrent(amps[id + 1u]);"),
      target: "N", extraGlobalParams: ["amps": [0.1, 0.2, 0.3]])
    #expect(
      try await Self.runError(model)
        == .indexOutOfRange(
          element: "current source 'Drive'", array: "extra global parameter 'amps'", index: "3",
          size: 3))
  }

  @Test(arguments: ["synapse", "presynaptic spike", "postsynaptic dynamics"])
  func synapsePopulationsNameThemselves(hook: String) async throws {
    var model = ModelSpec(
      name: "egp_synapses_\(hook.split(separator: " ").joined())", precision: .double)
    model.addNeuronPopulation(
      "Pre", size: 2, model: .spikeSourceArray, vars: ["startSpike": [0, 1], "endSpike": [1, 2]],
      extraGlobalParams: ["spikeTimes": [0.0, 0.0]])
    model.addNeuronPopulation("Post", size: 2, model: .lif, params: Self.lif, vars: Self.lifVars)
    let code = "w += table[id_post + 5u];"
    let weightUpdate = WeightUpdateModel(
      name: "Tabled", vars: [Variable("w")], postVars: [Variable("trace")],
      extraGlobalParams: [ExtraGlobalParameter("table", "scalar*")],
      preSpikeSynCode: hook == "synapse" ? "addToPost(w);\n" + code : "addToPost(w);",
      preSpikeCode: hook == "presynaptic spike" ? "scalar x = table[id * 7u];" : "",
      postDynamicsCode: hook == "postsynaptic dynamics" ? "trace = table[id - 9u];" : "")
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: weightUpdate, weightUpdateVars: ["w": 0.5],
        weightUpdatePostVars: ["trace": 0],
        weightUpdateExtraGlobalParams: ["table": [1, 2]], postsynaptic: .deltaCurr))
    let error = try await Self.runError(model)
    guard case .indexOutOfRange(let element, let array, _, let size)? = error else {
      Issue.record("\(hook): \(String(describing: error))")
      return
    }
    #expect(element == "synapse population 'Syn'")
    #expect(array == "extra global parameter 'table' of its weight update model")
    #expect(size == 2)
  }

  @Test func customUpdatesNameThemselves() async throws {
    var model = ModelSpec(name: "egp_custom_update", precision: .double)
    model.addNeuronPopulation("N", size: 4, model: .lif, params: Self.lif, vars: Self.lifVars)
    let shift = CustomUpdateModel(
      name: "Shift", varRefs: [CustomUpdateVarReference("V", access: .readWrite)],
      extraGlobalParams: [ExtraGlobalParameter("offsets", "scalar*")],
      updateCode: "V += offsets[id];\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "ShiftV", updateGroup: "Shift", model: shift,
        varRefs: ["V": .neuronVariable(population: "N", variable: "V")],
        extraGlobalParams: ["offsets": [1, 2, 3]]))
    let simulation = try await simulate(model)
    try simulation.step()
    #expect(
      throws: RuntimeError.indexOutOfRange(
        element: "custom update 'ShiftV'", array: "extra global parameter 'offsets'", index: "3",
        size: 3)
    ) { try simulation.customUpdate("Shift") }
  }

  @Test func drawnRowLengthsAreCheckedWhileConnectivityIsBuilt() async throws {
    var snippet = ConnectivitySnippet.fixedNumberTotalWithReplacement
    snippet.name = "ReadsPastTheRows"
    snippet.rowBuildCode = "if (preCalcRowLength[id_pre + num_pre] > 0u) { addSynapse(0u); }"
    var model = ModelSpec(name: "row_lengths_out_of_range", precision: .double)
    model.addNeuronPopulation("Pre", size: 5, model: .lif, params: Self.lif, vars: Self.lifVars)
    model.addNeuronPopulation("Post", size: 5, model: .lif, params: Self.lif, vars: Self.lifVars)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .snippet(snippet, params: ["num": 10]),
        weightUpdate: .staticPulseConstantWeight,
        weightUpdateParams: ["g": 1], postsynaptic: .deltaCurr))
    // One thread builds the rows in order, so row 0 is the first to fail.
    await #expect(
      throws: RuntimeError.indexOutOfRange(
        element: "synapse population 'Syn', connectivity", array: "'preCalcRowLength'", index: "5",
        size: 5)
    ) { _ = try await simulate(model, threads: 1) }
  }

  static let lif: [String: Double] = [
    "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
    "TauRefrac": 2,
  ]
  static let lifVars: [String: VarInit] = ["V": -70, "RefracTime": 0]
}
