import GeNNModel
import GeNNTranspiler

/// The custom connectivity updates, for both backends (GeNN's
/// `CustomConnectivityUpdateGroupMerged` and `CustomConnectivityHostUpdateGroupMerged`):
/// per update `CustomConnectivityUpdateINDEX`, a struct; `updateRowCustomConnectivityUpdateINDEX`,
/// the row update code for one presynaptic neuron, whose `remove_synapse()` moves the
/// row's last synapse (its index and every per-synapse array) into the removed one's
/// place and `add_synapse(...)` appends one (zeroing the per-synapse arrays it is not
/// given); `hostUpdateCustomConnectivityUpdateINDEX`, the host update code; and
/// `initialiseCustomConnectivityUpdateINDEX`, which runs the variables' init snippets.
/// Random numbers come from streams keyed by the update, the row (or 0 for the host
/// code) and the time step, so results do not depend on threads.
extension ModelCodeWriting {
  /// The per-synapse arrays one custom connectivity update moves with its synapses, with
  /// their struct member names: its own variables, its references, the dependent ones.
  func customConnectivityMovedArrays(_ index: Int) -> [(member: String, role: ArrayLayout.Role)] {
    customConnectivityMovedArrayDescriptions(index).map { ($0.member, $0.role) }
  }

  /// ``customConnectivityMovedArrays(_:)`` with each array described for comments.
  func customConnectivityMovedArrayDescriptions(_ index: Int) -> [(
    member: String, role: ArrayLayout.Role, description: String
  )] {
    let update = model.customConnectivityUpdates[index]
    var arrays = update.model.vars.map {
      (
        "v_\($0.name)",
        ArrayLayout.Role.customConnectivityUpdateVariable(update: update.name, variable: $0.name),
        "variable '\($0.name)'"
      )
    }
    for reference in update.model.varRefs {
      arrays.append(
        (
          "r_\(reference.name)", role(of: update.varRefs[reference.name]!),
          "reference '\(reference.name)'"
        ))
    }
    for (position, dependent) in model.dependentVariables(of: update).enumerated() {
      let description: String =
        switch dependent {
        case .weightUpdate(let variable):
          "synapse population '\(update.synapses)' variable '\(variable)'"
        case .customUpdate(let name, let variable):
          "custom update '\(name)' variable '\(variable)'"
        case .customConnectivityUpdate(let name, let variable):
          "custom connectivity update '\(name)' variable '\(variable)'"
        }
      arrays.append(
        ("dep\(position)", role(of: dependent, synapses: update.synapses), description))
    }
    return arrays
  }

  func role(of dependent: DependentSynapseVariable, synapses: String) -> ArrayLayout.Role {
    switch dependent {
    case .weightUpdate(let variable): .weightUpdateVariable(synapses: synapses, variable: variable)
    case .customUpdate(let update, let variable):
      .customUpdateVariable(update: update, variable: variable)
    case .customConnectivityUpdate(let update, let variable):
      .customConnectivityUpdateVariable(update: update, variable: variable)
    }
  }

  func arrayElementType(_ role: ArrayLayout.Role) -> NumericType {
    memory.arrays[memory.index(of: role)].elementType
  }

  /// The delay slots of the array a presynaptic or postsynaptic reference points at (1
  /// unless it is a queued neuron variable, whose latest slot is read).
  func delaySlots(of role: ArrayLayout.Role, neurons: Int) -> Int {
    max(1, memory.arrays[memory.index(of: role)].count / max(1, neurons))
  }

  /// The sizes of update `index`'s synapse population: presynaptic and postsynaptic
  /// neurons, and the row stride.
  func connectivitySizes(_ index: Int) -> (pre: Int, post: Int, stride: Int) {
    let update = model.customConnectivityUpdates[index]
    let synapses = model.synapsePopulations.first { $0.name == update.synapses }!
    let pre = model.neuronPopulation(named: synapses.source)!.size
    let post = model.neuronPopulation(named: synapses.target)!.size
    return (
      pre, post, SparseConnectivity.rowStride(of: synapses, sourceSize: pre, targetSize: post)
    )
  }

  /// The random stream of update `index`'s `kind`: 0 the rows, 1 the host code, `0x100 +
  /// n` the init snippet of its `n`th variable (per synapse, then pre, then post).
  func customConnectivityStream(_ index: Int, _ kind: Int) -> UInt32 {
    0xD000_0000 | (UInt32(index & 0xFFFF) << 12) | UInt32(kind & 0xFFF)
  }

