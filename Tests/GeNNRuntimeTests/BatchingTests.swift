import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Batches (GeNN's `batch_size`) on the CPU backend: N copies of the state side by side,
/// sharing connectivity, parameters and variables without GeNN's `BATCH` dimension. Batch
/// 0 is the unbatched model exactly; batch k is the model run with batch k's values; each
/// batch draws its own random numbers.
@Suite struct BatchingTests {
  static let lifParameters: [String: Double] = [
    "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -65, "Vthresh": -50, "Ioffset": 0,
    "TauRefrac": 2,
  ]

  /// A current source whose per-neuron (and per-batch) `amp` is a variable.
  static let drive = CurrentSourceModel(
    name: "Drive", vars: [Variable("amp")], injectionCode: "injectCurrent(amp);\n")

  /// Weights that grow by `dg` on each presynaptic spike: a READ_WRITE variable, so one
  /// copy per batch.
  static let growing = WeightUpdateModel(
    name: "Growing", params: ["dg"], vars: [Variable("g")],
    preSpikeSynCode: "addToPost(g);\ng += dg;\n")

  /// LIF neurons driven by `Drive`, projecting with shared READ_ONLY weights (SPARSE,
  /// built by a random snippet, through an axonal delay: each batch has its own spike
  /// queue) and with per-batch growing weights (DENSE) onto a second population;
  /// `randomStart` draws the first population's `V`.
  static func network(batchSize: Int, amps: [Double], randomStart: Bool) -> ModelSpec {
    var model = ModelSpec(
      name: "batches_\(batchSize)_\(randomStart)", precision: .float, dt: 0.1, seed: 5,
      batchSize: batchSize)
    model.addNeuronPopulation(
      "In", size: amps.count, model: .lif, params: lifParameters,
      vars: [
        "V": randomStart ? .snippet(.uniform, params: ["min": -65, "max": -50]) : -60,
        "RefracTime": 0,
      ],
      recordSpikes: true)
    model.addCurrentSource(
      "Amp", model: drive, target: "In", vars: ["amp": .values(amps)])
    model.addNeuronPopulation(
      "Out", size: 30, model: .lif, params: lifParameters, vars: ["V": -60, "RefracTime": 0],
      recordSpikes: true)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Fixed", source: "In", target: "Out", matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.3]),
        weightUpdate: .staticPulse,
        weightUpdateVars: ["g": .snippet(.uniform, params: ["min": 0.5, "max": 1.5])],
        postsynaptic: .expCurr, postsynapticParams: ["tau": 5], axonalDelaySteps: 7))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Plastic", source: "In", target: "Out", matrixType: .dense,
        connectivity: .allToAll, weightUpdate: growing, weightUpdateParams: ["dg": 0.01],
        weightUpdateVars: ["g": 0.1], postsynaptic: .deltaCurr))
    return model
  }

  static let amps: [[Double]] = [
    (0..<40).map { 0.8 + 0.02 * Double($0) },
    (0..<40).map { 1.6 - 0.015 * Double($0) },
    (0..<40).map { $0 % 3 == 0 ? 2.0 : 0.0 },
  ]

  @Test(arguments: [1, 2])
  func eachBatchRunsAsTheModelWithItsOwnValues(threads: Int) async throws {
    let batched = try await simulate(
      Self.network(batchSize: 3, amps: Self.amps[0], randomStart: false), threads: threads)
    // Every batch takes the first batch's values unless given its own.
    try batched.setValues(Self.amps.flatMap { $0 }, of: "amp", in: "Amp")
    try batched.run(steps: 400)
    var spikes = 0
    for (batch, amps) in Self.amps.enumerated() {
      let alone = try await simulate(
        Self.network(batchSize: 1, amps: amps, randomStart: false), threads: threads)
      try alone.run(steps: 400)
      for population in ["In", "Out"] {
        let expected = try alone.spikes(of: population)
        #expect(try batched.spikes(of: population, batch: batch) == expected)
        spikes += expected.count
      }
      let g = try batched.values(of: "g", in: "Plastic")
      let perBatch = 40 * 30
      #expect(
        Array(g[(batch * perBatch)..<((batch + 1) * perBatch)])
          == (try alone.values(of: "g", in: "Plastic")))
    }
    #expect(spikes > 100, "the comparison covers spikes")
    // The shared weights have one copy; the per-batch weights one per batch.
    #expect(try batched.layout(of: "g", in: "Fixed").batches == 1)
    #expect(try batched.layout(of: "g", in: "Plastic").batches == 3)
    let unbatched = try await simulate(
      Self.network(batchSize: 1, amps: Self.amps[0], randomStart: false))
    #expect(
      try batched.values(of: "g", in: "Fixed") == (try unbatched.values(of: "g", in: "Fixed")))
  }

  @Test func batchZeroDrawsTheUnbatchedNumbersAndEachBatchItsOwn() async throws {
    let amps = Self.amps[0]
    let batched = try await simulate(Self.network(batchSize: 2, amps: amps, randomStart: true))
    let alone = try await simulate(Self.network(batchSize: 1, amps: amps, randomStart: true))
    let v = try batched.values(of: "V", in: "In")
    let first = Array(v[..<40])
    let second = Array(v[40...])
    #expect(first == (try alone.values(of: "V", in: "In")))
    #expect(first != second)
    #expect(second.allSatisfy { (-65.0...(-50.0)).contains($0) })
    try batched.run(steps: 300)
    try alone.run(steps: 300)
    #expect(try batched.spikes(of: "Out", batch: 0) == (try alone.spikes(of: "Out")))
    #expect(throws: RuntimeError.unknownBatch(2, batches: 2)) {
      try batched.spikes(of: "Out", batch: 2)
    }
  }

  @Test(arguments: [1, 2])
  func resultsDoNotDependOnThreads(threads: Int) async throws {
    let model = Self.network(batchSize: 4, amps: Self.amps[1], randomStart: true)
    let one = try await simulate(model, threads: 1)
    let many = try await simulate(model, threads: threads)
    try one.run(steps: 250)
    try many.run(steps: 250)
    for batch in 0..<4 {
      #expect(try one.spikes(of: "Out", batch: batch) == (try many.spikes(of: "Out", batch: batch)))
    }
    #expect(try one.values(of: "V", in: "Out") == (try many.values(of: "V", in: "Out")))
  }

  /// A SPARSE Conv2D population whose per-batch (READ_WRITE) weights come from a kernel
  /// as its rows are built, which happens once for every batch.
  static func kernelWeights() -> ModelSpec {
    var model = GeneratedConnectivityTests.oneVolley(
      "batched_kernel_weights", pre: 144, post: 144,
      fire: GeneratedConnectivityTests.spikes(count: 144, seed: 7), matrix: .sparse,
      connectivity: .snippet(
        .conv2D,
        params: [
          "conv_kh": 3, "conv_kw": 3, "conv_sh": 1, "conv_sw": 1, "conv_padh": 1,
          "conv_padw": 1, "conv_ih": 12, "conv_iw": 12, "conv_ic": 1, "conv_oh": 12,
          "conv_ow": 12, "conv_oc": 1,
        ]),
      weights: .kernel(GeneratedConnectivityTests.kernel([3, 3, 1, 1])))
    model.batchSize = 2
    model.synapsePopulations[0].weightUpdate = growing
    model.synapsePopulations[0].weightUpdateParams = ["dg": 0]
    return model
  }

  @Test func kernelInitialisedWeightsWithACopyPerBatchStartAlikeInEveryBatch() async throws {
    let batched = try await simulate(Self.kernelWeights())
    var alone = Self.kernelWeights()
    alone.batchSize = 1
    let expected = try await simulate(alone).values(of: "g", in: "Syn")
    #expect(expected.count > 1000 && Set(expected).count > 5)
    #expect(try batched.values(of: "g", in: "Syn") == expected + expected)
    try batched.run(steps: 3)
    let total = try batched.values(of: "total", in: "Post")
    #expect(Array(total[..<144]) == Array(total[144...]) && total.contains { $0 != 0 })
  }

  /// A population whose `V` differs per batch, a custom update that resets it per batch
  /// (GeNN's MNIST tutorial's), one that sums it over batches into a variable shared by
  /// them and takes the maximum into a READ_ONLY neuron variable, and one that sums it over
  /// neurons in each batch.
  static func reductions() -> ModelSpec {
    var model = ModelSpec(name: "batch_reductions", precision: .double, batchSize: 3)
    let still = NeuronModel(
      name: "Still", vars: [Variable("V"), Variable("Peak", access: .readOnly)], simCode: "")
    model.addNeuronPopulation("Pop", size: 4, model: still, vars: ["V": 0, "Peak": 0])
    model.addCustomUpdate(
      CustomUpdate(
        name: "Reset", updateGroup: "Reset",
        model: CustomUpdateModel(
          name: "Reset", varRefs: [CustomUpdateVarReference("V", access: .readWrite)],
          updateCode: "V = (batch * 100.0) + id;\n"),
        varRefs: ["V": .neuronVariable(population: "Pop", variable: "V")]))
    model.addCustomUpdate(
      CustomUpdate(
        name: "AcrossBatches", updateGroup: "Reduce",
        model: CustomUpdateModel(
          name: "AcrossBatches",
          vars: [CustomUpdateVariable("total", access: .reduceBatchSum)],
          varRefs: [
            CustomUpdateVarReference("V", access: .readOnly),
            CustomUpdateVarReference("Peak", access: .reduceMax),
          ],
          updateCode: "total = V;\nPeak = V;\n"),
        vars: ["total": -1],
        varRefs: [
          "V": .neuronVariable(population: "Pop", variable: "V"),
          "Peak": .neuronVariable(population: "Pop", variable: "Peak"),
        ]))
    model.addCustomUpdate(
      CustomUpdate(
        name: "AcrossNeurons", updateGroup: "Reduce",
        model: CustomUpdateModel(
          name: "AcrossNeurons",
          vars: [CustomUpdateVariable("sum", access: .reduceNeuronSum)],
          varRefs: [CustomUpdateVarReference("V", access: .readOnly)],
          updateCode: "sum = V + (num_batch * 0.0);\n"),
        vars: ["sum": -1],
        varRefs: ["V": .neuronVariable(population: "Pop", variable: "V")]))
    return model
  }

  @Test func customUpdatesRunPerBatchAndReduceOverBatches() async throws {
    let simulation = try await simulate(Self.reductions())
    try simulation.customUpdate("Reset")
    let v = (0..<3).flatMap { batch in (0..<4).map { Double(batch * 100 + $0) } }
    #expect(try simulation.values(of: "V", in: "Pop") == v)
    try simulation.customUpdate("Reduce")
    #expect(try simulation.values(of: "total", in: "AcrossBatches") == [300, 303, 306, 309])
    #expect(try simulation.values(of: "Peak", in: "Pop") == [200, 201, 202, 203])
    #expect(try simulation.values(of: "sum", in: "AcrossNeurons") == [6, 406, 806])
    #expect(try simulation.layout(of: "total", in: "AcrossBatches").batches == 1)
    #expect(try simulation.layout(of: "sum", in: "AcrossNeurons").batches == 3)
  }
}
