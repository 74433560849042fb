/// SwiftGeNN in one import: describe a network (`GeNNModel`), read one from a YAML model
/// file (`GeNNModelFile`), build and run it (`GeNNRuntime`), draw what it recorded
/// (`GeNNPlot`) and save it as NumPy files (`GeNNNPY`). Errors of building a model file's
/// model are placed in the file by `ModelFile.located(any:)` (this target's own).
///
/// ```swift
/// import SwiftGeNN
///
/// let file = try ModelFile.load(path: "Examples/models/izhikevich-types.yaml")
/// let simulation = try await Simulation(model: file.model)
/// try simulation.run(duration: 1000)
/// let spikes = try simulation.spikes(of: "Neurons")
/// let raster = SpikeRaster(
///   populations: [.init(name: "Neurons", size: 6, times: spikes.times, ids: spikes.ids.map(Int.init))],
///   duration: 1000)
/// ```
@_exported import GeNNModel
@_exported import GeNNModelFile
@_exported import GeNNNPY
@_exported import GeNNPlot
@_exported import GeNNRuntime
