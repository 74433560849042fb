import Foundation
import GeNNCodeGen
import GeNNReferenceCases
import GeNNToolchain
import Testing

/// Every reference case (read with everything `case.json` describes: custom updates and
/// their schedules too) compiles to a cubin with NVRTC for sm_70, sm_80 and sm_90; so do
/// the emulation tests' models of generated synapses and of the other features, the
/// model that draws from every kind of random stream, and batched models. Needs NVRTC (pip's
/// `nvidia-cuda-nvrtc-cu12`, which `.ci/run` installs), no GPU.
@Suite struct CUDAReferenceCompileTests {
  static let location = NVRTCLocation.find()

  @Test(
    "each reference case compiles with NVRTC for sm_70, sm_80 and sm_90",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)),
    arguments: ReferenceCase.names)
  func referenceCase(_ name: String) throws {
    let model = try ReferenceCase(name: name).model()
    try Self.compile(try CUDABackend().generate(model), name: name)
  }

  @Test(
    "synapses generated rather than stored (PROCEDURAL, TOEPLITZ, kernels) compile with NVRTC",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)),
    arguments: CUDAEmulationTests.generatedNames)
  func generatedSynapses(_ name: String) throws {
    let model = try #require(CUDAEmulationTests.generatedModel(name))
    try Self.compile(try CUDABackend().generate(model), name: name)
  }

  @Test(
    "weight update, delay and initialisation features compile with NVRTC",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)),
    arguments: CUDAEmulationTests.featureNames)
  func features(_ name: String) throws {
    let model = try #require(CUDAEmulationTests.featureModel(name))
    try Self.compile(try CUDABackend().generate(model), name: name)
  }

  @Test(
    "custom connectivity updates compile with NVRTC",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)),
    arguments: CUDAEmulationTests.customConnectivityNames)
  func customConnectivityUpdates(_ name: String) throws {
    let (model, _, _) = try #require(CUDAEmulationTests.customConnectivityModel(name))
    try Self.compile(try CUDABackend().generate(model), name: name)
  }

  @Test(
    "elements named as GeNN allows (23E, int) compile with NVRTC",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)))
  func elementNames() throws {
    try Self.compile(try CUDABackend().generate(ElementNameTests.model()), name: "element_names")
  }

  @Test(
    "a model drawing from every kind of random stream, its seed given at load, compiles with NVRTC",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)))
  func seedGivenAtLoad() throws {
    let model = SeedAtLoadTests.model(seed: 1)
    try Self.compile(try CUDABackend().generate(model), name: model.name)
  }

  @Test(
    "batched models (a launch per batch, batch reductions) compile with NVRTC",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)))
  func batches() throws {
    for model in [
      BatchingTests.network(batchSize: 3, amps: BatchingTests.amps[0], randomStart: true),
      BatchingTests.reductions(), BatchingTests.kernelWeights(),
    ] {
      try Self.compile(try CUDABackend().generate(model), name: model.name)
    }
  }

  /// Compiles `module` for sm_70, sm_80 and sm_90, recording NVRTC's failures with the
  /// model element that generated the failing line.
  static func compile(_ module: CUDAModule, name: String) throws {
    let nvrtc = try NVRTCCompiler(path: try #require(location.path))
    for architecture in ["sm_70", "sm_80", "sm_90"] {
      let result = Result { () throws(NVRTCError) in
        try nvrtc.compile(module.source, name: "\(name).cu", architecture: architecture)
      }
      if case .failure(let error) = result {
        var origin = ""
        if case .compilationFailed(let failure) = error, let line = failure.errorLine {
          origin = " (line generated for \(module.origin(ofLine: line)?.description ?? "unknown"))"
        }
        Issue.record("NVRTC failed on \(name) for \(architecture)\(origin): \(error)")
      }
    }
    print("CUDAReferenceCompileTests: \(name) compiled for sm_70, sm_80, sm_90")
  }
}
