import ArgumentParser
import Foundation
import GeNNRuntime
import GeNNToolchain

extension GeNN {
  /// `genn build MODEL.yaml`: generate and compile only.
  struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate and compile a model file without running it; print where the code is.")

    @OptionGroup var model: ModelOptions

    func run() async throws {
      try await CommandError.reported { () async throws(CommandError) in try await execute() }
    }

    private func execute() async throws(CommandError) {
      let file = try model.load()
      let backend = try model.backend.select(
        cuda: CUDADiscovery(environment: .current()).report())
      let built = try await file.build(options: Simulation.Options())
      let how =
        built.entry.cacheHit
        ? "found in the build cache (generated in \(RunReport.seconds(built.generationSeconds)))"
        : "generated in \(RunReport.seconds(built.generationSeconds)), compiled in "
          + RunReport.seconds(built.compileSeconds)
      print(
        """
        model     \(file.model.name) (\(file.path))
        backend   \(backend.name) (\(backend.reason))
        built     \(how)
        compiler  \(built.toolchain.identity.versionLine) (\(built.toolchain.compiler))
        code      \(built.entry.sourcePath.path)
        library   \(built.entry.libraryPath.path)
        log       \(built.entry.logPath.path)
        """)
    }
  }
}
