/// A model file's parameters: the values of its top-level `parameters:` mapping, after
/// `--set` overrides, in the order they are declared.
///
/// ```yaml
/// parameters:
///   scale: 0.1
///   N_E: ${round(4000 * scale)}
/// neurons:
///   E: {size: ${N_E}, model: LIF, ...}
/// ```
public struct ParameterValues: Sendable, Hashable {
  /// The names, in the order the file declares them.
  public private(set) var names: [String] = []
  /// The value of each name.
  public private(set) var values: [String: Double] = [:]

  /// No parameters.
  public init() {}

  /// The value of `name`, if it is a parameter.
  public subscript(name: String) -> Double? { values[name] }

  /// Each parameter with its value, in the order the file declares them.
  public var ordered: [(name: String, value: Double)] {
    names.compactMap { name in values[name].map { (name, $0) } }
  }

  /// Adds `name` (not yet declared) with `value`.
  mutating func declare(_ name: String, _ value: Double) {
    names.append(name)
    values[name] = value
  }
}
