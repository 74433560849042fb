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
  private func movedArrays(_ index: Int) -> [(member: String, role: ArrayLayout.Role)] {
    movedArrayDescriptions(index).map { ($0.member, $0.role) }
  }

  /// ``movedArrays(_:)`` with each array described for comments.
  private func movedArrayDescriptions(_ index: Int) -> [(
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

  private func role(of dependent: DependentSynapseVariable, synapses: String) -> ArrayLayout.Role {
    switch dependent {
    case .weightUpdate(let variable): .weightUpdateVariable(synapses: synapses, variable: variable)
    case .customUpdate(let update, let variable):
      .customUpdateVariable(update: update, variable: variable)
    case .customConnectivityUpdate(let update, let variable):
      .customConnectivityUpdateVariable(update: update, variable: variable)
    }
  }

  private func elementType(_ role: ArrayLayout.Role) -> NumericType {
    memory.arrays[memory.index(of: role)].elementType
  }

  /// The delay slots of the array a presynaptic or postsynaptic reference points at (1
  /// unless it is a queued neuron variable, whose latest slot is read).
  private func slots(of role: ArrayLayout.Role, neurons: Int) -> Int {
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
    line("uint32_t *ind;")
    line("uint64_t seed;")
    declareParameters(
      prefix: "", params: updateModel.params, derived: updateModel.derivedParams,
      paramTypes: updateModel.paramTypes)
    line("// per-synapse arrays moved with their synapses")
    for (member, role, description) in movedArrayDescriptions(index) {
      line("\(elementType(role).cName) *\(member);  // \(description.commentText)")
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
    for egp in updateModel.extraGlobalParams { declareExtraGlobalParameter(egp, prefix: "") }
    declareOutOfRangeRecord()
    line("};")
    if !instance.isEmpty { line(instance) }
    line("")
    writeRowUpdate(index, qualifier: qualifier)
    writeHostUpdate(index, qualifier: qualifier)
    writeCustomConnectivityInit(index, qualifier: qualifier)
  }

  /// `updateRowCustomConnectivityUpdateINDEX(group, id_pre, timestep)`.
  private mutating func writeRowUpdate(_ index: Int, qualifier: String) {
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
    environment.define("batch", index32, spelling: "0u", role: "batch index")
    environment.define("num_batch", index32, spelling: "1u", role: "number of batches")
    addParameters(
      to: &environment, prefix: "", params: updateModel.params,
      derived: updateModel.derivedParams, paramTypes: updateModel.paramTypes)
    addExtraGlobalParameters(to: &environment, updateModel.extraGlobalParams, prefix: "")
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
      let slots = slots(of: target, neurons: sizes.pre)
      let offset = slots > 1 ? "rpreOffset_\(reference.name) + " : ""
      if slots > 1 {
        offsets.append(
          "const size_t rpreOffset_\(reference.name) = (size_t)((timestep + \(slots - 1)u) % "
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
    for reference in updateModel.varRefs {
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
      let slots = slots(of: target, neurons: sizes.post)
      let offset = slots > 1 ? "rpostOffset_\(reference.name) + " : ""
      if slots > 1 {
        offsets.append(
          "const size_t rpostOffset_\(reference.name) = (size_t)((timestep + \(slots - 1)u) % "
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

  /// The code `remove_synapse()` stands for: the row's last synapse moves into the
  /// removed one's place, and the loop visits that place again.
  private func removeSynapseCode(_ index: Int) -> String {
    var lines = [
      "{",
      "    const uint32_t genn_last = genn_row + group.rowLength[id_pre] - 1u;",
      "    group.ind[id_syn] = group.ind[genn_last];",
    ]
    for (member, _) in movedArrays(index) {
      lines.append("    group.\(member)[id_syn] = group.\(member)[genn_last];")
    }
    lines += ["    group.rowLength[id_pre]--;", "    genn_j--;", "}"]
    return lines.joined(separator: "\n")
  }

  /// The code `add_synapse(id_post, values...)` stands for: a synapse appended to the
  /// row (if the row has room), with the given values for the update's variables and
  /// references and zero in the other per-synapse arrays.
  private func addSynapseCode(_ index: Int) -> String {
    let update = model.customConnectivityUpdates[index]
    var lines = [
      "{",
      "    if (group.rowLength[id_pre] < group.rowStride) {",
      "        const uint32_t genn_new = genn_row + group.rowLength[id_pre];",
      "        group.ind[genn_new] = $(0);",
    ]
    let given = update.model.vars.count + update.model.varRefs.count
    for (position, (member, _)) in movedArrays(index).enumerated() {
      let value = position < given ? "$(\(position + 1))" : "0"
      lines.append("        group.\(member)[genn_new] = \(value);")
    }
    lines += ["        group.rowLength[id_pre]++;", "    }", "}"]
    return lines.joined(separator: "\n")
  }

  /// `hostUpdateCustomConnectivityUpdateINDEX(group, timestep)`, where the update has
  /// host update code.
  private mutating func writeHostUpdate(_ index: Int, qualifier: String) {
    let update = model.customConnectivityUpdates[index]
    let updateModel = update.model
    guard !updateModel.hostUpdateCode.isBlank else { return }
    var environment = baseEnvironment(
      context: "custom connectivity update '\(update.name)', host update code")
    let index32 = GeNNType.uint32.addingConst
    environment.define(
      "num_pre", index32, spelling: "group.numPre", role: "number of presynaptic neurons")
    environment.define(
      "num_post", index32, spelling: "group.numPost", role: "number of postsynaptic neurons")
    environment.define("row_stride", index32, spelling: "group.rowStride", role: "row stride")
    environment.define(
      "row_length", .pointer(index32), spelling: "group.rowLength", role: "row lengths")
    addParameters(
      to: &environment, prefix: "", params: updateModel.params,
      derived: updateModel.derivedParams, paramTypes: updateModel.paramTypes)
    // Pushes and pulls have nothing to copy: the code works on the memory the rows see.
    func copies(_ name: String) {
      for prefix in ["push", "pull"] {
        let function = prefix == "push" ? "\(prefix)\(name)ToDevice" : "\(prefix)\(name)FromDevice"
        environment.add(
          Symbol(
            function, .function(returning: .void, []), spelling: "(void)0", role: "copy function"
          ))
        environment.add(
          Symbol(
            function, .function(returning: .void, [.uint32]), spelling: "(void)($(0))",
            role: "copy function"))
      }
    }
    copies("RowLength")
    for egp in updateModel.extraGlobalParams {
      environment.define(
        egp.name, .pointer(.numeric(egp.elementType!.resolved(in: types))),
        spelling: "group.egp_\(egp.name)", role: "extra global parameter")
      copies(egp.name)
    }
    for (prefix, vars) in [("pre_", updateModel.preVars), ("post_", updateModel.postVars)] {
      for variable in vars {
        environment.define(
          variable.name, .pointer(.numeric(variable.valueType!.resolved(in: types))),
          spelling: "group.\(prefix)\(variable.name)", role: "variable")
        copies(variable.name)
      }
    }
    let checked = checkStatements(updateModel.hostUpdateCode, in: environment)
    line(
      "\(qualifier)void hostUpdateCustomConnectivityUpdate\(index)(const CustomConnectivityUpdate\(index) &group, "
        + "uint64_t timestep) {")
    line("const \(timeName) t = timestep * \(dtLiteral);")
    line("(void)t;")
    if updateModel.hostUpdateCode.contains("gennrand") {
      line("GeNNRng rng;")
      line(
        "genn_rng_init(&rng, group.seed, \(customConnectivityStream(index, 1))u, 0u, (uint32_t)timestep);"
      )
    }
    line("// host update code")
    code(checked)
    line("}")
    line("")
  }

  /// `initialiseCustomConnectivityUpdateINDEX(group)`: the init snippets of the
  /// per-synapse variables (for each stored synapse), then of the presynaptic and
  /// postsynaptic variables; each element draws from its own stream. Written only where
  /// the update has init snippets.
  private mutating func writeCustomConnectivityInit(_ index: Int, qualifier: String) {
    guard customConnectivityInitialises(index) else { return }
    let update = model.customConnectivityUpdates[index]
    let updateModel = update.model
    line(
      "\(qualifier)void initialiseCustomConnectivityUpdate\(index)(const CustomConnectivityUpdate\(index) &group) {"
    )
    let all: [(Variable, [String: VarInit], String)] =
      updateModel.vars.map { ($0, update.vars, "v_") }
      + updateModel.preVars.map { ($0, update.preVars, "pre_") }
      + updateModel.postVars.map { ($0, update.postVars, "post_") }
    for (position, (variable, inits, prefix)) in all.enumerated() {
      guard case .snippet(let snippet, let params)? = inits[variable.name] else { continue }
      let valueType = GeNNType.numeric(variable.valueType!.resolved(in: types))
      var environment = baseEnvironment(
        context:
          "custom connectivity update '\(update.name)', variable '\(variable.name)', init snippet '\(snippet.name)'",
        time: false)
      environment.define("value", valueType, spelling: "value", role: "value being initialised")
      let index32 = GeNNType.uint32.addingConst
      environment.define(
        "num_pre", index32, spelling: "group.numPre", role: "number of presynaptic neurons")
      environment.define(
        "num_post", index32, spelling: "group.numPost", role: "number of postsynaptic neurons")
      for name in snippet.params {
        environment.define(
          name, GeNNType.numeric(parameterType(name, snippet.paramTypes)).addingConst,
          spelling: NumericLiteral.write(
            params[name] ?? 0, as: parameterType(name, snippet.paramTypes)),
          role: "parameter")
      }
      let derived = (try? model.derivedValues(snippet.derivedParams, params: params)) ?? [:]
      for parameter in snippet.derivedParams {
        environment.define(
          parameter.name, GeNNType.numeric(types.scalar).addingConst,
          spelling: NumericLiteral.write(derived[parameter.name] ?? 0, as: types.scalar),
          role: "derived parameter")
      }
      let element: String
      let store: String
      if prefix == "v_" {
        environment.define("id_pre", index32, spelling: "id_pre", role: "presynaptic index")
        environment.define("id_post", index32, spelling: "id_post", role: "postsynaptic index")
        environment.define("id_syn", index32, spelling: "id_syn", role: "synapse index")
        line("for (uint32_t id_pre = 0; id_pre < group.numPre; id_pre++) {")
        line("for (uint32_t j = 0; j < group.rowLength[id_pre]; j++) {")
        line("const uint32_t id_syn = id_pre * group.rowStride + j;")
        line("const uint32_t id_post = group.ind[id_syn];")
        line("(void)id_post;")
        (element, store) = ("id_syn", "id_syn")
      } else {
        environment.define("id", index32, spelling: "id", role: "neuron index")
        let count = prefix == "pre_" ? "group.numPre" : "group.numPost"
        line("for (uint32_t id = 0; id < \(count); id++) {")
        line("{")
        (element, store) = ("id", "id")
      }
      let checked = checkStatements(snippet.code, in: environment)
      line("// variable '\(variable.name)': snippet '\(snippet.name.commentText)'")
      if snippet.code.contains("gennrand") {
        line("GeNNRng rng;")
        line(
          "genn_rng_init(&rng, group.seed, \(customConnectivityStream(index, 0x100 + position))u, \(element), 0xFFFFFFFFu);"
        )
      }
      line("\(valueType.cName) value = 0;")
      code(checked)
      line("group.\(prefix)\(variable.name)[\(store)] = value;")
      line("}")
      line("}")
    }
    line("}")
    line("")
  }

  /// Fills the struct `field` of custom connectivity update `index`.
  mutating func writeCustomConnectivityUpdateBinding(_ index: Int, field: String) {
    let update = model.customConnectivityUpdates[index]
    let sizes = connectivitySizes(index)
    line("// custom connectivity update '\(update.name)'")
    line("\(field).numPre = \(sizes.pre)u;")
    line("\(field).numPost = \(sizes.post)u;")
    line("\(field).rowStride = \(sizes.stride)u;")
    bindArray(field, "rowLength", to: .synapseRowLengths(synapses: update.synapses))
    bindArray(field, "ind", to: .synapseIndices(synapses: update.synapses))
    line("\(field).seed = seed;")
    writeParameterBindings(
      field: field, prefix: "", params: update.params, names: update.model.params,
      derived: update.model.derivedParams, paramTypes: update.model.paramTypes)
    for (member, role) in movedArrays(index) { bindArray(field, member, to: role) }
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
    bindOutOfRangeRecord(field)
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