  /// Writes custom connectivity update `index`'s struct and functions, each preceded by
  /// `qualifier` (`__device__ ` for CUDA); `instance` is written after the struct.
  mutating func writeCustomConnectivityUpdate(
    _ index: Int, qualifier: String = "", instance: String = ""
  ) {
    let update = model.customConnectivityUpdates[index]
    let outer = enter(.customConnectivityUpdate(update.name))
    defer { leave(outer) }
    let updateModel = update.model
    let structName = "CustomConnectivityUpdate\(index)"
    line(
      "// Custom connectivity update \(index): '\(update.name)' (model '\(updateModel.name.commentText)', "
        + "update group '\(update.updateGroup)') over the rows of synapse population "
        + "'\(update.synapses)'.")
    line("struct \(structName) {")
    line("uint32_t numPre;")
    line("uint32_t numPost;")
    line("uint32_t rowStride;")
    line("uint32_t *rowLength;")
    line("\(sparseIndexCName(ofSynapses: update.synapses)) *ind;")
    line("uint64_t seed;")
    declareParameters(
      prefix: "", params: updateModel.params, derived: updateModel.derivedParams,
      paramTypes: updateModel.paramTypes)
    line("// per-synapse arrays moved with their synapses")
    for (member, role, description) in customConnectivityMovedArrayDescriptions(index) {
      line("\(arrayElementType(role).cName) *\(member);  // \(description.commentText)")
    }
    for variable in updateModel.preVars {
      line("\(cType(variable.valueType!)) *pre_\(variable.name);")
    }
    for variable in updateModel.postVars {
      line("\(cType(variable.valueType!)) *post_\(variable.name);")
    }
    for reference in updateModel.preVarRefs {
      line("\(cType(TypeName.Base(parsing: reference.type)!)) *rpre_\(reference.name);")
    }
    for reference in updateModel.postVarRefs {
      line("\(cType(TypeName.Base(parsing: reference.type)!)) *rpost_\(reference.name);")
    }
    for egp in updateModel.extraGlobalParams + updateModel.extraGlobalParamRefs {
      declareExtraGlobalParameter(egp, prefix: "")
    }
    if updateModel.addsSynapses { line("uint64_t *droppedSynapses;") }
    declareOutOfRangeRecord()
    line("};")
    if !instance.isEmpty { line(instance) }
    line("")
    writeCustomConnectivityRowUpdate(index, qualifier: qualifier)
    writeCustomConnectivityHostUpdate(index, qualifier: qualifier)
    writeCustomConnectivityInit(index, qualifier: qualifier)
  }

  /// Fills the struct `field` of custom connectivity update `index`.
  mutating func writeCustomConnectivityUpdateBinding(_ index: Int, field: String) {
    let update = model.customConnectivityUpdates[index]
    let sizes = connectivitySizes(index)
    line("// custom connectivity update '\(update.name)'")
    // It runs once for every batch, from batch 0's arrays, which its code offsets to
    // reach the others' (``bindArray`` binds batch `batch`'s copy).
    if batches > 1 {
      line("{")
      line("const uint32_t batch = 0u;")
      line("(void)batch;")
    }
    line("\(field).numPre = \(sizes.pre)u;")
    line("\(field).numPost = \(sizes.post)u;")
    line("\(field).rowStride = \(sizes.stride)u;")
    bindArray(field, "rowLength", to: .synapseRowLengths(synapses: update.synapses))
    bindArray(field, "ind", to: .synapseIndices(synapses: update.synapses))
    line("\(field).seed = seed;")
    writeParameterBindings(
      field: field, prefix: "", params: update.params, names: update.model.params,
      derived: update.model.derivedParams, paramTypes: update.model.paramTypes,
      dynamic: (update.name, .customConnectivityUpdate))
    for (member, role) in customConnectivityMovedArrays(index) {
      bindArray(field, member, to: role)
    }
    for variable in update.model.preVars {
      bindArray(
        field, "pre_\(variable.name)",
        to: .customConnectivityUpdatePreVariable(update: update.name, variable: variable.name))
    }
    for variable in update.model.postVars {
      bindArray(
        field, "post_\(variable.name)",
        to: .customConnectivityUpdatePostVariable(update: update.name, variable: variable.name))
    }
    for reference in update.model.preVarRefs {
      bindArray(field, "rpre_\(reference.name)", to: role(of: update.preVarRefs[reference.name]!))
    }
    for reference in update.model.postVarRefs {
      bindArray(
        field, "rpost_\(reference.name)", to: role(of: update.postVarRefs[reference.name]!))
    }
    for egp in update.model.extraGlobalParams {
      bindExtraGlobalParameter(
        field, egp, prefix: "",
        to: .customConnectivityUpdateExtraGlobalParameter(update: update.name, parameter: egp.name))
    }
    for egp in update.model.extraGlobalParamRefs {
      // The referenced array itself, which the code reads and writes in place.
      bindExtraGlobalParameter(field, egp, prefix: "", to: role(of: update.egpRefs[egp.name]!))
    }
    if update.model.addsSynapses {
      bindArray(
        field, "droppedSynapses", to: .customConnectivityUpdateDroppedSynapses(update: update.name))
    }
    bindOutOfRangeRecord(field)
    if batches > 1 { line("}") }
  }

  /// Whether custom connectivity update `index` has an init snippet to run.
  func customConnectivityInitialises(_ index: Int) -> Bool {
    let update = model.customConnectivityUpdates[index]
    return [update.vars, update.preVars, update.postVars].contains { inits in
      inits.values.contains { if case .snippet = $0 { true } else { false } }
    }
  }

  /// The synapse populations whose rows the custom connectivity updates of `group`
  /// change and whose column index (for postsynaptic learning) must then be rebuilt, as
  /// (merged group, member) pairs.
  func remappedSynapseGroups(inGroup group: String) -> [(group: Int, member: Int)] {
    var names: [String] = []
    for index in model.customConnectivityUpdates(inGroup: group) {
      let update = model.customConnectivityUpdates[index]
      guard update.model.modifiesConnectivity, !names.contains(update.synapses),
        let synapses = model.synapsePopulations.first(where: { $0.name == update.synapses }),
        synapses.weightUpdate.hasPostsynapticUpdate
      else { continue }
      names.append(update.synapses)
    }
    return names.compactMap { name in
      let index = model.synapsePopulations.firstIndex { $0.name == name }!
      for merged in synapseGroups {
        if let member = merged.populations.firstIndex(of: index) {
          return (merged.index, member)
        }
      }
      return nil
    }
  }
}
