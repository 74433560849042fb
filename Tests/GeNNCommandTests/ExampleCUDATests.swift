import Foundation
import GeNNCodeGen
import GeNNModelFile
import GeNNToolchain
import Testing

/// Every example model file compiles to a cubin with NVRTC for sm_70, sm_80 and sm_90 (no
/// GPU needed: pip's `nvidia-cuda-nvrtc-cu12`, which `.ci/run` installs). The
/// microcircuit's 54 synapse populations
/// take NVRTC about 3.5 minutes per architecture on a 2-core machine, so it is compiled
/// for sm_80 alone.
@Suite struct ExampleCUDATests {
  static let location = NVRTCLocation.find()

  static let examples = ExampleRunTests.examples

  /// The architectures compiled for, where not sm_70, sm_80 and sm_90.
  static let architectures: [String: [String]] = [
    "potjans-diesmann.yaml": ["sm_80"]
  ]

  @Test(
    "each example compiles with NVRTC",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)),
    arguments: examples)
  func exampleCompiles(_ name: String) throws {
    let file = try ModelFile.load(path: Genn.example(name))
    let module = try CUDABackend().generate(file.model)
    #expect(module.source.contains("extern \"C\" __global__ void updateNeurons"))
    let architectures = Self.architectures[name, default: ["sm_70", "sm_80", "sm_90"]]
    let nvrtc = try NVRTCCompiler(path: try #require(Self.location.path))
    for architecture in architectures {
      let result = Result { () throws(NVRTCError) in
        try nvrtc.compile(module.source, name: "\(file.model.name).cu", architecture: architecture)
      }
      switch result {
      case .success(let compilation):
        #expect(Array(compilation.cubin.prefix(4)) == [0x7F, 0x45, 0x4C, 0x46])
      case .failure(let error):
        var origin = ""
        if case .compilationFailed(let failure) = error, let line = failure.errorLine {
          origin = " (line generated for \(module.origin(ofLine: line)?.description ?? "unknown"))"
        }
        Issue.record("NVRTC failed on \(name) for \(architecture)\(origin): \(error)")
      }
    }
    let compiled =
      architectures.isEmpty
      ? "generated (not compiled)" : "compiled for \(architectures.joined(separator: ", "))"
    print("ExampleCUDATests: \(name) \(compiled)")
  }
}
