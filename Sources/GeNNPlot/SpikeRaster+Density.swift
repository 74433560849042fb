import Foundation

/// The density images a raster draws above `maxMarks` spikes.
extension SpikeRaster {
  /// The population's spikes binned `columns` by `rows` (row 0 at the top: the highest
  /// neuron ids), each counting its column's weight (``columnWeights(_:)``, `columns` of
  /// them), shaded as the type's documentation says.
  func densityImage(
    _ population: Population, columns: Int, rows: Int, weights: [Double], background: Color,
    color: Color
  ) -> RGBImage {
    let (columns, rows) = (max(1, columns), max(1, rows))
    precondition(weights.count == columns, "one weight a column")
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
    let columns = max(1, columns)
    let ones = [Double](repeating: 1, count: columns)
    let times = distinctTimes
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

  /// The distinct spike times within the plot, ascending. Recorded spikes come step by
  /// step, so each population's times are usually in order already: they are then read
  /// once, without hashing or sorting millions of values, and only the few distinct
  /// times of all populations are merged.
  private var distinctTimes: [Double] {
    var distinct: [Double] = []
    for population in populations {
      var times = population.times.filter { $0 >= 0 && $0 <= xUpper }
      if zip(times, times.dropFirst()).contains(where: { $0 > $1 }) { times.sort() }
      for time in times where time != distinct.last { distinct.append(time) }
    }
    return Array(Set(distinct)).sorted()
  }
}
