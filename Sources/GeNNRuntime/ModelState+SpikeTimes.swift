import GeNNCodeGen

extension ModelState {
  /// GeNN's names of the spike-time arrays of a neuron population, which the views of
  /// variables give too: `sT` (each neuron's last spike time) and `prevST` (the one
  /// before), kept per delay slot where the population has them.
  static let spikeTimeArrays = ["sT", "prevST"]

  /// The position of spike-time array `name` (``spikeTimeArrays``) of `population`, if
  /// its code keeps that array (some code reads `st` or `prev_st`).
  func spikeTimePosition(_ name: String, of population: String) -> Int? {
    switch name {
    case "sT": index[.spikeTimes(population: population)]
    case "prevST": index[.previousSpikeTimes(population: population)]
    default: nil
    }
  }
}
