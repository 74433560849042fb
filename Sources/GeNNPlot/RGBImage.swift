/// An 8-bit RGB image: rows top to bottom, three bytes (red, green, blue) per pixel.
public struct RGBImage: Hashable, Sendable {
  /// The width in pixels.
  public var width: Int
  /// The height in pixels.
  public var height: Int
  /// `width * height * 3` bytes, row-major.
  public var pixels: [UInt8]

  /// An image of one colour.
  public init(width: Int, height: Int, fill: Color = .white) {
    self.width = width
    self.height = height
    pixels = [UInt8](repeating: 0, count: width * height * 3)
    for index in 0..<(width * height) {
      pixels[3 * index] = fill.red
      pixels[3 * index + 1] = fill.green
      pixels[3 * index + 2] = fill.blue
    }
  }

  /// The colour of the pixel in column `x`, row `y`.
  public subscript(x: Int, y: Int) -> Color {
    get {
      let index = 3 * (y * width + x)
      return Color(red: pixels[index], green: pixels[index + 1], blue: pixels[index + 2])
    }
    set {
      let index = 3 * (y * width + x)
      pixels[index] = newValue.red
      pixels[index + 1] = newValue.green
      pixels[index + 2] = newValue.blue
    }
  }

  /// The image as a PNG file (see `PNGEncoder`).
  public func png() -> [UInt8] { PNGEncoder.encode(self) }
}
