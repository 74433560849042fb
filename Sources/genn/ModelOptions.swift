import ArgumentParser
import GeNNModelFile

/// The options of every command that reads a model file.
struct ModelOptions: ParsableArguments {
  @Argument(help: "The model file (YAML; see docs/model-files.md).")
  var modelFile: String

  @Option(help: "The seed of every random number, instead of the file's.")
  var seed: UInt64?

  @Option(help: "The backend: auto (CUDA where usable, else the CPU), cpu or cuda.")
  var backend: BackendChoice = .auto

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "A value instead of the file's: a parameter by name, or seed, run.duration or run.steps.",
      valueName: "name=value"))
  var assignments: [String] = []

  /// Reads and validates the model file, with `--set` and `--seed` applied.
  func load() throws(CommandError) -> ModelFile {
    try load(overrides: try SetAssignment.overrides(assignments))
  }

  /// Reads and validates the model file with `overrides` (decoding `loaded`'s text
  /// again, where the file was loaded before), then `--seed`.
  func load(overrides: ModelOverrides, again loaded: ModelFile? = nil) throws(CommandError)
    -> ModelFile
  {
    var file: ModelFile
    do throws(ModelFileError) {
      if let loaded {
        file = try loaded.reparsed(overrides: overrides)
      } else {
        file = try ModelFile.load(path: modelFile, overrides: overrides)
      }
    } catch {
      throw .modelFile(error)
    }
    if let seed {
      file.model.seed = seed
      file.run.seed = seed
    }
    return file
  }
}
