import Foundation
import SwiftGeNN
import Testing

/// `import SwiftGeNN` alone is enough to read a model file, run it and draw its spikes.
@Suite struct UmbrellaTests {
  @Test func readRunAndDrawWithOneImport() async throws {
    let file = try ModelFile.parse(
      """
      name: umbrella
      neurons:
        N:
          size: 6
          model: IzhikevichVariable
          vars: {V: -65, U: -13, a: 0.02, b: 0.2, c: -65, d: 8}
          record_spikes: true
      current_sources:
        Drive: {model: DC, target: N, params: {amp: 10}}

      """, path: "umbrella.yaml")
    let simulation = try await Simulation(
      model: file.model,
      options: .init(
        cacheDirectory: FileManager.default.temporaryDirectory
          .appendingPathComponent("swiftgenn-test-cache")))
    try simulation.run(duration: 200)
    let spikes = try simulation.spikes(of: "N")
    // Six identical regular-spiking neurons fire together.
    #expect(spikes.count > 0 && spikes.count % 6 == 0)
    let raster = SpikeRaster(
      populations: [
        .init(name: "N", size: 6, times: spikes.times, ids: spikes.ids.map(Int.init))
      ], duration: 200)
    #expect(raster.drawnSpikeCounts == [spikes.count])
    #expect(try raster.png().starts(with: [0x89, 0x50, 0x4E, 0x47]))
  }
}
