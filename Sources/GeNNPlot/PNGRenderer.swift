/// Rasterizes a `Drawing` with `Rasterizer`, one image pixel per drawing pixel.
public enum PNGRenderer {
  /// The drawing as an image.
  public static func render(_ drawing: Drawing) throws(PlotError) -> RGBImage {
    guard (1...PlotError.maxDimension).contains(drawing.width),
      (1...PlotError.maxDimension).contains(drawing.height)
    else { throw .invalidSize(width: drawing.width, height: drawing.height) }
    var canvas = Rasterizer(
      width: drawing.width, height: drawing.height, background: drawing.background)
    for element in drawing.elements {
      switch element {
      case .line(let from, let to, let stroke):
        canvas.line(from, to, stroke)
      case .polyline(let points, let stroke):
        canvas.polyline(points, stroke)
      case .rect(let rect, let fill, let stroke):
        if let fill { canvas.fill(rect, fill) }
        if let stroke { canvas.stroke(rect, stroke) }
      case .circle(let center, let radius, let fill):
        canvas.circle(center, radius: radius, fill)
      case .marks(let points, let mark, let color):
        for point in points {
          switch mark {
          case .tick(let width, let height):
            canvas.fill(
              Rect(x: point.x - width / 2, y: point.y - height / 2, width: width, height: height),
              color)
          case .dot(let radius):
            canvas.circle(point, radius: radius, color)
          }
        }
      case .text(let text):
        canvas.draw(text)
      case .image(let image, let rect):
        canvas.draw(image, in: rect)
      }
    }
    return canvas.image
  }
}
