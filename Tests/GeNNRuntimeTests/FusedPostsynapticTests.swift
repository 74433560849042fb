import GeNNModel
import Testing

@testable import GeNNRuntime

/// Synapse populations fused into one postsynaptic model (GeNN's
/// `fuse_postsynaptic_models`): one input array and dendritic delay ring for the set,
/// its model run once per neuron, and the same network as unfused. With DeltaCurr and
/// dyadic weights every sum is exact in any grouping, so fused and unfused runs must
/// agree bit for bit; on any number of threads.
@Suite struct FusedPostsynapticTests {
  /// The emulation's fused feature model (two populations, SPARSE and DENSE, onto one
  /// target through dendritic delays), fused or not.
  static func model(fused: Bool) throws -> ModelSpec {
    var model = try #require(CUDAEmulationTests.featureModel("fused_postsynaptic"))
    model.fusePostsynapticModels = fused
    model.name += fused ? "_fused" : "_unfused"
    return model
  }

  @Test(arguments: [1, 2, 3])
  func fusedRunsAsUnfused(threads: Int) async throws {
    let fused = try await simulate(try Self.model(fused: true), threads: threads)
    let unfused = try await simulate(try Self.model(fused: false), threads: 1)
    // The set's target is the last population onto the neuron population (GeNN's).
    #expect(fused.memory[.postsynapticInput(synapses: "Sparse")] == nil)
    #expect(fused.memory[.dendriticDelayBuffer(synapses: "Sparse")] == nil)
    #expect(fused.memory[.postsynapticInput(synapses: "Dense")] != nil)
    #expect(unfused.memory[.postsynapticInput(synapses: "Sparse")] != nil)
    try fused.run(steps: 400)
    try unfused.run(steps: 400)
    for population in ["Input", "Output"] {
      let spikes = try fused.spikes(of: population)
      #expect(spikes.count > 50, "\(population) spikes")
      #expect(spikes == (try unfused.spikes(of: population)), "\(population) spikes")
      #expect(try fused.values(of: "V", in: population) == unfused.values(of: "V", in: population))
    }
    // Each fused population's input is the set's.
    #expect(
      try fused.values(of: "inSyn", in: "Sparse") == fused.values(of: "inSyn", in: "Dense"))
  }

  /// References to a fused population's postsynaptic variable name its set's (GeNN's
  /// `getFusedPSTarget`): a custom update through either member changes the one array.
  @Test(arguments: ["Sparse", "Dense"])
  func referencesNameTheSetsArrays(member: String) async throws {
    var model = try Self.model(fused: true)
    model.name += "_ref_\(member.lowercased())"
    for index in model.synapsePopulations.indices {
      model.synapsePopulations[index].postsynaptic = PostsynapticModel(
        name: "Counting", vars: [Variable("x")],
        simCode: "injectCurrent(inSyn);\nx += inSyn;\ninSyn = 0.0;")
      model.synapsePopulations[index].postsynapticVars = ["x": 0.0]
    }
    model.addCustomUpdate(
      CustomUpdate(
        name: "Lift", updateGroup: "Lift",
        model: CustomUpdateModel(
          name: "Add", varRefs: [CustomUpdateVarReference("r")], updateCode: "r += 1000.0;"),
        varRefs: ["r": .postsynapticVariable(synapses: member, variable: "x")]))
    let simulation = try await simulate(model, threads: 2)
    #expect(simulation.memory[.postsynapticVariable(synapses: "Sparse", variable: "x")] == nil)
    try simulation.run(steps: 50)
    let before = try simulation.values(of: "x", in: "Dense")
    try simulation.customUpdate("Lift")
    for name in ["Sparse", "Dense"] {
      #expect(try simulation.values(of: "x", in: name) == before.map { $0 + 1000 }, "\(name)")
    }
  }

  @Test func fusionSavesTheMembersArrays() async throws {
    let fused = try await simulate(try Self.model(fused: true), threads: 1)
    let unfused = try await simulate(try Self.model(fused: false), threads: 1)
    // One input array (70 doubles) and one ring of 3 slots fewer.
    #expect(unfused.stateBytes - fused.stateBytes == 70 * 8 * (1 + 3))
  }
}

