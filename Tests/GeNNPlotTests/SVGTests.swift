import Foundation
import Testing

@testable import GeNNPlot

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// SVG output: well-formed XML with the labels a reader needs, and bounded in size.
@Suite struct SVGTests {
  /// Collects a document's element names, attributes and texts (one per element).
  final class Collector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var attributes: [[String: String]] = []
    var texts: [String] = []
    var current = ""

    /// All the texts, one a line.
    var text: String { texts.joined(separator: "\n") }

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String]
    ) {
      elements.append(name)
      self.attributes.append(attributes)
      current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      if !current.isEmpty { texts.append(current) }
      current = ""
    }
  }

  /// The parsed document, or nil when `svg` is not well-formed XML.
  static func parse(_ svg: String) -> Collector? {
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = Collector()
    parser.delegate = collector
    return parser.parse() ? collector : nil
  }

  @Test func rasterIsWellFormedAndLabelled() throws {
    let svg = Samples.smallRaster.svg()
    let parsed = try #require(Self.parse(svg))
    #expect(parsed.elements.first == "svg")
    for label in ["Exc", "Inh", "Stim", "time (ms)", "neuron", "Spike raster", "1000"] {
      #expect(parsed.text.contains(label), "\(label)")
    }
    // One path of marks per population, no images.
    #expect(parsed.elements.filter { $0 == "path" }.count == 3)
    #expect(!parsed.elements.contains("image"))
    // About 20 bytes a spike.
    #expect(svg.utf8.count < 60_000 + 25 * 7_285)
  }

  /// Short bands whose top edge would leave `0` alone get a finer step, thinned so that
  /// labels never touch: the eight bands of a microcircuit each keep a tick above 0 where
  /// one fits (the Potjans-Diesmann sizes at 5 %).
  @Test func shortBandsKeepATickAboveZero() throws {
    let sizes = [1034, 292, 1096, 274, 242, 53, 720, 147]
    let raster = SpikeRaster(
      populations: sizes.enumerated().map { SpikeRaster.Population(name: "P\($0)", size: $1) },
      duration: 100)
    let parsed = try #require(Self.parse(raster.svg()))
    let labels = parsed.texts.filter { Double($0) != nil }
    // Each band's y labels, then the time axis labels (0, 20, ..., 100).
    for tick in ["500", "200", "100"] {
      #expect(labels.contains(tick), "\(tick) in \(labels)")
    }
    // No two y labels of one band closer than one and a half label heights: labels with
    // the same x are one band's, in order from 0 upwards.
    let texts = zip(parsed.elements, parsed.attributes).filter { $0.0 == "text" }.map(\.1)
    let yLabels = texts.filter { $0["text-anchor"] == "end" }.compactMap { Double($0["y"] ?? "") }
    var previous: Double?
    for y in yLabels {
      if let previous, y < previous {
        #expect(previous - y >= 1.5 * 10, "labels \(previous) and \(y) touch")
      }
      previous = y
    }
  }

  @Test func namesAreEscaped() throws {
    let raster = SpikeRaster(
      populations: [.init(name: "A<&>\"'B", size: 3, times: [1], ids: [2])], duration: 10,
      title: "x < y & z")
    let parsed = try #require(Self.parse(raster.svg()))
    #expect(parsed.texts.contains("A<&>\"'B"))
    #expect(parsed.texts.contains("x < y & z"))
  }

  @Test func emptyRasterStillHasAxes() throws {
    for raster in [
      SpikeRaster(populations: [], duration: 100),
      SpikeRaster(populations: [.init(name: "Quiet", size: 50)], duration: 0),
    ] {
      let parsed = try #require(Self.parse(raster.svg()))
      #expect(parsed.text.contains("time (ms)"))
      #expect(parsed.text.contains(raster.populations.isEmpty ? "no populations" : "no spikes"))
      #expect(!parsed.elements.contains("path"))
      _ = try raster.png()
    }
  }

  @Test func hugeRasterBecomesADensityImage() throws {
    let raster = Samples.hugeRaster()
    #expect(raster.drawnSpikeCounts.reduce(0, +) > 500_000)
    #expect(raster.usesDensity)
    let svg = raster.svg()
    #expect(svg.utf8.count < 1_500_000)
    let parsed = try #require(Self.parse(svg))
    #expect(parsed.elements.filter { $0 == "image" }.count == 2)
    #expect(!parsed.elements.contains("path"))
    #expect(parsed.text.contains("shaded by log density"))
    let href = try #require(parsed.attributes.first { $0["xlink:href"] != nil }?["xlink:href"])
    #expect(href.hasPrefix("data:image/png;base64,"))
    let png = try #require(Data(base64Encoded: String(href.dropFirst(22))))
    let image = try PNGTests.decode([UInt8](png))
    #expect(image.width > 500)
  }

  @Test func densityRuleFollowsMaxMarks() {
    var raster = Samples.smallRaster
    let total = raster.drawnSpikeCounts.reduce(0, +)
    raster.maxMarks = total
    #expect(!raster.usesDensity)
    raster.maxMarks = total - 1
    #expect(raster.usesDensity)
  }

  @Test func densityBinsAreEvenedOverTimeSteps() {
    // 4 time steps of 1 ms over 3 bins: the last bin holds two steps (2 and 3 ms), so
    // its spikes count half as much as the others'.
    let raster = SpikeRaster(
      populations: [.init(name: "P", size: 1, times: [0, 1, 2, 3], ids: [0, 0, 0, 0])],
      duration: 3)
    let weights = raster.columnWeights(3)
    #expect(weights.count == 3)
    #expect(weights.map { ($0 * 3).rounded() } == [4, 4, 2])
    // Times off any grid count 1 each.
    let irregular = SpikeRaster(
      populations: [.init(name: "P", size: 1, times: [0, 0.3, 1.7], ids: [0, 0, 0])],
      duration: 3)
    #expect(irregular.columnWeights(3) == [1, 1, 1])
  }

  @Test func spikesOutsideThePlotAreLeftOut() {
    let raster = SpikeRaster(
      populations: [
        .init(name: "P", size: 4, times: [-1, 0, 5, 10, 10.5, 3], ids: [0, 0, 1, 3, 2, 4])
      ], duration: 10)
    #expect(raster.drawnSpikeCounts == [3])
  }

  @Test func tracesAreWellFormedAndLabelled() throws {
    let plot = Samples.traces()
    let parsed = try #require(Self.parse(plot.svg()))
    for label in [
      "Exc: V (mV)", "Inh: U (mV/ms)", "Stim: rate (Hz)", "time (ms)", "neuron 12",
      "mean of 40", "first 5 of 40 neurons, and their mean",
    ] {
      #expect(parsed.text.contains(label), "\(label)")
    }
    #expect(parsed.elements.contains("polyline"))
    let empty = try #require(Self.parse(TracePlot(series: []).svg()))
    #expect(empty.text.contains("no recorded variables"))
  }
}
