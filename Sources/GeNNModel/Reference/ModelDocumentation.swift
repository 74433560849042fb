/// What GeNN's documentation says about one built-in model: a summary, and for each
/// parameter, variable, reference and extra global parameter its unit and meaning.
///
/// Units are GeNN's: time in ms, potentials in mV, currents in nA, capacitances in nF,
/// conductances in uS, rates in Hz (`include/genn/genn/*Models.h` and GeNN's
/// documentation of 5.4). `1` is a number without unit; `weight` is nA where the
/// postsynaptic model takes a current (`ExpCurr`, `DeltaCurr`) and uS where it takes a
/// conductance (`ExpCond`); `as variable` is the unit of the variable being initialised.
struct ModelDocumentation: Sendable {
  /// A unit and what the value means.
  struct Entry: Sendable {
    var unit: String
    var meaning: String
  }

  var summary: String
  var entries: [String: Entry]

  init(_ summary: String, _ entries: [String: (unit: String, meaning: String)] = [:]) {
    self.summary = summary
    self.entries = entries.mapValues { Entry(unit: $0.unit, meaning: $0.meaning) }
  }

  /// The documentation of built-in model `name` of `kind`, if there is one.
  static func of(_ kind: ModelKind, _ name: String) -> ModelDocumentation? {
    table[kind]?[name]
  }

  /// The unit of a weight: nA or uS, as the postsynaptic model takes a current or a
  /// conductance.
  static let weight = "weight"
  /// The unit of an initialiser's value: that of the variable it initialises.
  static let asVariable = "as variable"