/// Which populations GeNN 5.4's rules fuse (`SynapseGroup::canPSBeFused` and
/// `getPSFuseHashDigest`).
@Suite struct PostsynapticFusionTests {
  static func model(_ populations: [(String, String, (inout SynapsePopulation) -> Void)])
    -> ModelSpec
  {
    var model = ModelSpec(name: "fusion")
    model.fusePostsynapticModels = true
    for name in ["A", "B"] {
      model.addNeuronPopulation(
        name, size: 10, model: .lif,
        params: [
          "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
          "TauRefrac": 2,
        ], vars: ["V": -70.0, "RefracTime": 0.0])
    }
    for (name, target, change) in populations {
      var synapses = SynapsePopulation(
        name: name, source: "A", target: target, matrixType: .dense, connectivity: .allToAll,
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 1.0], postsynaptic: .expCurr,
        postsynapticParams: ["tau": 5])
      change(&synapses)
      model.addSynapsePopulation(synapses)
    }
    return model
  }

  @Test func matchingPopulationsFuseIntoTheLast() {
    let fusion = PostsynapticFusion(
      Self.model([("S1", "B", { _ in }), ("S2", "B", { _ in }), ("S3", "B", { _ in })]))
    #expect(fusion.targets == ["S1": "S3", "S2": "S3", "S3": "S3"])
    #expect(fusion.sources(of: "S3") == ["S1", "S2", "S3"])
    #expect(fusion.isFused("S1") && fusion.isFused("S3"))
    #expect(!fusion.ownsPostsynapticModel("S1") && fusion.ownsPostsynapticModel("S3"))
  }

  @Test func nothingFusesUnlessAsked() {
    var model = Self.model([("S1", "B", { _ in }), ("S2", "B", { _ in })])
    model.fusePostsynapticModels = false
    let fusion = PostsynapticFusion(model)
    #expect(fusion.targets == ["S1": "S1", "S2": "S2"])
    #expect(!fusion.isFused("S1"))
  }

  @Test(arguments: [
    "parameter", "target population", "dendritic delay", "target input", "model",
  ])
  func differencesKeepPopulationsApart(difference: String) {
    let change: (inout SynapsePopulation) -> Void = { synapses in
      switch difference {
      case "parameter": synapses.postsynapticParams["tau"] = 6
      case "target population": synapses.target = "A"
      case "dendritic delay": synapses.maxDendriticDelaySteps = 4
      case "target input": synapses.postTargetVar = "Isyn2"
      default: synapses.postsynaptic = .deltaCurr
      }
    }
    let fusion = PostsynapticFusion(Self.model([("S1", "B", { _ in }), ("S2", "B", change)]))
    #expect(!fusion.isFused("S1"), "\(difference)")
    #expect(!fusion.isFused("S2"), "\(difference)")
  }

  @Test func unfusablePopulationsKeepTheirOwn() {
    let traced = PostsynapticModel(
      name: "Traced", params: ["tau"], vars: [Variable("x")],
      extraGlobalParams: [ExtraGlobalParameter("scale", "scalar*")],
      simCode: "injectCurrent(inSyn); x += inSyn; inSyn *= exp(-dt / tau);")
    for (label, change) in [
      (
        "variable from a snippet",
        { (synapses: inout SynapsePopulation) in
          synapses.postsynaptic = traced
          synapses.postsynapticVars = [
            "x": .snippet(.uniform, params: ["min": 0, "max": 1])
          ]
        }
      ),
      (
        "dynamic parameter read by its code",
        { (synapses: inout SynapsePopulation) in
          synapses.postsynaptic = traced
          synapses.postsynapticVars = ["x": 0.0]
          synapses.dynamicPostsynapticParams = ["tau"]
        }
      ),
      (
        "extra global parameter read by its code",
        { (synapses: inout SynapsePopulation) in
          synapses.postsynaptic = traced
          synapses.postsynaptic.simCode += "\nx *= scale[0];"
          synapses.postsynapticVars = ["x": 0.0]
        }
      ),
    ] {
      let fusion = PostsynapticFusion(Self.model([("S1", "B", change), ("S2", "B", change)]))
      #expect(!fusion.isFused("S1"), "\(label)")
      #expect(!fusion.isFused("S2"), "\(label)")
    }
    // Variables starting from the same constant fuse.
    func starting(at value: Double) -> (inout SynapsePopulation) -> Void {
      { synapses in
        synapses.postsynaptic = traced
        synapses.postsynapticVars = ["x": .constant(value)]
      }
    }
    let constant = PostsynapticFusion(
      Self.model([
        ("S1", "B", starting(at: 0.5)), ("S2", "B", starting(at: 0.5)),
        ("S3", "B", starting(at: 0.25)),
      ]))
    #expect(constant.sources(of: "S2") == ["S1", "S2"])
    #expect(!constant.isFused("S3"))
  }
}
