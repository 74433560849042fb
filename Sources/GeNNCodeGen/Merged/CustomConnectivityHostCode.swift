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
    // Extra global parameter references too: pointers to the referenced arrays.
    for egp in updateModel.extraGlobalParams + updateModel.extraGlobalParamRefs {
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
}
