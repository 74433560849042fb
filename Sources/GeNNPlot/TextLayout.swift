/// The texts a chart has placed so far, which keeps every further text inside the
/// picture and clear of them: the charts lay out their text to fit, and draw each piece
/// through ``place(_:in:)``, so that on a picture too small for everything, what does
/// not fit is left out rather than drawn over something else or cut off at the edge.
struct TextLayout {
  /// The picture's area.
  var canvas: Rect
  /// The space kept between two texts, in pixels.
  var spacing: Double
  /// The ink rectangles of the texts placed.
  private(set) var placed: [Rect] = []

  init(width: Int, height: Int, spacing: Double) {
    canvas = Rect(x: 0, y: 0, width: Double(width), height: Double(height))
    self.spacing = spacing
  }

  /// Whether `text` lies inside the picture, clear of every text placed.
  func fits(_ text: Text) -> Bool {
    let bounds = text.bounds
    return canvas.contains(bounds) && !placed.contains { $0.padded(spacing).intersects(bounds) }
  }

  /// Adds `text` to `drawing` when it fits (and is not empty); returns whether it did.
  @discardableResult
  mutating func place(_ text: Text, in drawing: inout Drawing) -> Bool {
    guard !text.string.isEmpty, fits(text) else { return false }
    placed.append(text.bounds)
    drawing.text(text)
    return true
  }
}
