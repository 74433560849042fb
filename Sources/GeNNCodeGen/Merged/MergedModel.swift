import GeNNModel
import GeNNTranspiler

/// What every backend derives from a model before writing any code (GeNN's
/// `ModelSpecMerged`): its types, the optional state its code needs, the arrays of its
/// state and the merged groups.
struct MergedModel {
  /// The model.
  let model: ModelSpec
  /// Its types (`scalar`, time).
  let types: TypeContext
  /// The optional state its code needs.
  let usage: CodeUsage
  /// The arrays of its state, in binding order.
  let memory: MemoryPlan
  /// Its neuron populations, merged by structure.
  let neuronGroups: [MergedNeuronGroup]
  /// Its variable initialisation, merged by structure.
  let initGroups: [MergedInitGroup]
  /// Its synapse populations, merged by structure.
  let synapseGroups: [MergedSynapseGroup]
  /// Its dynamic parameters, in the order the setter numbers them.
  let dynamicParameters: [DynamicParameter]

  /// Derives everything for `model`; `checkIndices` makes room for the record of an
  /// out-of-range index (``MemoryPlan``).
  init(_ model: ModelSpec, checkIndices: Bool) {
    self.model = model
    self.types = TypeContext(
      scalar: model.precision.numericType, timepoint: model.timePrecision.numericType)
    self.usage = CodeUsage(model: model)
    self.memory = MemoryPlan(model: model, types: types, usage: usage, checkIndices: checkIndices)
    self.neuronGroups = GroupMerging.neuronGroups(of: model, usage: usage)
    self.initGroups = GroupMerging.initGroups(of: model)
    self.synapseGroups = GroupMerging.synapseGroups(of: model, usage: usage)
    self.dynamicParameters = model.dynamicParameters
  }
}
