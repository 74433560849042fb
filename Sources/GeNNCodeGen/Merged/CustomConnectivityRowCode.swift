import GeNNModel
import GeNNTranspiler

/// A custom connectivity update's row update code (see `CustomConnectivityUpdateCode.swift`),
/// with GeNN's `for_each_synapse`, `remove_synapse()` and `add_synapse(...)`.
extension ModelCodeWriting {
  /// `updateRowCustomConnectivityUpdateINDEX(group, id_pre, timestep)`.
  mutating func writeCustomConnectivityRowUpdate(_ index: Int, qualifier: String) {
    let update = model.customConnectivityUpdates[index]
    let updateModel = update.model
    let sizes = connectivitySizes(index)
    var environment = baseEnvironment(
      context: "custom connectivity update '\(update.name)', row update code")
    let index32 = GeNNType.uint32.addingConst
    environment.define("id_pre", index32, spelling: "id_pre", role: "presynaptic neuron index")
    environment.define(
      "num_pre", index32, spelling: "group.numPre", role: "number of presynaptic neurons")
    environment.define(
      "num_post", index32, spelling: "group.numPost", role: "number of postsynaptic neurons")
    environment.define(
      "row_length", index32, spelling: "group.rowLength[id_pre]", role: "row length")
    environment.define("row_stride", index32, spelling: "group.rowStride", role: "row stride")
    // Rows are shared by every batch: the code runs once, as batch 0.
    environment.define("batch", index32, spelling: "0u", role: "batch index")
    environment.define("num_batch", index32, spelling: "\(batches)u", role: "number of batches")
    addParameters(
      to: &environment, prefix: "", params: updateModel.params,
      derived: updateModel.derivedParams, paramTypes: updateModel.paramTypes)
    addExtraGlobalParameters(
      to: &environment, updateModel.extraGlobalParams + updateModel.extraGlobalParamRefs,
      prefix: "")
    func valueType(_ type: String) -> GeNNType {
      .numeric((TypeName.Base(parsing: type) ?? .scalar).resolved(in: types))
    }
    for variable in updateModel.preVars {
      let type = valueType(variable.type)
      environment.define(
        variable.name, variable.access.isWritable ? type : type.addingConst,
        spelling: "group.pre_\(variable.name)[id_pre]", role: "presynaptic variable")
    }
    var offsets: [String] = []
    for reference in updateModel.preVarRefs {
      let target = role(of: update.preVarRefs[reference.name]!)
      let slots = delaySlots(of: target, neurons: sizes.pre)
      let offset = slots > 1 ? "rpreOffset_\(reference.name) + " : ""
      if slots > 1 {
        offsets.append(
          "const size_t rpreOffset_\(reference.name) = (size_t)(timestep % "
            + "\(slots)u) * \(sizes.pre)u;")
      }
      let type = valueType(reference.type)
      environment.define(
        reference.name, reference.access == .readOnly ? type.addingConst : type,
        spelling: "group.rpre_\(reference.name)[\(offset)id_pre]",
        role: "presynaptic variable reference")
    }
    // Inside for_each_synapse: the synapse, its variables and references, read-only
    // postsynaptic variables and references, and remove_synapse().
    var loopSymbols = [
      Symbol("id_post", index32, spelling: "id_post", role: "postsynaptic neuron index"),
      Symbol("id_syn", index32, spelling: "id_syn", role: "synapse index"),
      Symbol(
        "remove_synapse", .function(returning: .void, []),
        spelling: removeSynapseCode(index), role: "connectivity function"),
    ]
    for variable in updateModel.vars {
      let type = valueType(variable.type)
      loopSymbols.append(
        Symbol(
          variable.name, variable.access.isWritable ? type : type.addingConst,
          spelling: "group.v_\(variable.name)[id_syn]", role: "synapse variable"))
    }
    // As in GeNN, references to variables with a copy per batch are moved with their
    // synapses but not seen by the code.
    for reference in updateModel.varRefs
    where copies(of: role(of: update.varRefs[reference.name]!)) == nil {
      let type = valueType(reference.type)
      loopSymbols.append(
        Symbol(
          reference.name, reference.access == .readOnly ? type.addingConst : type,
          spelling: "group.r_\(reference.name)[id_syn]", role: "synapse variable reference"))
    }
    for variable in updateModel.postVars {
      loopSymbols.append(
        Symbol(
          variable.name, valueType(variable.type).addingConst,
          spelling: "group.post_\(variable.name)[id_post]", role: "postsynaptic variable"))
    }
    for reference in updateModel.postVarRefs {
      let target = role(of: update.postVarRefs[reference.name]!)
      let slots = delaySlots(of: target, neurons: sizes.post)
      let offset = slots > 1 ? "rpostOffset_\(reference.name) + " : ""
      if slots > 1 {
        offsets.append(
          "const size_t rpostOffset_\(reference.name) = (size_t)(timestep % "
            + "\(slots)u) * \(sizes.post)u;")
      }
      loopSymbols.append(
        Symbol(
          reference.name, valueType(reference.type).addingConst,
          spelling: "group.rpost_\(reference.name)[\(offset)id_post]",
          role: "postsynaptic variable reference"))
    }
    environment.forEachSynapse = ForEachSynapseScope(
      symbols: loopSymbols,
      header: "for (int genn_j = 0; genn_j < (int)group.rowLength[id_pre]; genn_j++) {\n"
        + "    const uint32_t id_syn = genn_row + (uint32_t)genn_j;\n"
        + "    const uint32_t id_post = group.ind[id_syn];\n"
        + "    (void)id_syn; (void)id_post;\n",
      footer: "}\n")
    environment.add(
      Symbol(
        "add_synapse",
        .function(
          returning: .void,
          [.uint32] + updateModel.vars.map { valueType($0.type) }
            + updateModel.varRefs.map { valueType($0.type) }),
        spelling: addSynapseCode(index), role: "connectivity function"))
    let checked = checkStatements(updateModel.rowUpdateCode, in: environment)
    line(
      "\(qualifier)void updateRowCustomConnectivityUpdate\(index)(const CustomConnectivityUpdate\(index) &group, "
        + "uint32_t id_pre, uint64_t timestep) {")
    line("const \(timeName) t = timestep * \(dtLiteral);")
    line("(void)t;")
    line("const uint32_t genn_row = id_pre * group.rowStride;")
    line("(void)genn_row;")
    for offset in offsets { line(offset) }
    if updateModel.rowUpdateCode.contains("gennrand") {
      line("GeNNRng rng;")
      line(
        "genn_rng_init(&rng, group.seed, \(customConnectivityStream(index, 0))u, id_pre, (uint32_t)timestep);"
      )
    }
    line("// row update code")
    code(checked)
    line("}")
    line("")
  }

