/// Encodes `RGBImage`s as PNG files: 8-bit truecolour, not interlaced, each row filtered
/// with whichever of the five PNG filters leaves the smallest sum of absolute byte values
/// (libpng's heuristic), the rows zlib-compressed into one IDAT chunk.
public enum PNGEncoder {
  /// The eight bytes every PNG file starts with.
  public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  /// The PNG file's bytes.
  public static func encode(_ image: RGBImage) -> [UInt8] {
    var header: [UInt8] = []
    header += bigEndian(UInt32(image.width))
    header += bigEndian(UInt32(image.height))
    header += [8, 2, 0, 0, 0]  // bit depth 8, truecolour, deflate, adaptive filters, no interlace
    var file = signature
    file += chunk("IHDR", header)
    file += chunk("IDAT", Deflate.zlib(filteredRows(image)))
    file += chunk("IEND", [])
    return file
  }

  /// One chunk: length, type, data, and the CRC-32 of type and data.
  static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let typeAndData = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + typeAndData
      + bigEndian(Checksums.crc32(typeAndData))
  }

  static func bigEndian(_ value: UInt32) -> [UInt8] {
    [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
  }

  /// The image data as PNG filters it: per row, a filter-type byte then the filtered
  /// bytes.
  static func filteredRows(_ image: RGBImage) -> [UInt8] {
    let stride = image.width * 3
    var output = [UInt8](repeating: 0, count: image.height * (stride + 1))
    var candidate = [UInt8](repeating: 0, count: stride)
    let zeroRow = [UInt8](repeating: 0, count: stride)
    image.pixels.withUnsafeBufferPointer { pixels in
      output.withUnsafeMutableBufferPointer { output in
        zeroRow.withUnsafeBufferPointer { zeroRow in
          candidate.withUnsafeMutableBufferPointer { candidate in
            for y in 0..<image.height {
              let row = UnsafeBufferPointer(rebasing: pixels[(y * stride)..<((y + 1) * stride)])
              let above =
                y == 0
                ? zeroRow
                : UnsafeBufferPointer(rebasing: pixels[((y - 1) * stride)..<(y * stride)])
              var (bestFilter, bestScore) = (0, Int.max)
              for filter in 0..<5 {
                let score = apply(filter, row: row, above: above, into: candidate)
                if score < bestScore { (bestFilter, bestScore) = (filter, score) }
              }
              let start = y * (stride + 1)
              output[start] = UInt8(bestFilter)
              let target = UnsafeMutableBufferPointer(
                rebasing: output[(start + 1)..<(start + 1 + stride)])
              _ = apply(bestFilter, row: row, above: above, into: target)
            }
          }
        }
      }
    }
    return output
  }

  /// Writes `row` filtered by PNG filter `filter` (0 None, 1 Sub, 2 Up, 3 Average,
  /// 4 Paeth) into `target`; returns the sum of the filtered bytes read as signed values.
  static func apply(
    _ filter: Int, row: UnsafeBufferPointer<UInt8>, above: UnsafeBufferPointer<UInt8>,
    into target: UnsafeMutableBufferPointer<UInt8>
  ) -> Int {
    let bytesPerPixel = 3
    var score = 0
    for index in 0..<row.count {
      let x = row[index]
      let a = index >= bytesPerPixel ? row[index - bytesPerPixel] : 0
      let b = above[index]
      let c = index >= bytesPerPixel ? above[index - bytesPerPixel] : 0
      let predictor: UInt8
      switch filter {
      case 0: predictor = 0
      case 1: predictor = a
      case 2: predictor = b
      case 3: predictor = UInt8((Int(a) + Int(b)) / 2)
      default: predictor = paeth(a, b, c)
      }
      let value = x &- predictor
      target[index] = value
      score += value < 128 ? Int(value) : 256 - Int(value)
    }
    return score
  }

  static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
    let p = Int(a) + Int(b) - Int(c)
    let (pa, pb, pc) = (abs(p - Int(a)), abs(p - Int(b)), abs(p - Int(c)))
    if pa <= pb && pa <= pc { return a }
    return pb <= pc ? b : c
  }
}
