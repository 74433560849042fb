import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// The CUDA backend checks indexes of extra global parameters as the CPU backend does
/// (issue 17, item 3): the kernels compile with NVRTC; emulated on the CPU, indexes in
/// range give the CPU backend's values, and an index out of range leaves the record from
/// which the host reports the CPU backend's error.
@Suite struct CUDAIndexBoundsTests {
  /// Extra global parameters indexed by every kind of code: a neuron's sim code
  /// (`sim`), a current source, a weight update model's synapse and presynaptic spike
  /// code, and a custom update (group "Shift"). Every value is a small dyadic fraction,
  /// so the atomic sums of the CUDA backend are exact in any order.
  static func model(_ name: String, sim: String) -> ModelSpec {
    var model = ModelSpec(name: name, precision: .double, dt: 0.1, seed: 3)
    let neuron = NeuronModel(
      name: "Tabled", vars: [Variable("V")],
      extraGlobalParams: [ExtraGlobalParameter("e", "scalar*")], simCode: sim,
      thresholdConditionCode: "V > 1.5", resetCode: "V = 0.0;")
    model.addNeuronPopulation(
      "N", size: 40, model: neuron, vars: ["V": 0], extraGlobalParams: ["e": [0.25, 0.5, 0.75]],
      recordSpikes: true)
    model.addCurrentSource(
      "Drive",
      model: CurrentSourceModel(
        name: "TableDrive", extraGlobalParams: [ExtraGlobalParameter("amps", "scalar*")],
        injectionCode: "injectCurrent(amps[id % 4u]);"),
      target: "N", extraGlobalParams: ["amps": [0.125, 0.25, 0.375, 0.5]])
    let weightUpdate = WeightUpdateModel(
      name: "TablePulse", preVars: [Variable("count")],
      extraGlobalParams: [ExtraGlobalParameter("table", "scalar*")],
      preSpikeSynCode: "addToPost(table[id_post % 2u]);", preSpikeCode: "count += table[1];")
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "N", target: "N", matrixType: .dense, connectivity: .allToAll,
        weightUpdate: weightUpdate, weightUpdatePreVars: ["count": 0],
        weightUpdateExtraGlobalParams: ["table": [0.0625, 0.125]], postsynaptic: .deltaCurr))
    let shift = CustomUpdateModel(
      name: "TableShift", varRefs: [CustomUpdateVarReference("V", access: .readWrite)],
      extraGlobalParams: [ExtraGlobalParameter("offsets", "scalar*")],
      updateCode: "V += offsets[id % 2u];\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: "ShiftV", updateGroup: "Shift", model: shift,
        varRefs: ["V": .neuronVariable(population: "N", variable: "V")],
        extraGlobalParams: ["offsets": [0.25, -0.25]]))
    return model
  }

  static let inRange = "V = 0.5 * V + e[id % 3u] + Isyn * 0.5;"
  /// One neuron (so one thread on any device) indexes out of range.
  static let outOfRange = "V = 0.5 * V + e[id == 7u ? 100u : 0u] + Isyn * 0.5;"

  @Test(
    "every kind of code that indexes extra global parameters compiles with NVRTC",
    .enabled(
      if: CUDAReferenceCompileTests.location.path != nil,
      Comment(rawValue: CUDAReferenceCompileTests.location.reason)))
  func compiles() throws {
    try CUDAReferenceCompileTests.compile(
      try CUDABackend(checkIndices: true).generate(
        Self.model("cuda_egp_bounds", sim: Self.inRange)),
      name: "cuda_egp_bounds")
  }

  @Test(
    "emulated on the CPU: indexes in range give the CPU backend's values",
    .enabled(if: CUDAEmulationTests.enabled, CUDAEmulationTests.reason))
  func inRangeAgreesWithCPU() async throws {
    let model = Self.model("cuda_egp_in_range", sim: Self.inRange)
    let steps = 30
    let (arrays, index, _, _) = try CUDAEmulationTests.emulate(
      model, steps: steps, schedule: [(step: 10, group: "Shift")])
    let cpu = try await simulate(model)
    try cpu.run(steps: 10)
    try cpu.customUpdate("Shift")
    try cpu.run(steps: steps - 10)
    let record = arrays[index[.outOfRangeIndex]!].outOfRangeRecord
    #expect(record == [0, 0, 0, 0])
    let v = VariableView(array: arrays[index[.neuronVariable(population: "N", variable: "V")]!])
    #expect(v.load() == (try cpu.values(of: "V", in: "N")))
    let count = VariableView(
      array: arrays[index[.weightUpdatePreVariable(synapses: "Syn", variable: "count")]!])
    #expect(count.load() == (try cpu.values(of: "count", in: "Syn")))
    let spikes = CUDAEmulationTests.recorded(
      arrays[index[.spikeRecording(population: "N")]!], size: 40, steps: steps)
    #expect(spikes == CUDAEmulationTests.pairs(try cpu.spikes(of: "N")))
    #expect(!spikes.isEmpty)
  }

  @Test(
    "emulated on the CPU: an index out of range gives the CPU backend's error",
    .enabled(if: CUDAEmulationTests.enabled, CUDAEmulationTests.reason))
  func outOfRangeAgreesWithCPU() async throws {
    let model = Self.model("cuda_egp_out_of_range", sim: Self.outOfRange)
    let (arrays, index, _, _) = try CUDAEmulationTests.emulate(model, steps: 2)
    let error = OutOfRangeRecord.error(
      arrays[index[.outOfRangeIndex]!].outOfRangeRecord, arrays: arrays.map(\.layout))
    let expected = RuntimeError.indexOutOfRange(
      element: "neuron population 'N'", array: "extra global parameter 'e'", index: "100", size: 3)
    #expect(error == expected)
    let cpu = try await simulate(model)
    #expect(throws: expected) { try cpu.run(steps: 2) }
  }
}
