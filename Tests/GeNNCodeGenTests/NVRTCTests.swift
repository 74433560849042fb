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

  /// A snippet with every statement, operator, literal form and library function.
  ///
  /// A copy of `CompilerTests.everyConstruct` in `Tests/GeNNTranspilerTests/CompilerTests.swift`,
  /// which that test compiles as C++; it lives in another test target, so keep the two
  /// in sync when either changes.
  static let everyConstruct = """
    // Declarations, const, several declarators, pointers.
    const scalar tau = 20.0, half = 0.5f;
    scalar a = 1.0d, b, c = -(+a);
    int i = 0x1F, j = 7U, k;
    unsigned int u = 42U;
    uint8_t small = 3;
    int64_t wide = 3000000000;
    uint64_t huge = 0xFFFFFFFFFFU;
    bool flag = true && !false;
    // As in GeNN, the pointer belongs to the type, so both names are pointers.
    const scalar *times = spikeTimes, also = spikeTimes + 1;
    timepoint now = t;
    /* Arithmetic, bitwise, relational, logical, comma and conditional operators. */
    b = a * 2.0 / tau + a - 1e-3 - .5 + 5.;
    k = i % 4 + (i << 2) + (i >> 1) + (i & 3) + (i ^ 5) + (i | 8) + ~i;
    flag = a < b || a <= b && a > b || a >= b && a == b || a != b;
    k = (i++, ++i, i--, --i);
    c = flag ? a : b;
    c = a > 0.0 ? a > 1.0 ? 1.0 : 0.5 : -1.0;
    // Every compound assignment.
    V += a; V -= a; V *= a; V /= tau;
    i %= 3; i &= 7; i |= 1; i ^= 2; i <<= 1; i >>= 1;
    // Casts, subscripts, pointer arithmetic, dereference.
    k = (int)V + (int)(unsigned int)small + (const int)j;
    c = times[0] + *(times + 1) + also[id % 2] + *times;
    wide = (int64_t)(also - times);
    // Maths library, float and double overloads, integer functions.
    c = exp(a) + sin(half) + cos(1.0f) + tan(0.1d) + sqrt(fabs(a)) + pow(a, 2.0) + log(2.0);
    c += fmax(a, b) + fmin(a, b) + fmod(a, 2.0) + floor(a) + ceil(a) + round(a) + trunc(a);
    c += atan2(a, b) + hypot(a, b) + cbrt(a) + expm1(a) + log1p(a) + log2(a) + log10(a);
    c += tanh(a) + sinh(a) + cosh(a) + asin(half) + acos(half) + atan(a) + erf(a) + erfc(a);
    c += tgamma(a + 2.0) + lgamma(a + 2.0) + copysign(a, b) + fdim(a, b) + fma(a, b, c);
    c += scalbn(a, 2) + ldexp(a, 3) + ilogb(a + 1.0) + rint(a) + nearbyint(a) + exp2(a);
    c += nextafter(a, b) + remainder(a, 3.0) + asinh(a) + acosh(a + 2.0) + atanh(half);
    k = min(i, j) + max(i, k) + abs(k) + (int)min(u, 3U) + (int)max(wide, (int64_t)1);
    // Random numbers.
    c = gennrand_uniform() + gennrand_normal() + gennrand_exponential();
    c += gennrand_log_normal(0.0, 1.0) + gennrand_gamma(2.0);
    u = gennrand() + gennrand_binomial(10U, 0.5);
    // Statements.
    if (V >= Vthresh) {
        V = Vrest;
    }
    else if (V < -100.0) V = -100.0;
    else {
        RefracTime -= dt;
    }
    for (int n = 0; n < 4; n++) {
        if (n == 2) continue;
        if (n == 3) break;
        U += n;
    }
    for (;;) { break; }
    for (i = 0; i < 2; ++i) ;
    while (k > 0) { k--; }
    do { k++; } while (k < 3);
    switch (k) {
    case 0: k = 1; break;
    case 1 + 2:
    case 4: { k = 2; } break;
    default: break;
    }
    {
        scalar shadow = a;
        { scalar shadow = 2.0 * a; V += shadow; }
        V += shadow;
    }
    for_each_synapse {
        weight += V * 0.001;
    }
    if (flag) printf("V=%f, k=%d\\n", V, k);
    assert(V == V);
    ;
    """

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

  struct LoadError: Error, CustomStringConvertible {
    var description: String
  }

  /// Where the library is; looked up when tests are listed, so it only checks paths.
  static let location = locate()

  /// The library at `location`, loaded once per test process by the first test that
  /// uses it, or why it could not be loaded.
  static let shared: Result<NVRTC, LoadError>? = location.path.map { path in
    Result { () throws(LoadError) in try NVRTC(path: path) }
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

  init(path: String) throws(LoadError) {
    guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
      let reason = dlerror().map { String(cString: $0) } ?? "no reason given"
      throw LoadError(description: "dlopen(\(path)) failed: \(reason)")
    }
    // Never closed: the functions stay valid for the whole test process.
    func bind<Function>(_ name: String, as type: Function.Type) throws(LoadError) -> Function {
      guard let address = dlsym(handle, name) else {
        throw LoadError(description: "\(path) has no symbol \(name)")
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
      throw LoadError(description: "nvrtcVersion failed in \(path)")
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
      guard status == 0 else { throw LoadError(description: "\(call): \(describe(status))") }
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
