import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Custom updates on the CPU, as GeNN 5.4 runs them: only when their group is called,
/// reductions over neurons from 0 (sum) and the lowest value (max), writes through
/// references, per-synapse updates on DENSE and SPARSE matrices, and `Transpose`.
@Suite struct CustomUpdateTests {
  /// A neuron model that keeps its variables as they are (no code, no spikes).
  static let still = NeuronModel(name: "Still", vars: [Variable("V"), Variable("U")])

  /// A weight update model whose weight custom updates may write.
  static let pulse = WeightUpdateModel(
    name: "PulseRW", vars: [Variable("g")], preSpikeSynCode: "addToPost(g);\n")

  static let lifParameters: [String: Double] = [
    "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 1.5,
    "TauRefrac": 2,
  ]

  @Test func neuronReductionsSumInOrderAndTakeTheMaximumFromTheLowestValue() async throws {
    let values: [Double] = [-3.25, -1.5e-3, -7.125, -0.1, -1e6, -2.5]
    var model = ModelSpec(name: "cu_reductions", precision: .double)
    model.addNeuronPopulation(
      "Pop", size: values.count, model: Self.still, vars: ["V": .values(values), "U": 0])
    let stats = CustomUpdateModel(
      name: "Stats",
      vars: [
        CustomUpdateVariable("total", access: .reduceNeuronSum),
        CustomUpdateVariable("largest", access: .reduceNeuronMax),
        CustomUpdateVariable("seen", access: .readWrite),
      ],
      varRefs: [CustomUpdateVarReference("V", access: .readOnly)],
      updateCode: "total = V;\nlargest = V;\nseen += 1.0;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "PopStats", updateGroup: "Stats", model: stats,
        vars: ["total": 99, "largest": 99, "seen": 0],
        varRefs: ["V": .neuronVariable(population: "Pop", variable: "V")]))
    let simulation = try await simulate(model)
    // Nothing runs before the group is called.
    #expect(try simulation.values(of: "total", in: "PopStats") == [99])
    try simulation.customUpdate("Stats")
    // Every value is negative: a maximum starting from 0 would give 0.
    #expect(try simulation.values(of: "largest", in: "PopStats") == [values.max()!])
    #expect(
      try simulation.values(of: "total", in: "PopStats") == [values.reduce(0, +)],
      "summed in ascending neuron order from 0")
    try simulation.customUpdate("Stats")
    #expect(try simulation.values(of: "seen", in: "PopStats") == Array(repeating: 2, count: 6))
    // The reduction starts afresh on each call.
    #expect(try simulation.values(of: "total", in: "PopStats") == [values.reduce(0, +)])
  }

  @Test func referencesResetNeuronVariablesOnlyWhenTheGroupIsCalled() async throws {
    var model = ModelSpec(name: "cu_reset", precision: .double)
    model.addNeuronPopulation(
      "Pop", size: 4, model: .lif, params: Self.lifParameters,
      vars: ["V": [-70, -65, -60, -55], "RefracTime": 0], recordSpikes: true)
    let reset = CustomUpdateModel(
      name: "Reset", params: ["Vr"],
      varRefs: [
        CustomUpdateVarReference("V", access: .readWrite),
        CustomUpdateVarReference("R", access: .readWrite),
      ],
      extraGlobalParams: [ExtraGlobalParameter("offsets", "scalar*")],
      updateCode: "V = Vr + offsets[id];\nR = 0.0;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "ResetV", updateGroup: "Reset", model: reset, params: ["Vr": -62],
        varRefs: [
          "V": .neuronVariable(population: "Pop", variable: "V"),
          "R": .neuronVariable(population: "Pop", variable: "RefracTime"),
        ], extraGlobalParams: ["offsets": [0, 1, 2, 3]]))
    let simulation = try await simulate(model)
    try simulation.run(steps: 300)
    #expect(try simulation.spikes(of: "Pop").count > 0)
    try simulation.customUpdate("Reset")
    #expect(try simulation.values(of: "V", in: "Pop") == [-62, -61, -60, -59])
    #expect(try simulation.values(of: "RefracTime", in: "Pop") == [0, 0, 0, 0])
    try simulation.step()
    #expect(try simulation.values(of: "V", in: "Pop") != [-62, -61, -60, -59])

    #expect(throws: RuntimeError.unknownCustomUpdateGroup("Rest", available: ["Reset"])) {
      try simulation.customUpdate("Rest")
    }
    #expect(
      RuntimeError.unknownCustomUpdateGroup("Rest", available: ["Reset"]).description
        == "no custom update group named 'Rest'; the model's groups are: Reset")
  }

  /// `Pre` (3 neurons) to `Post` (4 neurons) with `PulseRW` weights, scaled by a custom
  /// update that also records each synapse's pre- and postsynaptic index in its own
  /// per-synapse variable.
  static func scaledWeights(_ matrixType: SynapseMatrixType) -> ModelSpec {
    var model = ModelSpec(name: "cu_scale_\(matrixType.rawValue)", precision: .double)
    model.addNeuronPopulation("Pre", size: 3, model: Self.still, vars: ["V": 0, "U": 0])
    model.addNeuronPopulation("Post", size: 4, model: Self.still, vars: ["V": 0, "U": 0])
    let pairs: [(Int, Int)] =
      matrixType == .dense
      ? (0..<3).flatMap { i in (0..<4).map { (i, $0) } } : [(0, 1), (0, 3), (1, 0), (2, 2), (2, 3)]
    let weights = pairs.map { Double($0.0 * 4 + $0.1) + 0.5 }
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: matrixType,
        connectivity: matrixType == .dense
          ? .allToAll : .explicit(pre: pairs.map(\.0), post: pairs.map(\.1)),
        weightUpdate: pulse, weightUpdateVars: ["g": .values(weights)], postsynaptic: .deltaCurr))
    let scale = CustomUpdateModel(
      name: "Scale", params: ["scale"], vars: [CustomUpdateVariable("where", access: .readWrite)],
      varRefs: [CustomUpdateVarReference("g", access: .readWrite)],
      updateCode: "g *= scale;\nwhere = (id_pre * 10) + id_post + (id_syn * 0);\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "ScaleG", updateGroup: "Plasticity", model: scale, params: ["scale": 0.25],
        vars: ["where": -1], varRefs: ["g": .weightUpdateVariable(synapses: "Syn", variable: "g")])
    )
    return model
  }

  @Test(arguments: [SynapseMatrixType.dense, .sparse])
  func weightScalingRunsOverEverySynapseOnce(_ matrixType: SynapseMatrixType) async throws {
    let model = Self.scaledWeights(matrixType)
    let simulation = try await simulate(model)
    let before = try simulation.values(of: "g", in: "Syn")
    let (pre, post) = try simulation.connectivity(of: "Syn")
    try simulation.customUpdate("Plasticity")
    #expect(try simulation.values(of: "g", in: "Syn") == before.map { $0 * 0.25 })
    #expect(
      try simulation.values(of: "where", in: "ScaleG")
        == zip(pre, post).map { Double($0 * 10 + $1) })
    try simulation.customUpdate("Plasticity")
    #expect(try simulation.values(of: "g", in: "Syn") == before.map { $0 * 0.0625 })
  }

  @Test func transposeWritesTheTransposedDenseMatrix() async throws {
    var model = ModelSpec(name: "cu_transpose", precision: .float)
    model.addNeuronPopulation("A", size: 3, model: Self.still, vars: ["V": 0, "U": 0])
    model.addNeuronPopulation("B", size: 2, model: Self.still, vars: ["V": 0, "U": 0])
    let forward: [Double] = [1, 2, 3, 4, 5, 6]  // [a * 2 + b]
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Forward", source: "A", target: "B", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: Self.pulse, weightUpdateVars: ["g": .values(forward)],
        postsynaptic: .deltaCurr))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Backward", source: "B", target: "A", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: Self.pulse, weightUpdateVars: ["g": 0], postsynaptic: .deltaCurr))
    model.addCustomUpdate(
      CustomUpdate(
        name: "Transposed", updateGroup: "Feedback", model: .transpose,
        varRefs: [
          "variable": .transposedWeightUpdateVariable(
            synapses: "Forward", variable: "g", transposeSynapses: "Backward",
            transposeVariable: "g")
        ]))
    let simulation = try await simulate(model)
    try simulation.customUpdate("Feedback")
    // Backward[b * 3 + a] = Forward[a * 2 + b].
    #expect(try simulation.values(of: "g", in: "Backward") == [1, 3, 5, 2, 4, 6])
    #expect(try simulation.values(of: "g", in: "Forward") == forward)
  }

  @Test func batchReductionsWithOneBatchStoreTheAssignedValue() async throws {
    var model = ModelSpec(name: "cu_batch_reduction", precision: .double)
    model.addNeuronPopulation("Pop", size: 3, model: Self.still, vars: ["V": [1, -2, 3], "U": 0])
    let double = CustomUpdateModel(
      name: "Double",
      vars: [
        CustomUpdateVariable("sum", access: .reduceBatchSum),
        CustomUpdateVariable("top", access: .reduceBatchMax),
      ],
      varRefs: [CustomUpdateVarReference("V", access: .readOnly)],
      updateCode: "sum = V * 2.0;\ntop = -V;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "Doubled", updateGroup: "Batch", model: double, vars: ["sum": 0, "top": 0],
        varRefs: ["V": .neuronVariable(population: "Pop", variable: "V")]))
    let simulation = try await simulate(model)
    try simulation.customUpdate("Batch")
    #expect(try simulation.values(of: "sum", in: "Doubled") == [2, -4, 6])
    #expect(try simulation.values(of: "top", in: "Doubled") == [-1, 2, -3])
  }

  /// `Pre` (2 neurons spiking on even steps) to `Post` (3 `Sum` neurons, `V = Isyn +
  /// bias` with READ_ONLY `bias`) through SPARSE `StaticPulse` synapses (READ_ONLY `g`);
  /// the custom updates of group `Double` double `g` and `bias` through read-write
  /// references, as GeNN's `test_sparse.py` doubles `g`.
  static func readOnlyTargetsModel() -> ModelSpec {
    var model = ModelSpec(name: "cu_read_only_targets", precision: .double)
    let toggle = NeuronModel(
      name: "Toggle", vars: [Variable("V")], simCode: "V = 1.0 - V;\n",
      thresholdConditionCode: "V > 0.5")
    let sum = NeuronModel(
      name: "Sum", vars: [Variable("V"), Variable("bias", access: .readOnly)],
      simCode: "V = Isyn + bias;\n")
    model.addNeuronPopulation("Pre", size: 2, model: toggle, vars: ["V": 0])
    model.addNeuronPopulation(
      "Post", size: 3, model: sum, vars: ["V": 0, "bias": [0.5, 0.25, 0.125]])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .explicit(pre: [0, 1, 1], post: [2, 0, 2]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": [1, 2, 4]], postsynaptic: .deltaCurr))
    let times2 = CustomUpdateModel(
      name: "Times2", varRefs: [CustomUpdateVarReference("X")], updateCode: "X *= 2.0;\n")
    for (name, target) in [
      ("DoubleG", CustomUpdateTarget.weightUpdateVariable(synapses: "Syn", variable: "g")),
      ("DoubleBias", .neuronVariable(population: "Post", variable: "bias")),
    ] {
      model.addCustomUpdate(
        CustomUpdate(name: name, updateGroup: "Double", model: times2, varRefs: ["X": target]))
    }
    return model
  }

  @Test func readWriteReferencesWriteReadOnlyVariablesThatCodeThenReads() async throws {
    let simulation = try await simulate(Self.readOnlyTargetsModel())
    // Spikes of step 0 arrive in step 1: V = (sum of g into each neuron) + bias.
    try simulation.run(steps: 2)
    #expect(try simulation.values(of: "V", in: "Post") == [2.5, 0.25, 5.125])
    try simulation.customUpdate("Double")
    #expect(try simulation.values(of: "g", in: "Syn") == [2, 4, 8])
    #expect(try simulation.values(of: "bias", in: "Post") == [1, 0.5, 0.25])
    try simulation.run(steps: 2)
    #expect(try simulation.values(of: "V", in: "Post") == [5, 0.5, 10.25])
  }

  /// Over synapses, a reduction reference to a READ_ONLY variable reduces over batches:
  /// with one batch, it takes the value the code assigns (GeNN's
  /// `test_custom_update_batch_reduction`).
  @Test(arguments: [SynapseMatrixType.dense, .sparse])
  func synapseBatchReductionsWithOneBatchStoreTheAssignedValue(
    _ matrixType: SynapseMatrixType
  ) async throws {
    var model = ModelSpec(name: "cu_synapse_batch_\(matrixType.rawValue)", precision: .double)
    model.addNeuronPopulation("Pre", size: 2, model: Self.still, vars: ["V": 0, "U": 0])
    model.addNeuronPopulation("Post", size: 2, model: Self.still, vars: ["V": 0, "U": 0])
    let values: [Double] = matrixType == .dense ? [1, -2, 3, 4.5] : [-2, 4.5]
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: matrixType,
        connectivity: matrixType == .dense ? .allToAll : .explicit(pre: [0, 1], post: [1, 1]),
        weightUpdate: WeightUpdateModel(
          name: "Pair",
          vars: [
            Variable("X", access: .readOnlyDuplicate), Variable("SumX", access: .readOnly),
          ]),
        weightUpdateVars: ["X": .values(values), "SumX": 0], postsynaptic: .deltaCurr))
    let reduction = CustomUpdateModel(
      name: "Reduce", vars: [CustomUpdateVariable("MaxX", access: .reduceBatchMax)],
      varRefs: [
        CustomUpdateVarReference("X", access: .readOnly),
        CustomUpdateVarReference("SumX", access: .reduceSum),
      ],
      updateCode: "SumX = X;\nMaxX = X;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "Reduced", updateGroup: "Test", model: reduction, vars: ["MaxX": 0],
        varRefs: [
          "X": .weightUpdateVariable(synapses: "Syn", variable: "X"),
          "SumX": .weightUpdateVariable(synapses: "Syn", variable: "SumX"),
        ]))
    let simulation = try await simulate(model)
    try simulation.customUpdate("Test")
    #expect(try simulation.values(of: "SumX", in: "Syn") == values)
    #expect(try simulation.values(of: "MaxX", in: "Reduced") == values)
  }

  /// A custom update whose variable an init snippet draws, one value per neuron, added
  /// to the neurons' `V`.
  static func snippetModel() -> ModelSpec {
    var model = ModelSpec(name: "cu_snippet_init", precision: .double, seed: 3)
    model.addNeuronPopulation("Pop", size: 50, model: Self.still, vars: ["V": 0, "U": 0])
    let noise = CustomUpdateModel(
      name: "AddNoise", vars: [CustomUpdateVariable("offset", access: .readOnly)],
      varRefs: [CustomUpdateVarReference("V", access: .readWrite)], updateCode: "V += offset;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "Noise", updateGroup: "Noise", model: noise,
        vars: ["offset": .snippet(.uniform, params: ["min": 1, "max": 2])],
        varRefs: ["V": .neuronVariable(population: "Pop", variable: "V")]))
    return model
  }

  @Test func snippetsInitialiseCustomUpdateVariables() async throws {
    let simulation = try await simulate(Self.snippetModel())
    let offsets = try simulation.values(of: "offset", in: "Noise")
    #expect(offsets.count == 50)
    #expect(offsets.allSatisfy { $0 >= 1 && $0 <= 2 })
    #expect(Set(offsets).count > 40, "each neuron draws its own value")
    try simulation.customUpdate("Noise")
    try simulation.customUpdate("Noise")
    #expect(try simulation.values(of: "V", in: "Pop") == offsets.map { $0 + $0 })
    simulation.reinitialise()
    #expect(try simulation.values(of: "offset", in: "Noise") == offsets)
    #expect(try simulation.values(of: "V", in: "Pop") == Array(repeating: 0, count: 50))
  }

  /// A custom update over every neuron whose variable shared by all neurons
  /// (`READ_ONLY_SHARED_NEURON`) an init snippet draws once, beside a per-neuron variable
  /// a snippet sets from `id` and `num_neurons`.
  static func sharedSnippetModel() -> ModelSpec {
    var model = ModelSpec(name: "cu_shared_snippet_init", precision: .double, seed: 5)
    model.addNeuronPopulation("Pop", size: 40, model: Self.still, vars: ["V": 0, "U": 0])
    let fraction = InitSnippet(name: "Fraction", code: "value = (scalar)id / (scalar)num_neurons;")
    let shift = CustomUpdateModel(
      name: "Shift",
      vars: [
        CustomUpdateVariable("shift", access: .readOnlySharedNeuron),
        CustomUpdateVariable("ramp", access: .readOnly),
      ],
      varRefs: [CustomUpdateVarReference("V", access: .readWrite)],
      updateCode: "V += shift + ramp;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "Shift", updateGroup: "Shift", model: shift,
        vars: [
          "shift": .snippet(.uniform, params: ["min": 10, "max": 20]),
          "ramp": .snippet(fraction, params: [:]),
        ],
        varRefs: ["V": .neuronVariable(population: "Pop", variable: "V")]))
    return model
  }

  @Test(arguments: [1, 2, 3])
  func snippetsInitialiseVariablesSharedByAllNeuronsOnce(threads: Int) async throws {
    let simulation = try await simulate(Self.sharedSnippetModel(), threads: threads)
    let shift = try simulation.values(of: "shift", in: "Shift")
    #expect(shift.count == 1)
    #expect(shift[0] >= 10 && shift[0] <= 20)
    let ramp = (0..<40).map { Double($0) / 40 }
    #expect(try simulation.values(of: "ramp", in: "Shift") == ramp)
    try simulation.customUpdate("Shift")
    #expect(try simulation.values(of: "V", in: "Pop") == ramp.map { shift[0] + $0 })
    let one = try await simulate(Self.sharedSnippetModel(), threads: 1)
    #expect(
      try one.values(of: "shift", in: "Shift") == shift, "the same draw on every thread count")
  }

  @Test func updatesOfAGroupRunInOrderAndReadReferencedCustomUpdateVariables() async throws {
    var model = ModelSpec(name: "cu_chain", precision: .double)
    model.addNeuronPopulation(
      "Pop", size: 3, model: Self.still, vars: ["V": [1, 2, 4], "U": 0])
    let sum = CustomUpdateModel(
      name: "Sum", vars: [CustomUpdateVariable("total", access: .reduceNeuronSum)],
      varRefs: [CustomUpdateVarReference("V", access: .readOnly)], updateCode: "total = V;\n")
    let normalise = CustomUpdateModel(
      name: "Normalise",
      varRefs: [
        CustomUpdateVarReference("V", access: .readWrite),
        CustomUpdateVarReference("total", access: .readOnly),
      ],
      updateCode: "V /= total;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "Total", updateGroup: "Sum", model: sum, vars: ["total": 0],
        varRefs: ["V": .neuronVariable(population: "Pop", variable: "V")]))
    model.addCustomUpdate(
      CustomUpdate(
        name: "Divide", updateGroup: "Normalise", model: normalise,
        varRefs: [
          "V": .neuronVariable(population: "Pop", variable: "V"),
          "total": .customUpdateVariable(update: "Total", variable: "total"),
        ]))
    let simulation = try await simulate(model)
    try simulation.customUpdate("Sum")
    try simulation.customUpdate("Normalise")
    #expect(try simulation.values(of: "V", in: "Pop") == [1.0 / 7, 2.0 / 7, 4.0 / 7])
    #expect(try simulation.values(of: "total", in: "Total") == [7])
  }
}
