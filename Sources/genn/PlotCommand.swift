import ArgumentParser
import Foundation
import GeNNNPY
import GeNNPlot
import GeNNRuntime

extension GeNN {
  /// `genn plot DIR`: redraw the pictures of a run's output folder.
  struct Plot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Redraw the spike raster and variable traces of a run's output folder.")

    @Argument(help: "The output folder of `genn run` (it holds summary.json).")
    var folder: String

    @Option(help: "The pictures' width in pixels (200 to \(PlotError.maxDimension)).")
    var width = 1200

    @Option(
      help: ArgumentHelp(
        "The pictures' height in pixels (200 to \(PlotError.maxDimension)).",
        discussion: "By default the raster is 720 pixels high and the traces as tall as "
          + "their panels need."))
    var height: Int?

    /// The sizes `--width` and `--height` take: from the smallest that leaves room for
    /// the axes to the largest the PNG renderer draws.
    static let sizes = 200...PlotError.maxDimension

    func validate() throws {
      for (option, value): (String, Int?) in [("--width", width), ("--height", height)] {
        guard let value, !Self.sizes.contains(value) else { continue }
        throw ValidationError(
          "\(option) must be between \(Self.sizes.lowerBound) and \(Self.sizes.upperBound) "
            + "pixels, not \(value)")
      }
    }

    func run() async throws {
      try await CommandError.reported { () throws(CommandError) in try execute() }
    }

    private func execute() throws(CommandError) {
      let url = URL(fileURLWithPath: folder)
      let summary = try Self.summary(in: url, path: folder)
      var spikes: [SpikeRaster.Population] = []
      for population in summary.populations where population.spikesRecorded {
        guard let timesFile = population.timesFile, let idsFile = population.idsFile else {
          continue
        }
        let times = try Self.load(timesFile, in: url, path: folder).doubles
        let idValues = try Self.load(idsFile, in: url, path: folder).doubles
        let ids = idValues.compactMap { Int(exactly: $0) }
        guard ids.count == idValues.count else {
          throw .notARunFolder(
            path: folder, reason: "\(idsFile) holds a neuron id that is not a whole number")
        }
        guard times.count == ids.count else {
          throw .notARunFolder(
            path: folder,
            reason: "\(timesFile) holds \(times.count) spikes but \(idsFile) \(ids.count)")
        }
        spikes.append(
          SpikeRaster.Population(
            name: population.name, size: population.neurons, times: times, ids: ids))
      }
      var traces: [TracePlot.Series] = []
      for variable in summary.variables {
        let values = try Self.load(variable.file, in: url, path: folder)
        let times = try Self.load(variable.timesFile, in: url, path: folder).doubles
        guard values.shape == [times.count, variable.width] else {
          throw .notARunFolder(
            path: folder,
            reason: "\(variable.file) has shape \(values.shape), but \(variable.timesFile) "
              + "has \(times.count) sample times of \(variable.width) values")
        }
        let flat = values.doubles
        traces.append(
          TracePlot.Series(
            population: variable.element, variable: variable.variable, times: times,
            values: (0..<times.count).map {
              Array(flat[($0 * variable.width)..<(($0 + 1) * variable.width)])
            }, column: variable.unit, unit: variable.valueUnit))
      }
      let pictures = Pictures(
        model: summary.model, duration: summary.durationMs, spikes: spikes, traces: traces,
        width: width, height: height ?? Pictures.defaultRasterHeight, traceHeight: height)
      let written: [String]
      do {
        written = try pictures.write(to: url)
      } catch .writeFailed(let path, let reason) {
        throw .pictureNotWritten(path: path, reason: reason)
      } catch {
        throw error
      }
      print(
        written.isEmpty
          ? "\(folder): nothing was recorded, so there is nothing to draw"
          : "\(folder): drew " + written.joined(separator: ", "))
    }

    /// The summary of the run in `url`.
    static func summary(in url: URL, path: String) throws(CommandError) -> RunSummary {
      guard
        FileManager.default.fileExists(atPath: url.appendingPathComponent(OutputFolder.marker).path)
      else {
        throw .notARunFolder(
          path: path,
          reason: FileManager.default.fileExists(atPath: url.path)
            ? "it has no \(OutputFolder.marker)" : "it does not exist")
      }
      let file = try inside(OutputFolder.marker, in: url, path: path)
      do {
        return try RunSummary.decode(try Data(contentsOf: file))
      } catch let error as DecodingError {
        throw .notARunFolder(
          path: path, reason: "its \(OutputFolder.marker) \(RunSummary.problem(error))")
      } catch {
        throw .notARunFolder(
          path: path, reason: "its \(OutputFolder.marker) cannot be read (\(error))")
      }
    }

    /// The NumPy file at `relative` inside the run folder.
    static func load(_ relative: String, in url: URL, path: String) throws(CommandError)
      -> NPYArray
    {
      let file = try inside(relative, in: url, path: path)
      do {
        return try NPYReader.read(from: file)
      } catch {
        throw .notARunFolder(path: path, reason: "\(relative): \(error)")
      }
    }

    /// The file at `relative` in the run folder `url`, with every link followed; only a
    /// file inside the folder is read, so a summary cannot point `genn plot` at
    /// `../../etc/passwd`, or at a link to it.
    static func inside(_ relative: String, in url: URL, path: String) throws(CommandError) -> URL {
      guard let folder = OutputFolder.resolved(url) else {
        throw .notARunFolder(path: path, reason: "it does not exist")
      }
      let outside = CommandError.notARunFolder(
        path: path,
        reason: "its \(OutputFolder.marker) names '\(relative)', which leads outside the folder")
      guard !relative.hasPrefix("/"),
        let file = OutputFolder.resolved(folder.appendingPathComponent(relative))
      else {
        if !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") {
          throw .notARunFolder(path: path, reason: "\(relative) does not exist")
        }
        throw outside
      }
      guard file.pathComponents.count > folder.pathComponents.count,
        file.pathComponents.starts(with: folder.pathComponents)
      else { throw outside }
      return file
    }
  }
}
