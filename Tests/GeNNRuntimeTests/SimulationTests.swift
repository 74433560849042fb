import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// The `Simulation` API: stepping, time, reading and writing state, recording,
/// reinitialising, and its errors.
@Suite struct SimulationTests {
  static func lifModel(name: String = "simulation_api") -> ModelSpec {
    var model = ModelSpec(name: name, precision: .double, dt: 0.1)
    model.addNeuronPopulation(
      "Pop", size: 4, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 1.5,
        "TauRefrac": 2,
      ],
      vars: ["V": [-70, -60, -55, -51], "RefracTime": 0], recordSpikes: true)
    model.addNeuronPopulation(
      "Quiet", size: 2, model: .lif,
      params: [
        "C": 1, "TauM": 20, "Vrest": -70, "Vreset": -70, "Vthresh": -50, "Ioffset": 0,
        "TauRefrac": 2,
      ],
      vars: ["V": -70, "RefracTime": 0])
    model.addCurrentSource(
      "Ramp", model: .poissonExp, target: "Pop", params: ["weight": 0, "tauSyn": 5, "rate": 10],
      vars: ["current": 0])
    return model
  }

  @Test func timeAdvancesByWholeSteps() async throws {
    let simulation = try await simulate(Self.lifModel())
    #expect(simulation.timestep == 0)
    #expect(simulation.t == 0)
    try simulation.step()
    try simulation.run(steps: 9)
    #expect(simulation.timestep == 10)
    #expect(simulation.t == 10 * 0.1)
    try simulation.run(duration: 5)
    #expect(simulation.timestep == 60)
  }

  @Test func stateCanBeReadAndWritten() async throws {
    let simulation = try await simulate(Self.lifModel())
    #expect(try simulation.values(of: "V", in: "Pop") == [-70, -60, -55, -51])
    try simulation.setValues([-52, -52, -52, -52], of: "V", in: "Pop")
    try simulation.step()
    let v = try simulation.values(of: "V", in: "Pop")
    // LIF: V = alpha - ExpTC * (alpha - V) with alpha = Ioffset * R + Vrest.
    let alpha = 1.5 * 20 - 70.0
    let expected = alpha - exp(-0.1 / 20) * (alpha - -52.0)
    #expect(v.allSatisfy { $0 == expected })
    #expect(try simulation.values(of: "current", in: "Ramp") == [0, 0, 0, 0])
  }

  @Test func spikesAreRecordedWithStepsAndIds() async throws {
    let simulation = try await simulate(Self.lifModel())
    try simulation.run(steps: 2500)  // more than the native buffer holds, to exercise gathering
    let spikes = try simulation.spikes(of: "Pop")
    #expect(spikes.count > 20)
    #expect(spikes.steps == spikes.steps.sorted())
    #expect(Set(spikes.ids).isSubset(of: [0, 1, 2, 3]))
    #expect(zip(spikes.steps, spikes.times).allSatisfy { Double($0) * 0.1 == $1 })
    // The neuron that starts closest to threshold fires first.
    #expect(spikes.ids.first == 3)
  }

  @Test func variablesAreSampledAfterEveryStep() async throws {
    let simulation = try await simulate(Self.lifModel())
    try simulation.record("V", of: "Pop")
    simulation.reserveRecording(steps: 20)
    try simulation.run(steps: 20)
    let recording = try simulation.recording(of: "V", in: "Pop")
    #expect(recording.steps == Array(0..<20))
    #expect(recording.width == 4)
    #expect(recording.values.count == 80)
    #expect(Array(recording.row(19)) == (try simulation.values(of: "V", in: "Pop")))
  }

  @Test func variablesCanBeSampledAtChosenSteps() async throws {
    let every = try await simulate(Self.lifModel())
    let all = try await simulate(Self.lifModel())
    try every.record("V", of: "Pop", every: 7)
    try all.record("V", of: "Pop")
    every.reserveRecording(steps: 50)
    try every.run(steps: 23)
    try every.run(steps: 27)
    try all.run(steps: 50)
    let sampled = try every.recording(of: "V", in: "Pop")
    let full = try all.recording(of: "V", in: "Pop")
    #expect(sampled.steps == [6, 13, 20, 27, 34, 41, 48])
    for (row, step) in sampled.steps.enumerated() {
      #expect(sampled.row(row) == full.row(Int(step)))
    }
    // Sampling does not change the simulation.
    #expect(try every.spikes(of: "Pop") == all.spikes(of: "Pop"))
  }

  @Test func reinitialiseStartsOverIdentically() async throws {
    let simulation = try await simulate(Self.lifModel())
    try simulation.run(steps: 700)
    let first = try simulation.spikes(of: "Pop")
    let v = try simulation.values(of: "V", in: "Pop")
    simulation.reinitialise()
    #expect(simulation.timestep == 0)
    #expect(try simulation.values(of: "V", in: "Pop") == [-70, -60, -55, -51])
    #expect(try simulation.spikes(of: "Pop").count == 0)
    try simulation.run(steps: 700)
    #expect(try simulation.spikes(of: "Pop") == first)
    #expect(try simulation.values(of: "V", in: "Pop") == v)
  }

  @Test func mistakesAreReportedWithWhatIsAvailable() async throws {
    let simulation = try await simulate(Self.lifModel())
    #expect(throws: RuntimeError.unknownPopulation("Popp", available: ["Pop", "Quiet", "Ramp"])) {
      try simulation.values(of: "V", in: "Popp")
    }
    #expect(
      throws: RuntimeError.unknownVariable("v", population: "Pop", available: ["V", "RefracTime"])
    ) {
      try simulation.values(of: "v", in: "Pop")
    }
    #expect(throws: RuntimeError.wrongLength(variable: "V", population: "Pop", expected: 4, got: 3))
    {
      try simulation.setValues([1, 2, 3], of: "V", in: "Pop")
    }
    #expect(throws: RuntimeError.notRecorded(population: "Quiet")) {
      try simulation.spikes(of: "Quiet")
    }
    let description = RuntimeError.unknownPopulation("Popp", available: ["Pop"]).description
    #expect(description.contains("'Popp'") && description.contains("Pop"))
  }

  @Test func anUnchangedModelIsNotRebuilt() async throws {
    let model = Self.lifModel(name: "simulation_rebuild")
    _ = try await simulate(model)
    let second = try await simulate(model)
    #expect(second.build.cacheHit)
    #expect(second.build.compileSeconds < 1)
    let source = second.build.directory.appendingPathComponent("model.cc")
    let text = try String(contentsOf: source, encoding: .utf8)
    #expect(text.contains("neuron populations 'Pop'") || text.contains("neuron population 'Pop'"))
  }

  @Test func invalidModelsFailBeforeCompiling() async throws {
    var model = Self.lifModel(name: "simulation_invalid")
    model.neuronPopulations[0].params["TauM"] = nil
    do {
      _ = try await simulate(model)
      Issue.record("an invalid model must not build")
    } catch {
      #expect("\(error)".contains("neuron population 'Pop': parameter 'TauM' has no value"))
    }
  }
}
