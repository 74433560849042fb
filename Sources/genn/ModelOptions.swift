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

  /// Reads and validates the model file, with `--seed` applied.
  func load() throws(CommandError) -> ModelFile {
    var file: ModelFile
    do {
      file = try ModelFile.load(path: modelFile)
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
