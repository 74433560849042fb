import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Populations, synapse populations, current sources, custom updates and update groups
/// named as GeNN allows (`Utils::validatePopName`) and its microcircuit example names
/// them: starting with a digit (`23E`, `4I`, `23E_4I`) or an underscore, or a word of C++
/// (`int`, `class`). Such a name never becomes an identifier of the generated code, so
/// the model builds and runs as the same model with every name prefixed by a letter:
/// bit-identical spikes and values on the CPU, and (in ``CUDAEmulationTests``) the same on
/// the CUDA backend.
@Suite struct ElementNameTests {
  /// The model with every element's name prefixed by `prefix`. Weights are dyadic
  /// fractions, so that CUDA's atomic sums are exact in any order.
  static func model(prefix: String = "") -> ModelSpec {
    func name(_ base: String) -> String { prefix + base }
    var model = ModelSpec(name: "element_names", precision: .double, dt: 0.1, seed: 23)
    let lif: [String: Double] = [
      "C": 0.25, "TauM": 10, "Vrest": -65, "Vreset": -65, "Vthresh": -50, "Ioffset": 0,
      "TauRefrac": 2,
    ]
    model.addNeuronPopulation(
      name("0In"), size: 60, model: .poisson, params: ["rate": 80],
      vars: ["timeStepToSpike": .snippet(.exponential, params: ["lambda": 1])], recordSpikes: true)
    for (population, size) in [("23E", 40), ("4I", 20), ("int", 10)] {
      model.addNeuronPopulation(
        name(population), size: size, model: .lif, params: lif,
        vars: ["V": .snippet(.uniform, params: ["min": -65, "max": -55]), "RefracTime": 0],
        recordSpikes: true)
    }
    model.addCurrentSource(name("1DC"), model: .dc, target: name("23E"), params: ["amp": 0.25])
    model.addCurrentSource(
      name("_noise"), model: .gaussianNoise, target: name("4I"), params: ["mean": 0.5, "sd": 0.25])
    let sparse = { (prob: Double) in Connectivity.snippet(.fixedProbability, params: ["prob": prob])
    }
    let synapses: [(String, String, String, SynapseMatrixType, Connectivity, Double, Int)] = [
      ("0In_23E", "0In", "23E", .sparse, sparse(0.25), 0.5, 0),
      ("23E_4I", "23E", "4I", .dense, .allToAll, 0.25, 2),
      ("4I_23E", "4I", "23E", .sparse, sparse(0.5), -0.25, 1),
      ("class", "23E", "int", .bitmask, sparse(0.5), 1, 0),
    ]
    for (synapse, source, target, matrix, connectivity, weight, delay) in synapses {
      let constant = matrix == .bitmask
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name(synapse), source: name(source), target: name(target), matrixType: matrix,
          connectivity: connectivity,
          weightUpdate: constant ? .staticPulseConstantWeight : .staticPulse,
          weightUpdateParams: constant ? ["g": weight] : [:],
          weightUpdateVars: constant ? [:] : ["g": .constant(weight)], postsynaptic: .expCurr,
          postsynapticParams: ["tau": 5], axonalDelaySteps: delay))
    }
    let bump = CustomUpdateModel(
      name: "Bump", params: ["amount"],
      varRefs: [CustomUpdateVarReference("V", access: .readWrite)], updateCode: "V += amount;\n")
    model.addCustomUpdate(
      CustomUpdate(
        name: name("1Bump"), updateGroup: name("2Group"), model: bump, params: ["amount": 4],
        varRefs: ["V": .neuronVariable(population: name("23E"), variable: "V")]))
    return model
  }

  /// The step before which ``model(prefix:)``'s update group runs, and the steps run.
  static let (updateStep, steps) = (100, 300)

  /// Every recorded spike and every neuron variable of `model` after its run on the CPU,
  /// keyed by the population's name without `prefix`.
  static func run(_ model: ModelSpec, prefix: String) async throws -> [String: [Double]] {
    let simulation = try await simulate(model)
    try simulation.run(steps: updateStep)
    try simulation.customUpdate(prefix + "2Group")
    try simulation.run(steps: steps - updateStep)
    var results: [String: [Double]] = [:]
    for population in model.neuronPopulations {
      let base = String(population.name.dropFirst(prefix.count))
      let spikes = try simulation.spikes(of: population.name)
      results[base + " spike times"] = spikes.times
      results[base + " spike ids"] = spikes.ids.map(Double.init)
      for variable in population.model.vars {
        results[base + "." + variable.name] = try simulation.values(
          of: variable.name, in: population.name)
      }
    }
    return results
  }

  @Test func namesGeNNAllowsAreValid() throws {
    try Self.model().validate()
  }

  @Test func runsAsTheSameModelWithLetterPrefixedNames() async throws {
    let digits = try await Self.run(Self.model(), prefix: "")
    let letters = try await Self.run(Self.model(prefix: "P"), prefix: "P")
    #expect(digits == letters)
    for population in ["0In", "23E", "4I", "int"] {
      #expect(digits[population + " spike ids"]?.isEmpty == false, "\(population) spiked")
    }
  }

  /// No name reaches either backend's code outside comments.
  @Test func namesAppearOnlyInComments() throws {
    let model = Self.model(prefix: "9QX")
    for source in [
      try CPUBackend().generate(model).source, try CUDABackend().generate(model).source,
    ] {
      let code = source.split(whereSeparator: \.isNewline).map { line in
        line.range(of: "//").map { line[..<$0.lowerBound] } ?? line
      }
      #expect(!code.contains { $0.contains("9QX") })
    }
  }
}
