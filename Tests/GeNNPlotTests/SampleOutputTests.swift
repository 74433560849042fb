import Foundation
import Testing

@testable import GeNNPlot

/// Renders the example charts; with `GENNPLOT_SAMPLES=folder` in the environment, also
/// writes them there as SVG and PNG to look at.
@Suite struct SampleOutputTests {
  static let folder = ProcessInfo.processInfo.environment["GENNPLOT_SAMPLES"]

  static func write(_ name: String, svg: String, png: [UInt8]) throws {
    guard let folder = Self.folder else { return }
    let url = URL(fileURLWithPath: folder)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try Data(svg.utf8).write(to: url.appendingPathComponent(name + ".svg"))
    try Data(png).write(to: url.appendingPathComponent(name + ".png"))
  }

  @Test func smallRaster() throws {
    let raster = Samples.smallRaster
    #expect(!raster.usesDensity)
    let png = try raster.png()
    #expect(png.starts(with: PNGEncoder.signature))
    try Self.write("raster-small", svg: raster.svg(), png: png)
  }

  @Test func hugeRaster() throws {
    let raster = Samples.hugeRaster()
    #expect(raster.usesDensity)
    let svg = raster.svg()
    let png = try raster.png()
    try Self.write("raster-huge", svg: svg, png: png)
  }

  @Test func traces() throws {
    let plot = Samples.traces()
    let png = try plot.png()
    try Self.write("traces", svg: plot.svg(), png: png)
  }

  /// The smallest and largest sizes the layout is tested at, with long names.
  @Test(arguments: [(480, 320), (3840, 2160)])
  func extremeSizes(_ width: Int, _ height: Int) throws {
    let (raster, traces) = (
      TextLayoutTests.rasterCases[1].populations, TextLayoutTests.traceCases[1].series
    )
    let chart = SpikeRaster(
      populations: Array(raster.prefix(6)), duration: 1000, title: "Six long names",
      width: width, height: height)
    let png = try chart.png()
    #expect(png.starts(with: PNGEncoder.signature))
    try Self.write("raster-\(width)x\(height)", svg: chart.svg(), png: png)
    let plot = TracePlot(
      series: Array(traces.prefix(3)), duration: 100, title: "Three long names", width: width,
      height: height)
    try Self.write("traces-\(width)x\(height)", svg: plot.svg(), png: try plot.png())
  }

  @Test func emptyCharts() throws {
    let raster = SpikeRaster(populations: [], duration: 100, title: "Nothing recorded")
    try Self.write("raster-empty", svg: raster.svg(), png: try raster.png())
    let single = SpikeRaster(
      populations: [.init(name: "Solo", size: 1, times: [10, 55.5, 90], ids: [0, 0, 0])],
      duration: 100, title: "One neuron", height: 400)
    try Self.write("raster-single", svg: single.svg(), png: try single.png())
    let traces = TracePlot(series: [], title: "No traces")
    try Self.write("traces-empty", svg: traces.svg(), png: try traces.png())
  }
}
