import GeNNModel
import GeNNTranspiler

/// Dynamic parameters: `dynamic_params: [name, ...]` of a neuron population, current
/// source, custom update, or a synapse population's `weight_update` or `postsynaptic`.
extension ModelFileDecoder {
  /// The parameter names `value` lists (one name alone is a list of one), each one of
  /// `allowed` (the model's parameters); an unknown name is an error at its place.
  func dynamicParameterNames(_ value: YAMLValue?, allowed: [String]) throws(ModelFileError)
    -> Set<String>
  {
    guard let value, !value.isNull else { return [] }
    let items = value.node.scalar != nil ? [value] : try value.list("a list of parameter names")
    var names: Set<String> = []
    for item in items {
      let name = try item.string("a parameter name")
      guard allowed.contains(name) else {
        throw item.error(
          .unknownName(
            key: item.key, kind: "parameter", name: name, available: allowed,
            suggestion: NameSuggestion.closest(to: name, among: allowed)))
      }
      names.insert(name)
    }
    return names
  }
}
