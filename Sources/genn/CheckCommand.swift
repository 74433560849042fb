import ArgumentParser
import Foundation
import GeNNCodeGen
import GeNNModelFile
import SwiftGeNN

extension GeNN {
  /// `genn check MODEL.yaml...`: read, validate and generate code, without compiling.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check model files: read and validate each, and generate its C++ and CUDA code.",
      discussion: """
        Compiles and runs nothing and writes no file, so a model can be checked on a \
        machine without a compiler or GPU, or many at once. Prints one line per file that \
        is valid, and every problem of a file that is not, at its line and column; exits \
        with 1 if any file has a problem. A model the CUDA backend cannot generate (it runs \
        on the CPU under --backend auto) is valid, with the reason on its line.
        """)

    @Argument(help: "The model files (YAML; see docs/model-files.md).")
    var modelFiles: [String]

    @Option(
      name: .customLong("set"),
      help: ArgumentHelp(
        "A value instead of each file's: a parameter by name, or seed, run.duration or "
          + "run.steps.", valueName: "name=value"))
    var assignments: [String] = []

    func run() throws {
      var failed = false
      let overrides: ModelOverrides
      do {
        overrides = try SetAssignment.overrides(assignments)
      } catch {
        Terminal.writeError("\(error)\n")
        throw ExitCode.failure
      }
      for path in modelFiles {
        switch Self.check(path, overrides: overrides) {
        case .success(let summary):
          // Unbuffered, so each verdict is out before the next file is read.
          FileHandle.standardOutput.write(Data("\(path): ok: \(summary)\n".utf8))
        case .failure(let error):
          failed = true
          Terminal.writeError("\(error)\n")
        }
      }
      if failed { throw ExitCode.failure }
    }

    /// What checking the model file at `path` with `overrides` found: a summary of a
    /// valid model, or its problems at their positions.
    static func check(_ path: String, overrides: ModelOverrides = ModelOverrides())
      -> Result<String, ModelFileError>
    {
      let file: ModelFile
      do {
        file = try ModelFile.load(path: path, overrides: overrides)
      } catch {
        return .failure(error)
      }
      do {
        _ = try CPUBackend().generate(file.model)
      } catch {
        return .failure(file.located(error))
      }
      let cuda: String
      do {
        _ = try CUDABackend().generate(file.model)
        cuda = "C++ and CUDA code generated"
      } catch {
        cuda = "C++ code generated; CUDA code not (\(error))"
      }
      let model = file.model
      let neurons = model.neuronPopulations.reduce(0) { $0 + $1.size }
      return .success(
        "\(count(neurons, "neuron")) in \(count(model.neuronPopulations.count, "population")), "
          + "\(count(model.synapsePopulations.count, "synapse population")), "
          + "\(count(model.customUpdates.count, "custom update")); \(cuda)")
    }

    /// `number` and `noun`, in the plural unless `number` is 1.
    private static func count(_ number: Int, _ noun: String) -> String {
      "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
  }
}
