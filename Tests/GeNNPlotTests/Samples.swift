import Foundation

@testable import GeNNPlot

/// Deterministic example data shaped like GeNN recordings.
enum Samples {
  /// A 64-bit linear congruential generator: reproducible pseudo-random numbers.
  struct Generator {
    var state: UInt64

    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
  }

  /// Spikes of `size` neurons firing at about `rate` Hz for `duration` ms in steps of
  /// `dt`, faster in a burst in the middle of the run.
  static func population(
    _ name: String, size: Int, rate: Double, duration: Double, dt: Double = 1, seed: UInt64
  ) -> SpikeRaster.Population {
    var generator = Generator(state: seed)
    var population = SpikeRaster.Population(name: name, size: size)
    let steps = Int(duration / dt)
    for step in 0..<steps {
      let time = Double(step) * dt
      let burst = abs(time - duration / 2) < duration / 10 ? 3.0 : 1.0
      let probability = rate * burst * dt / 1000
      let expected = probability * Double(size)
      // Draw the number of spikes this step, then their neurons.
      var count = Int(expected)
      if generator.next() < expected - Double(count) { count += 1 }
      for _ in 0..<count {
        population.times.append(time)
        population.ids.append(min(size - 1, Int(generator.next() * Double(size))))
      }
    }
    return population
  }

  static let smallRaster = SpikeRaster(
    populations: [
      population("Exc", size: 400, rate: 8, duration: 1000, seed: 1),
      population("Inh", size: 100, rate: 20, duration: 1000, seed: 2),
      population("Stim", size: 1, rate: 15, duration: 1000, seed: 3),
    ],
    duration: 1000, title: "Spike raster")

  static func hugeRaster() -> SpikeRaster {
    SpikeRaster(
      populations: [
        population("E", size: 80_000, rate: 5, duration: 500, dt: 0.5, seed: 4),
        population("I", size: 20_000, rate: 25, duration: 500, dt: 0.5, seed: 5),
      ],
      duration: 500, title: "Balanced network, 100,000 neurons")
  }

  /// Leaky integrate-and-fire-like membrane voltages of `neurons` neurons.
  static func voltages(_ neurons: Int, steps: Int = 2000, dt: Double = 0.5) -> TracePlot.Series {
    var generator = Generator(state: UInt64(neurons))
    var values: [[Double]] = []
    var v = (0..<neurons).map { _ in -65 + 10 * generator.next() }
    let drive = (0..<neurons).map { _ in 14 + 6 * generator.next() }
    for _ in 0..<steps {
      for index in 0..<neurons {
        v[index] += dt / 20 * (-65 - v[index] + drive[index]) + generator.next() - 0.5
        if v[index] > -50 { v[index] = -65 }
      }
      values.append(v)
    }
    return TracePlot.Series(
      population: "Exc", variable: "V", times: (0..<steps).map { Double($0) * dt }, values: values,
      unit: "mV")
  }

  static func traces() -> TracePlot {
    var adaptation = voltages(3, steps: 400, dt: 2.5)
    adaptation.population = "Inh"
    adaptation.variable = "U"
    adaptation.unit = "mV/ms"
    adaptation.values = adaptation.values.enumerated().map { step, row in
      row.enumerated().map { neuron, _ in
        step % 97 == 50 ? .nan : 0.2 * Double(neuron + 1) * sin(Double(step) / 40)
      }
    }
    adaptation.neurons = [7, 12, 40]
    let constant = TracePlot.Series(
      population: "Stim", variable: "rate", times: [0, 250, 500, 750, 1000],
      values: [[5], [5], [5], [5], [5]], unit: "Hz")
    return TracePlot(
      series: [voltages(5), voltages(40), adaptation, constant], duration: 1000,
      title: "Membrane traces")
  }
}
