import GeNNModel
import GeNNRuntime

/// The Vogels-Abbott COBA network of `neurons` neurons (80 % excitatory LIF neurons,
/// 80 synapses per neuron from GeNN's FixedProbability snippet, ExpCond synapses,
/// dt 0.1 ms); with `plastic`, the excitatory-to-excitatory synapses learn by GeNN's
/// built-in STDP rule.
func cobaModel(neurons: Int, plastic: Bool = false) -> ModelSpec {
  let excitatory = neurons * 4 / 5
  let inhibitory = neurons - excitatory
  // 80 synapses per neuron at every size, as in GeNN's and Brian2's benchmark (2 % of 4,000).
  let probability = 80.0 / Double(neurons)
  let lif: [String: Double] = [
    "C": 0.2, "TauM": 20, "Vrest": -49, "Vreset": -60, "Vthresh": -50, "Ioffset": 0,
    "TauRefrac": 5,
  ]
  var model = ModelSpec(name: "coba_\(neurons)", precision: .float, dt: 0.1, seed: 1)
  for (name, size) in [("E", excitatory), ("I", inhibitory)] {
    model.addNeuronPopulation(
      name, size: size, model: .lif, params: lif,
      vars: ["V": .snippet(.uniform, params: ["min": -60, "max": -50]), "RefracTime": 0],
      recordSpikes: true)
  }
  for (source, target) in [("E", "E"), ("E", "I"), ("I", "E"), ("I", "I")] {
    let excitatorySource = source == "E"
    let weight = excitatorySource ? 0.006 : 0.067
    let learns = plastic && source == "E" && target == "E"
    model.addSynapsePopulation(
      SynapsePopulation(
        name: source + target, source: source, target: target, matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": probability]),
        weightUpdate: learns ? .stdp : .staticPulseConstantWeight,
        weightUpdateParams: learns
          ? [
            "tauPlus": 20, "tauMinus": 20, "Aplus": 0.0001, "Aminus": 0.000105, "Wmin": 0,
            "Wmax": 0.012,
          ] : ["g": weight],
        weightUpdateVars: learns ? ["g": .constant(weight)] : [:], postsynaptic: .expCond,
        postsynapticParams: excitatorySource ? ["tau": 5, "E": 0] : ["tau": 10, "E": -80]))
  }
  return model
}

/// The synapses of `model`'s SPARSE populations in `simulation`, counted from their row
/// lengths in place (no copy of the connectivity).
func storedSynapses(of model: ModelSpec, in simulation: Simulation) throws -> Int {
  try model.synapsePopulations.reduce(0) { total, synapses in
    let lengths = try simulation.sparseRows(of: synapses.name).rowLengths
    let rows = lengths.pointer.assumingMemoryBound(to: UInt32.self)
    return total + (0..<lengths.count).reduce(0) { $0 + Int(rows[$1]) }
  }
}
