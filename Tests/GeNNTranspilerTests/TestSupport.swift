@testable import GeNNTranspiler

/// A deterministic generator (SplitMix64), so a failing random case can be replayed
/// from its seed.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The environment of a neuron's sim code, as tests use it: LIF-like names, the maths
/// library and random numbers.
func neuronEnvironment(
  scalar: NumericType = .float, dialect: Dialect = .cpp, withRandom: Bool = true
) -> Environment {
  var environment = Environment(
    context: "neuron population 'Exc', sim code", types: TypeContext(scalar: scalar))
  let real = GeNNType.numeric(scalar)
  environment.add(StandardLibrary.mathematics(for: dialect))
  if withRandom {
    environment.add(StandardLibrary.random(precision: scalar, generator: "&rng"))
  }
  for name in ["V", "RefracTime", "U"] {
    environment.define(name, real, spelling: "group.\(name)[id]", role: "state variable")
  }
  for name in ["Vrest", "Vthresh", "TauM", "Ioffset", "C"] {
    environment.define(name, real.addingConst, spelling: "group.\(name)", role: "parameter")
  }
  environment.define("Isyn", real, spelling: "Isyn", role: "input current")
  environment.define("t", GeNNType.numeric(scalar).addingConst, spelling: "t", role: "time")
  environment.define("dt", real.addingConst, spelling: "DT", role: "time step")
  environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
  environment.define(
    "spikeTimes", real.addingConst.pointer(), spelling: "group.spikeTimes",
    role: "extra global parameter")
  return environment
}
