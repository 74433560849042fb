/// Draws anti-aliased shapes and bitmap-font text into an `RGBImage`. A pixel `(x, y)`
/// covers the square from `(x, y)` to `(x + 1, y + 1)`, so a 1-pixel line is sharp when it
/// runs along pixel centres (`y = 10.5`). Each shape's coverage is gathered first (the
/// maximum where its parts overlap, so polyline joints do not darken) and then blended
/// over the image once.
public struct Rasterizer {
  /// The picture so far.
  public private(set) var image: RGBImage
  /// The current shape's coverage of each pixel, 0 to 1.
  private var coverage: [Float]
  /// The pixels the current shape touches: min x, min y, max x, max y (inclusive).
  private var touched: (Int, Int, Int, Int)?

  /// A canvas of `width` by `height` pixels filled with `background`.
  public init(width: Int, height: Int, background: Color = .white) {
    image = RGBImage(width: width, height: height, fill: background)
    coverage = [Float](repeating: 0, count: width * height)
  }

  public var width: Int { image.width }
  public var height: Int { image.height }

  /// Mixes `color` into the pixel at `(x, y)` with opacity `alpha`; outside pixels are
  /// ignored.
  public mutating func blend(x: Int, y: Int, _ color: Color, alpha: Double) {
    guard x >= 0, y >= 0, x < width, y < height, alpha > 0 else { return }
    let index = 3 * (y * width + x)
    let a = min(1, alpha)
    func mix(_ old: UInt8, _ new: UInt8) -> UInt8 {
      UInt8((Double(old) + (Double(new) - Double(old)) * a).rounded())
    }
    image.pixels[index] = mix(image.pixels[index], color.red)
    image.pixels[index + 1] = mix(image.pixels[index + 1], color.green)
    image.pixels[index + 2] = mix(image.pixels[index + 2], color.blue)
  }

  /// Fills `rect`, partly covered edge pixels blended by the area covered.
  public mutating func fill(_ rect: Rect, _ color: Color) {
    let (x0, x1) = (max(0, rect.x), min(Double(width), rect.maxX))
    let (y0, y1) = (max(0, rect.y), min(Double(height), rect.maxY))
    guard x1 > x0, y1 > y0 else { return }
    for y in Int(y0.rounded(.down))..<Int(y1.rounded(.up)) {
      let rowCover = min(Double(y + 1), y1) - max(Double(y), y0)
      for x in Int(x0.rounded(.down))..<Int(x1.rounded(.up)) {
        let columnCover = min(Double(x + 1), x1) - max(Double(x), x0)
        blend(x: x, y: y, color, alpha: rowCover * columnCover)
      }
    }
  }

  /// Outlines `rect` with lines along its edges.
  public mutating func stroke(_ rect: Rect, _ stroke: Stroke) {
    let corners = [
      Point(rect.x, rect.y), Point(rect.maxX, rect.y), Point(rect.maxX, rect.maxY),
      Point(rect.x, rect.maxY), Point(rect.x, rect.y),
    ]
    polyline(corners, stroke)
  }

  /// A straight line of `stroke`'s width with round ends.
  public mutating func line(_ from: Point, _ to: Point, _ stroke: Stroke) {
    cover(from, to, halfWidth: stroke.width / 2)
    composite(stroke.color)
  }

  /// Connected lines through `points`, joints rounded.
  public mutating func polyline(_ points: [Point], _ stroke: Stroke) {
    guard let first = points.first else { return }
    if points.count == 1 {
      cover(first, first, halfWidth: stroke.width / 2)
    }
    for index in points.indices.dropFirst() {
      cover(points[index - 1], points[index], halfWidth: stroke.width / 2)
    }
    composite(stroke.color)
  }

  /// A filled disc.
  public mutating func circle(_ center: Point, radius: Double, _ color: Color) {
    let reach = radius + 0.5
    let (minX, maxX) = (
      Int((center.x - reach).rounded(.down)), Int((center.x + reach).rounded(.up))
    )
    let (minY, maxY) = (
      Int((center.y - reach).rounded(.down)), Int((center.y + reach).rounded(.up))
    )
    for y in Self.span(minY, maxY, height) {
      for x in Self.span(minX, maxX, width) {
        let dx = Double(x) + 0.5 - center.x
        let dy = Double(y) + 0.5 - center.y
        let alpha = reach - (dx * dx + dy * dy).squareRoot()
        if alpha > 0 { blend(x: x, y: y, color, alpha: min(1, alpha)) }
      }
    }
  }

  /// `image` stretched over `rect`, each of its pixels a sharp block (nearest neighbour).
  public mutating func draw(_ source: RGBImage, in rect: Rect) {
    guard source.width > 0, source.height > 0, rect.width > 0, rect.height > 0 else { return }
    let (x0, x1) = (max(0, Int(rect.x.rounded())), min(width, Int(rect.maxX.rounded())))
    let (y0, y1) = (max(0, Int(rect.y.rounded())), min(height, Int(rect.maxY.rounded())))
    guard x1 > x0, y1 > y0 else { return }
    for y in y0..<y1 {
      let sourceY = min(
        source.height - 1, Int((Double(y) + 0.5 - rect.y) / rect.height * Double(source.height)))
      for x in x0..<x1 {
        let sourceX = min(
          source.width - 1, Int((Double(x) + 0.5 - rect.x) / rect.width * Double(source.width)))
        let from = 3 * (max(0, sourceY) * source.width + max(0, sourceX))
        let to = 3 * (y * width + x)
        image.pixels[to] = source.pixels[from]
        image.pixels[to + 1] = source.pixels[from + 1]
        image.pixels[to + 2] = source.pixels[from + 2]
      }
    }
  }

