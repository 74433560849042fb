import GeNNModel
import GeNNTranspiler

/// A custom connectivity update's host update code (see `CustomConnectivityUpdateCode.swift`).
extension ModelCodeWriting {
  /// `hostUpdateCustomConnectivityUpdateINDEX(group, timestep)`, where the update has
  /// host update code.
  mutating func writeCustomConnectivityHostUpdate(_ index: Int, qualifier: String) {
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
    // Where indexes are checked, the arrays are checked pointers that know their bounds
    // (code may derive pointers from them, as GeNN's `d + wordsPerRow * i`).
    let checks = memory.checksIndices
    if checks { environment.checkedPointer = IndexCheckSource.pointerTemplate }
    func pointer(_ array: String, size: String, id: String) -> String {
      checks
        ? "\(IndexCheckSource.pointerFunction)(\(array), \(size), \(id), group.outOfRange)" : array
    }
    // An array of the model's state, whose size the generator knows.
    func pointer(_ array: String, role: ArrayLayout.Role) -> String {
      guard checks else { return array }
      let id = memory.index(of: role)
      return pointer(array, size: "\(memory.arrays[id].count)u", id: "\(id)u")
    }
    environment.define(
      "row_length", .pointer(index32),
      spelling: pointer(
        "(const uint32_t *)group.rowLength", role: .synapseRowLengths(synapses: update.synapses)),
      role: "row lengths")
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
    // Extra global parameter references too: pointers to the referenced arrays.
    for egp in updateModel.extraGlobalParams + updateModel.extraGlobalParamRefs {
      environment.define(
        egp.name, .pointer(.numeric(egp.elementType!.resolved(in: types))),
        spelling: pointer(
          "group.egp_\(egp.name)", size: "group.egpSize_\(egp.name)",
          id: "group.egpId_\(egp.name)"),
        role: "extra global parameter")
      copies(egp.name)
    }
    for (side, vars) in [
      (SynapseSide.presynaptic, updateModel.preVars), (.postsynaptic, updateModel.postVars),
    ] {
      for variable in vars {
        let role: ArrayLayout.Role =
          side == .presynaptic
          ? .customConnectivityUpdatePreVariable(update: update.name, variable: variable.name)
          : .customConnectivityUpdatePostVariable(update: update.name, variable: variable.name)
        let prefix = side == .presynaptic ? "pre_" : "post_"
        environment.define(
          variable.name, .pointer(.numeric(variable.valueType!.resolved(in: types))),
          spelling: pointer("group.\(prefix)\(variable.name)", role: role), role: "variable")
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
}
