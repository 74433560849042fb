import Foundation
import Testing

@testable import GeNNToolchain

/// NVRTC compiling for real, with no GPU: pip's `nvidia-cuda-nvrtc-cu12` (`.ci/run`
/// installs it), or whatever discovery finds. Skipped, with the places searched, where
/// there is none.
@Suite struct NVRTCCompilerTests {
  /// Where NVRTC is; looked up when the tests are listed.
  static let location = NVRTCLocation.find()

  /// The architectures compiled to a cubin: Volta, Ampere, Hopper.
  static let architectures = ["sm_70", "sm_80", "sm_90"]

  static let kernel = """
    extern "C" __global__ void scale(float *values, float factor, unsigned int n)
    {
        const unsigned int id = blockIdx.x * blockDim.x + threadIdx.x;
        if (id < n) {
            values[id] *= factor;
        }
    }

    """

  @Test(
    "a tiny kernel compiles to a cubin for sm_70, sm_80 and sm_90",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)))
  func compilesTinyKernel() throws {
    let nvrtc = try NVRTCCompiler(path: try #require(Self.location.path))
    #expect(nvrtc.version.major >= 11)
    for architecture in Self.architectures {
      let compilation = try nvrtc.compile(
        Self.kernel, name: "scale.cu", architecture: architecture)
      #expect(compilation.succeeded)
      // A cubin is an ELF file.
      #expect(compilation.cubin.prefix(4) == [0x7F, 0x45, 0x4C, 0x46])
      #expect(compilation.ptx.contains(".entry scale"))
    }
  }

  @Test(
    "a syntax error gives NVRTC's log and the numbered line",
    .enabled(if: location.path != nil, Comment(rawValue: location.reason)))
  func syntaxErrorShowsLine() throws {
    let nvrtc = try NVRTCCompiler(path: try #require(Self.location.path))
    let source = Self.kernel.replacingOccurrences(
      of: "values[id] *= factor;", with: "values[id] *= factr;")
    let result = Result { () throws(NVRTCError) in
      try nvrtc.compile(source, name: "broken.cu", architecture: "sm_80")
    }
    guard case .failure(.compilationFailed(let failure)) = result else {
      Issue.record("expected a compilation failure, got \(result)")
      return
    }
    #expect(failure.errorLine == 5)
    #expect(failure.log.contains("broken.cu(5)"))
    #expect(failure.log.contains("factr"))
    #expect(failure.excerpt.contains(">5\t        values[id] *= factr;"))
    #expect(failure.excerpt.contains(" 1\textern \"C\" __global__"))
    #expect(failure.description.contains("The source around line 5:"))
    #expect(failure.options == ["--gpu-architecture=sm_80", "--std=c++17"])
    #expect(failure.message == "NVRTC_ERROR_COMPILATION")
  }

  @Test("a path that is not a library gives a clear error")
  func badLibraryPath() throws {
    let path = "/nonexistent/genn-test/libnvrtc.so.12"
    #expect {
      try NVRTCCompiler(path: path)
    } throws: { error in
      guard case .libraryLoadFailed(let failedPath, let reason)? = error as? NVRTCError else {
        return false
      }
      return failedPath == path && !reason.isEmpty
        && "\(error)".contains("could not load the NVRTC library \(path)")
        && "\(error)".contains("GENN_NVRTC_LIBRARY")
    }
  }

  @Test("a shared library that is not NVRTC names the missing function")
  func libraryWithoutNVRTC() throws {
    // libm is always there and has no NVRTC function.
    let libm = [
      "/lib/x86_64-linux-gnu/libm.so.6", "/lib/aarch64-linux-gnu/libm.so.6", "/lib64/libm.so.6",
    ]
    .first { FileManager.default.fileExists(atPath: $0) }
    let path = try #require(libm)
    #expect(throws: NVRTCError.symbolMissing(symbol: "nvrtcCreateProgram", library: path)) {
      try NVRTCCompiler(path: path)
    }
  }

  @Test("without a chosen NVRTC, discovery's advice is the error")
  func noNVRTCFromDiscovery() throws {
    let empty = try makeTemporaryFolder("no-nvrtc")
    defer { try? FileManager.default.removeItem(at: empty) }
    let environment = EnvironmentSnapshot(
      variables: ["PATH": "/usr/bin"], fileSystem: FileSystemView(root: empty.path),
      platform: .linux, homeDirectory: "/home/user", loaderCacheListing: "")
    #expect {
      try NVRTCCompiler(environment: environment)
    } throws: { error in
      guard case .notFound(let advice)? = error as? NVRTCError else { return false }
      return advice.contains("pip install") || advice.contains("GENN_NVRTC_LIBRARY")
    }
  }

  @Test("the first error line is read from the log")
  func errorLineParsing() {
    let log = """
      model.cu(12): warning #177-D: variable "x" was declared but never referenced
      model.cu(40): error: identifier "Vthr" is undefined
      model.cu(41): error: expected a ";"
      2 errors detected in the compilation of "model.cu".
      """
    #expect(NVRTCCompilationFailure.firstErrorLine(in: log, programName: "model.cu") == 40)
    #expect(NVRTCCompilationFailure.firstErrorLine(in: "no lines", programName: "m.cu") == nil)
    let source = (1...50).map { "line \($0)" }.joined(separator: "\n")
    let excerpt = NVRTCCompilationFailure.numberedLines(of: source, around: 48, context: 2)
    #expect(excerpt == " 46\tline 46\n 47\tline 47\n>48\tline 48\n 49\tline 49\n 50\tline 50")
  }
}
