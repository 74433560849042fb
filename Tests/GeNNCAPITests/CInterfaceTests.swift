import CAPIHarness
import CGeNN
import Foundation
import Testing

/// SwiftGeNN's C interface, called from C (`CAPIHarness`): a model file's text in, a
/// running simulation whose state C reads and writes in place, every failure a message.
@Suite struct CInterfaceTests {
  /// Ten neurons counting up by one each step, in `precision`.
  /// With `spiking`, each neuron spikes when it reaches 3 and restarts from 0, its spikes
  /// recorded if `recorded`.
  static func counters(
    precision: String = "float", spiking: Bool = false, recorded: Bool = false
  ) -> String {
    let spikes =
      spiking
      ? "\n      threshold_condition_code: V >= 3.0\n      reset_code: V = 0.0;" : ""
    return """
      name: capi_counters
      precision: \(precision)
      dt: 0.5
      neurons:
        Counters:
          size: 10
          model:
            vars: {V: scalar}
            sim_code: V += 1.0;\(spikes)
          vars: {V: 0}
          record_spikes: \(recorded)
      """
  }

  /// `body`'s result, run on a thread of its own, as a C caller (Python) calls from
  /// outside Swift's concurrency: building waits there for asynchronous work, which must
  /// not hold one of the few threads that work runs on.
  static func onOwnThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async
    -> Result
  {
    await withCheckedContinuation { continuation in
      Thread.detachNewThread { continuation.resume(returning: body()) }
    }
  }

  /// The message in `error`, freed.
  static func message(_ error: UnsafeMutablePointer<CChar>?) -> String? {
    defer { genn_string_free(error) }
    return error.map { String(cString: $0) }
  }

  /// What the harness saw, with its message freed.
  struct Seen: @unchecked Sendable {
    var failedCall: Int32
    var error: String?
    var observation: capi_observation
  }

  /// What `capi_run` saw.
  static func run(
    _ text: String, path: String = "/tmp/capi.yaml", backend: String = "cpu",
    element: String = "Counters", variable: String = "V", first: Double = 10, steps: UInt64 = 5
  ) async -> Seen {
    await onOwnThread {
      let observation = capi_run(text, path, backend, element, variable, first, steps)
      return Seen(
        failedCall: observation.failed_call, error: message(observation.error),
        observation: observation)
    }
  }