  /// The batches and elements of each batch's copy of the array of `role`, where it has a
  /// copy per batch; `nil` where it has one.
  private func copies(of role: ArrayLayout.Role) -> (batches: Int, stride: Int)? {
    guard let layout = memory.layout(of: role) else { return nil }
    return layout.batches > 1 ? (layout.batches, layout.batchCount) : nil
  }

  /// `assignment(offset)`, once for an array of one copy (offset empty), once per batch
  /// (`genn_b * stride + `) for an array with a copy per batch.
  private func everyCopy(of role: ArrayLayout.Role, _ assignment: (String) -> String) -> String {
    guard let (batches, stride) = copies(of: role) else { return assignment("") }
    return "for (uint32_t genn_b = 0; genn_b < \(batches)u; genn_b++) { "
      + assignment("(size_t)genn_b * \(stride)u + ") + " }"
  }

  /// The code `remove_synapse()` stands for: the row's last synapse moves into the
  /// removed one's place (in every batch's copy of an array with one per batch), and the
  /// loop visits that place again.
  func removeSynapseCode(_ index: Int) -> String {
    var lines = [
      "{",
      "    const uint32_t genn_last = genn_row + group.rowLength[id_pre] - 1u;",
      "    group.ind[id_syn] = group.ind[genn_last];",
    ]
    for (member, role) in customConnectivityMovedArrays(index) {
      lines.append(
        "    "
          + everyCopy(of: role) {
            "group.\(member)[\($0)id_syn] = group.\(member)[\($0)genn_last];"
          })
    }
    lines += ["    group.rowLength[id_pre]--;", "    genn_j--;", "}"]
    return lines.joined(separator: "\n")
  }

  /// The code `add_synapse(id_post, values...)` stands for: a synapse appended to the
  /// row, with the given values for the update's variables and references and zero in
  /// the other per-synapse arrays (each in every batch's copy of an array with one per
  /// batch); counted in `droppedSynapses[0]` when the row is full,
  /// noted in `droppedSynapses[1]` (and not added) when its target is beyond the
  /// population.
  func addSynapseCode(_ index: Int) -> String {
    let update = model.customConnectivityUpdates[index]
    var lines = [
      "{",
      "    const uint32_t genn_target = $(0);",
      "    if (genn_target >= group.numPost) {",
      "        \(sharedRangeNote)(group.droppedSynapses + 1, id_pre, genn_target);",
      "    } else if (group.rowLength[id_pre] < group.rowStride) {",
      "        const uint32_t genn_new = genn_row + group.rowLength[id_pre];",
      "        group.ind[genn_new] = (\(sparseIndexCName(ofSynapses: update.synapses)))genn_target;",
    ]
    let given = update.model.vars.count + update.model.varRefs.count
    for (position, (member, role)) in customConnectivityMovedArrays(index).enumerated() {
      let value = position < given ? "$(\(position + 1))" : "0"
      lines.append(
        "        " + everyCopy(of: role) { "group.\(member)[\($0)genn_new] = \(value);" })
    }
    let countDropped =
      dialect == .cuda
      ? "atomicAdd((unsigned long long *)group.droppedSynapses, 1ull);"
      : "__atomic_fetch_add(group.droppedSynapses, (uint64_t)1, __ATOMIC_RELAXED);"
    lines += [
      "        group.rowLength[id_pre]++;", "    } else {", "        \(countDropped)", "    }", "}",
    ]
    return lines.joined(separator: "\n")
  }
}
