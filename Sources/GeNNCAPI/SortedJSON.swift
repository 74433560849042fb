import Foundation

/// `value` as JSON with its keys sorted, the form every report of the C interface takes.
/// The reports hold only strings, finite numbers, flags and collections of them, which
/// always encode.
func sortedJSON(_ value: some Encodable) -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys]
  return String(decoding: try! encoder.encode(value), as: UTF8.self)
}
