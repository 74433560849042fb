import Foundation
import GeNNPlot

/// The pictures of a run: a spike raster of the populations whose spikes were recorded
/// and traces of the recorded variables, each as SVG and PNG, and `plot.py`, which
/// draws them again with matplotlib from the recordings.
struct Pictures {
  /// The model's name, for the titles.
  var model: String
  /// The run's length in ms: the time axes end there.
  var duration: Double
  /// The populations whose spikes were recorded, in model order.
  var spikes: [SpikeRaster.Population]
  /// The recorded variables, in the model file's order.
  var traces: [TracePlot.Series]
  /// The raster's size in pixels, and the traces' width.
  var width = 1200
  var height = defaultRasterHeight
  /// The traces' height; `nil` for as tall as their panels need.
  var traceHeight: Int?

  /// The raster's height unless one is asked for.
  static let defaultRasterHeight = 720

  /// Writes `raster.svg`/`.png` (when spikes were recorded), `traces.svg`/`.png` (when
  /// variables were) and, with either, `plot.py` into `folder`; returns the file names
  /// written.
  func write(to folder: URL) throws(CommandError) -> [String] {
    var written: [String] = []
    if !spikes.isEmpty {
      let raster = SpikeRaster(
        populations: spikes, duration: duration, title: "\(model): spikes", width: width,
        height: height)
      try write(
        svg: raster.svg(), png: { () throws(PlotError) in try raster.png() },
        named: "raster", in: folder)
      written += ["raster.svg", "raster.png"]
    }
    if !traces.isEmpty {
      let plot = TracePlot(
        series: traces, duration: duration, title: "\(model): recorded variables", width: width,
        height: traceHeight)
      try write(
        svg: plot.svg(), png: { () throws(PlotError) in try plot.png() },
        named: "traces", in: folder)
      written += ["traces.svg", "traces.png"]
    }
    if !written.isEmpty {
      try OutputFiles.write(Data(PlotScript.text.utf8), to: PlotScript.name, in: folder)
      written.append(PlotScript.name)
    }
    return written
  }

  private func write(
    svg: String, png: () throws(PlotError) -> [UInt8], named name: String, in folder: URL
  ) throws(CommandError) {
    let pngBytes: [UInt8]
    do {
      pngBytes = try png()
    } catch {
      throw .writeFailed(path: "\(name).png", reason: "\(error)")
    }
    try OutputFiles.write(Data(svg.utf8), to: "\(name).svg", in: folder)
    try OutputFiles.write(Data(pngBytes), to: "\(name).png", in: folder)
  }
}