  private static let table: [ModelKind: [String: ModelDocumentation]] = [
    .neuron: [
      "RulkovMap": ModelDocumentation(
        "Rulkov's map neuron in Nowotny's 1-D form; meaningful at dt = 0.5 ms.",
        [
          "Vspike": ("mV", "amplitude of spikes, typically 60"),
          "alpha": ("1", "shape of the iteration function, typically 3"),
          "y": ("1", "shift (excitation) of the iteration function, originally -2.468"),
          "beta": ("MOhm", "scale of the input, like an input resistance, typically 2.64"),
          "V": ("mV", "membrane potential"),
          "preV": ("mV", "membrane potential at the previous time step"),
        ]),
      "Izhikevich": ModelDocumentation(
        "Izhikevich's 2003 model: V by two Euler half steps, U by one; spikes at V >= 30.",
        [
          "a": ("1/ms", "time scale of U"), "b": ("1/ms", "sensitivity of U to V"),
          "c": ("mV", "value V is reset to after a spike"),
          "d": ("mV/ms", "increment of U after a spike"),
          "V": ("mV", "membrane potential"), "U": ("mV/ms", "membrane recovery variable"),
        ]),
      "IzhikevichVariable": ModelDocumentation(
        "Izhikevich with a, b, c, d per neuron, as read-only variables.",
        [
          "V": ("mV", "membrane potential"), "U": ("mV/ms", "membrane recovery variable"),
          "a": ("1/ms", "time scale of U"), "b": ("1/ms", "sensitivity of U to V"),
          "c": ("mV", "value V is reset to after a spike"),
          "d": ("mV/ms", "increment of U after a spike"),
        ]),
      "LIF": ModelDocumentation(
        "Leaky integrate-and-fire neuron with an absolute refractory period.",
        [
          "C": ("nF", "membrane capacitance"), "TauM": ("ms", "membrane time constant"),
          "Vrest": ("mV", "resting membrane potential"),
          "Vreset": ("mV", "potential V is reset to after a spike"),
          "Vthresh": ("mV", "spiking threshold"), "Ioffset": ("nA", "offset current"),
          "TauRefrac": ("ms", "refractory period"),
          "V": ("mV", "membrane potential"),
          "RefracTime": ("ms", "refractory time left; 0 when not refractory"),
        ]),
      "SpikeSourceArray": ModelDocumentation(
        "Emits the spikes listed in spikeTimes, from startSpike to endSpike for each neuron.",
        [
          "startSpike": ("1", "index in spikeTimes of the neuron's next spike"),
          "endSpike": ("1", "index in spikeTimes after the neuron's last spike"),
          "spikeTimes": ("ms", "the spike times of all neurons, each neuron's sorted"),
        ]),
      "Poisson": ModelDocumentation(
        "Poisson spike source at a mean rate.",
        [
          "rate": ("Hz", "mean firing rate"),
          "timeStepToSpike": ("1", "time steps to the next spike; start at 0"),
        ]),
      "TraubMiles": ModelDocumentation(
        "Hodgkin-Huxley neuron after Traub and Miles, 25 Euler sub-steps per time step.",
        [
          "gNa": ("uS", "sodium conductance, typically 7.15"),
          "ENa": ("mV", "sodium reversal potential, typically 50"),
          "gK": ("uS", "potassium conductance, typically 1.43"),
          "EK": ("mV", "potassium reversal potential, typically -95"),
          "gl": ("uS", "leak conductance, typically 0.02672"),
          "El": ("mV", "leak reversal potential, typically -63.563"),
          "C": ("nF", "membrane capacitance, typically 0.143"),
          "V": ("mV", "membrane potential"),
          "m": ("1", "sodium channel activation probability"),
          "h": ("1", "sodium channel non-inactivation probability"),
          "n": ("1", "potassium channel activation probability"),
        ]),
    ],
    .weightUpdate: [
      "StaticPulse": ModelDocumentation(
        "Adds each synapse's weight g to the target's input on each presynaptic spike.",
        ["g": (weight, "synaptic weight")]),
      "StaticPulseConstantWeight": ModelDocumentation(
        "StaticPulse with one weight g for all synapses.",
        ["g": (weight, "synaptic weight")]),
      "StaticPulseDendriticDelay": ModelDocumentation(
        "StaticPulse delivering each synapse's weight after its own dendritic delay d.",
        ["g": (weight, "synaptic weight"), "d": ("1", "dendritic delay in time steps")]),
      "StaticGraded": ModelDocumentation(
        "Graded synapse: while the presynaptic V is above Epre, delivers "
          + "max(0, g * tanh((V - Epre) / Vslope) * dt) each step.",
        [
          "Epre": ("mV", "presynaptic threshold potential"),
          "Vslope": ("mV", "activation slope of graded release"),
          "g": (weight, "synaptic weight"),
          "V": ("mV", "presynaptic membrane potential (a reference)"),
        ]),
      "STDP": ModelDocumentation(
        "Additive nearest-neighbour STDP with hard bounds [Wmin, Wmax].",
        [
          "tauPlus": ("ms", "potentiation time constant"),
          "tauMinus": ("ms", "depression time constant"),
          "Aplus": (weight, "rate of potentiation"), "Aminus": (weight, "rate of depression"),
          "Wmin": (weight, "minimum weight"), "Wmax": (weight, "maximum weight"),
          "g": (weight, "synaptic weight"),
        ]),
    ],
    .postsynaptic: [
      "ExpCurr": ModelDocumentation(
        "Exponentially decaying current.", ["tau": ("ms", "decay time constant")]),
      "ExpCond": ModelDocumentation(
        "Exponentially decaying conductance with a reversal potential.",
        [
          "tau": ("ms", "decay time constant"), "E": ("mV", "reversal potential"),
          "V": ("mV", "the target neuron's membrane potential (a reference)"),
        ]),
      "DeltaCurr": ModelDocumentation("Input delivered in full in the next step."),
    ],
    .currentSource: [
      "DC": ModelDocumentation("A constant current.", ["amp": ("nA", "amplitude of the current")]),
      "GaussianNoise": ModelDocumentation(
        "Gaussian noise current, drawn every step.",
        ["mean": ("nA", "mean of the current"), "sd": ("nA", "standard deviation")]),
      "PoissonExp": ModelDocumentation(
        "Current from a Poisson spike train through an exponential synapse.",
        [
          "weight": ("nA", "weight of each Poisson spike"),
          "tauSyn": ("ms", "decay time constant"), "rate": ("Hz", "mean rate of the spikes"),
          "current": ("nA", "the current injected"),
        ]),
    ],
    .customUpdate: [
      "Transpose": ModelDocumentation(
        "Writes the transpose of a DENSE weight update variable into another population's.",
        ["variable": (asVariable, "the variable transposed (a reference)")])
    ],
    .variableInitialisation: [
      "Constant": ModelDocumentation(
        "The same value everywhere.", ["constant": (asVariable, "the value")]),
      "Uniform": ModelDocumentation(
        "Uniformly distributed.",
        ["min": (asVariable, "the minimum value"), "max": (asVariable, "the maximum value")]),
      "Normal": ModelDocumentation(
        "Normally distributed.",
        ["mean": (asVariable, "the mean"), "sd": (asVariable, "the standard deviation")]),
      "NormalClipped": ModelDocumentation(
        "Normally distributed, redrawn until within [min, max].",
        [
          "mean": (asVariable, "the mean"), "sd": (asVariable, "the standard deviation"),
          "min": (asVariable, "the minimum value"), "max": (asVariable, "the maximum value"),
        ]),
      "NormalClippedDelay": ModelDocumentation(
        "NormalClipped in ms, converted to whole time steps: for delays.",
        [
          "mean": ("ms", "the mean"), "sd": ("ms", "the standard deviation"),
          "min": ("ms", "the minimum value"), "max": ("ms", "the maximum value"),
        ]),
      "Exponential": ModelDocumentation(
        "Exponentially distributed.", ["lambda": (asVariable, "the scale (mean)")]),
      "Gamma": ModelDocumentation(
        "Gamma distributed.",
        ["a": ("1", "the shape"), "b": (asVariable, "the scale")]),
      "Binomial": ModelDocumentation(
        "Binomially distributed.",
        ["n": ("1", "the number of trials"), "p": ("1", "the probability of success")]),
    ],
    .connectivity: [
      "OneToOne": ModelDocumentation("Neuron i to neuron i."),
      "FixedProbability": ModelDocumentation(
        "Each pair connected with probability prob.",
        ["prob": ("1", "probability of connection, in [0, 1]")]),
      "FixedProbabilityNoAutapse": ModelDocumentation(
        "FixedProbability without connections from a neuron to itself.",
        ["prob": ("1", "probability of connection, in [0, 1]")]),
      "FixedNumberPostWithReplacement": ModelDocumentation(
        "Each source neuron connected to num targets drawn with replacement.",
        ["num": ("1", "targets per source neuron")]),
      "FixedNumberPreWithReplacement": ModelDocumentation(
        "Each target neuron connected from num sources drawn with replacement.",
        ["num": ("1", "sources per target neuron")]),
      "FixedNumberTotalWithReplacement": ModelDocumentation(
        "num synapses in all, between pairs drawn with replacement.",
        ["num": ("1", "synapses in all")]),
      "Conv2D": ModelDocumentation(
        "A 2D convolution (channel fastest) with strides and padding; synapses carry their "
          + "kernel indices.",
        [
          "conv_kh": ("1", "kernel height"), "conv_kw": ("1", "kernel width"),
          "conv_sh": ("1", "vertical stride"), "conv_sw": ("1", "horizontal stride"),
          "conv_padh": ("1", "vertical padding"), "conv_padw": ("1", "horizontal padding"),
          "conv_ih": ("1", "input height"), "conv_iw": ("1", "input width"),
          "conv_ic": ("1", "input channels"), "conv_oh": ("1", "output height"),
          "conv_ow": ("1", "output width"), "conv_oc": ("1", "output channels"),
        ]),
    ],
    .toeplitzConnectivity: [
      "Conv2D": ModelDocumentation(
        "A 2D convolution with stride 1 and same-style borders, by diagonals.",
        [
          "conv_kh": ("1", "kernel height"), "conv_kw": ("1", "kernel width"),
          "conv_ih": ("1", "input height"), "conv_iw": ("1", "input width"),
          "conv_ic": ("1", "input channels"), "conv_oh": ("1", "output height"),
          "conv_ow": ("1", "output width"), "conv_oc": ("1", "output channels"),
        ]),
      "AvgPoolConv2D": ModelDocumentation(
        "Average pooling followed by a 2D convolution, by diagonals.",
        [
          "conv_kh": ("1", "convolution kernel height"),
          "conv_kw": ("1", "convolution kernel width"),
          "pool_kh": ("1", "pooling kernel height"), "pool_kw": ("1", "pooling kernel width"),
          "pool_sh": ("1", "vertical pooling stride"),
          "pool_sw": ("1", "horizontal pooling stride"),
          "pool_ih": ("1", "pooling input height"), "pool_iw": ("1", "pooling input width"),
          "pool_ic": ("1", "pooling input channels"), "conv_oh": ("1", "output height"),
          "conv_ow": ("1", "output width"), "conv_oc": ("1", "output channels"),
        ]),
    ],
  ]
}
