import Foundation
import GeNNTranspiler
import Testing

@testable import GeNNCodeGen

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Compiles CUDA as the CUDA backend will (DESIGN.md, decisions 2 and 4): the generated
/// random numbers and every construct of the code-string language printed in the `.cuda`
/// dialect, by NVRTC alone, with no header and no GPU. NVRTC is pip's
/// `nvidia-cuda-nvrtc-cu12` (`.ci/run` installs it and sets `GENN_NVRTC_LIBRARY`); where
/// none is found the test is skipped and says where it looked.
@Suite struct NVRTCTests {
  /// The architectures compiled to a cubin: Volta, Ampere, Hopper.
  static let architectures = ["sm_70", "sm_80", "sm_90"]

  /// A snippet with every statement, operator, literal form and library function
  /// (`Tests/Fixtures/every-construct.genn`, which `CompilerTests` compiles as C++).
  static let everyConstruct = try! String(
    contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../Fixtures/every-construct.genn"), encoding: .utf8)

  /// The environment of `everyConstruct` in the `.cuda` dialect: the names of a neuron's
  /// sim code (as `neuronEnvironment` in the transpiler tests spells them), the maths
  /// library, random numbers and a synapse loop.
  static func environment(scalar: NumericType) -> Environment {
    var environment = Environment(
      context: "neuron population 'Exc', sim code", types: TypeContext(scalar: scalar))
    let real = GeNNType.numeric(scalar)
    environment.add(StandardLibrary.mathematics(for: .cuda))
    environment.add(StandardLibrary.random(precision: scalar, generator: "&rng"))
    for name in ["V", "RefracTime", "U"] {
      environment.define(name, real, spelling: "group.\(name)[id]", role: "state variable")
    }
    for name in ["Vrest", "Vthresh", "TauM", "Ioffset", "C"] {
      environment.define(name, real.addingConst, spelling: "group.\(name)", role: "parameter")
    }
    environment.define("Isyn", real, spelling: "Isyn", role: "input current")
    environment.define("t", real.addingConst, spelling: "t", role: "time")
    environment.define("dt", real.addingConst, spelling: "DT", role: "time step")
    environment.define("id", GeNNType.uint32.addingConst, spelling: "id", role: "neuron index")
    environment.define(
      "spikeTimes", real.addingConst.pointer(), spelling: "group.spikeTimes",
      role: "extra global parameter")
    environment.forEachSynapse = ForEachSynapseScope(
      symbols: [
        Symbol("weight", real, spelling: "group.weight[s]", role: "synapse variable")
      ],
      header: "for (uint32_t s = 0; s < 4; s++) {", footer: "}")
    return environment
  }

  /// A CUDA translation unit as the CUDA backend writes one: the generated random
  /// numbers as device functions, then a kernel around the printed `body`. Nothing is
  /// included: NVRTC has no system headers.
  static func translationUnit(body: String, scalar: NumericType) -> String {
    let real = scalar.cName
    return """
      #define GENN_FUNCTION __device__ __forceinline__
      \(RandomNumberSource.cpp)
      struct Group {
          \(real) *V; \(real) *RefracTime; \(real) *U; \(real) *weight;
          \(real) Vrest, Vthresh, TauM, Ioffset, C;
          const \(real) *spikeTimes;
      };

      extern "C" __global__ void simCode(Group group, \(real) t, \(real) Isyn, uint64_t seed)
      {
          const uint32_t id = blockIdx.x * blockDim.x + threadIdx.x;
          const \(real) DT = 0.1;
          GeNNRng rng;
          genn_rng_init(&rng, seed, 0u, id, 0u);
      \(body)
      }

      """
  }

  @Test(
    .enabled(if: NVRTC.location.path != nil, NVRTC.location.reason),
    arguments: [NumericType.float, .double])
  func everyConstructCompiles(scalar: NumericType) throws {
    let nvrtc = try #require(NVRTC.shared).get()
    let checked = try Transpiler.checkStatements(
      Self.everyConstruct, in: Self.environment(scalar: scalar))
    let source = Self.translationUnit(body: checked.code(level: 1), scalar: scalar)
    var compiled: [String] = []
    for architecture in Self.architectures {
      // A compile failure fails the test with NVRTC's log and the numbered source.
      let result = try nvrtc.compile(
        source, name: "everyConstruct_\(scalar.cName).cu",
        options: ["--gpu-architecture=\(architecture)", "--std=c++17"])
      #expect(
        result.status == 0 && result.cubinSize > 0,
        """
        NVRTC \(nvrtc.version) (\(nvrtc.path)) failed for \(architecture), \(scalar.cName) \
        scalar: \(nvrtc.describe(result.status))
        \(result.log)
        \(Self.numbered(source))
        """)
      if result.status == 0 { compiled.append("\(architecture) (\(result.cubinSize)-byte cubin)") }
    }
    print(
      "NVRTCTests: NVRTC \(nvrtc.version) (\(nvrtc.path)) compiled every construct, "
        + "\(scalar.cName) scalar, for \(compiled.joined(separator: ", "))")
  }

