/// Qualitative colour palettes for telling populations and neurons apart.
public enum Palette {
  /// Tableau 10 (Tableau's 2016 default): ten hues distinguishable in print and on screen.
  public static let tableau10: [Color] = [
    0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F,
    0xBAB0AC,
  ].map(Color.init(hex:))

  /// The Okabe-Ito palette, chosen to stay distinguishable under colour-vision
  /// deficiencies (black left out, as it is kept for axes and means).
  public static let okabeIto: [Color] = [
    0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7,
  ].map(Color.init(hex:))

  /// The `index`th colour of `palette`, cycling when there are more series than colours.
  public static func color(_ index: Int, in palette: [Color] = tableau10) -> Color {
    palette[((index % palette.count) + palette.count) % palette.count]
  }
}
