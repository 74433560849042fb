import Foundation

/// Writes a `Drawing` as a standalone SVG 1.1 document. Coordinates are rounded to
/// hundredths of a pixel; marks become one `<path>` per element (a stroked segment per
/// point), images embedded PNGs.
public enum SVGRenderer {
  /// The font families text asks for, best first.
  public static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"

  /// The SVG document.
  public static func render(_ drawing: Drawing) -> String {
    var svg = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" \
      width="\(drawing.width)" height="\(drawing.height)" \
      viewBox="0 0 \(drawing.width) \(drawing.height)" font-family="\(fontFamily)">

      """
    svg += "<rect width=\"100%\" height=\"100%\" fill=\"\(drawing.background)\"/>\n"
    for element in drawing.elements {
      svg += render(element)
      svg += "\n"
    }
    svg += "</svg>\n"
    return svg
  }

  static func render(_ element: Drawing.Element) -> String {
    switch element {
    case .line(let from, let to, let stroke):
      return "<line x1=\"\(number(from.x))\" y1=\"\(number(from.y))\" x2=\"\(number(to.x))\" "
        + "y2=\"\(number(to.y))\" \(attributes(stroke))/>"
    case .polyline(let points, let stroke):
      let list = points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
      return "<polyline points=\"\(list)\" fill=\"none\" \(attributes(stroke)) "
        + "stroke-linejoin=\"round\"/>"
    case .rect(let rect, let fill, let stroke):
      return "<rect x=\"\(number(rect.x))\" y=\"\(number(rect.y))\" "
        + "width=\"\(number(rect.width))\" height=\"\(number(rect.height))\" "
        + "fill=\"\(fill.map(\.description) ?? "none")\""
        + (stroke.map { " " + attributes($0) } ?? "") + "/>"
    case .circle(let center, let radius, let fill):
      return "<circle cx=\"\(number(center.x))\" cy=\"\(number(center.y))\" "
        + "r=\"\(number(radius))\" fill=\"\(fill)\"/>"
    case .marks(let points, let mark, let color):
      return marks(points, mark, color)
    case .text(let text):
      return self.text(text)
    case .image(let image, let rect):
      let data = Data(image.png()).base64EncodedString()
      return "<image x=\"\(number(rect.x))\" y=\"\(number(rect.y))\" "
        + "width=\"\(number(rect.width))\" height=\"\(number(rect.height))\" "
        + "preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" "
        + "xlink:href=\"data:image/png;base64,\(data)\"/>"
    }
  }

  /// All the marks as one path: a vertical segment per tick (butt caps), a zero-length
  /// segment with round caps per dot.
  static func marks(_ points: [Point], _ mark: Mark, _ color: Color) -> String {
    var path = ""
    path.reserveCapacity(points.count * 14)
    let (width, cap): (Double, String)
    switch mark {
    case .tick(let tickWidth, let height):
      (width, cap) = (tickWidth, "butt")
      for point in points {
        path += "M\(number(point.x)) \(number(point.y - height / 2))v\(number(height))"
      }
    case .dot(let radius):
      (width, cap) = (2 * radius, "round")
      for point in points { path += "M\(number(point.x)) \(number(point.y))h0" }
    }
    return "<path fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(number(width))\" "
      + "stroke-linecap=\"\(cap)\" d=\"\(path)\"/>"
  }

  static func text(_ text: Text) -> String {
    var attributes =
      "x=\"\(number(text.position.x))\" y=\"\(number(text.position.y))\" "
      + "font-size=\"\(number(text.size))\" fill=\"\(text.color)\""
    if text.anchor != .start { attributes += " text-anchor=\"\(text.anchor.rawValue)\"" }
    if text.bold { attributes += " font-weight=\"bold\"" }
    if text.vertical {
      attributes +=
        " transform=\"rotate(-90 \(number(text.position.x)) \(number(text.position.y)))\""
    }
    return "<text \(attributes)>\(escaped(text.string))</text>"
  }

  static func attributes(_ stroke: Stroke) -> String {
    "stroke=\"\(stroke.color)\" stroke-width=\"\(number(stroke.width))\""
  }

  /// `string` with XML's special characters escaped.
  public static func escaped(_ string: String) -> String {
    var result = ""
    for character in string {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default: result.append(character)
      }
    }
    return result
  }

  /// `value` rounded to hundredths, without trailing zeros: `12`, `12.5`, `-0.25`.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = Int((value * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = abs(hundredths)
    let (whole, fraction) = (magnitude / 100, magnitude % 100)
    if fraction == 0 { return sign + String(whole) }
    if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
    return sign + String(whole) + (fraction < 10 ? ".0" : ".") + String(fraction)
  }
}
