import Foundation
import Testing

@testable import GeNNPlot

/// No text overlaps another or runs off the picture, at every size from 480x320 to
/// 3840x2160, for rasters and traces with many populations, long names and many neurons;
/// and the texts that matter are there.
@Suite struct TextLayoutTests {
  /// The extreme sizes, the default, and a few in between (and lopsided ones).
  static let sizes: [(width: Int, height: Int)] = [
    (480, 320), (640, 480), (800, 600), (1200, 720), (1920, 1080), (2560, 1440), (3840, 2160),
    (480, 2160), (3840, 320),
  ]

  static let longName = "layer_2_3_excitatory_pyramidal_cells_of_the_barrel_cortex_column"

  /// What is wrong with the texts of `drawing`: any outside the picture, any two that
  /// overlap.
  static func problems(_ drawing: Drawing) -> [String] {
    let canvas = Rect(x: 0, y: 0, width: Double(drawing.width), height: Double(drawing.height))
    let texts = drawing.texts
    var problems: [String] = []
    for text in texts where !canvas.contains(text.bounds) {
      problems.append("'\(text.string)' at \(text.bounds) runs off the picture")
    }
    for (index, text) in texts.enumerated() {
      for other in texts[(index + 1)...] where text.bounds.intersects(other.bounds) {
        problems.append("'\(text.string)' overlaps '\(other.string)'")
      }
    }
    return problems
  }

  static func strings(_ drawing: Drawing) -> [String] { drawing.texts.map(\.string) }

  /// Populations: few, many with long names, tiny beside huge, and one dense enough to
  /// be drawn as a density image.
  static let rasterCases: [(name: String, populations: [SpikeRaster.Population])] = [
    (
      "three",
      [
        Samples.smallRaster.populations[0], Samples.smallRaster.populations[1],
        Samples.smallRaster.populations[2],
      ]
    ),
    (
      "sixteen long names",
      (0..<16).map {
        Samples.population(
          "\(longName)_\($0)", size: 50 + 30 * $0, rate: 10, duration: 1000, seed: UInt64($0))
      }
    ),
    (
      "tiny beside huge",
      [
        SpikeRaster.Population(name: "one", size: 1, times: [5, 50], ids: [0, 0]),
        Samples.population("E", size: 20_000, rate: 3, duration: 1000, seed: 9),
        SpikeRaster.Population(name: "two", size: 2, times: [7], ids: [1]),
      ]
    ),
  ]

