import GeNNTranspiler

/// The size and batch names GeNN 5.4 gives code strings (`num_neurons`, `num_pre`,
/// `num_post`, `num_batch`, `batch`), defined where its code generator's environments
/// define them (`buildStandardNeuronEnvironment`, `buildStandardSynapseEnvironment` and
/// the backends' update functions).
extension Environment {
  /// Defines `num_batch`, the number of batches `batches`, and, in code run for one
  /// batch at a time (update code, not initialisation), `batch`, its index: the group
  /// struct's `batch` field where there are several, else 0.
  mutating func defineBatchNames(update: Bool, batches: Int) {
    let index32 = GeNNType.uint32.addingConst
    define("num_batch", index32, spelling: "\(batches)u", role: "number of batches")
    if update {
      define(
        "batch", index32, spelling: batches > 1 ? "group.batch" : "0u", role: "batch index")
    }
  }

  /// Defines `num_neurons`, the size of the neuron population the code runs for, read
  /// from `spelling`, with the batch names.
  mutating func defineNeuronSizes(_ spelling: String, update: Bool, batches: Int) {
    define(
      "num_neurons", GeNNType.uint32.addingConst, spelling: spelling, role: "number of neurons")
    defineBatchNames(update: update, batches: batches)
  }

  /// Defines `num_pre` and `num_post`, the sizes of a synapse population's source and
  /// target (the group struct's `numSrcNeurons` and `numTrgNeurons`), with the batch
  /// names.
  mutating func defineSynapseSizes(update: Bool, batches: Int) {
    let index32 = GeNNType.uint32.addingConst
    define(
      "num_pre", index32, spelling: "group.numSrcNeurons", role: "presynaptic population size")
    define(
      "num_post", index32, spelling: "group.numTrgNeurons", role: "postsynaptic population size")
    defineBatchNames(update: update, batches: batches)
  }
}
