import Foundation

/// The density images a raster draws above `maxMarks` spikes.
extension SpikeRaster {
  /// The population's spikes binned `columns` by `rows` (row 0 at the top: the highest
  /// neuron ids), shaded as the type's documentation says.
  func densityImage(
    _ population: Population, columns: Int, rows: Int, background: Color, color: Color
  ) -> RGBImage {
    let (columns, rows) = (max(1, columns), max(1, rows))
    let weights = columnWeights(columns)
    var counts = [Double](repeating: 0, count: columns * rows)
    let size = max(1, population.size)
    for (time, id) in zip(population.times, population.ids) where isDrawn(time, id, in: population)
    {
      let column = min(columns - 1, Int(time / xUpper * Double(columns)))
      let row = rows - 1 - min(rows - 1, id * rows / size)
      counts[row * columns + column] += weights[column]
    }
    var image = RGBImage(width: columns, height: rows, fill: background)
    let scale = log1p(counts.max() ?? 0)
    guard scale > 0 else { return image }
    let shades = (0...255).map { background.mixed(with: color, 0.15 + 0.85 * Double($0) / 255) }
    for row in 0..<rows {
      for column in 0..<columns where counts[row * columns + column] > 0 {
        let level = log1p(counts[row * columns + column]) / scale
        image[column, row] = shades[Int((level * 255).rounded())]
      }
    }
    return image
  }

  /// What a spike counts for in each of `columns` time bins: when spike times fall on a
  /// grid of time steps (GeNN's `dt`) and bins hold unequal numbers of steps, a spike
  /// counts `meanSteps / stepsInBin`, so that steady firing shades every bin alike rather
  /// than in stripes. Otherwise every spike counts 1.
  func columnWeights(_ columns: Int) -> [Double] {
    let ones = [Double](repeating: 1, count: columns)
    let times = Set(populations.flatMap(\.times).filter { $0 >= 0 && $0 <= xUpper }).sorted()
    guard times.count > 1 else { return ones }
    let step = zip(times, times.dropFirst()).map { $1 - $0 }.min()!
    let stepCount = Int((xUpper / step).rounded(.down)) + 1
    guard step > 0, stepCount <= 10_000_000,
      times.allSatisfy({ abs($0 / step - ($0 / step).rounded()) < 1e-6 })
    else { return ones }
    var steps = [Int](repeating: 0, count: columns)
    for index in 0..<stepCount {
      steps[min(columns - 1, Int(Double(index) * step / xUpper * Double(columns)))] += 1
    }
    let mean = Double(stepCount) / Double(columns)
    return steps.map { $0 > 0 ? mean / Double($0) : 1 }
  }
}