  @Test("a write through the view is seen by the next step", arguments: ["float", "double"])
  func viewsShareTheSimulationsMemory(precision: String) async throws {
    let seen = await Self.run(Self.counters(precision: precision))
    #expect(seen.failedCall == 0, "\(seen.error ?? "")")
    let observation = seen.observation
    #expect(
      Int(observation.type)
        == Int(precision == "float" ? GENN_FLOAT.rawValue : GENN_DOUBLE.rawValue))
    #expect(observation.count == 10)
    #expect(observation.timestep == 5)
    #expect(observation.time == 2.5)
    let values = observation.values
    #expect([values.0, values.1, values.2, values.3] == [15, 5, 5, 5])
  }

  @Test func singleThreadedCPUGivesTheSameState() async {
    let seen = await Self.run(Self.counters(), backend: "single_threaded_cpu")
    #expect(seen.failedCall == 0, "\(seen.error ?? "")")
    #expect(seen.observation.values.0 == 15 && seen.observation.values.1 == 5)
  }

  @Test func aModelFileErrorIsPlacedInTheText() async {
    let seen = await Self.run("name: bad\nneurons:\n  P:\n    size: -3\n    model: LIF\n")
    #expect(seen.failedCall == 1)
    #expect(seen.error?.hasPrefix("/tmp/capi.yaml:4:") == true, "\(seen.error ?? "")")
  }

  @Test func aCodeStringErrorNamesItsLineAndColumn() async {
    let text = Self.counters().replacingOccurrences(of: "V += 1.0;", with: "V += rate;")
    let seen = await Self.run(text)
    #expect(seen.failedCall == 2)
    let error = seen.error ?? ""
    #expect(error.hasPrefix("/tmp/capi.yaml:9:22: error: neuron population 'Counters', sim code"))
    #expect(error.contains("unknown name 'rate'"), "\(error)")
  }

  @Test func anUnknownVariableListsTheElementsVariables() async {
    let seen = await Self.run(Self.counters(), variable: "U")
    #expect(seen.failedCall == 3)
    #expect(seen.error?.contains("'U'") == true && seen.error?.contains("V") == true)
  }

  @Test func anUnknownBackendListsTheBackends() async {
    let seen = await Self.run(Self.counters(), backend: "opencl")
    #expect(seen.failedCall == 2)
    #expect(seen.error == "unknown backend 'opencl'; available: cpu, single_threaded_cpu, cuda")
  }

  /// `capi_custom_update` on its own thread, running `group` of a model whose population
  /// is `population` and whose update group is `updateGroup`: the value and the message.
  static func customUpdate(
    _ group: String, population: String = "Counters", updateGroup: String = "Reset"
  ) async -> (value: Double, error: String?) {
    let text =
      Self.counters().replacing("Counters:", with: "\(population):") + "\n"
        + """
        custom_updates:
          SetV:
            group: \(updateGroup)
            model:
              params: [value]
              var_refs: {r: scalar}
              update_code: r = value;
            params: {value: 7}
            var_refs:
              r: {population: \(population), var: V}
        """
    return await onOwnThread {
      var error: UnsafeMutablePointer<CChar>?
      let value = capi_custom_update(text, group, population, "V", &error)
      return (value, message(error))
    }
  }

  @Test func aCustomUpdateGroupRunsByName() async {
    let (value, error) = await Self.customUpdate("Reset")
    #expect(value == 7, "\(error ?? "")")
    let unknown = await Self.customUpdate("Nope")
    #expect(unknown.value.isNaN)
    #expect(unknown.error?.contains("'Nope'") == true, "\(unknown.error ?? "")")
  }

  /// A population and an update group named as GeNN allows them, starting with a digit,
  /// are found by name.
  @Test func namesStartingWithADigitAreFoundByName() async {
    let (value, error) = await Self.customUpdate("2Reset", population: "23E", updateGroup: "2Reset")
    #expect(value == 7, "\(error ?? "")")
  }

  /// `capi_spikes` on its own thread, with room for `capacity` spikes.
  static func spikes(recorded: Bool, capacity: Int) async -> (
    count: Int64, times: [Double], ids: [Int32], error: String?
  ) {
    let text = counters(spiking: true, recorded: recorded)
    return await onOwnThread {
      var times = [Double](repeating: -1, count: capacity)
      var ids = [Int32](repeating: -1, count: capacity)
      var error: UnsafeMutablePointer<CChar>?
      let count = capi_spikes(text, "Counters", 6, &times, &ids, UInt64(capacity), &error)
      return (count, times, ids, message(error))
    }
  }

  @Test func spikesAreCountedAndCopiedAsFarAsThereIsRoom() async {
    let seen = await Self.spikes(recorded: true, capacity: 12)
    // Every neuron reaches 3 in steps 2 and 5 (t = 1 and 2.5 ms): 20 spikes, 12 copied.
    #expect(seen.count == 20, "\(seen.error ?? "")")
    #expect(seen.times == Array(repeating: 1.0, count: 10) + [2.5, 2.5])
    #expect(seen.ids == Array(0..<10) + [0, 1])
  }

  @Test func spikesOfAPopulationNotRecordedAreAnError() async {
    let seen = await Self.spikes(recorded: false, capacity: 0)
    #expect(seen.count == -1)
    #expect(seen.error?.contains("Counters") == true, "\(seen.error ?? "")")
  }

  /// `capi_connectivity` on its own thread for a model with the listed synapses `Listed`.
  static func connectivity(_ synapses: String, capacity: Int) async -> (
    count: Int64, pre: [UInt32], post: [UInt32], error: String?
  ) {
    let text =
      Self.counters() + "\n"
        + """
        synapses:
          Listed:
            source: Counters
            target: Counters
            connectivity:
              pre: [4, 0, 4, 2]
              post: [1, 3, 0, 9]
            weight_update: {model: StaticPulse, vars: {g: 0.1}}
            postsynaptic: {model: DeltaCurr}
        """
    return await onOwnThread {
      var pre = [UInt32](repeating: 99, count: capacity)
      var post = [UInt32](repeating: 99, count: capacity)
      var error: UnsafeMutablePointer<CChar>?
      let count = capi_connectivity(text, synapses, &pre, &post, UInt64(capacity), &error)
      return (count, pre, post, message(error))
    }
  }

  @Test func connectivityIsCopiedInTheListedOrder() async {
    let seen = await Self.connectivity("Listed", capacity: 5)
    #expect(seen.count == 4, "\(seen.error ?? "")")
    #expect(seen.pre == [4, 0, 4, 2, 99])
    #expect(seen.post == [1, 3, 0, 9, 99])
    let unknown = await Self.connectivity("Missing", capacity: 0)
    #expect(unknown.count == -1)
    #expect(unknown.error?.contains("'Missing'") == true, "\(unknown.error ?? "")")
  }

  @Test func nullArgumentsAreErrorsNotCrashes() {
    var error: UnsafeMutablePointer<CChar>?
    #expect(genn_model_parse(nil, nil, &error) == nil)
    #expect(Self.message(error) == "'text' is NULL")
    #expect(genn_simulation_create(nil, "cpu", 0, &error) == nil)
    #expect(Self.message(error) == "'model' is NULL")
    #expect(genn_simulation_step(nil, 1, nil) == 1)
    #expect(genn_simulation_timestep(nil) == 0)
    genn_model_free(nil)
    genn_simulation_free(nil)
  }

  @Test func aModelBuiltTwiceIsFoundInTheBuildCache() async throws {
    struct Built: @unchecked Sendable {
      var failed: Int32, first: Int32, second: Int32, info: String?, error: String?
    }
    // A model no other test builds, so that the first build compiles unless an earlier
    // run of this test left it in the cache.
    let text = Self.counters().replacingOccurrences(of: "V += 1.0;", with: "V += 0.125;")
    let built = await Self.onOwnThread {
      var first: Int32 = -1
      var second: Int32 = -1
      var info: UnsafeMutablePointer<CChar>?
      var error: UnsafeMutablePointer<CChar>?
      let failed = capi_build_twice(text, &first, &second, &info, &error)
      return Built(
        failed: failed, first: first, second: second, info: Self.message(info),
        error: Self.message(error))
    }
    #expect(built.failed == 0, "\(built.error ?? "")")
    #expect(built.first == 0 || built.first == 1)
    #expect(built.second == 1)
    let info = try #require(built.info?.data(using: .utf8))
    let report = try #require(try JSONSerialization.jsonObject(with: info) as? [String: Any])
    #expect(report["cache_hit"] as? Bool == true)
    #expect(report["compile_seconds"] as? Double == 0)
    #expect((report["source"] as? String)?.hasSuffix("model.cc") == true, "\(report)")
  }

  @Test func theBuiltInCatalogueListsEveryModelsFields() throws {
    let text = try #require(Self.message(genn_builtin_models()))
    let catalogue = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: Any]])
    #expect(
      Set(catalogue.keys) == [
        "neuron", "postsynaptic", "weight_update", "current_source", "custom_update", "init_var",
        "sparse_connectivity", "toeplitz_connectivity",
      ])
    let lif = try #require(catalogue["neuron"]?["LIF"] as? [String: Any])
    #expect(
      lif["params"] as? [String] == [
        "C", "TauM", "Vrest", "Vreset", "Vthresh", "Ioffset", "TauRefrac",
      ])
    let vars = try #require(lif["vars"] as? [[String: String]])
    #expect(vars.map { $0["name"] } == ["V", "RefracTime"])
    #expect(vars.first?["access"] == "READ_WRITE")
    let source = try #require(catalogue["neuron"]?["SpikeSourceArray"] as? [String: Any])
    let parameters = try #require(source["extra_global_params"] as? [[String: String]])
    #expect(parameters.map { $0["name"] } == ["spikeTimes"])
  }

  @Test func cudaUsabilityIsAnsweredWithASummary() {
    var summary: UnsafeMutablePointer<CChar>?
    let usable = genn_cuda_usable(&summary)
    let text = Self.message(summary) ?? ""
    #expect(usable == 0 || usable == 1)
    #expect(!text.isEmpty)
    #expect(usable == 1 || text.contains("not usable"), "\(text)")
  }

  @Test func theVersionIsTheHeaders() {
    #expect(genn_abi_version() == GENN_ABI_VERSION)
  }
}
