import GeNNModel
import Testing

@testable import GeNNRuntime

/// Integer `/` and `%` in code strings never kill the process: a divisor of 0 (or the
/// smallest value over -1), which traps in C++, stops the run with an error naming the
/// code, and every other division gives C++'s result.
@Suite struct IntegerDivisionTests {
  /// One population of four neurons with `V` and an integer `n` (starting at `n`).
  static func model(_ name: String, sim: String, n: Double) -> ModelSpec {
    var model = ModelSpec(name: name, precision: .double)
    model.addNeuronPopulation(
      "N", size: 4,
      model: NeuronModel(
        name: "Dividing", vars: [Variable("V"), Variable("n", "int")], simCode: sim),
      vars: ["V": 0, "n": .constant(n)])
    return model
  }

  @Test(arguments: [
    "V += (scalar)(100 / n);", "V += (scalar)(100 % n);", "n /= n;", "n %= n;",
    "int m = -2147483647 - 1; V += (scalar)(m / (n - 1));",
    "int m = -2147483647 - 1; V += (scalar)(m % (n - 1));", "V += (scalar)(1u / (unsigned int)n);",
  ])
  func divisionThatWouldTrapStopsTheRun(_ sim: String) async throws {
    let simulation = try await simulate(Self.model("divide_by_zero", sim: sim, n: 0))
    #expect {
      try simulation.run(steps: 3)
    } throws: { error in
      guard case .integerDivisionByZero(let code) = error as? RuntimeError else { return false }
      return code.contains("neuron population 'N'") && code.contains("sim code")
    }
  }

  @Test func divisionsWithAResultGiveCsResult() async throws {
    let simulation = try await simulate(
      Self.model(
        "divide_by_three",
        sim: "V += (scalar)(-7 / n) + (scalar)(-7 % n) * 10.0; n += 0; n /= 1; n %= 4;", n: 3))
    try simulation.run(steps: 2)
    // -7 / 3 == -2 and -7 % 3 == -1 in C++ (truncation towards zero).
    #expect(try simulation.values(of: "V", in: "N") == [-24, -24, -24, -24])
  }

  @Test func connectivityBuiltWithARemainderByZeroStops() async throws {
    var model = ModelSpec(name: "remainder_in_rows", precision: .double)
    model.addNeuronPopulation(
      "A", size: 3, model: .poisson, params: ["rate": 1], vars: ["timeStepToSpike": 0])
    model.addNeuronPopulation(
      "B", size: 3, model: .poisson, params: ["rate": 1], vars: ["timeStepToSpike": 0])
    let snippet = ConnectivitySnippet(
      name: "Modulo", params: ["stride"], paramTypes: ["stride": "unsigned int"],
      rowBuildCode: "addSynapse(id_pre % stride);", maxRowLength: { _, _, _ in 1 })
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "A", target: "B", matrixType: .sparse,
        connectivity: .snippet(snippet, params: ["stride": 0]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": 1], postsynaptic: .deltaCurr))
    await #expect {
      _ = try await simulate(model)
    } throws: { error in
      if case .integerDivisionByZero = error as? RuntimeError { true } else { false }
    }
  }
}
