import Foundation
import Testing

@testable import GeNNTranspiler

/// Prints snippets that use every construct of the language to C++ and compiles them
/// with the machine's C++ compiler; runs printed expressions beside the original text to
/// show that printing keeps their meaning.
@Suite(.serialized) struct CompilerTests {
  /// A snippet with every statement, operator, literal form and library function
  /// (`Tests/Fixtures/every-construct.genn`, shared with the NVRTC test).
  static let everyConstruct = try! String(
    contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../Fixtures/every-construct.genn"), encoding: .utf8)

  /// The C++ around printed code: declarations of every name the environment spells.
  static func program(body: String, scalar: NumericType, main: Bool) -> String {
    let real = scalar.cName
    return """
      #include <algorithm>
      #include <atomic>
      #include <cassert>
      #include <cmath>
      #include <cstdint>
      #include <cstdio>
      #include <cstdlib>
      \(IntegerDivisionSource.source(for: .cpp))
      struct Rng { uint64_t state; };
      uint32_t genn_rand_uint32(Rng *rng);
      \(real) genn_rand_uniform_\(real)(Rng *rng);
      \(real) genn_rand_normal_\(real)(Rng *rng);
      \(real) genn_rand_exponential_\(real)(Rng *rng);
      \(real) genn_rand_log_normal_\(real)(Rng *rng, \(real) mean, \(real) sd);
      \(real) genn_rand_gamma_\(real)(Rng *rng, \(real) a);
      uint32_t genn_rand_binomial_\(real)(Rng *rng, uint32_t n, \(real) p);
      struct Group {
          \(real) *V; \(real) *RefracTime; \(real) *U; \(real) *weight;
          \(real) Vrest, Vthresh, TauM, Ioffset, C;
          const \(real) *spikeTimes;
      };
      static const \(real) DT = 0.1;
      void simCode(Group &group, uint32_t id, \(real) t, Rng &rng, \(real) Isyn) {
      \(body)
      }
      \(main ? "int main() { return 0; }" : "")
      """
  }

  static func environment(scalar: NumericType) -> Environment {
    var environment = neuronEnvironment(scalar: scalar)
    environment.forEachSynapse = ForEachSynapseScope(
      symbols: [
        Symbol("weight", .numeric(scalar), spelling: "group.weight[s]", role: "synapse variable")
      ],
      header: "for (uint32_t s = 0; s < 4; s++) {", footer: "}")
    return environment
  }

  @Test(arguments: [NumericType.float, .double])
  func everyConstructCompiles(scalar: NumericType) throws {
    let compiler = try #require(
      CXXCompiler.find(), "no C++ compiler found: \(CXXCompiler.searched)")
    let checked = try Transpiler.checkStatements(
      Self.everyConstruct, in: Self.environment(scalar: scalar))
    let source = Self.program(body: checked.code(level: 1), scalar: scalar, main: false)
    let result = try compiler.compile(source, arguments: ["-fsyntax-only", "-Wall", "-Wno-unused"])
    #expect(result.status == 0, "\(result.output)\n\(source)")
  }

  /// Expressions over C++ `int64_t a, b, c` and `double x, y`: printed by SwiftGeNN and
  /// written verbatim side by side; every pair must give the same value when run.
  static let expressions = [
    "a - b - c", "a - (b - c)", "a * b + c", "a + b * c", "a / b * c", "a % b * c",
    "-a * -b", "- -a", "-(-a)", "+ +a", "!a + !!b", "~a & b", "a << 2 >> 1", "a < b == b < a",
    "a & b ^ c | a", "a | b & c", "a && b || !c", "a || b && c", "a ? b : c ? a : b",
    "(a ? b : c) + 1", "a > b ? a - b : b - a", "(a, b + c)", "x * y + x / y - x",
    "x < y ? x : y", "(int64_t)x * b", "(double)a / b", "(int)(x * 10.0) % 3",
    "fmax(x, y) * 2.0", "exp(x) - exp(-y)", "pow(x, 2.0) + sqrt(fabs(y))", "min(a, b) + max(b, c)",
    "abs(c) * 3", "a * (b + c) * (a - c)", "x - -y", "x + +y", "-x - -y",
  ]

  @Test func printedExpressionsMeanWhatTheySay() throws {
    let compiler = try #require(
      CXXCompiler.find(), "no C++ compiler found: \(CXXCompiler.searched)")
    var environment = Environment(context: "compile test", types: TypeContext(scalar: .double))
    environment.add(StandardLibrary.mathematics(for: .cpp))
    for name in ["a", "b", "c"] { environment.define(name, .int64) }
    for name in ["x", "y"] { environment.define(name, .double) }
    var checks = ""
    for (index, text) in Self.expressions.enumerated() {
      let printed = try Transpiler.checkExpression(text, in: environment).code()
      checks += """
        if ((double)(\(printed)) != (double)(\(text))) { std::printf("mismatch %d\\n", \(index)); bad++; }

        """
    }
    let source = """
      #include <algorithm>
      #include <atomic>
      #include <cmath>
      #include <cstdint>
      #include <cstdio>
      #include <cstdlib>
      \(IntegerDivisionSource.source(for: .cpp))
      using std::min; using std::max; using std::abs;
      int main() {
          int64_t a = 7, b = 3, c = -2; double x = 1.5, y = -0.25; int bad = 0;
      \(checks)
          std::printf("checked %d\\n", \(Self.expressions.count));
          return bad;
      }
      """
    let result = try compiler.compileAndRun(source)
    #expect(result.status == 0, "\(result.output)\n\(source)")
    #expect(result.output.contains("checked \(Self.expressions.count)"))
  }
}

/// The machine's C++ compiler, found as GeNN users' machines have one: `$CXX`, then
/// `c++`, `g++`, `clang++` on `PATH`.
struct CXXCompiler {
  let path: String

  static var searched: [String] {
    let fromEnvironment = ProcessInfo.processInfo.environment["CXX"].map { [$0] } ?? []
    return fromEnvironment + ["c++", "g++", "clang++"]
  }

  static func find() -> CXXCompiler? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
    for name in searched {
      if name.hasPrefix("/") {
        if FileManager.default.isExecutableFile(atPath: name) { return CXXCompiler(path: name) }
        continue
      }
      for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) {
          return CXXCompiler(path: candidate)
        }
      }
    }
    return nil
  }

  struct Result {
    var status: Int32
    var output: String
  }

  private func run(_ executable: String, _ arguments: [String]) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
  }

  private func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("genn-transpiler-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  func compile(_ source: String, arguments: [String]) throws -> Result {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("snippet.cc")
    try source.write(to: file, atomically: true, encoding: .utf8)
    return try run(path, ["-std=c++17"] + arguments + [file.path])
  }

  func compileAndRun(_ source: String) throws -> Result {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("program.cc")
    let binary = directory.appendingPathComponent("program")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let build = try run(path, ["-std=c++17", "-O0", "-o", binary.path, file.path])
    guard build.status == 0 else { return build }
    return try run(binary.path, [])
  }
}
