import Foundation
import Testing

@testable import GeNNPlot

/// PNG files: chunk structure and CRCs, and pixels that decode back exactly.
@Suite struct PNGTests {
  struct Chunk {
    var type: String
    var data: [UInt8]
  }

  static func uint32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.reduce(0) { $0 << 8 | UInt32($1) }
  }

  /// The file's chunks, each CRC checked.
  static func chunks(_ file: [UInt8]) throws -> [Chunk] {
    #expect(file.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    var chunks: [Chunk] = []
    var position = 8
    while position < file.count {
      let length = Int(uint32(file[position..<(position + 4)]))
      let typeAndData = Array(file[(position + 4)..<(position + 8 + length)])
      let crc = uint32(file[(position + 8 + length)..<(position + 12 + length)])
      #expect(Checksums.crc32(typeAndData) == crc)
      chunks.append(
        Chunk(
          type: String(decoding: typeAndData[..<4], as: UTF8.self), data: Array(typeAndData[4...])))
      position += 12 + length
    }
    #expect(position == file.count)
    return chunks
  }

  /// Decodes a file this module wrote: 8-bit RGB, any of the five filters.
  static func decode(_ file: [UInt8]) throws -> RGBImage {
    let chunks = try chunks(file)
    #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
    let header = chunks[0].data
    let (width, height) = (Int(uint32(header[0..<4])), Int(uint32(header[4..<8])))
    #expect(Array(header[8...]) == [8, 2, 0, 0, 0])
    let raw = try Inflate.zlib(chunks[1].data)
    let stride = width * 3
    #expect(raw.count == height * (stride + 1))
    var image = RGBImage(width: width, height: height)
    for y in 0..<height {
      let filter = raw[y * (stride + 1)]
      for index in 0..<stride {
        let x = raw[y * (stride + 1) + 1 + index]
        let a = index >= 3 ? image.pixels[y * stride + index - 3] : 0
        let b = y > 0 ? image.pixels[(y - 1) * stride + index] : 0
        let c = index >= 3 && y > 0 ? image.pixels[(y - 1) * stride + index - 3] : 0
        let predictor: UInt8 =
          switch filter {
          case 0: 0
          case 1: a
          case 2: b
          case 3: UInt8((Int(a) + Int(b)) / 2)
          default: PNGEncoder.paeth(a, b, c)
          }
        image.pixels[y * stride + index] = x &+ predictor
      }
    }
    return image
  }

  @Test func pixelsRoundTrip() throws {
    var image = RGBImage(width: 37, height: 23, fill: Color(hex: 0x336699))
    var generator = Samples.Generator(state: 3)
    for y in 0..<23 {
      for x in 0..<37 where generator.next() < 0.3 {
        image[x, y] = Color(hex: UInt32(generator.next() * 0xFFFFFF))
      }
    }
    #expect(try Self.decode(image.png()) == image)
  }

  @Test func chartPixelsRoundTrip() throws {
    let image = try PNGRenderer.render(Samples.smallRaster.drawing())
    #expect(try Self.decode(image.png()) == image)
  }

  @Test(.enabled(if: Python.available, "python3 is not available, so zlib is not checked"))
  func pythonDecompressesIDAT() throws {
    let file = try TracePlot(series: [Samples.voltages(3)], width: 800).png()
    let chunks = try Self.chunks(file)
    let header = chunks[0].data
    let (width, height) = (Int(Self.uint32(header[0..<4])), Int(Self.uint32(header[4..<8])))
    let raw = try Python.zlibDecompress(chunks[1].data)
    #expect(raw?.count == width * height * 3 + height)
  }

  @Test func mostlyWhiteChartIsSmall() throws {
    let raster = SpikeRaster(
      populations: [.init(name: "A", size: 10, times: [100, 200, 300], ids: [1, 5, 9])],
      duration: 1000, width: 1600, height: 1000)
    let file = try raster.png()
    #expect(file.count < 60_000)
    let image = try Self.decode(file)
    #expect(image.width == 1600 && image.height == 1000)
  }

  @Test func rejectsImpossibleSizes() {
    for (width, height) in [(0, 10), (10, -1), (20_000, 10)] {
      #expect(throws: PlotError.invalidSize(width: width, height: height)) {
        try Drawing(width: width, height: height).png()
      }
    }
  }
}
