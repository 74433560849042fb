/// How a variable starts: one value for every element, a value per element, or an
/// initialisation snippet run for each element.
public enum VarInit: Sendable {
  /// The same value everywhere.
  case constant(Double)
  /// One value per element, in element order.
  case values([Double])
  /// A snippet with its parameter values.
  case snippet(InitSnippet, params: [String: Double])
  /// For synapses built by a connectivity snippet with a kernel (such as `Conv2D`): each
  /// synapse takes the element of this kernel (row-major over the snippet's kernel shape)
  /// that the snippet assigns it, GeNN's `Kernel` init snippet with its `kernel` array.
  case kernel([Double])
  /// No initial value: neither the host nor the generated initialisation code writes
  /// the variable (GeNN's `Uninitialised` snippet). SwiftGeNN's memory starts at zero
  /// (and `reinitialise` zeroes it again), and values written after loading (through
  /// views) stay until the code changes them.
  case uninitialised
}

extension VarInit: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral
{
  public init(floatLiteral value: Double) { self = .constant(value) }
  public init(integerLiteral value: Int) { self = .constant(Double(value)) }
  public init(arrayLiteral elements: Double...) { self = .values(elements) }
}
