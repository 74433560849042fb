import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Room for the synapses custom connectivity updates add (GeNN's `max_connections`):
/// listed synapses get one slot per target neuron by default, as in GeNN; a row without
/// room stops the run with an error counting what `add_synapse` could not add, the same
/// on every thread count; so does a synapse to a neuron beyond the population, which is
/// not added.
@Suite struct CustomConnectivityRoomTests {
  /// Adds a synapse from each presynaptic neuron to neuron `target` (a C++ expression
  /// over `j`) for every postsynaptic neuron `j` it does not reach yet, with weight
  /// `j + 0.5`.
  static func fill(target: String) -> CustomConnectivityUpdateModel {
    CustomConnectivityUpdateModel(
      name: "Fill", varRefs: [CustomUpdateVarReference("g")],
      rowUpdateCode: """
        for(unsigned int j = 0; j < num_post; j++) {
            bool present = false;
            for_each_synapse {
                if(id_post == j) {
                    present = true;
                }
            }
            if(!present) {
                add_synapse(\(target), j + 0.5);
            }
        }
        """)
  }

  /// 4 presynaptic and 6 postsynaptic neurons, rows of 1, 2, 0 and 1 listed synapses;
  /// `FillRows` adds synapses to `target`.
  static func model(maxConnections: Int? = nil, target: String = "j") -> ModelSpec {
    let name = target.map { $0 == "+" ? "plus" : $0 == "-" ? "minus" : $0 == " " ? "" : "\($0)" }
      .joined()
    var model = ModelSpec(
      name: "ccu_room_\(maxConnections ?? 0)_\(name)", precision: .double, dt: 1)
    let idle = NeuronModel(name: "Idle", vars: [Variable("V")])
    model.addNeuronPopulation("Pre", size: 4, model: idle, vars: ["V": 0])
    model.addNeuronPopulation("Post", size: 6, model: idle, vars: ["V": 0])
    var synapses = SynapsePopulation(
      name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
      connectivity: .explicit(pre: [0, 1, 1, 3], post: [2, 0, 5, 4]),
      weightUpdate: .staticPulse, weightUpdateVars: ["g": [-1, -2, -3, -4]],
      postsynaptic: .deltaCurr)
    synapses.maxConnections = maxConnections
    model.addSynapsePopulation(synapses)
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "FillRows", updateGroup: "Fill", synapses: "Syn", model: fill(target: target),
        varRefs: ["g": .weightUpdateVariable(synapses: "Syn", variable: "g")]))
    return model
  }

  @Test func listedSynapsesGetASlotPerTargetNeuronAsInGeNN() {
    #expect(Self.model().synapsePopulations[0].maxConnections == 6)
    #expect(Self.model(maxConnections: 3).synapsePopulations[0].maxConnections == 3)
  }

  @Test(arguments: [1, 2, 3])
  func rowsFillUpToTheDefaultRoom(threads: Int) async throws {
    let simulation = try await simulate(Self.model(), threads: threads)
    try simulation.customUpdate("Fill")
    let (pre, post) = try simulation.connectivity(of: "Syn")
    let g = try simulation.values(of: "g", in: "Syn")
    var weights: [[Int]: Double] = [:]
    for (k, pair) in zip(pre, post).enumerated() { weights[[pair.0, pair.1]] = g[k] }
    var expected: [[Int]: Double] = [[0, 2]: -1, [1, 0]: -2, [1, 5]: -3, [3, 4]: -4]
    for i in 0..<4 {
      for j in 0..<6 where expected[[i, j]] == nil { expected[[i, j]] = Double(j) + 0.5 }
    }
    #expect(weights == expected)
  }

  @Test(arguments: [1, 2, 3])
  func aFullRowStopsTheRunWithTheCountOfSynapsesNotAdded(threads: Int) async throws {
    let simulation = try await simulate(Self.model(maxConnections: 3), threads: threads)
    // Rows hold 1, 2, 0 and 1 synapses and want 5, 4, 6 and 5 more: each fills to 3 and
    // drops 3.
    #expect(
      throws: RuntimeError.rowsFull(
        update: "FillRows", synapses: "Syn", dropped: 12, maxConnections: 3)
    ) {
      try simulation.customUpdate("Fill")
    }
    let (pre, _) = try simulation.connectivity(of: "Syn")
    #expect(pre.count == 12, "every row filled to its room")
    // The count was cleared: a second run finds every row full, 3 wanted in each.
    #expect(
      throws: RuntimeError.rowsFull(
        update: "FillRows", synapses: "Syn", dropped: 12, maxConnections: 3)
    ) {
      try simulation.customUpdate("Fill")
    }
  }

  @Test func theErrorSaysWhatToChange() {
    let error = RuntimeError.rowsFull(
      update: "FillRows", synapses: "Syn", dropped: 1, maxConnections: 3)
    #expect(
      error.description
        == "custom connectivity update 'FillRows': add_synapse found its row full 1 time, so "
        + "that synapse was not added; synapse population 'Syn' keeps room for 3 synapses per "
        + "row: give it a larger max_connections (maxConnections)")
  }

  /// Targets beyond the 6 postsynaptic neurons, with the first one in (row, target)
  /// order: row 0 lacks 0, 1, 3, 4 and 5 (its 2 is listed), so `j + 4` reaches 7 first
  /// and `j - 1` wraps to 4294967295 (-1).
  static let beyond: [(target: String, row: Int, first: Int)] = [
    ("j + 4", 0, 7), ("j - 1", 0, 4_294_967_295),
  ]

  @Test(arguments: [1, 2, 3])
  func aTargetBeyondThePopulationIsNotAddedAndStopsTheRun(threads: Int) async throws {
    for (target, row, first) in Self.beyond {
      let simulation = try await simulate(Self.model(target: target), threads: threads)
      #expect(
        throws: RuntimeError.addedSynapseOutOfRange(
          update: "FillRows", row: row, target: first, population: "Post", size: 6)
      ) {
        try simulation.customUpdate("Fill")
      }
      // Only the synapses within the population were added.
      let (pre, post) = try simulation.connectivity(of: "Syn")
      #expect(post.allSatisfy { (0..<6).contains($0) }, "\(target)")
      #expect(pre.count > 4, "\(target): the synapses within the population were added")
    }
  }

  @Test func aTargetBeyondIsNamedWithItsRowAndThePopulationsSize() {
    #expect(
      "\(RuntimeError.addedSynapseOutOfRange(update: "FillRows", row: 0, target: 4_294_967_295, population: "Post", size: 6))"
        == "custom connectivity update 'FillRows': add_synapse, in the row of presynaptic "
        + "neuron 0, was given postsynaptic neuron 4294967295 (-1 as a signed int), but "
        + "target population 'Post' has 6 neurons (0 to 5), so that synapse was not added; "
        + "add_synapse takes an index below num_post")
  }

  @Test(
    "emulated on the CPU: the CUDA row kernel notes the same target",
    .enabled(if: CUDAEmulationTests.enabled, CUDAEmulationTests.reason))
  func cudaNotesTheSameTarget() throws {
    for (target, row, first) in Self.beyond {
      let model = Self.model(target: target)
      let (arrays, index, _, _) = try CUDAEmulationTests.emulate(
        model, steps: 1, schedule: [(step: 0, group: "Fill")])
      let noted = arrays[index[.customConnectivityUpdateDroppedSynapses(update: "FillRows")]!]
      #expect(
        try DroppedSynapses.error(in: "Fill", of: model) { _ in noted.takeCounts() }
          == .addedSynapseOutOfRange(
            update: "FillRows", row: row, target: first, population: "Post", size: 6))
    }
  }

  @Test(
    "the target check compiles with NVRTC",
    .enabled(
      if: CUDAReferenceCompileTests.location.path != nil,
      Comment(rawValue: CUDAReferenceCompileTests.location.reason)))
  func compilesWithNVRTC() throws {
    try CUDAReferenceCompileTests.compile(
      try CUDABackend().generate(Self.model(target: "j + 4")), name: "ccu_room_beyond")
  }
}