  /// `source` with line numbers, as NVRTC's log refers to them.
  static func numbered(_ source: String) -> String {
    source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      .map { "\($0.offset + 1)\t\($0.element)" }.joined(separator: "\n")
  }
}

/// NVRTC loaded with `dlopen`, its functions bound by `dlsym`.
struct NVRTC: @unchecked Sendable {
  /// Where the library is, or why none was found (what a skipped test prints).
  struct Location: Sendable {
    var path: String?
    var reason: Comment
  }

  struct NVRTCError: Error, CustomStringConvertible {
    var description: String
  }

  /// Where the library is; looked up when tests are listed, so it only checks paths.
  static let location = locate()

  /// The library at `location`, loaded once per test process by the first test that
  /// uses it, or why it could not be loaded.
  static let shared: Result<NVRTC, NVRTCError>? = location.path.map { path in
    Result { () throws(NVRTCError) in try NVRTC(path: path) }
  }

  typealias Program = OpaquePointer
  typealias Strings = UnsafePointer<UnsafePointer<CChar>?>
  // nvrtcResult nvrtcCreateProgram(nvrtcProgram *, const char *src, const char *name,
  //   int numHeaders, const char *const *headers, const char *const *includeNames)
  typealias CreateProgram =
    @convention(c) (
      UnsafeMutablePointer<Program?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32,
      Strings?, Strings?
    ) -> Int32
  typealias CompileProgram = @convention(c) (Program?, Int32, Strings?) -> Int32
  typealias GetSize = @convention(c) (Program?, UnsafeMutablePointer<Int>?) -> Int32
  typealias GetLog = @convention(c) (Program?, UnsafeMutablePointer<CChar>?) -> Int32
  typealias DestroyProgram = @convention(c) (UnsafeMutablePointer<Program?>?) -> Int32
  typealias Version =
    @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Int32
  typealias ErrorString = @convention(c) (Int32) -> UnsafePointer<CChar>?

  let path: String
  /// `major.minor`, from `nvrtcVersion`.
  let version: String
  let createProgram: CreateProgram
  let compileProgram: CompileProgram
  let getProgramLogSize: GetSize
  let getProgramLog: GetLog
  let getCUBINSize: GetSize
  let getPTXSize: GetSize
  let destroyProgram: DestroyProgram
  let errorString: ErrorString

