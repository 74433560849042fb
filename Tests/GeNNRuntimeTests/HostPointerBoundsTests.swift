import Foundation
import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// A custom connectivity update's host update code sees its arrays (extra global
/// parameters, presynaptic and postsynaptic variables, `row_length`) as pointers, as in
/// GeNN, and may derive pointers from them (`d + wordsPerRow * i`). Where indexes are
/// checked, each is a checked pointer: arithmetic, comparisons, casts and `printf`'s
/// `%p` behave as a C pointer's, and an element read or written outside its array
/// through any of them stops the update with an error naming the array and the element,
/// instead of touching memory outside it.
@Suite struct HostPointerBoundsTests {
  /// Host code that walks and compares pointers, and writes what it found into the
  /// update's presynaptic variable `count` and postsynaptic variable `seen`.
  static let walk = """
    const int32_t *first = e;
    const int32_t *last = e + 4;
    int32_t sum = 0;
    for (const int32_t *p = first; p <= last; p++) {
        sum += *p;
    }
    int32_t *q = e + 4;
    q -= 2;
    q += 1;
    --q;
    q--;
    ++q;
    *q += 1;
    count[0] = (unsigned int)sum;
    count[1] = (unsigned int)(q - e);
    count[2] = (unsigned int)*q;
    count[3] = (e < q && q != e && !(q == e) && q >= e + 2 && q > e && e <= q && q) ? 1u : 0u;
    const int32_t *c = (const int32_t *)q;
    seen[0] = (scalar)row_length[1];
    seen[1] = (scalar)(count[3] == 1u ? c : first)[1];
    seen[2] = (scalar)(2 + e)[0] + (scalar)(last - first);
    printf("host pointers: %p\\n", c);
    """

  /// Host code that uses an element outside an array, with the error it gives.
  static let beyond: [String: (code: String, error: RuntimeError)] = [
    "derived": ("int32_t *p = e + 3;\np[2] = 1;", error("extra global parameter 'e'", "5", 5)),
    "before": ("int32_t *p = e;\np--;\n*p = 1;", error("extra global parameter 'e'", "-1", 5)),
    "pre": (
      "unsigned int *p = count + num_pre;\n*p = 1;", error("presynaptic variable 'count'", "4", 4)
    ),
    "post": ("seen[-2] = 1.0;", error("postsynaptic variable 'seen'", "-2", 3)),
    "rowLength": (
      "count[0] = row_length[num_pre];",
      .indexOutOfRange(
        element: "synapse population 'S'", array: "its row lengths ('row_length')", index: "4",
        size: 4)
    ),
  ]

  /// The error for an element outside an array of the update.
  static func error(_ array: String, _ index: String, _ size: UInt64) -> RuntimeError {
    .indexOutOfRange(
      element: "custom connectivity update 'Host'", array: array, index: index, size: size)
  }

  static func model(_ name: String, hostUpdateCode: String) -> ModelSpec {
    var model = ModelSpec(name: "host_pointers_\(name)", precision: .double, dt: 1)
    model.addNeuronPopulation("Pre", size: 4, model: NeuronModel(name: "Empty"))
    model.addNeuronPopulation("Post", size: 3, model: NeuronModel(name: "Empty"))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "S", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .snippet(CustomConnectivityUpdateTests.triangle, params: [:]),
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 1], postsynaptic: .deltaCurr))
    let update = CustomConnectivityUpdateModel(
      name: "Host", preVars: [Variable("count", "unsigned int")], postVars: [Variable("seen")],
      extraGlobalParams: [ExtraGlobalParameter("e", "int32_t*")],
      rowUpdateCode: "for_each_synapse {\n}\n", hostUpdateCode: hostUpdateCode)
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "Host", updateGroup: "Host", synapses: "S", model: update,
        preVars: ["count": 0], postVars: ["seen": 0],
        extraGlobalParams: ["e": [10, 20, 30, 40, 50]]))
    return model
  }

  /// What `walk` leaves in `count` and `seen`: the sum of `e`, `q`'s offset after its
  /// moves, `e[2]` incremented, every comparison true; row 1's length (2 of the
  /// triangle's 3 targets), `e[3]` through the cast pointer, `e[2] + (last - first)`.
  static let walked: (count: [Double], seen: [Double]) = ([150, 2, 31, 1], [2, 40, 35])

  @Test(arguments: [1, 2])
  func pointersDerivedFromArraysWorkAsInC(threads: Int) async throws {
    let simulation = try await simulate(
      Self.model("walk", hostUpdateCode: Self.walk), threads: threads)
    try simulation.customUpdate("Host")
    #expect(try simulation.values(of: "count", in: "Host") == Self.walked.count)
    #expect(try simulation.values(of: "seen", in: "Host") == Self.walked.seen)
  }

  @Test(arguments: beyond.keys.sorted())
  func anElementOutsideStopsTheUpdateNamingTheArray(name: String) async throws {
    let (code, error) = try #require(Self.beyond[name])
    let simulation = try await simulate(Self.model(name, hostUpdateCode: code))
    #expect(throws: error) { try simulation.customUpdate("Host") }
    // Nothing inside the arrays was written in its place.
    #expect(try simulation.values(of: "count", in: "Host") == [0, 0, 0, 0])
  }

  @Test func withoutChecksThePointersArePlain() throws {
    let model = Self.model("plain", hostUpdateCode: Self.walk)
    let checked = try CPUBackend().generate(model).source
    #expect(checked.contains("genn_checked_pointer<const int32_t> _first = genn_checked_array("))
    let plain = try CPUBackend(checkIndices: false).generate(model).source
    #expect(!plain.contains("genn_checked"))
    #expect(plain.contains("const int32_t *_first = group.egp_e;"))
  }

  @Test(
    "emulated on the CPU: the CUDA host kernel walks the same pointers and stops at the same element",
    .enabled(if: CUDAEmulationTests.enabled, CUDAEmulationTests.reason))
  func cudaAgrees() throws {
    let walk = Self.model("walk", hostUpdateCode: Self.walk)
    let (arrays, index, _, _) = try CUDAEmulationTests.emulate(
      walk, steps: 2, schedule: [(step: 1, group: "Host")])
    func values(_ role: ArrayLayout.Role) -> [Double] { arrays[index[role]!].load() }
    #expect(
      values(.customConnectivityUpdatePreVariable(update: "Host", variable: "count"))
        == Self.walked.count)
    #expect(
      values(.customConnectivityUpdatePostVariable(update: "Host", variable: "seen"))
        == Self.walked.seen)
    let (code, error) = try #require(Self.beyond["derived"])
    let model = Self.model("derived", hostUpdateCode: code)
    let (beyondArrays, beyondIndex, _, _) = try CUDAEmulationTests.emulate(
      model, steps: 2, schedule: [(step: 1, group: "Host")])
    let layouts = try CUDABackend().generate(model).arrays
    #expect(
      OutOfRangeRecord.error(
        beyondArrays[beyondIndex[.outOfRangeIndex]!].outOfRangeRecord, arrays: layouts) == error)
  }

  @Test(
    "the checked pointers compile with NVRTC",
    .enabled(
      if: CUDAReferenceCompileTests.location.path != nil,
      Comment(rawValue: CUDAReferenceCompileTests.location.reason)))
  func compilesWithNVRTC() throws {
    try CUDAReferenceCompileTests.compile(
      try CUDABackend().generate(Self.model("walk", hostUpdateCode: Self.walk)),
      name: "host_pointers")
  }
}
