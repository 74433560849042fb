import Testing

@testable import GeNNPlot

/// Pixels the rasterizer paints.
@Suite struct RasterizerTests {
  @Test func fillsRectsWithPartialEdges() {
    var canvas = Rasterizer(width: 10, height: 10)
    canvas.fill(Rect(x: 2, y: 2, width: 3.5, height: 3), .black)
    #expect(canvas.image[2, 2] == .black)
    #expect(canvas.image[4, 4] == .black)
    #expect(canvas.image[5, 3] == Color(red: 128, green: 128, blue: 128))  // half covered
    #expect(canvas.image[6, 3] == .white)
    #expect(canvas.image[3, 5] == .white)
  }

  @Test func onePixelLinesOnPixelCentresAreSharp() {
    var canvas = Rasterizer(width: 20, height: 20)
    canvas.line(Point(2, 10.5), Point(18, 10.5), Stroke(.black, width: 1))
    for x in 3..<18 {
      #expect(canvas.image[x, 10] == .black)
      #expect(canvas.image[x, 9] == .white)
      #expect(canvas.image[x, 11] == .white)
    }
  }

  @Test func diagonalLinesAreAntialiased() {
    var canvas = Rasterizer(width: 40, height: 40)
    canvas.polyline([Point(5, 5), Point(35, 20), Point(5, 35)], Stroke(.black, width: 2))
    let colors = Set((0..<40).flatMap { y in (0..<40).map { canvas.image[$0, y] } })
    #expect(colors.contains { $0 != .black && $0 != .white })  // greys at the edges
  }

  @Test func polylineJointsAreNotDrawnTwice() {
    var canvas = Rasterizer(width: 40, height: 20)
    // A 2-pixel line along y = 10.5 half covers rows 9 and 11, the joint at x = 20 included.
    canvas.polyline([Point(5, 10.5), Point(20, 10.5), Point(35, 10.5)], Stroke(.black, width: 2))
    for x in 6..<34 {
      #expect(canvas.image[x, 9] == Color(red: 128, green: 128, blue: 128))
      #expect(canvas.image[x, 10] == .black)
    }
  }

  @Test func circlesAreRound() {
    var canvas = Rasterizer(width: 21, height: 21)
    canvas.circle(Point(10.5, 10.5), radius: 6, .black)
    #expect(canvas.image[10, 10] == .black)
    #expect(canvas.image[10, 5] == .black)
    #expect(canvas.image[4, 4] == .white)  // outside the disc, inside its bounding box
    #expect(canvas.image[10, 3] == .white)
  }

  @Test func textIsDrawnWithTheBitmapFont() {
    var canvas = Rasterizer(width: 60, height: 30)
    canvas.draw(Text("IH", at: Point(10, 20), size: 16))  // scale 2
    // "I" top bar: glyph row 0, columns 1-3, at y = 20 - 14 ... 20 - 13.
    #expect(canvas.image[12, 6] == .ink)
    #expect(canvas.image[10, 6] == .white)
    // "H" starts 12 pixels on: its left stem runs down to the baseline.
    #expect(canvas.image[22, 19] == .ink)
    #expect(canvas.image[22, 20] == .white)
  }

  @Test func verticalTextReadsUpwards() {
    var canvas = Rasterizer(width: 30, height: 60)
    canvas.draw(Text("L", at: Point(20, 50), size: 8, vertical: true))  // scale 1
    // "L" has its stem along the glyph's left: turned, along the bottom row above y = 50.
    let inked = (0..<60).flatMap { y in
      (0..<30).compactMap { canvas.image[$0, y] == .ink ? (x: $0, y: y) : nil }
    }
    #expect(inked.allSatisfy { $0.x < 20 && $0.y < 50 && $0.y >= 45 })
    #expect(inked.count == 11)  // 7 stem pixels and 4 more in the foot
  }
}
