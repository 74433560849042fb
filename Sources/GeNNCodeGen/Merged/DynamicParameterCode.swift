import GeNNModel
import GeNNTranspiler

/// One struct field that holds a dynamic parameter in the generated code: a parameter
/// can sit in several (a weight update parameter in its synapse population's struct and
/// in its neurons' slots), and the setter writes every one.
struct DynamicParameterField {
  /// The parameter's position in ``GeNNModel/ModelSpec/dynamicParameters``.
  var position: Int
  /// The field as the binding code spells it (`m.neuronUpdateGroup0[1].p_input`).
  var field: String
  /// The parameter's type.
  var type: NumericType
}

extension ModelCodeWriting {
  /// Notes the fields of the dynamic parameters of `element`'s `owner` model among
  /// `names`, which ``writeParameterBindings(field:prefix:params:names:derived:paramTypes:dynamic:)``
  /// is binding as `field.<prefix>p_<name>`.
  mutating func noteDynamicParameterFields(
    field: String, prefix: String, names: [String], paramTypes: [String: String],
    element: String, owner: DynamicParameter.Owner
  ) {
    let parameters = merged.dynamicParameters
    for name in names {
      let key = DynamicParameter(element: element, owner: owner, name: name)
      guard let position = parameters.firstIndex(of: key) else { continue }
      dynamicParameterFields.append(
        DynamicParameterField(
          position: position, field: "\(field).\(prefix)p_\(name)",
          type: parameterType(name, paramTypes)))
    }
  }

  /// Writes the `switch` that stores `value` (a `double`) into every field of dynamic
  /// parameter `position`, converted to the parameter's type; nothing for a model
  /// without dynamic parameters.
  mutating func writeDynamicParameterSwitch() {
    line("switch (position) {")
    for position in merged.dynamicParameters.indices {
      let fields = dynamicParameterFields.filter { $0.position == position }
      guard !fields.isEmpty else { continue }
      let parameter = merged.dynamicParameters[position]
      line("// parameter '\(parameter.name)' of '\(parameter.element.commentText)'")
      line("case \(position)u:")
      for field in fields {
        line("\(field.field) = (\(field.type.cName))value;")
      }
      line("break;")
    }
    line("default: break;")
    line("}")
  }
}
