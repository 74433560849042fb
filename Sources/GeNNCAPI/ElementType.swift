import CGeNN
import GeNNTranspiler
import SwiftGeNN

/// `genn_element_type`'s codes for the element types of state arrays.
enum ElementType {
  /// The code of `type`.
  static func code(of type: NumericType) -> Int32 {
    let element: genn_element_type =
      switch type {
      case .bool: GENN_BOOL
      case .int8: GENN_INT8
      case .uint8: GENN_UINT8
      case .int16: GENN_INT16
      case .uint16: GENN_UINT16
      case .int32: GENN_INT32
      case .uint32: GENN_UINT32
      case .int64: GENN_INT64
      case .uint64: GENN_UINT64
      case .float: GENN_FLOAT
      case .double: GENN_DOUBLE
      }
    return Int32(element.rawValue)
  }
}
