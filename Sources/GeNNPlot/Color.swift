/// An opaque 8-bit sRGB colour.
public struct Color: Hashable, Sendable, CustomStringConvertible {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// The colour written `0xRRGGBB`.
  public init(hex: UInt32) {
    self.init(
      red: UInt8(truncatingIfNeeded: hex >> 16), green: UInt8(truncatingIfNeeded: hex >> 8),
      blue: UInt8(truncatingIfNeeded: hex))
  }

  public static let white = Color(hex: 0xFFFFFF)
  public static let black = Color(hex: 0x000000)
  /// The colour of text and axis lines.
  public static let ink = Color(hex: 0x262626)
  /// The colour of secondary text: notes, counts.
  public static let mutedInk = Color(hex: 0x6B6B6B)
  /// The colour of grid lines.
  public static let grid = Color(hex: 0xE6E6E6)

  /// `#rrggbb`, as SVG and CSS write it.
  public var description: String {
    let digits = Array("0123456789abcdef")
    return "#"
      + String([red, green, blue].flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
  }

  /// The colour `fraction` of the way from `self` to `other` (0 is `self`, 1 is `other`).
  public func mixed(with other: Color, _ fraction: Double) -> Color {
    let t = min(1, max(0, fraction))
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
    }
    return Color(
      red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
  }
}
