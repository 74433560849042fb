#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// NVRTC, CUDA's runtime compiler, loaded with `dlopen` from a path and called through
/// the functions `dlsym` finds: no header, no link-time dependency, no GPU needed to
/// compile (DESIGN.md decision 4).
///
/// ```swift
/// let nvrtc = try NVRTCCompiler()  // the library discovery chose
/// let cubin = try nvrtc.compile(source, architecture: "sm_80").cubin
/// ```
public struct NVRTCCompiler: @unchecked Sendable {
  // The function pointers stay valid while `library` is loaded, which is as long as
  // this value (and its copies) live; NVRTC's functions are thread-safe per program.

  /// The library's path.
  public let path: String
  /// NVRTC's version, from `nvrtcVersion`.
  public let version: CUDAVersion
  private let library: SharedLibrary
  private let functions: Functions

  /// Loads the NVRTC library at `path` and binds its functions.
  ///
  /// - Throws: ``NVRTCError/libraryLoadFailed(path:reason:)``,
  ///   ``NVRTCError/symbolMissing(symbol:library:)``.
  public init(path: String) throws(NVRTCError) {
    let library = try SharedLibrary(path: path) {
      NVRTCError.libraryLoadFailed(path: path, reason: $0)
    }
    let functions = try Functions(library)
    var major: Int32 = 0
    var minor: Int32 = 0
    let result = functions.version(&major, &minor)
    guard result == 0 else {
      throw .callFailed(
        function: "nvrtcVersion", result: result, message: functions.message(result))
    }
    self.path = path
    self.library = library
    self.functions = functions
    self.version = CUDAVersion(major: Int(major), minor: Int(minor))
  }

  /// Loads the NVRTC that discovery over `environment` chooses
  /// (``CUDAReport/nvrtcLibrary``).
  ///
  /// - Throws: ``NVRTCError/notFound(advice:)`` when none is chosen, else as
  ///   ``init(path:)``.
  public init(environment: EnvironmentSnapshot = .current()) throws(NVRTCError) {
    let report = CUDADiscovery(environment: environment).report()
    guard let path = report.nvrtcLibrary else {
      let fixes = report.fixCommands
      let advice =
        fixes.isEmpty
        ? "Install NVRTC (for example `python3 -m pip install nvidia-cuda-nvrtc-cu12`) or set "
          + "GENN_NVRTC_LIBRARY to a libnvrtc.so; `genn doctor` shows where it looked."
        : "To fix: " + fixes.joined(separator: "; ") + " (`genn doctor` shows where it looked)."
      throw .notFound(advice: advice)
    }
    try self.init(path: path)
  }

  /// The result of one compilation, successful or not.
  public struct Compilation: Hashable, Sendable {
    /// `nvrtcCompileProgram`'s `nvrtcResult`: 0 on success.
    public var result: Int32
    /// NVRTC's log (warnings as well as errors).
    public var log: String
    /// The cubin, when the program compiled for a real architecture (`sm_XX`).
    public var cubin: [UInt8]
    /// The PTX, when the program compiled.
    public var ptx: String

    /// Whether NVRTC accepted the source.
    public var succeeded: Bool { result == 0 }
  }

  /// The name of `nvrtcResult` `result` (`NVRTC_ERROR_COMPILATION`).
  public func message(for result: Int32) -> String { functions.message(result) }

  /// Compiles `source` (named `name` in the log) with `options`, successful or not.
  ///
  /// - Throws: ``NVRTCError/callFailed(function:result:message:)`` only when NVRTC itself
  ///   fails (creating the program, reading its log or output), not when the code does.
  public func compileProgram(_ source: String, name: String, options: [String])
    throws(NVRTCError) -> Compilation
  {
    let functions = self.functions
    func check(_ result: Int32, _ function: String) throws(NVRTCError) {
      guard result == 0 else {
        throw .callFailed(function: function, result: result, message: functions.message(result))
      }
    }
    var program: Functions.Program?
    try check(functions.createProgram(&program, source, name, 0, nil, nil), "nvrtcCreateProgram")
    defer { _ = functions.destroyProgram(&program) }
    let arguments = options.map { strdup($0) }
    defer { for argument in arguments { free(argument) } }
    let result = arguments.map { UnsafePointer($0) }.withUnsafeBufferPointer {
      functions.compileProgram(program, Int32(options.count), $0.baseAddress)
    }
    var logSize = 0
    try check(functions.getProgramLogSize(program, &logSize), "nvrtcGetProgramLogSize")
    var log = [CChar](repeating: 0, count: max(logSize, 1))
    try check(functions.getProgramLog(program, &log), "nvrtcGetProgramLog")
    var cubin: [UInt8] = []
    var ptx = ""
    if result == 0 {
      var cubinSize = 0
      if functions.getCUBINSize(program, &cubinSize) == 0 && cubinSize > 0 {
        cubin = [UInt8](repeating: 0, count: cubinSize)
        try check(
          cubin.withUnsafeMutableBufferPointer {
            functions.getCUBIN(program, UnsafeMutableRawPointer($0.baseAddress!))
          }, "nvrtcGetCUBIN")
      }
      var ptxSize = 0
      try check(functions.getPTXSize(program, &ptxSize), "nvrtcGetPTXSize")
      var text = [CChar](repeating: 0, count: max(ptxSize, 1))
      try check(functions.getPTX(program, &text), "nvrtcGetPTX")
      ptx = Self.string(text)
    }
    return Compilation(result: result, log: Self.string(log), cubin: cubin, ptx: ptx)
  }

