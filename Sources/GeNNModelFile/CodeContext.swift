/// The element and code string a transpiler error's context names, such as
/// `neuron populations 'A', 'B', sim code` or `synapse populations 'EE', 'EI', weight
/// update model 'STDP' pre spike syn code`, with the key paths (relative to the element's entry)
/// where that code string can be in a model file.
struct CodeContext: Hashable, Sendable {
  /// The elements the code belongs to (several for merged populations).
  var elements: [ModelElement]
  /// Candidate key paths of the code string, relative to an element's entry.
  var hooks: [String]

  /// Parses a context as the code generator writes it; `nil` if it names no element.
  init?(_ context: String) {
    var rest = Substring(context)
    let kinds: [(prefix: String, make: (String) -> ModelElement)] = [
      ("neuron populations ", { .neuronPopulation($0) }),
      ("neuron population ", { .neuronPopulation($0) }),
      ("current source ", { .currentSource($0) }),
      ("synapse populations ", { .synapsePopulation($0) }),
      ("synapse population ", { .synapsePopulation($0) }),
      ("custom update ", { .customUpdate($0) }),
      ("custom connectivity update ", { .customConnectivityUpdate($0) }),
    ]
    guard let kind = kinds.first(where: { rest.hasPrefix($0.prefix) }) else { return nil }
    rest = rest.dropFirst(kind.prefix.count)
    var names: [String] = []
    while let name = Self.quoted(&rest) {
      names.append(name)
      guard rest.hasPrefix(", '") else { break }
      rest = rest.dropFirst(2)
    }
    guard !names.isEmpty else { return nil }
    elements = names.map(kind.make)
    if rest.hasPrefix(", ") { rest = rest.dropFirst(2) }
    hooks = Self.hooks(
      String(rest), variableGroups: Self.variableGroups(of: elements[0]))
  }

  /// The quoted name at the start of `text` (consumed with its quotes).
  private static func quoted(_ text: inout Substring) -> String? {
    guard text.first == "'" else { return nil }
    let body = text.dropFirst()
    guard let end = body.firstIndex(of: "'") else { return nil }
    text = body[body.index(after: end)...]
    return String(body[..<end])
  }

  /// The words after a quoted model name: for `weight update model 'X' pre spike code`,
  /// `pre spike code`.
  private static func afterName(_ text: String, _ prefix: String) -> String? {
    guard text.hasPrefix(prefix) else { return nil }
    var rest = Substring(text.dropFirst(prefix.count))
    guard quoted(&rest) != nil else { return nil }
    return String(rest.trimmingPrefix(" ")).replacing(" ", with: "_")
  }

  /// Where an element's variables (and their init snippets) can be.
  private static func variableGroups(of element: ModelElement) -> [String] {
    switch element {
    case .synapsePopulation:
      [
        "weight_update.vars", "weight_update.pre_vars", "weight_update.post_vars",
        "postsynaptic.vars",
      ]
    case .customConnectivityUpdate: ["vars", "pre_vars", "post_vars"]
    default: ["vars"]
    }
  }

  private static func hooks(_ rest: String, variableGroups: [String]) -> [String] {
    switch rest {
    case "sim code": return ["model.sim_code"]
    case "threshold condition code": return ["model.threshold_condition_code"]
    case "reset code": return ["model.reset_code"]
    case "injection code": return ["model.injection_code"]
    case "update code": return ["model.update_code"]
    case "row update code": return ["model.row_update_code"]
    case "host update code": return ["model.host_update_code"]
    default: break
    }
    if let hook = afterName(rest, "weight update model ") { return ["weight_update.model.\(hook)"] }
    if let hook = afterName(rest, "postsynaptic model ") { return ["postsynaptic.model.\(hook)"] }
    if let hook = afterName(rest, "connectivity snippet ") {
      return ["connectivity.snippet.\(hook.replacing("column_", with: "col_"))"]
    }
    if let hook = afterName(rest, "Toeplitz snippet ") { return ["connectivity.toeplitz.\(hook)"] }
    var variableText = Substring(rest)
    if variableText.hasPrefix("variable ") {
      variableText = variableText.dropFirst("variable ".count)
      if let variable = quoted(&variableText) {
        return variableGroups.map { "\($0).\(variable).snippet.code" }
      }
    }
    return []
  }
}
