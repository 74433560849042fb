import GeNNModel
import GeNNTranspiler

/// Initialisation of snippet-initialised synapse variables, after connectivity is built:
/// each synapse or neuron draws from its own random stream, so values do not depend on
/// the number of threads.
extension CPUModuleWriter {
  mutating func writeSynapseInit(_ group: MergedSynapseGroup) {
    let outer = enter(synapseInitialisationOrigin(group))
    defer { leave(outer) }
    let synapses = model.synapsePopulations[group.archetype]
    let entries = synapses.snippetVariables
    guard !entries.isEmpty else { return }
    let context = describe(synapses: group)
    line(
      "void initialiseSynapseGroup\(group.index)(const \(synapseStructName(group)) &group, unsigned thread, unsigned numThreads) {"
    )
    let perSynapse = entries.filter { $0.kind == .synapse }
    if !perSynapse.isEmpty && synapses.matrixType.weightStorage == .kernel {
      writeKernelInit(synapses, entries: perSynapse, context: context)
    } else if !perSynapse.isEmpty {
      line("// per-synapse variables, row by row as connectivity was built")
      line("{")
      line(
        "const genn::Range range = genn::threadRange(group.numSrcNeurons, thread, numThreads);"
      )
      line("for (uint32_t id_pre = range.begin; id_pre < range.end; id_pre++) {")
      writeRowInit(
        synapses, entries: perSynapse, context: context, batchNormals: true,
        elementStride: "group.streamStride")
      line("}")
      line("}")
    }
    for entry in entries where entry.kind != .synapse {
      line("{")
      line(
        "const genn::Range range = genn::threadRange(\(entry.neuronCount), thread, numThreads);"
      )
      line("for (uint32_t id = range.begin; id < range.end; id++) {")
      writeNeuronInitBlock(entry, synapses, context: context)
      line("}")
      line("}")
    }
    line("}")
    line()
  }

  /// Runs the snippets of kernel variables once per kernel element, with its kernel
  /// indices (`id_kernel_0`, ...) and flattened index (`id_kernel`, also `id_syn`).
  private mutating func writeKernelInit(
    _ synapses: SynapsePopulation, entries: [SynapseSnippetVariable], context: String
  ) {
    let shape = synapses.kernelSize
    line("// kernel variables, element by element")
    line("{")
    line(
      "const genn::Range range = genn::threadRange(\(shape.reduce(1, *))u, thread, numThreads);"
    )
    line("for (uint32_t kernelInd = range.begin; kernelInd < range.end; kernelInd++) {")
    writeKernelIndices(synapses, indent: "            ")
    for entry in entries {
      let environment = kernelInitEnvironment(entry, synapses, context: context)
      writeInitBlock(
        entry, environment: environment, element: "kernelInd", stores: ["kernelInd"])
    }
    line("}")
    line("}")
  }

}