  /// The options every compilation gets: the architecture, C++17, and the rest of
  /// `options`.
  public static func options(architecture: String, _ options: [String] = []) -> [String] {
    ["--gpu-architecture=\(architecture)", "--std=c++17"] + options
  }

  /// Compiles `source` for `architecture` (`sm_70`, `sm_80`, `sm_90`, ...) to a cubin,
  /// with `--std=c++17` and `options`.
  ///
  /// - Throws: ``NVRTCError/compilationFailed(_:)`` with the log and the source's lines
  ///   around the first error, or ``NVRTCError/callFailed(function:result:message:)``.
  public func compile(
    _ source: String, name: String = "module.cu", architecture: String,
    options: [String] = []
  ) throws(NVRTCError) -> Compilation {
    let all = Self.options(architecture: architecture, options)
    let compilation = try compileProgram(source, name: name, options: all)
    guard compilation.succeeded else {
      throw .compilationFailed(
        NVRTCCompilationFailure(
          programName: name, options: all, result: compilation.result,
          message: message(for: compilation.result), log: compilation.log, source: source))
    }
    return compilation
  }

  private static func string(_ characters: [CChar]) -> String {
    String(
      decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

extension NVRTCCompiler {
  /// NVRTC's functions, bound by name.
  struct Functions {
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
    typealias GetText = @convention(c) (Program?, UnsafeMutablePointer<CChar>?) -> Int32
    typealias GetBytes = @convention(c) (Program?, UnsafeMutableRawPointer?) -> Int32
    typealias DestroyProgram = @convention(c) (UnsafeMutablePointer<Program?>?) -> Int32
    typealias Version =
      @convention(c) (UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Int32
    typealias ErrorString = @convention(c) (Int32) -> UnsafePointer<CChar>?

    let createProgram: CreateProgram
    let compileProgram: CompileProgram
    let getProgramLogSize: GetSize
    let getProgramLog: GetText
    let getCUBINSize: GetSize
    let getCUBIN: GetBytes
    let getPTXSize: GetSize
    let getPTX: GetText
    let destroyProgram: DestroyProgram
    let version: Version
    let errorString: ErrorString

    init(_ library: SharedLibrary) throws(NVRTCError) {
      func bind<Function>(_ name: String, as type: Function.Type) throws(NVRTCError) -> Function {
        do {
          return try library.symbol(named: name, as: type)
        } catch {
          throw .symbolMissing(symbol: name, library: library.path)
        }
      }
      createProgram = try bind("nvrtcCreateProgram", as: CreateProgram.self)
      compileProgram = try bind("nvrtcCompileProgram", as: CompileProgram.self)
      getProgramLogSize = try bind("nvrtcGetProgramLogSize", as: GetSize.self)
      getProgramLog = try bind("nvrtcGetProgramLog", as: GetText.self)
      getCUBINSize = try bind("nvrtcGetCUBINSize", as: GetSize.self)
      getCUBIN = try bind("nvrtcGetCUBIN", as: GetBytes.self)
      getPTXSize = try bind("nvrtcGetPTXSize", as: GetSize.self)
      getPTX = try bind("nvrtcGetPTX", as: GetText.self)
      destroyProgram = try bind("nvrtcDestroyProgram", as: DestroyProgram.self)
      version = try bind("nvrtcVersion", as: Version.self)
      errorString = try bind("nvrtcGetErrorString", as: ErrorString.self)
    }

    /// `nvrtcGetErrorString(result)`.
    func message(_ result: Int32) -> String {
      errorString(result).map { String(cString: $0) } ?? "unknown nvrtcResult"
    }
  }
}
