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
      let backend = try model.backend.select(cuda: cuda)
      if backend.isCUDA {
        let built: CUDAModelBuild
        do {
          built = try CUDAModelBuild(
            model: file.model,
            options: CUDASimulation.Options(
              nvrtcLibrary: cuda.nvrtcLibrary, driverLibrary: cuda.driver.library))
        } catch {
          throw file.commandError(cuda: error)
        }
        if quiet { return }
        print(
          Self.report(
            file: file, backend: backend, cacheHit: built.entry.cacheHit,
            generation: built.generationSeconds, compile: built.compileSeconds,
            compiler: "\(built.compilerDescription), GPU \(built.device.name)",
            entry: built.entry, product: "cubin"))
        return
      }
      let built = try await file.build(options: Simulation.Options())
      if quiet { return }
      print(
        Self.report(
          file: file, backend: backend, cacheHit: built.entry.cacheHit,
          generation: built.generationSeconds, compile: built.compileSeconds,
          compiler: "\(built.toolchain.identity.versionLine) (\(built.toolchain.compiler))",
          entry: built.entry, product: "library"))
    }

    /// What `genn build` prints: the model, backend, how it was built and where its files are.
    static func report(
      file: ModelFile, backend: BackendChoice.Selection, cacheHit: Bool,
      generation: Double, compile: Double, compiler: String, entry: BuildCache.Entry,
      product: String
    ) -> String {
      let how =
        cacheHit
        ? "found in the build cache (generated in \(RunReport.seconds(generation)))"
        : "generated in \(RunReport.seconds(generation)), compiled in "
          + RunReport.seconds(compile)
      return """
        model     \(file.model.name) (\(file.path))
        backend   \(backend.name) (\(backend.reason))
        built     \(how)
        compiler  \(compiler)
        code      \(entry.sourcePath.path)
        \(product.padding(toLength: 9, withPad: " ", startingAt: 0)) \(entry.libraryPath.path)
        log       \(entry.logPath.path)
        """
    }
  }
}
