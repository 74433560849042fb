import GeNNCodeGen
import GeNNModel
import GeNNModelFile
import GeNNRuntime
import GeNNTranspiler
import SwiftGeNN

extension ModelFile {
  /// Generates and compiles the model on `backend` (or finds it in the build cache).
  ///
  /// - Throws: problems of the model or its code strings at their positions in the file
  ///   (``CommandError/modelFile(_:)``); no compiler, GPU or NVRTC, or a compiler
  ///   failure, as ``CommandError/build(_:)``.
  func build(on backend: SimulationBackend) async throws(CommandError) -> any NetworkBuild {
    do {
      return try await backend.build(model)
    } catch {
      throw commandError(error)
    }
  }

  /// Throws ``CommandError/invalidOptions(_:)`` for a batched model (`batch_size` above
  /// 1): `genn run` and `genn sweep` write one set of outputs per run, not one per batch.
  func checkOneBatch(command: String) throws(CommandError) {
    guard model.isBatched else { return }
    throw .invalidOptions(
      "'\(path)' runs \(model.batchSize) batches (batch_size), but genn \(command) writes one "
        + "batch's outputs; run batched models from Python (GeNNModel.batch_size, the "
        + "variables' views have a batch axis) or Swift (Simulation.spikes(of:batch:)), or "
        + "set batch_size: 1")
  }

  /// `error` as the command reports it: problems of the model or its code strings at
  /// their positions in the file; anything else (the compiler, the driver, NVRTC, memory)
  /// as ``CommandError/build(_:)``, saying on which backend.
  func commandError(_ error: any Error) -> CommandError {
    switch error {
    case CUDASimulationError.generation(let problem):
      commandError(problem)
    case let error as CUDASimulationError:
      .build("cannot run '\(path)' on CUDA: \(error)")
    case is ModelFileError, is CodeGenError, is ModelError, is TranspilerError:
      .modelFile(located(any: error))
    default:
      .build("cannot build '\(path)': \(error)")
    }
  }
}
