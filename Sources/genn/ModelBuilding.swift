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
