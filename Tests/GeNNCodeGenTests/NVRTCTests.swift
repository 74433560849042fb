import Foundation
import GeNNToolchain
import GeNNTranspiler
import Testing

@testable import GeNNCodeGen

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
      \(RandomNumberSource.source(calledBy: body))
      \(IntegerDivisionSource.source(for: .cuda))
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
    .enabled(if: NVRTC.location.path != nil, Comment(rawValue: NVRTC.location.reason)),
    arguments: [NumericType.float, .double])
  func everyConstructCompiles(scalar: NumericType) throws {
    let nvrtc = try #require(NVRTC.shared).get()
    let checked = try Transpiler.checkStatements(
      Self.everyConstruct, in: Self.environment(scalar: scalar))
    let source = Self.translationUnit(body: checked.code(level: 1), scalar: scalar)
    var compiled: [String] = []
    for architecture in Self.architectures {
      // A compile failure fails the test with NVRTC's log and the numbered source.
      do {
        let result = try nvrtc.compile(
          source, name: "everyConstruct_\(scalar.cName).cu", architecture: architecture)
        #expect(!result.cubin.isEmpty)
        compiled.append("\(architecture) (\(result.cubin.count)-byte cubin)")
      } catch {
        Issue.record(
          """
          NVRTC \(nvrtc.version) (\(nvrtc.path)) failed for \(architecture), \(scalar.cName) \
          scalar: \(error)
          \(Self.numbered(source))
          """)
      }
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

/// The NVRTC the CUDA tests compile with (``NVRTCLocation``: `$GENN_NVRTC_LIBRARY`,
/// discovery's choice, or `.ci/run`'s pip cache).
enum NVRTC {
  /// Where the library is; looked up when tests are listed, so it only checks paths.
  static let location = NVRTCLocation.find()

  /// The library at `location`, loaded once per test process by the first test that
  /// uses it, or why it could not be loaded.
  static let shared: Result<NVRTCCompiler, NVRTCError>? = location.path.map { path in
    Result { () throws(NVRTCError) in try NVRTCCompiler(path: path) }
  }
}
