import GeNNTranspiler

/// The floating-point precision of a model's `scalar` or of its time.
public enum Precision: String, Hashable, Sendable, CaseIterable, Codable {
  case float
  case double

  /// The numeric type the precision names.
  public var numericType: NumericType { self == .float ? .float : .double }
}
