/// The population sizes a snippet's parameters describe, such as a convolution's input
/// (`conv_ih * conv_iw * conv_ic`) and output (`conv_oh * conv_ow * conv_oc`):
/// validation checks that the products of the named parameters' values are the sizes of
/// the synapse population's source and target.
public struct ShapeParameters: Hashable, Sendable {
  /// The parameters whose product is the source population's size.
  public var source: [String]
  /// The parameters whose product is the target population's size.
  public var target: [String]

  /// Creates shape parameters.
  public init(source: [String], target: [String]) {
    self.source = source
    self.target = target
  }
}
