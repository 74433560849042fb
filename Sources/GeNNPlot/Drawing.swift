/// A point in a drawing, in pixels from its top-left corner (y grows downwards).
public struct Point: Hashable, Sendable {
  public var x: Double
  public var y: Double

  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// An axis-aligned rectangle in a drawing.
public struct Rect: Hashable, Sendable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double

  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  public var maxX: Double { x + width }
  public var maxY: Double { y + height }

  /// Whether the two rectangles share area (touching edges do not count).
  public func intersects(_ other: Rect) -> Bool {
    x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
  }

  /// Whether `other` lies wholly inside this rectangle.
  public func contains(_ other: Rect) -> Bool {
    other.x >= x && other.maxX <= maxX && other.y >= y && other.maxY <= maxY
  }

  /// The rectangle grown by `margin` on every side.
  public func padded(_ margin: Double) -> Rect {
    Rect(x: x - margin, y: y - margin, width: width + 2 * margin, height: height + 2 * margin)
  }
}

/// How a line is drawn.
public struct Stroke: Hashable, Sendable {
  public var color: Color
  /// The width in pixels.
  public var width: Double

  public init(_ color: Color, width: Double = 1) {
    self.color = color
    self.width = width
  }
}

/// A run of text on one line, drawn in a sans-serif face in SVG and in `BitmapFont`
/// in PNG.
public struct Text: Hashable, Sendable {
  /// Which point of the text `position` fixes, along its baseline.
  public enum Anchor: String, Hashable, Sendable {
    case start, middle, end
  }

  public var string: String
  /// A point on the baseline: the start, middle or end of the text, per `anchor`.
  public var position: Point
  /// The font size in pixels.
  public var size: Double
  public var color: Color
  public var anchor: Anchor
  public var bold: Bool
  /// Whether the text reads upwards (turned 90 degrees anticlockwise), as y-axis titles do.
  public var vertical: Bool

  public init(
    _ string: String, at position: Point, size: Double, color: Color = .ink,
    anchor: Anchor = .start, bold: Bool = false, vertical: Bool = false
  ) {
    self.string = string
    self.position = position
    self.size = size
    self.color = color
    self.anchor = anchor
    self.bold = bold
    self.vertical = vertical
  }

  /// The width the text takes in either renderer, in pixels: the wider of
  /// `BitmapFont`'s exact advance and DejaVu Sans's (the SVG's first font, bold or not).
  public var width: Double { Self.width(of: string, size: size) }

  /// The width `string` takes at `size` in either renderer (see ``width``).
  public static func width(of string: String, size: Double) -> Double {
    max(BitmapFont.width(of: string, size: size), SVGTextMetrics.width(of: string, size: size))
  }

  /// The rectangle the text's ink covers in either renderer: in the PNG, `BitmapFont`
  /// at its whole-number scale, the position rounded to whole pixels and bold's extra
  /// pass included; in the SVG, DejaVu Sans's advance, ascent and descent. Vertically
  /// from the cap height (or DejaVu's ascent) above the baseline down to the baseline, or
  /// below it by the descent when the string has a letter reaching down. Empty text
  /// covers an empty rectangle at its position.
  public var bounds: Rect {
    let scale = Double(BitmapFont.scale(for: size))
    let bitmapLength =
      BitmapFont.width(of: string, size: size)
      + (bold && !string.isEmpty ? max(1, (scale / 2).rounded(.down)) : 0)
    let length = max(bitmapLength, SVGTextMetrics.width(of: string, size: size))
    let offset: Double =
      switch anchor {
      case .start: 0
      case .middle: (-length / 2).rounded(.down)
      case .end: -length.rounded(.up)
      }
    let descends =
      BitmapFont.hasDescender(string) || string.contains { SVGTextMetrics.descenders.contains($0) }
    let above = max(Double(BitmapFont.capHeight) * scale, SVGTextMetrics.ascent * size)
    let below =
      descends
      ? max(Double(BitmapFont.rows - BitmapFont.capHeight) * scale, SVGTextMetrics.descent * size)
      : 0
    let (x, y) = (position.x.rounded(), position.y.rounded())
    guard vertical else {
      return Rect(x: x + offset, y: y - above, width: length.rounded(.up), height: above + below)
    }
    // Turned anticlockwise: the text runs upwards from the position, its top to the left.
    return Rect(
      x: x - above, y: y - offset - length.rounded(.up), width: above + below,
      height: length.rounded(.up))
  }
}

/// The shape drawn at each point of a `Drawing.Element.marks` element.
public enum Mark: Hashable, Sendable {
  /// A vertical bar of this width and height centred on the point.
  case tick(width: Double, height: Double)
  /// A filled disc of this radius.
  case dot(radius: Double)
}

/// A picture described once as drawing primitives, which `SVGRenderer` and `PNGRenderer`
/// turn into bytes. Elements are drawn in order, later ones over earlier ones.
public struct Drawing: Hashable, Sendable {
  /// One primitive.
  public enum Element: Hashable, Sendable {
    case line(from: Point, to: Point, stroke: Stroke)
    /// Connected segments through the points.
    case polyline([Point], stroke: Stroke)
    /// A rectangle, filled and/or outlined.
    case rect(Rect, fill: Color?, stroke: Stroke?)
    case circle(center: Point, radius: Double, fill: Color)
    /// The same mark at many points, all in one colour (a raster's spikes).
    case marks([Point], Mark, color: Color)
    case text(Text)
    /// A bitmap stretched over a rectangle, each pixel a sharp block.
    case image(RGBImage, in: Rect)
  }

  /// The width in pixels.
  public var width: Int
  /// The height in pixels.
  public var height: Int
  public var background: Color
  public var elements: [Element] = []

  public init(width: Int, height: Int, background: Color = .white) {
    self.width = width
    self.height = height
    self.background = background
  }

  /// Appends an element.
  public mutating func add(_ element: Element) { elements.append(element) }

  /// Appends a line.
  public mutating func line(_ from: Point, _ to: Point, _ stroke: Stroke) {
    elements.append(.line(from: from, to: to, stroke: stroke))
  }

  /// Appends a text.
  public mutating func text(_ text: Text) { elements.append(.text(text)) }

  /// The texts, in drawing order.
  public var texts: [Text] {
    elements.compactMap { if case .text(let text) = $0 { text } else { nil } }
  }

  /// The drawing as an SVG document (see `SVGRenderer`).
  public func svg() -> String { SVGRenderer.render(self) }

  /// The drawing rasterized as a PNG file (see `PNGRenderer`).
  public func png() throws(PlotError) -> [UInt8] { try PNGRenderer.render(self).png() }
}