  @Test(arguments: rasterCases.indices)
  func rasterTextStaysApartAndInside(_ index: Int) {
    let (name, populations) = Self.rasterCases[index]
    for (width, height) in Self.sizes {
      let raster = SpikeRaster(
        populations: populations, duration: 1000, title: "\(Self.longName): spikes",
        width: width, height: height)
      let drawing = raster.drawing()
      let size = "\(name) at \(width)x\(height)"
      #expect(Self.problems(drawing) == [], "\(size)")
      let strings = Self.strings(drawing)
      #expect(strings.contains("time (ms)"), "\(size)")
      #expect(strings.contains("neuron"), "\(size)")
      #expect(strings.contains { $0.hasPrefix("layer_2_3") }, "title at \(size)")
      let labelled = populations.filter { population in
        strings.contains {
          $0 == population.name
            || ($0.hasSuffix("...") && population.name.hasPrefix($0.dropLast(3)))
        }
      }
      // Every population is named where the bands have room for a line each; else at
      // least as many as there are lines' room for (a name needs a line and a gap).
      let lines = (Double(height) - 150) / (ChartStyle.lineHeight(16) + 6)
      #expect(
        labelled.count >= min(populations.count, Int(lines)),
        "\(size): \(labelled.count) of \(populations.count) named")
      // Tick labels on both axes: the time axis's 0 and a neuron index.
      #expect(strings.filter { $0 == "0" }.count >= 2, "\(size)")
    }
  }

  /// Series: the sample traces, many variables of long-named populations, and one of
  /// hundreds of synapses; at fixed sizes and at the height the panels choose.
  static let traceCases: [(name: String, series: [TracePlot.Series])] = [
    ("samples", Samples.traces().series),
    (
      "ten long names",
      (0..<10).map {
        var series = Samples.voltages(3 + $0, steps: 200)
        series.population = "\(longName)_\($0)"
        series.variable = $0 % 2 == 0 ? "V" : "RefracTime"
        return series
      }
    ),
    (
      "hundreds of synapses",
      [
        TracePlot.Series(
          population: "EE", variable: "g", times: (0..<50).map(Double.init),
          values: (0..<50).map { step in (0..<640).map { 1e-4 * Double(step + $0 % 7) } },
          column: "synapse", unit: "uS")
      ]
    ),
  ]

  @Test(arguments: traceCases.indices)
  func traceTextStaysApartAndInside(_ index: Int) {
    let (name, series) = Self.traceCases[index]
    let sizes = Self.sizes.map { ($0.width, Optional($0.height)) } + [(480, nil), (3840, nil)]
    for (width, height) in sizes {
      let plot = TracePlot(
        series: series, duration: 1000, title: "\(Self.longName): variables", width: width,
        height: height)
      let drawing = plot.drawing()
      let size = "\(name) at \(width)x\(height.map(String.init) ?? "auto")"
      #expect(Self.problems(drawing) == [], "\(size)")
      let strings = Self.strings(drawing)
      #expect(strings.contains("time (ms)"), "\(size)")
      #expect(strings.contains { $0.hasPrefix("layer_2_3") }, "title at \(size)")
      // Each series drawn is headed by its population and variable, and each panel
      // says whose line it is.
      let layout = plot.layout()
      #expect(!layout.groups.isEmpty)
      for (group, series) in zip(layout.groups, series) {
        #expect(
          strings.contains { $0.hasPrefix(String(series.population.prefix(8))) },
          "header of \(series.population) at \(size)")
        for line in group.lines {
          #expect(
            strings.contains {
              $0 == line.label || ($0.hasSuffix("...") && line.label.hasPrefix($0.dropLast(3)))
            },
            "label \(line.label) at \(size)")
        }
      }
    }
  }

  /// Text grows with the picture, so a 4K picture reads like the default one on a
  /// smaller screen.
  @Test func textScalesWithThePicture() {
    func titleSize(_ width: Int, _ height: Int) -> Double {
      SpikeRaster(populations: [], duration: 10, width: width, height: height).drawing()
        .texts[0].size
    }
    #expect(titleSize(1200, 720) == 24)
    #expect(titleSize(480, 320) == 12)
    #expect(titleSize(3840, 2160) == 72)
  }

  /// Neuron indices are whole numbers in every band, however large the population.
  @Test func neuronIndicesArePlainWholeNumbers() {
    let raster = SpikeRaster(
      populations: [
        .init(name: "Huge", size: 2_000_000, times: [1], ids: [1_999_999]),
        .init(name: "Small", size: 10, times: [1], ids: [3]),
      ], duration: 10)
    let strings = Self.strings(raster.drawing())
    #expect(strings.contains("1000000"))
    #expect(!strings.contains { $0.contains("e+") || $0.contains("1e") })
  }

  @Test func boundsFollowTheBitmapFont() {
    let plain = Text("neuron", at: Point(100, 50), size: 16)
    #expect(plain.bounds == Rect(x: 100, y: 36, width: 70, height: 14))
    let descending = Text("spikes", at: Point(100, 50), size: 16, anchor: .end)
    #expect(descending.bounds == Rect(x: 30, y: 36, width: 70, height: 18))
    let upright = Text("neuron", at: Point(30, 200), size: 16, anchor: .middle, vertical: true)
    #expect(upright.bounds == Rect(x: 16, y: 165, width: 14, height: 70))
    let bold = Text("a", at: Point(0, 20), size: 16, bold: true)
    #expect(bold.bounds.width == 11)
  }

  /// Where the bitmap font's scale rounds down, the SVG's DejaVu Sans is the wider, and
  /// the layout leaves room for it.
  @Test func boundsCoverTheSVGFontToo() {
    #expect(SVGTextMetrics.advances.count == 95)
    let wide = Text("mmmm", at: Point(100, 50), size: 11)
    #expect(BitmapFont.width(of: wide.string, size: 11) == 23)
    let svg = SVGTextMetrics.width(of: wide.string, size: 11)
    #expect(svg > 46 && svg < 48)
    #expect(wide.width == svg && wide.bounds.width == svg.rounded(.up))
    #expect(wide.bounds.height >= 0.76 * 11)
    #expect(Text("(x)", at: Point(0, 20), size: 11).bounds.maxY > 20)
  }
}
