import ArgumentParser
import GeNNBuildInfo

/// The `genn` command: runs SwiftGeNN model files, builds them, redraws their pictures,
/// and says what this machine has to build them with.
@main
struct GeNN: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "genn",
    abstract: "Run spiking neural networks described in YAML model files with SwiftGeNN.",
    discussion: """
      A model file describes neuron populations, current sources, synapse populations, \
      what to record and how long to run (docs/model-files.md). `genn run MODEL.yaml` \
      generates, compiles (cached), runs it and writes spikes and variables as NumPy \
      files, a summary.json and pictures (docs/genn-command.md).
      """,
    version: BuildInfo.versionLine,
    subcommands: [
      Run.self, Sweep.self, Build.self, Check.self, Plot.self, Models.self, Doctor.self,
    ])
}
