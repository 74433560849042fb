/// How wide text is in the SVG's first font, DejaVu Sans, so that layouts leave room for
/// it there as well as for `BitmapFont` in the PNG: where the bitmap font's whole-number
/// scale rounds down (text of 11 px drawn at scale 1, 6 px a character), DejaVu's
/// letters can be the wider.
enum SVGTextMetrics {
  /// DejaVu Sans's advance widths of U+0020 through U+007E, in 1/2048 of an em.
  static let advances: [Int] = [
    // space to /
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303,  // 0 to 9
    690, 690, 1716, 1716, 1716, 1087, 2048,  // : to @
    1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767,  // A to M
    1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403,  // N to Z
    799, 690, 799, 1716, 1024, 1024,  // [ to `
    1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995,  // a to m
    1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075,  // n to z
    1303, 690, 1303, 1716,  // { to ~
  ]

  /// How much wider the bold face is, at most.
  static let boldFactor = 1.1

  /// Characters that reach below the baseline in DejaVu Sans.
  static let descenders = Set("gjpqy,;()[]{}|@$Q/\\_")

  /// The width of `string` at `size` in DejaVu Sans Bold or regular, whichever is wider
  /// (so one number serves both); a character outside printable ASCII counts an em.
  static func width(of string: String, size: Double) -> Double {
    let units = string.reduce(0) { total, character in
      guard let ascii = character.asciiValue, (32...126).contains(ascii) else {
        return total + 2048
      }
      return total + advances[Int(ascii) - 32]
    }
    return Double(units) / 2048 * size * boldFactor
  }

  /// Height above the baseline of the tallest letters and brackets, in ems.
  static let ascent = 0.76
  /// Depth below the baseline of descenders, in ems.
  static let descent = 0.24
}
