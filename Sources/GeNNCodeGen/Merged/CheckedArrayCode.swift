import GeNNModel
import GeNNTranspiler

/// Arrays whose size the runtime gives (extra global parameters, drawn row lengths) as
/// every backend declares, binds and lets code strings index them: a group struct holds
/// each one's pointer, its element count (from the runtime's `counts` at binding, never
/// written into the code, so that a later size needs no new code) and its position in
/// the binding order; code strings may only index it. Where indexes are checked
/// (``MemoryPlan/checksIndices``), through ``IndexCheckSource/function``, against the
/// count, and every group struct points at the model's out-of-range record; otherwise
/// as a plain subscript, as GeNN does.
extension ModelCodeWriting {
  /// Declares an extra global parameter's fields (pointer, count, and where indexes are
  /// checked its position) in a group struct.
  mutating func declareExtraGlobalParameter(_ egp: ExtraGlobalParameter, prefix: String) {
    line("\(cType(egp.elementType!)) *\(prefix)egp_\(egp.name);")
    line("uint64_t \(prefix)egpSize_\(egp.name);")
    if memory.checksIndices { line("uint32_t \(prefix)egpId_\(egp.name);") }
  }

  /// Adds extra global parameters to `environment`: each may only be indexed, and where
  /// indexes are checked each index is checked against the count in the group struct's
  /// fields with `prefix`.
  func addExtraGlobalParameters(
    to environment: inout Environment, _ egps: [ExtraGlobalParameter], prefix: String
  ) {
    for egp in egps {
      environment.add(
        checkedElements(
          of: egp.name, type: GeNNType.numeric(egp.elementType!.resolved(in: types)),
          array: "group.\(prefix)egp_\(egp.name)", size: "group.\(prefix)egpSize_\(egp.name)",
          id: "group.\(prefix)egpId_\(egp.name)", role: "extra global parameter"))
    }
  }

  /// The subscript-only symbols of an array named `name` whose elements have `type`:
  /// one per integer type of index, each spelled as a checked access of `array` (where
  /// indexes are checked), whose element count is `size` and whose position in the
  /// binding order is `id`, or as `array[index]`.
  func checkedElements(
    of name: String, type: GeNNType, array: String, size: String, id: String, role: String
  ) -> [Symbol] {
    NumericType.allCases.filter(\.isIntegral).map { index in
      let converted = index.isSigned ? "(uint64_t)(int64_t)($(0))" : "(uint64_t)($(0))"
      let spelling =
        memory.checksIndices
        ? "\(IndexCheckSource.function)(\(array), \(size), \(id), group.outOfRange, \(converted), "
          + "\(index.isSigned))" : "\(array)[$(0)]"
      return Symbol(
        name,
        .function(FunctionType(result: type, parameters: [.numeric(index)], isSubscriptOnly: true)),
        spelling: spelling, role: role)
    }
  }

  /// Points `field`'s fields of an extra global parameter (with `prefix`) at the array
  /// with `role`, with its count from the runtime's `counts`.
  mutating func bindExtraGlobalParameter(
    _ field: String, _ egp: ExtraGlobalParameter, prefix: String, to role: ArrayLayout.Role
  ) {
    let member = "\(prefix)egp_\(egp.name)"
    bindArray(field, member, to: role)
    let index = memory.index(of: role)
    line("\(field).\(prefix)egpSize_\(egp.name) = counts[\(index)];")
    if memory.checksIndices { line("\(field).\(prefix)egpId_\(egp.name) = \(index)u;") }
  }

  /// Declares the pointer to the out-of-range record in a group struct, if the model
  /// has checked arrays.
  mutating func declareOutOfRangeRecord() {
    if memory.checksIndices { line("uint64_t *outOfRange;") }
  }

  /// Points `field`'s out-of-range record at the model's, if the model has checked arrays.
  mutating func bindOutOfRangeRecord(_ field: String) {
    if memory.checksIndices { bindArray(field, "outOfRange", to: .outOfRangeIndex) }
  }
}
