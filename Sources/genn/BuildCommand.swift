import ArgumentParser
import Foundation
import GeNNModelFile
import GeNNRuntime
import GeNNToolchain

extension GeNN {
  /// `genn build MODEL.yaml`: generate and compile only.
  struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate and compile a model file without running it; print where the code is.",
      discussion: """
        On the CPU backend it compiles the shared library; on CUDA (--backend cuda, or auto \
        with a usable GPU) the cubin for this machine's GPU. Both are kept in the build \
        cache, so the next `genn run` of the same model starts at once.
        """)

    @OptionGroup var model: ModelOptions

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() async throws {
      try await CommandError.reported { () async throws(CommandError) in try await execute() }
    }

    private func execute() async throws(CommandError) {
      let file = try model.load()
      let cuda = CUDADiscovery(environment: .current()).report()
      let selection = try model.backend.select(cuda: cuda)
      let built = try await file.build(
        on: selection.backend(threads: nil, checkIndices: true, cuda: cuda))
      if quiet { return }
      print(Self.report(file: file, backend: selection, built: built))
    }

    /// What `genn build` prints: the model, backend, how it was built and where its files are.
    static func report(file: ModelFile, backend: BackendChoice.Selection, built: any NetworkBuild)
      -> String
    {
      let entry = built.entry
      let generation = built.generationSeconds
      let how =
        entry.cacheHit
        ? "found in the build cache (generated in \(RunReport.seconds(generation)))"
        : "generated in \(RunReport.seconds(generation)), compiled in "
          + RunReport.seconds(built.compileSeconds)
      return """
        model     \(file.model.name) (\(file.path))
        backend   \(backend.name) (\(backend.reason))
        built     \(how)
        compiler  \(built.compilerSummary)
        code      \(entry.sourcePath.path)
        \(built.productName.padding(toLength: 9, withPad: " ", startingAt: 0)) \(entry.libraryPath.path)
        log       \(entry.logPath.path)
        """
    }
  }
}
