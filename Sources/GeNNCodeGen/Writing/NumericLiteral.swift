import Foundation
import GeNNTranspiler

/// Writes numbers into generated code exactly as GeNN 5.4's `Type::writeNumeric` does,
/// so that parameters, derived parameters and `dt` round to the same values: scientific
/// notation with `max_digits10` digits after the point and the type's suffix (`f` for
/// float), which the C++ compiler then rounds to the type.
enum NumericLiteral {
  static func write(_ value: Double, as type: NumericType) -> String {
    switch type {
    case .float:
      return String(format: "%.9e", value) + "f"
    case .double:
      return String(format: "%.17e", value)
    case .bool:
      return value != 0 ? "true" : "false"
    default:
      let whole = value.rounded(.towardZero)
      guard type.isSigned else { return "\(UInt64(exactly: max(whole, 0)) ?? 0)u" }
      let integer = Int64(exactly: whole) ?? 0
      // `-9223372036854775808` is the negation of a literal no signed type holds.
      return integer == .min ? "(-9223372036854775807 - 1)" : "\(integer)"
    }
  }
}
