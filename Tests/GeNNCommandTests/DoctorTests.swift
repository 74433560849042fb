import Foundation
import GeNNBuildInfo
import GeNNToolchain
import Testing

/// `genn doctor`: its version line, and the truth about the CUDA backend, which exists:
/// what the search found and what `--backend cuda` needs.
@Suite struct DoctorTests {
  @Test func saysWhatTheCUDABackendNeedsAndWhetherItIsHere() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["doctor"], in: folder)
    let text = outcome.stdout
    #expect(text.hasPrefix("SwiftGeNN \(BuildInfo.versionLine): what this machine has"))
    #expect(!text.contains("not part of this version"))
    #expect(!text.contains("once its backend is here"))
    #expect(text.contains("CUDA search ("))
    let cuda = CUDADiscovery(environment: .current()).report()
    #expect(text.contains("CUDA         \(cuda.summary)\n"))
    if cuda.isUsable {
      #expect(
        text.contains("`--backend cuda` and `--backend auto` (the default) run models on the GPU"))
    } else {
      #expect(
        text.contains(
          "`--backend cuda` needs an NVIDIA GPU with its driver (libcuda.so.1) and NVRTC"))
      #expect(text.contains("`--backend auto` (the default) runs models on the CPU"))
      for command in cuda.fixCommands {
        #expect(text.contains("optional     for `--backend cuda`: \(command)"))
      }
    }
  }
}
