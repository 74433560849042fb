import GeNNModel
import GeNNTranspiler

/// What a connectivity snippet's row or column build code sees, for every backend: its
/// index, the population sizes, its parameters, and `addSynapse`, each backend spelling
/// how a synapse is stored.
extension ModelCodeWriting {
  /// The names a connectivity snippet's build code sees: the row's or column's index,
  /// the population sizes, and the (single) thread building it.
  func connectivityEnvironment(
    _ synapses: SynapsePopulation, snippet: ConnectivitySnippet, hook: String,
    index: (name: String, begin: String)
  ) -> Environment {
    var environment = baseEnvironment(
      context:
        "\(describeGroup(of: synapses)), connectivity snippet '\(snippet.name)' \(hook)",
      time: false)
    for (name, spelling) in [
      (index.name, index.name), (index.begin, "0u"), ("id_thread", "0u"), ("num_threads", "1u"),
    ] {
      environment.define(
        name, GeNNType.uint32.addingConst, spelling: spelling, role: "connectivity index")
    }
    environment.defineSynapseSizes(update: false, batches: batches)
    if synapses.rowLengthDraw != nil {
      environment.add(
        checkedElements(
          of: "preCalcRowLength", type: GeNNType.uint32.addingConst,
          array: "group.preCalcRowLength", size: "group.numSrcNeurons",
          id: "group.preCalcRowLengthId",
          role: "drawn row lengths"))
    }
    addParameters(
      to: &environment, prefix: "conn_", params: snippet.params, derived: snippet.derivedParams,
      paramTypes: snippet.paramTypes)
    addExtraGlobalParameters(to: &environment, snippet.extraGlobalParams, prefix: "conn_")
    return environment
  }

  /// `addSynapse(target, kernel indices...)` of a snippet's build code: `add` stores the
  /// synapse with target `genn_target` (each argument is evaluated once, in order, so
  /// that `addSynapse(gennrand() % num_post)` draws one number) and returns the place in
  /// its row it took (the row's stride when the row is full). The variables with kernel
  /// initialisers take their kernel element at that place of the row starting at
  /// `rowStart`. A target of `bound` or more is not stored: `outOfRange` notes it; nor,
  /// where indexes are checked, is a synapse whose kernel indices are out of range (the
  /// out-of-range record notes it).
  func builderFunction(
    _ synapses: SynapsePopulation, add: String, rowStart: String, bound: String,
    outOfRange: String
  ) -> Symbol {
    let kernel = synapses.kernelSize
    let target = "const uint32_t genn_target = $(0);"
    var store = "\(add);"
    let stores = synapses.kernelInitialisedVariables.map {
      "group.v_\($0.variable.name)[\(rowStart) + slot] = group.kinit_\($0.variable.name)[kernelInd];"
    }
    if !stores.isEmpty {
      let indices = kernel.indices.map { "genn_kernel\($0)" }
      let bindings = kernel.indices.map { "const uint32_t genn_kernel\($0) = $(\($0 + 1));" }
      store =
        "const uint32_t kernelInd = \(kernelIndex(synapses, indices: indices)); "
        + "const uint32_t slot = \(add); "
        + "if (slot < group.rowStride) { \(stores.joined(separator: " ")) }"
      // A synapse whose kernel indices are out of range is not added; the run stops.
      if let inRange = kernelIndicesInRange(synapses, indices: indices) {
        store = "if (\(inRange)) { \(store) }"
      }
      store = bindings.joined(separator: " ") + " " + store
    }
    let spelling =
      "{ \(target) if (genn_target < \(bound)) { \(store) } else { \(outOfRange); } }"
    return Symbol(
      "addSynapse", .function(returning: .void, Array(repeating: .uint32, count: 1 + kernel.count)),
      spelling: spelling, role: "connectivity function")
  }

  /// Checks a snippet's row build code (`byColumn` false: row `id_pre` adds synapses to
  /// targets) or column build code (`byColumn`: column `id_post` adds synapses from
  /// sources), with `addSynapse` storing each as the backend spells it: `setBit(bitmask,
  /// bit)` names its function that sets a BITMASK bit, `addToRow` spells adding
  /// `genn_target` (row build) or `id_post` (column build) to a SPARSE row, and
  /// `noteOutOfRange(index)` notes a synapse of row or column `index` beyond the other
  /// population.
  mutating func checkBuildCode(
    _ synapses: SynapsePopulation, snippet: ConnectivitySnippet, byColumn: Bool,
    setBit: String, addToRow: String, noteOutOfRange: (String) -> String
  ) -> CheckedStatements? {
    let (index, other) = byColumn ? ("id_post", "id_pre") : ("id_pre", "id_post")
    let (row, bit, bound) =
      byColumn
      ? (
        "genn_target", "(size_t)genn_target * group.numTrgNeurons + id_post", "group.numSrcNeurons"
      )
      : ("id_pre", "(size_t)id_pre * group.numTrgNeurons + genn_target", "group.numTrgNeurons")
    var environment = connectivityEnvironment(
      synapses, snippet: snippet, hook: byColumn ? "column build code" : "row build code",
      index: (index, "\(other)_begin"))
    // Rows of a bitmask may share words, so bits are set atomically.
    environment.add(
      builderFunction(
        synapses,
        add: synapses.matrixType == .bitmask ? "\(setBit)(group.bitmask, \(bit))" : addToRow,
        rowStart: "(size_t)\(row) * group.rowStride", bound: bound,
        outOfRange: noteOutOfRange(index)))
    return checkStatements(byColumn ? snippet.colBuildCode : snippet.rowBuildCode, in: environment)
  }
}

extension ModelCodeWriting {
  /// Declares `rng` on the random stream of row `id_pre` of the current group's
  /// population (`byColumn`: of column `id_post`): the stream every backend's builder,
  /// and PROCEDURAL rows regenerated on each spike, draw that row's synapses from, so
  /// that all of them build the same connectivity (DESIGN.md decision 10).
  mutating func writeBuildStream(byColumn: Bool) {
    let (stream, index) = byColumn ? ("0xA8000000u", "id_post") : ("0xA0000000u", "id_pre")
    line("GeNNRng rng;")
    line(
      "genn_rng_init(&rng, group.seed, \(stream) | group.populationIndex, \(index), 0xFFFFFFFEu);")
  }

  /// The body of row `id_pre`'s builder: the row's stream, the build code `code` and,
  /// for SPARSE rows, the row sorted by `sortRow` (the backend's sort, which carries
  /// kernel-initialised values along) and its length stored; `countOverflow` counts a
  /// row that its build code overfilled (it keeps the first synapses that fit the stride).
  mutating func writeRowBuild(
    _ synapses: SynapsePopulation, code: CheckedStatements?, sortRow: String,
    countOverflow: String
  ) {
    writeBuildStream(byColumn: false)
    let bitmask = synapses.matrixType.connectivityStorage == .bitmask
    if !bitmask {
      line("auto *row = group.ind + (size_t)id_pre * group.rowStride;")
      line("uint32_t length = 0;")
      line("bool overflow = false;")
    }
    line("{")
    self.code(code)
    line("}")
    guard !bitmask else { return }
    let values = synapses.kernelInitialisedVariables.map {
      ", group.v_\($0.variable.name) + (size_t)id_pre * group.rowStride"
    }
    line("\(sortRow)(row, length\(values.joined()));")
    line("group.rowLength[id_pre] = length;")
    line(countOverflow)
  }
}
