import Foundation
import GeNNNPY
import Testing

/// A run's output folder read back as a user would: `summary.json` with a JSON parser,
/// the recordings with a NumPy reader.
struct RunFolder {
  let url: URL
  /// `summary.json`, parsed.
  let summary: [String: Any]

  init(_ url: URL) throws {
    self.url = url
    let data = try Data(contentsOf: url.appendingPathComponent("summary.json"))
    summary = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The NumPy file at `relative`.
  func npy(_ relative: String) throws -> NPYArray {
    try NPYReader.read(from: url.appendingPathComponent(relative))
  }

  /// The bytes of the file at `relative`.
  func bytes(_ relative: String) throws -> Data {
    try Data(contentsOf: url.appendingPathComponent(relative))
  }

  var populations: [[String: Any]] { summary["populations"] as? [[String: Any]] ?? [] }
  var variables: [[String: Any]] { summary["variables"] as? [[String: Any]] ?? [] }
  var pictures: [String] { summary["pictures"] as? [String] ?? [] }
  var steps: Int { summary["steps"] as? Int ?? -1 }
  var duration: Double { summary["duration_ms"] as? Double ?? .nan }
  var dt: Double { summary["dt"] as? Double ?? .nan }

  /// The population named `name`.
  func population(_ name: String) throws -> [String: Any] {
    try #require(populations.first { $0["name"] as? String == name })
  }

  /// The spike times and ids of population `name`.
  func spikes(_ name: String) throws -> (times: [Double], ids: [Int32]) {
    let population = try population(name)
    let times = try npy(try #require(population["times_file"] as? String))
    let ids = try npy(try #require(population["ids_file"] as? String))
    return (times.doubles, try #require(ids.int32s))
  }

  /// Checks every file the summary lists against what the summary says of it: spike
  /// counts, ids within the population, times within the run, rates, variable shapes
  /// and sample times, and that the pictures are PNG and SVG files.
  func checkConsistency(sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(steps >= 0, sourceLocation: sourceLocation)
    #expect(
      abs(duration - Double(steps) * dt) < 1e-9 * max(1, duration), sourceLocation: sourceLocation)
    var anySpikes = false
    for population in populations {
      let name = try #require(population["name"] as? String)
      let neurons = try #require(population["neurons"] as? Int)
      guard population["spikes_recorded"] as? Bool == true else {
        #expect(population["spikes"] == nil, "\(name)", sourceLocation: sourceLocation)
        continue
      }
      anySpikes = true
      let (times, ids) = try spikes(name)
      let count = try #require(population["spikes"] as? Int)
      #expect(times.count == count && ids.count == count, "\(name)", sourceLocation: sourceLocation)
      #expect(
        ids.allSatisfy { $0 >= 0 && Int($0) < neurons }, "\(name)", sourceLocation: sourceLocation)
      #expect(
        times.allSatisfy { $0 >= 0 && $0 < duration }, "\(name)", sourceLocation: sourceLocation)
      #expect(
        zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "\(name)",
        sourceLocation: sourceLocation)
      if duration > 0 {
        let rate = try #require(population["mean_rate_hz"] as? Double)
        let expected = Double(count) / Double(neurons) / (duration / 1000)
        #expect(
          abs(rate - expected) <= 1e-9 * max(1, expected), "\(name)", sourceLocation: sourceLocation
        )
      }
    }
    for variable in variables {
      let file = try #require(variable["file"] as? String)
      let values = try npy(file)
      let times = try npy(try #require(variable["times_file"] as? String)).doubles
      let samples = try #require(variable["samples"] as? Int)
      let width = try #require(variable["width"] as? Int)
      let every = try #require(variable["every_steps"] as? Int)
      #expect(values.shape == [samples, width], "\(file)", sourceLocation: sourceLocation)
      #expect(samples == steps / every, "\(file)", sourceLocation: sourceLocation)
      let finite = values.doubles.allSatisfy { $0.isFinite }
      #expect(finite, "\(file)", sourceLocation: sourceLocation)
      for (index, time) in times.enumerated() {
        let expected = Double((index + 1) * every) * dt
        #expect(
          abs(time - expected) < 1e-9 * max(1, expected), "\(file)", sourceLocation: sourceLocation)
      }
    }
    let expectedPictures =
      (anySpikes ? ["raster.svg", "raster.png"] : [])
      + (variables.isEmpty ? [] : ["traces.svg", "traces.png"])
    #expect(
      pictures == expectedPictures + (expectedPictures.isEmpty ? [] : ["plot.py"]),
      sourceLocation: sourceLocation)
    for picture in pictures where picture != "plot.py" {
      let data = try bytes(picture)
      if picture.hasSuffix(".png") {
        #expect(
          data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
          sourceLocation: sourceLocation)
      } else {
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(
          text.contains("<svg")
            && text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"),
          sourceLocation: sourceLocation)
      }
    }
  }
}
