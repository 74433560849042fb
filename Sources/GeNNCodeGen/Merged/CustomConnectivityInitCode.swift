import GeNNModel
import GeNNTranspiler

/// The init snippets of a custom connectivity update's variables (see
/// `CustomConnectivityUpdateCode.swift`).
extension ModelCodeWriting {
  /// `initialiseCustomConnectivityUpdateINDEX(group)`: the init snippets of the
  /// per-synapse variables (for each stored synapse), then of the presynaptic and
  /// postsynaptic variables; each element draws from its own stream. Written only where
  /// the update has init snippets.
  mutating func writeCustomConnectivityInit(_ index: Int, qualifier: String) {
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
}
