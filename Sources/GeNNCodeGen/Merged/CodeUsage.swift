import GeNNModel
import GeNNTranspiler

/// The optional state a model's code needs, found as GeNN finds it: by the identifiers
/// its code strings use. Spike times cost a store per spike and previous spike times a
/// pass over each step's spikes, so only populations whose code reads them keep them.
struct CodeUsage {
  /// One side of one synapse population, for its spike-like events.
  struct Side: Hashable {
    var synapses: String
    var side: SynapseSide
  }

  /// Populations whose latest spike times (`st`, `st_pre`, `st_post`) are read.
  private(set) var spikeTimes: Set<String> = []
  /// Populations whose previous spike times (`prev_st_pre`, `prev_st_post`) are read
  /// (they keep latest spike times too, which tell who spiked in the last step).
  private(set) var previousSpikeTimes: Set<String> = []
  /// Event sides whose latest event times (`set`, `set_pre`, `set_post`) are read.
  private(set) var eventTimes: Set<Side> = []
  /// Event sides whose previous event times are read.
  private(set) var previousEventTimes: Set<Side> = []
  /// Synapse populations whose code calls `addToPre`.
  private(set) var presynapticOutput: Set<String> = []
  /// Each neuron population's variables kept per delay slot
  /// (``GeNNModel/ModelSpec/queuedVariables(of:)``), found once per model.
  private(set) var queuedVariables: [String: Set<String>] = [:]
  /// Which synapse populations share a postsynaptic model and its arrays.
  let fusion: PostsynapticFusion

  init(model: ModelSpec) {
    fusion = model.postsynapticFusion
    for population in model.neuronPopulations {
      queuedVariables[population.name] = model.queuedVariables(of: population.name)
    }
    for population in model.neuronPopulations {
      let neuron = population.model
      if Self.uses("st", in: [neuron.simCode, neuron.thresholdConditionCode, neuron.resetCode]) {
        spikeTimes.insert(population.name)
      }
    }
    for synapses in model.synapsePopulations {
      let model = synapses.weightUpdate
      let synapseCode = model.synapseCode.map(\.code)
      let pre = [model.preSpikeCode, model.preDynamicsCode]
      let post = [model.postSpikeCode, model.postDynamicsCode]
      if Self.uses("st_pre", in: synapseCode + pre) { spikeTimes.insert(synapses.source) }
      if Self.uses("st_post", in: synapseCode + post) { spikeTimes.insert(synapses.target) }
      if Self.uses("prev_st_pre", in: synapseCode) { previousSpikeTimes.insert(synapses.source) }
      if Self.uses("prev_st_post", in: synapseCode) {
        previousSpikeTimes.insert(synapses.target)
      }
      let preSide = Side(synapses: synapses.name, side: .presynaptic)
      let postSide = Side(synapses: synapses.name, side: .postsynaptic)
      if model.hasPreEvents {
        let condition = [model.preEventThresholdConditionCode]
        if Self.uses("set_pre", in: synapseCode) || Self.uses("set", in: condition) {
          eventTimes.insert(preSide)
        }
        if Self.uses("prev_set_pre", in: synapseCode) || Self.uses("prev_set", in: condition) {
          previousEventTimes.insert(preSide)
        }
      }
      if model.hasPostEvents {
        let condition = [model.postEventThresholdConditionCode]
        if Self.uses("set_post", in: synapseCode) || Self.uses("set", in: condition) {
          eventTimes.insert(postSide)
        }
        if Self.uses("prev_set_post", in: synapseCode) || Self.uses("prev_set", in: condition) {
          previousEventTimes.insert(postSide)
        }
      }
      if Self.uses("addToPre", in: synapseCode) { presynapticOutput.insert(synapses.name) }
    }
    // Custom updates referencing spike times need them kept.
    for update in model.customUpdates {
      for target in update.varRefs.values {
        switch target {
        case .spikeTimes(let population): spikeTimes.insert(population)
        case .previousSpikeTimes(let population): previousSpikeTimes.insert(population)
        default: break
        }
      }
    }
    spikeTimes.formUnion(previousSpikeTimes)
    eventTimes.formUnion(previousEventTimes)
  }

  /// Whether any of `code` uses the identifier `name`.
  static func uses(_ name: String, in code: [String]) -> Bool {
    code.contains { $0.usesIdentifier(name) }
  }
}
