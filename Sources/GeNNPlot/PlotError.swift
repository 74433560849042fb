/// What goes wrong drawing a plot.
public enum PlotError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The picture's size is not positive, or too large to rasterize.
  case invalidSize(width: Int, height: Int)

  /// The largest width or height a PNG is rasterized at, in pixels.
  public static let maxDimension = 16384

  public var description: String {
    switch self {
    case .invalidSize(let width, let height):
      "cannot rasterize a \(width)x\(height) picture: each side must be 1 to "
        + "\(PlotError.maxDimension) pixels"
    }
  }
}
