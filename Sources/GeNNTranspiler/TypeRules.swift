/// GeNN's rules for implicit conversions between types, shared by assignments,
/// initialisers, casts and calls.
enum TypeRules {
  /// Whether `source` and `target` point, at every level, to the same value type
  /// (qualifiers aside): GeNN's `checkPointerTypeAssignement`.
  static func sameShape(_ source: GeNNType, _ target: GeNNType) -> Bool {
    switch (source, target) {
    case (.numeric(let a, _), .numeric(let b, _)): a == b
    case (.pointer(let a, _), .pointer(let b, _)): sameShape(a, b)
    case (.void, .void): true
    default: false
    }
  }

  /// Whether converting `source` to `target` keeps every `const` it had, at every level:
  /// GeNN's `checkForConstRemoval`.
  static func keepsConst(_ source: GeNNType, _ target: GeNNType) -> Bool {
    if source.isConst && !target.isConst { return false }
    switch (source, target) {
    case (.pointer(let a, _), .pointer(let b, _)): return keepsConst(a, b)
    case (.numeric, .numeric): return true
    default: return false
    }
  }

  /// Whether a value of type `source` may be stored with `op` into storage of `target`.
  static func canAssign(
    _ source: GeNNType, to target: GeNNType, with op: AssignmentOperator = .assign
  ) -> Bool {
    switch (source, target) {
    case (.numeric(let s, _), .numeric(let t, _)):
      return !op.needsIntegers || (s.isIntegral && t.isIntegral)
    case (.pointer, .pointer):
      return op == .assign && sameShape(source, target) && keepsConst(source, target)
    case (.numeric(let s, _), .pointer):
      return (op == .add || op == .subtract) && s.isIntegral
    default:
      return false
    }
  }

  /// Whether `source` may be cast to `target`: numbers to numbers; pointers to pointers
  /// of the same shape that keep constness.
  static func canCast(_ source: GeNNType, to target: GeNNType) -> Bool {
    switch (source, target) {
    case (.numeric(_, let q), .numeric): !q.contains(.writeOnly)
    case (.pointer, .pointer): sameShape(source, target) && keepsConst(source, target)
    default: false
    }
  }

  /// How good a match passing `argument` for `parameter` is, GeNN's ranking: 0 exact,
  /// 1 promotion (to `int` or float to double), 2 other numeric conversion; `nil` when
  /// no conversion exists.
  static func conversionRank(_ argument: GeNNType, to parameter: GeNNType) -> Int? {
    switch (argument, parameter) {
    case (.numeric(let a, _), .numeric(let p, _)):
      if a == p { return 0 }
      if p == .int32 && a.isIntegral && a.rank < NumericType.int32.rank { return 1 }
      if p == .double && a == .float { return 1 }
      return 2
    case (.pointer, .pointer):
      return sameShape(argument, parameter) ? 0 : nil
    default:
      return nil
    }
  }
}
