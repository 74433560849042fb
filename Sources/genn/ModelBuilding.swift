import GeNNCodeGen
import GeNNModel
import GeNNModelFile
import GeNNRuntime
import GeNNTranspiler
import SwiftGeNN

extension ModelFile {
  /// Generates and compiles the model (or finds it in the build cache).
  ///
  /// - Throws: problems of the model or its code strings at their positions in the file
  ///   (``CommandError/modelFile(_:)``); no compiler, or a compiler failure, as
  ///   ``CommandError/build(_:)``.
  func build(options: Simulation.Options) async throws(CommandError) -> ModelBuild {
    do {
      return try await ModelBuild(model: model, options: options)
    } catch {
      throw commandError(error)
    }
  }

  /// Loads and initialises a built model.
  func simulation(_ build: ModelBuild, options: Simulation.Options) throws(CommandError)
    -> Simulation
  {
    do {
      return try Simulation(build: build, options: options)
    } catch {
      throw commandError(error)
    }
  }

  /// A failure of the CUDA backend as the command reports it: problems of the model or
  /// its code strings at their file positions, anything else (driver, NVRTC, GPU memory)
  /// as ``CommandError/build(_:)``.
  func commandError(cuda error: CUDASimulationError) -> CommandError {
    if case .generation(.codeGeneration(let problem)) = error { return commandError(problem) }
    return .build("cannot run '\(path)' on CUDA: \(error)")
  }

  /// `error` as the command reports it: at file positions when it is about the model.
  func commandError(_ error: any Error) -> CommandError {
    switch error {
    case is ModelFileError, is CodeGenError, is ModelError, is TranspilerError:
      .modelFile(located(any: error))
    default:
      .build("cannot build '\(path)': \(error)")
    }
  }
}