  /// The places pip puts the wheel's library, for `python3.X` under each prefix:
  /// `.ci/run`'s cache, a virtual environment, the user's and the system's site-packages.
  static func candidates(environment: [String: String]) -> [String] {
    let relative = "nvidia/cuda_nvrtc/lib/libnvrtc.so.12"
    let home = environment["HOME"] ?? NSHomeDirectory()
    var candidates = ["\(home)/.cache/swiftgenn-ci/nvrtc/\(relative)"]
    var libraries = ["\(home)/.local/lib"]
    for variable in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
      if let prefix = environment[variable] { libraries.insert("\(prefix)/lib", at: 0) }
    }
    libraries += ["/usr/local/lib", "/usr/lib"]
    for library in libraries {
      let pythons = (try? FileManager.default.contentsOfDirectory(atPath: library)) ?? []
      for python in pythons.filter({ $0.hasPrefix("python3") }).sorted() {
        for packages in ["site-packages", "dist-packages"] {
          candidates.append("\(library)/\(python)/\(packages)/\(relative)")
        }
      }
    }
    return candidates
  }

  /// `$GENN_NVRTC_LIBRARY` if set (then it must load, or the test fails), else the
  /// first pip location that exists.
  static func locate() -> Location {
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["GENN_NVRTC_LIBRARY"], !path.isEmpty {
      return Location(path: path, reason: "NVRTC from GENN_NVRTC_LIBRARY=\(path)")
    }
    let searched = candidates(environment: environment)
    guard let path = searched.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
      let reason = """
        no NVRTC library: GENN_NVRTC_LIBRARY is not set and pip's \
        nvidia-cuda-nvrtc-cu12 is not installed in any of: \
        \(searched.joined(separator: ", ")) (.ci/run installs it with pip)
        """
      // Swift Testing prints it as the reason of the skip ("... skipped: no NVRTC ...");
      // printed here, it would show in runs that do not select this test.
      return Location(path: nil, reason: Comment(rawValue: reason))
    }
    return Location(path: path, reason: "NVRTC from \(path)")
  }

  init(path: String) throws(NVRTCError) {
    guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
      let reason = dlerror().map { String(cString: $0) } ?? "no reason given"
      throw NVRTCError(description: "dlopen(\(path)) failed: \(reason)")
    }
    // Never closed: the functions stay valid for the whole test process.
    func bind<Function>(_ name: String, as type: Function.Type) throws(NVRTCError) -> Function {
      guard let address = dlsym(handle, name) else {
        throw NVRTCError(description: "\(path) has no symbol \(name)")
      }
      return unsafeBitCast(address, to: type)
    }
    self.path = path
    createProgram = try bind("nvrtcCreateProgram", as: CreateProgram.self)
    compileProgram = try bind("nvrtcCompileProgram", as: CompileProgram.self)
    getProgramLogSize = try bind("nvrtcGetProgramLogSize", as: GetSize.self)
    getProgramLog = try bind("nvrtcGetProgramLog", as: GetLog.self)
    getCUBINSize = try bind("nvrtcGetCUBINSize", as: GetSize.self)
    getPTXSize = try bind("nvrtcGetPTXSize", as: GetSize.self)
    destroyProgram = try bind("nvrtcDestroyProgram", as: DestroyProgram.self)
    errorString = try bind("nvrtcGetErrorString", as: ErrorString.self)
    let nvrtcVersion = try bind("nvrtcVersion", as: Version.self)
    var major: Int32 = 0
    var minor: Int32 = 0
    guard nvrtcVersion(&major, &minor) == 0 else {
      throw NVRTCError(description: "nvrtcVersion failed in \(path)")
    }
    version = "\(major).\(minor)"
  }

  struct Compilation {
    /// `nvrtcCompileProgram`'s `nvrtcResult`: 0 on success.
    var status: Int32
    var log: String
    /// 0 unless the program was compiled for a real architecture (`sm_XX`).
    var cubinSize: Int
    var ptxSize: Int
  }

  /// `nvrtcResult` `status` with its name.
  func describe(_ status: Int32) -> String {
    "nvrtcResult \(status) (\(errorString(status).map { String(cString: $0) } ?? "unknown"))"
  }

  /// Compiles `source` with `options`; throws only if NVRTC itself fails (not the code).
  func compile(_ source: String, name: String, options: [String]) throws -> Compilation {
    var program: Program?
    func check(_ status: Int32, _ call: String) throws {
      guard status == 0 else { throw NVRTCError(description: "\(call): \(describe(status))") }
    }
    try check(createProgram(&program, source, name, 0, nil, nil), "nvrtcCreateProgram")
    defer { _ = destroyProgram(&program) }
    let arguments = options.map { strdup($0) }
    defer { for argument in arguments { free(argument) } }
    let status = arguments.map { UnsafePointer($0) }.withUnsafeBufferPointer {
      compileProgram(program, Int32(options.count), $0.baseAddress)
    }
    var logSize = 0
    try check(getProgramLogSize(program, &logSize), "nvrtcGetProgramLogSize")
    var log = [CChar](repeating: 0, count: max(logSize, 1))
    try check(getProgramLog(program, &log), "nvrtcGetProgramLog")
    var cubinSize = 0
    var ptxSize = 0
    if status == 0 {
      _ = getCUBINSize(program, &cubinSize)
      _ = getPTXSize(program, &ptxSize)
    }
    return Compilation(
      status: status,
      log: String(decoding: log.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
      cubinSize: cubinSize, ptxSize: ptxSize)
  }
}