  /// `text` in `BitmapFont`, scaled by `BitmapFont.scale(for:)` and snapped to whole
  /// pixels; bold text is drawn twice, shifted sideways.
  public mutating func draw(_ text: Text) {
    let scale = BitmapFont.scale(for: text.size)
    let width = BitmapFont.width(of: text.string, size: text.size)
    let offset: Double =
      switch text.anchor {
      case .start: 0
      case .middle: -width / 2
      case .end: -width
      }
    let originX = Int(text.position.x.rounded())
    let originY = Int(text.position.y.rounded())
    let start = Int(offset.rounded())
    let passes = text.bold ? [0, max(1, scale / 2)] : [0]
    for (index, character) in text.string.enumerated() {
      let glyph = BitmapFont.glyph(character)
      for (row, mask) in glyph.enumerated() where mask != 0 {
        // v: downwards from the baseline; u: along the text.
        let v = (row - BitmapFont.capHeight) * scale
        for column in 0..<BitmapFont.glyphWidth where mask & (0x10 >> UInt8(column)) != 0 {
          for shift in passes {
            let u = start + (index * BitmapFont.advance + column) * scale + shift
            let block =
              text.vertical
              ? (x: originX + v, y: originY - u - scale) : (x: originX + u, y: originY + v)
            fillBlock(x: block.x, y: block.y, size: scale, text.color)
          }
        }
      }
    }
  }

  /// The indices of `start..<end` inside `0..<limit` (empty when none are).
  private static func span(_ start: Int, _ end: Int, _ limit: Int) -> Range<Int> {
    let (low, high) = (max(0, start), min(limit, end))
    return low < high ? low..<high : 0..<0
  }

  /// Paints a `size`-pixel square opaquely.
  private mutating func fillBlock(x: Int, y: Int, size: Int, _ color: Color) {
    for row in Self.span(y, y + size, height) {
      for column in Self.span(x, x + size, width) {
        image[column, row] = color
      }
    }
  }

  /// Adds the pixels within `halfWidth` of the segment to the current shape's coverage.
  private mutating func cover(_ a: Point, _ b: Point, halfWidth: Double) {
    let reach = halfWidth + 0.5
    let (dx, dy) = (b.x - a.x, b.y - a.y)
    let lengthSquared = dx * dx + dy * dy
    let xMajor = abs(dx) >= abs(dy)
    // Walk along the major axis; across it, only the band the segment can reach.
    let (majorLow, majorHigh) =
      xMajor ? (min(a.x, b.x), max(a.x, b.x)) : (min(a.y, b.y), max(a.y, b.y))
    let majorLimit = xMajor ? width : height
    let minorLimit = xMajor ? height : width
    let slope = xMajor ? (dx == 0 ? 0 : dy / dx) : (dy == 0 ? 0 : dx / dy)
    let band = reach * (1 + slope * slope).squareRoot() + 1
    let first = max(0, Int((majorLow - reach).rounded(.down)))
    let last = min(majorLimit - 1, Int((majorHigh + reach).rounded(.up)))
    guard first <= last else { return }
    for major in first...last {
      let centre = Double(major) + 0.5
      let clamped = min(majorHigh, max(majorLow, centre))
      let minorAt: Double
      if xMajor {
        minorAt = dx == 0 ? a.y : a.y + (clamped - a.x) * slope
      } else {
        minorAt = dy == 0 ? a.x : a.x + (clamped - a.y) * slope
      }
      let low = max(0, Int((minorAt - band).rounded(.down)))
      let high = min(minorLimit - 1, Int((minorAt + band).rounded(.up)))
      guard low <= high else { continue }
      for minor in low...high {
        let (x, y) = xMajor ? (major, minor) : (minor, major)
        let (px, py) = (Double(x) + 0.5, Double(y) + 0.5)
        var t = lengthSquared > 0 ? ((px - a.x) * dx + (py - a.y) * dy) / lengthSquared : 0
        t = min(1, max(0, t))
        let (ex, ey) = (px - (a.x + t * dx), py - (a.y + t * dy))
        let alpha = reach - (ex * ex + ey * ey).squareRoot()
        if alpha > 0 { mark(x: x, y: y, Float(min(1, alpha))) }
      }
    }
  }

  private mutating func mark(x: Int, y: Int, _ alpha: Float) {
    let index = y * width + x
    if alpha > coverage[index] { coverage[index] = alpha }
    if let (minX, minY, maxX, maxY) = touched {
      touched = (min(minX, x), min(minY, y), max(maxX, x), max(maxY, y))
    } else {
      touched = (x, y, x, y)
    }
  }

  /// Blends the current shape in `color` by its coverage, and clears the coverage.
  private mutating func composite(_ color: Color) {
    guard let (minX, minY, maxX, maxY) = touched else { return }
    for y in minY...maxY {
      for x in minX...maxX {
        let index = y * width + x
        let alpha = coverage[index]
        if alpha > 0 {
          blend(x: x, y: y, color, alpha: Double(alpha))
          coverage[index] = 0
        }
      }
    }
    touched = nil
  }
}
