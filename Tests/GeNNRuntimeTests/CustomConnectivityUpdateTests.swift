import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Custom connectivity updates on the CPU, mirroring GeNN 5.4's feature tests
/// `test_custom_connectivity_update.py` (`test_custom_connectivity_update`,
/// `test_custom_connectivity_update_delay`, `test_custom_connectivity_update_remap`),
/// `test_sparse.py` (`test_host_sparsity_ccu`, `test_device_sparsity_ccu`) and
/// `test_rng.py` (`test_sim`), with the expected rows and values worked out by hand, on
/// 1, 2 and 3 threads.
@Suite struct CustomConnectivityUpdateTests {
  static let empty = NeuronModel(name: "Empty")
  static let size = 8

  /// `value = (id_pre * 64) + id_post`, as the GeNN test's `weight_init` snippet.
  static let rowMajor = InitSnippet(name: "RowMajor", code: "value = (id_pre * 64) + id_post;")
  /// `value = (id_post * 64) + id_pre`, as the GeNN test's `delay_init` snippet.
  static let columnMajor = InitSnippet(
    name: "ColumnMajor", code: "value = (id_post * 64) + id_pre;")
  /// Each presynaptic neuron connects to every postsynaptic one with the same or a
  /// higher index.
  static let triangle = ConnectivitySnippet(
    name: "Triangle",
    rowBuildCode: "for (unsigned int j = id_pre; j < num_post; j++) {\n  addSynapse(j);\n}\n",
    maxRowLength: { _, numPost, _ in numPost })

  static let weightUpdate = WeightUpdateModel(
    name: "GD",
    vars: [
      Variable("g", access: .readOnlyDuplicate), Variable("d", "unsigned int", access: .readOnly),
    ])

  /// The rows of each population after each call, as (row, sorted targets).
  static func rows(_ simulation: Simulation, _ synapses: String) throws -> [[Int]] {
    let (pre, post) = try simulation.connectivity(of: synapses)
    var rows = Array(repeating: [Int](), count: size)
    for (i, j) in zip(pre, post) { rows[i].append(j) }
    return rows.map { $0.sorted() }
  }

  /// Each synapse's value of `variable` as `(pre, post)` pairs to values.
  static func values(
    _ simulation: Simulation, _ variable: String, in element: String, synapses: String
  ) throws -> [[Int]: Double] {
    let (pre, post) = try simulation.connectivity(of: synapses)
    let values = try simulation.values(of: variable, in: element)
    var result: [[Int]: Double] = [:]
    for (k, (i, j)) in zip(pre, post).enumerated() { result[[i, j]] = values[k] }
    return result
  }

  static func triangleModel() -> ModelSpec {
    var model = ModelSpec(name: "ccu_triangle", precision: .double, dt: 1)
    model.addNeuronPopulation("Pre", size: size, model: empty)
    model.addNeuronPopulation("Post", size: size, model: empty)
    for name in ["Syn1", "Syn2", "Syn3"] {
      model.addSynapsePopulation(
        SynapsePopulation(
          name: name, source: "Pre", target: "Post", matrixType: .sparse,
          connectivity: .snippet(triangle, params: [:]), weightUpdate: weightUpdate,
          weightUpdateVars: [
            "g": .snippet(rowMajor, params: [:]), "d": .snippet(columnMajor, params: [:]),
          ], postsynaptic: .deltaCurr))
    }
    let removeDiagonal = CustomConnectivityUpdateModel(
      name: "RemoveDiagonal", vars: [Variable("a")],
      rowUpdateCode: """
        for_each_synapse {
            if(id_post == id_pre) {
                remove_synapse();
                break;
            }
        }
        """)
    let removeHostEGP = CustomConnectivityUpdateModel(
      name: "RemoveHostEGP", extraGlobalParams: [ExtraGlobalParameter("d", "uint32_t*")],
      rowUpdateCode: """
        const unsigned int wordsPerRow = (num_post + 31) / 32;
        for_each_synapse {
            if(d[(wordsPerRow * id_pre) + (id_post / 32)] & (1 << (id_post % 32))) {
                remove_synapse();
                break;
            }
        }
        """,
      hostUpdateCode: """
        const unsigned int wordsPerRow = (num_post + 31) / 32;
        for(unsigned int i = 0; i < wordsPerRow * num_pre; i++) {
            d[i] = 0;
        }
        for(unsigned int i = 0; i < num_pre; i++) {
            uint32_t *dRow = d + (wordsPerRow * i);
            dRow[i / 32] |= (1 << (i % 32));
        }
        pushdToDevice(wordsPerRow * num_pre);
        """)
    let removeHostPreVar = CustomConnectivityUpdateModel(
      name: "RemoveHostPreVar", preVars: [Variable("postInd", "unsigned int")],
      rowUpdateCode: """
        for_each_synapse {
            if(id_post == postInd) {
                remove_synapse();
                break;
            }
        }
        """,
      hostUpdateCode: """
        for(unsigned int i = 0; i < num_pre; i++) {
            postInd[i] = i;
        }
        pushpostIndToDevice();
        """)
    let add = CustomConnectivityUpdateModel(
      name: "AddDiagonal",
      varRefs: [
        CustomUpdateVarReference("g"), CustomUpdateVarReference("d", "unsigned int"),
        CustomUpdateVarReference("a"),
      ],
      rowUpdateCode: """
        const scalar weight = (id_pre * 64) + id_pre;
        const unsigned int delay = (id_pre * 64) + id_pre;
        add_synapse(id_pre, weight, delay, weight);
        """)
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveSynapse", updateGroup: "RemoveSynapse", synapses: "Syn1",
        model: removeDiagonal, vars: ["a": .snippet(rowMajor, params: [:])]))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveSynapseHostEGP", updateGroup: "RemoveSynapse", synapses: "Syn2",
        model: removeHostEGP, extraGlobalParams: ["d": Array(repeating: 7, count: size)]))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveSynapseHostPreVar", updateGroup: "RemoveSynapse", synapses: "Syn3",
        model: removeHostPreVar, preVars: ["postInd": 0]))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "AddSynapse", updateGroup: "AddSynapse", synapses: "Syn1", model: add,
        varRefs: [
          "g": .weightUpdateVariable(synapses: "Syn1", variable: "g"),
          "d": .weightUpdateVariable(synapses: "Syn1", variable: "d"),
          "a": .customConnectivityUpdateVariable(update: "RemoveSynapse", variable: "a"),
        ]))
    return model
  }

  /// GeNN's `test_custom_connectivity_update`: diagonals removed three ways, then added
  /// back, every per-synapse variable following its synapse.
  @Test(arguments: [1, 2, 3])
  func removesAndAddsDiagonalSynapsesKeepingVariablesAligned(threads: Int) async throws {
    let simulation = try await simulate(Self.triangleModel(), threads: threads)
    let n = Self.size
    // Rows that change cannot be sampled at a fixed size.
    #expect(
      throws: RuntimeError.rowsChange(variable: "a", element: "RemoveSynapse", synapses: "Syn1")
    ) {
      try simulation.record("a", of: "RemoveSynapse")
    }
    func check(_ rows: (Int) -> [Int]) throws {
      for synapses in ["Syn1", "Syn2", "Syn3"] {
        #expect(try Self.rows(simulation, synapses) == (0..<n).map(rows), "\(synapses)")
        let g = try Self.values(simulation, "g", in: synapses, synapses: synapses)
        let d = try Self.values(simulation, "d", in: synapses, synapses: synapses)
        for (pair, value) in g { #expect(value == Double(pair[0] * 64 + pair[1])) }
        for (pair, value) in d { #expect(value == Double(pair[1] * 64 + pair[0])) }
      }
      let a = try Self.values(simulation, "a", in: "RemoveSynapse", synapses: "Syn1")
      for (pair, value) in a { #expect(value == Double(pair[0] * 64 + pair[1])) }
    }
    try check { Array($0..<n) }
    try simulation.customUpdate("RemoveSynapse")
    try check { Array(($0 + 1)..<n) }
    try simulation.customUpdate("AddSynapse")
    #expect(try Self.rows(simulation, "Syn1") == (0..<n).map { Array($0..<n) })
    let g = try Self.values(simulation, "g", in: "Syn1", synapses: "Syn1")
    for (pair, value) in g { #expect(value == Double(pair[0] * 64 + pair[1])) }
    let d = try Self.values(simulation, "d", in: "Syn1", synapses: "Syn1")
    for (pair, value) in d { #expect(value == Double(pair[1] * 64 + pair[0])) }
  }

  /// GeNN's `test_custom_connectivity_update_remap`: a decoder whose presynaptic neurons
  /// sum `addToPre` input from postsynaptic spikes through the column index; removing
  /// row 0 must rebuild the column index. Target `j` fires at steps `j` and `16 + j`.
  static func remapModel() -> ModelSpec {
    var model = ModelSpec(name: "ccu_remap", precision: .double, dt: 1)
    let reverse = NeuronModel(name: "PreReverse", vars: [Variable("x")], simCode: "x = Isyn;")
    model.addNeuronPopulation("SparsePost", size: 4, model: reverse, vars: ["x": 0])
    model.addNeuronPopulation(
      "SpikeSource", size: 16, model: .spikeSourceArray,
      vars: [
        "startSpike": .values((0..<16).map { Double(2 * $0) }),
        "endSpike": .values((0..<16).map { Double(2 * $0 + 2) }),
      ],
      extraGlobalParams: ["spikeTimes": (0..<16).flatMap { [Double($0), Double($0 + 16)] }])
    let decoder = ConnectivitySnippet(
      name: "Decoder",
      rowBuildCode: """
        const unsigned int iValue = 1 << id_pre;
        for(unsigned int j = 0; j < num_post; j++) {
            if(((j + 1) & iValue) != 0) {
                addSynapse(j);
            }
        }
        """, maxRowLength: { _, numPost, _ in numPost })
    let reversePost = WeightUpdateModel(
      name: "StaticPulseReversePost", vars: [Variable("g", access: .readOnly)],
      postSpikeSynCode: "addToPre(g);")
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "SparseSynapse", source: "SparsePost", target: "SpikeSource", matrixType: .sparse,
        connectivity: .snippet(decoder, params: [:]), weightUpdate: reversePost,
        weightUpdateVars: ["g": 1], postsynaptic: .deltaCurr))
    let removeOnes = CustomConnectivityUpdateModel(
      name: "RemoveOnes",
      rowUpdateCode: """
        if(id_pre == 0) {
            for_each_synapse {
                remove_synapse();
            }
        }
        """)
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveOnes", updateGroup: "RemoveSynapse", synapses: "SparseSynapse",
        model: removeOnes))
    return model
  }

  @Test(arguments: [1, 2, 3])
  func removingARowRebuildsTheColumnsPostsynapticLearningReads(threads: Int) async throws {
    let simulation = try await simulate(Self.remapModel(), threads: threads)
    func decoded() throws -> Int {
      let x = try simulation.values(of: "x", in: "SparsePost")
      return x.enumerated().reduce(0) { $0 + ($1.element == 1 ? 1 << $1.offset : 0) }
    }
    for step in 1...16 {
      try simulation.run(steps: 1)
      #expect(try decoded() == step - 1, "step \(step)")
    }
    try simulation.customUpdate("RemoveSynapse")
    for step in 1...16 {
      try simulation.run(steps: 1)
      #expect(try decoded() == (step - 1) & ~1, "step \(step) after removing row 0")
    }
  }

  /// GeNN's `test_custom_connectivity_update_delay`: references to neuron variables kept
  /// per delay slot (read by delayed synapse code) read the slot written last.
  static func delayModel() -> ModelSpec {
    var model = ModelSpec(name: "ccu_delay", precision: .double, dt: 1)
    let pre = NeuronModel(
      name: "PreNeuron", vars: [Variable("removeIdx", "int")],
      simCode: "removeIdx = (id + (int)round(t / dt)) % 64;")
    let post = NeuronModel(
      name: "PostNeuron", vars: [Variable("remove", "bool")],
      simCode: "remove = ((id + (int)round(t / dt)) % 64) == 0;")
    model.addNeuronPopulation("PreNeurons", size: 64, model: pre, vars: ["removeIdx": 0])
    model.addNeuronPopulation("PostNeurons", size: 64, model: post, vars: ["remove": 0])
    let dense = ConnectivitySnippet(
      name: "DenseConnect",
      rowBuildCode: "for(unsigned int j = 0; j < num_post; j++) {\n    addSynapse(j);\n}\n",
      maxRowLength: { _, numPost, _ in numPost })
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn1", source: "PreNeurons", target: "PostNeurons", matrixType: .sparse,
        connectivity: .snippet(dense, params: [:]),
        weightUpdate: WeightUpdateModel(
          name: "PreWU", vars: [Variable("g", access: .readOnly)],
          preNeuronVarRefs: [NeuronVarReference("removeIdx", "int")],
          preSpikeSynCode: "addToPost(g * (float)removeIdx);"),
        weightUpdateVars: ["g": .snippet(rowMajor, params: [:])],
        preVarRefs: ["removeIdx": "removeIdx"], postsynaptic: .deltaCurr, axonalDelaySteps: 5))
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn2", source: "PreNeurons", target: "PostNeurons", matrixType: .sparse,
        connectivity: .snippet(dense, params: [:]),
        weightUpdate: WeightUpdateModel(
          name: "PostWU", vars: [Variable("g", access: .readOnly)],
          postNeuronVarRefs: [NeuronVarReference("remove", "bool")],
          preSpikeSynCode: "addToPost(g * (float)remove);"),
        weightUpdateVars: ["g": .snippet(rowMajor, params: [:])],
        postVarRefs: ["remove": "remove"], postsynaptic: .deltaCurr, backPropDelaySteps: 5))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveSynapsePre", updateGroup: "RemoveSynapse", synapses: "Syn1",
        model: CustomConnectivityUpdateModel(
          name: "RemoveSynapsePre", preVarRefs: [CustomUpdateVarReference("removeIdx", "int")],
          rowUpdateCode: """
            for_each_synapse {
                if(id_post == removeIdx) {
                    remove_synapse();
                    break;
                }
            }
            """),
        preVarRefs: ["removeIdx": .neuronVariable(population: "PreNeurons", variable: "removeIdx")]
      ))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveSynapsePost", updateGroup: "RemoveSynapse", synapses: "Syn2",
        model: CustomConnectivityUpdateModel(
          name: "RemoveSynapsePost", postVarRefs: [CustomUpdateVarReference("remove", "bool")],
          rowUpdateCode: """
            for_each_synapse {
                if(remove) {
                    remove_synapse();
                    break;
                }
            }
            """),
        postVarRefs: ["remove": .neuronVariable(population: "PostNeurons", variable: "remove")]))
    return model
  }

  @Test(arguments: [1, 2, 3])
  func referencesToQueuedVariablesReadTheLatestSlot(threads: Int) async throws {
    let simulation = try await simulate(Self.delayModel(), threads: threads)
    try simulation.run(steps: 5)
    try simulation.customUpdate("RemoveSynapse")
    // After steps 0...4, removeIdx = (i + 4) % 64 and remove is true only for j = 60.
    let (pre1, post1) = try simulation.connectivity(of: "Syn1")
    let (pre2, post2) = try simulation.connectivity(of: "Syn2")
    for i in 0..<64 {
      let row1 = Set(zip(pre1, post1).filter { $0.0 == i }.map(\.1))
      let row2 = Set(zip(pre2, post2).filter { $0.0 == i }.map(\.1))
      #expect(row1 == Set(0..<64).subtracting([(i + 4) % 64]), "Syn1 row \(i)")
      #expect(row2 == Set(0..<64).subtracting([60]), "Syn2 row \(i)")
    }
    let g = try Self.values(simulation, "g", in: "Syn1", synapses: "Syn1")
    for (pair, value) in g { #expect(value == Double(pair[0] * 64 + pair[1])) }
  }

  /// Random rows: synapses removed and added by draws in the row code, presynaptic and
  /// postsynaptic variables drawn in the row and host code, with a custom update's
  /// per-synapse variable and the weights following the synapses: the same on every
  /// thread count (and in the CUDA emulation).
  static func randomModel() -> ModelSpec {
    var model = ModelSpec(name: "ccu_random", precision: .float, dt: 1, seed: 99)
    model.addNeuronPopulation("Pre", size: 50, model: empty)
    model.addNeuronPopulation("Post", size: 40, model: empty)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.2]),
        weightUpdate: WeightUpdateModel(name: "G", vars: [Variable("g")]),
        weightUpdateVars: ["g": .snippet(rowMajor, params: [:])], postsynaptic: .deltaCurr))
    model.addCustomUpdate(
      CustomUpdate(
        name: "Count", updateGroup: "Count",
        model: CustomUpdateModel(
          name: "Count", vars: [CustomUpdateVariable("n")],
          varRefs: [CustomUpdateVarReference("g")],
          updateCode: "n += 1.0;"),
        vars: ["n": 0], varRefs: ["g": .weightUpdateVariable(synapses: "Syn", variable: "g")]))
    let rewire = CustomConnectivityUpdateModel(
      name: "Rewire", params: ["pRemove"], vars: [Variable("age")],
      preVars: [Variable("drawn")], postVars: [Variable("hostDrawn")],
      rowUpdateCode: """
        drawn = gennrand_uniform();
        for_each_synapse {
            if(gennrand_uniform() < pRemove) {
                remove_synapse();
            }
            else {
                age += 1.0;
            }
        }
        if(row_length < row_stride) {
            add_synapse(gennrand() % num_post, -1.0);
        }
        """,
      hostUpdateCode: """
        for(unsigned int j = 0; j < num_post; j++) {
            hostDrawn[j] = gennrand_normal();
        }
        pushhostDrawnToDevice();
        """)
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "Rewire", updateGroup: "Count", synapses: "Syn", model: rewire,
        params: ["pRemove": 0.3], vars: ["age": 0], preVars: ["drawn": 0],
        postVars: ["hostDrawn": 0]))
    return model
  }

  @Test func randomRewiringIsTheSameOnEveryThreadCount() async throws {
    var results: [[[Double]]] = []
    for threads in [1, 2, 3] {
      let simulation = try await simulate(Self.randomModel(), threads: threads)
      for _ in 0..<3 {
        try simulation.run(steps: 1)
        try simulation.customUpdate("Count")
      }
      let (pre, post) = try simulation.connectivity(of: "Syn")
      let g = try simulation.values(of: "g", in: "Syn")
      let n = try simulation.values(of: "n", in: "Count")
      let age = try simulation.values(of: "age", in: "Rewire")
      // Each call counts (custom updates run before the rows), then ages the synapses it
      // keeps: a synapse there from the start was counted and aged 3 times; one added
      // (age -1, weight and count 0: not given to add_synapse) was counted once fewer than
      // aged from -1.
      for (k, (i, j)) in zip(pre, post).enumerated() {
        let original = g[k] == Double(i * 64 + j) && g[k] != 0
        #expect(original || g[k] == 0, "synapse \(i) -> \(j)")
        if original {
          #expect(n[k] == 3 && age[k] == 3, "synapse \(i) -> \(j)")
        } else if (i, j) != (0, 0) {
          #expect(n[k] == age[k] + 1 && age[k] >= -1 && age[k] <= 1, "synapse \(i) -> \(j)")
        }
      }
      #expect(g.contains(0), "some synapses were added")
      #expect(pre.count < 50 * 40 / 5 + 200, "some synapses were removed")
      results.append([
        pre.map(Double.init), post.map(Double.init), g, n, age,
        try simulation.values(of: "drawn", in: "Rewire"),
        try simulation.values(of: "hostDrawn", in: "Rewire"),
      ])
    }
    #expect(results[0] == results[1] && results[1] == results[2])
  }

  /// GeNN's `test_sparse.py` `test_host_sparsity_ccu` (listed synapses, `g = pre / post`)
  /// and `test_device_sparsity_ccu` (`FixedNumberTotalWithReplacement`): removing each
  /// row's first synapse leaves one synapse fewer per non-empty row, each weight still
  /// its synapse's.
  @Test(arguments: [(1, false), (2, false), (3, false), (1, true), (2, true), (3, true)])
  func removingEachRowsFirstSynapseKeepsTheOtherWeights(threads: Int, snippet: Bool)
    async throws
  {
    var model = ModelSpec(
      name: snippet ? "ccu_device_sparsity" : "ccu_host_sparsity", precision: .double, dt: 1)
    model.addNeuronPopulation("Pre", size: 10, model: Self.empty)
    model.addNeuronPopulation("Post", size: 10, model: Self.empty)
    let pre = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4]
    let post = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5, 9, 0, 4, 5, 2, 3, 5, 3]
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Synapses", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: snippet
          ? .snippet(.fixedNumberTotalWithReplacement, params: ["num": 20])
          : .explicit(pre: pre, post: post),
        weightUpdate: .staticPulse,
        weightUpdateVars: [
          "g": snippet
            ? .snippet(Self.rowMajor, params: [:])
            : .values(zip(pre, post).map { Double($0 * 64 + $1) })
        ], postsynaptic: .deltaCurr))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveSynapse", updateGroup: "RemoveSynapse", synapses: "Synapses",
        model: CustomConnectivityUpdateModel(
          name: "RemoveFirstSynapse",
          rowUpdateCode: "for_each_synapse {\n    remove_synapse();\n    break;\n}\n")))
    let simulation = try await simulate(model, threads: threads)
    let before = try simulation.connectivity(of: "Synapses")
    #expect(before.pre.count == 20)
    try simulation.customUpdate("RemoveSynapse")
    let after = try simulation.connectivity(of: "Synapses")
    #expect(after.pre.count == 20 - Set(before.pre).count)
    // Each row lost one of its synapses and kept the others (as a multiset).
    for row in 0..<10 {
      var kept = before.post.indices.filter { before.pre[$0] == row }.map { before.post[$0] }
      for target in after.post.indices.filter({ after.pre[$0] == row }).map({ after.post[$0] }) {
        kept.remove(at: try #require(kept.firstIndex(of: target)))
      }
      #expect(kept.count == (before.pre.contains(row) ? 1 : 0), "row \(row)")
    }
    let g = try simulation.values(of: "g", in: "Synapses")
    #expect(g == zip(after.pre, after.post).map { Double($0 * 64 + $1) })
  }

  /// GeNN's `test_rng.py` `test_sim`: `gennrand_uniform()` and `gennrand_normal()` in row
  /// update code (one draw per row) and host update code (one per postsynaptic neuron),
  /// new numbers each call, distributed as they should be.
  @Test func randomNumbersInRowAndHostCode() async throws {
    var model = ModelSpec(name: "ccu_rng", precision: .double, dt: 1, seed: 5)
    model.addNeuronPopulation("Neurons", size: 1000, model: Self.empty)
    model.addNeuronPopulation("PostNeurons", size: 1000, model: Self.empty)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Synapses", source: "Neurons", target: "PostNeurons", matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.1]),
        weightUpdate: .staticPulseConstantWeight, weightUpdateParams: ["g": 1],
        postsynaptic: .deltaCurr))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "CustomConnectivityUpdate", updateGroup: "Connectivity", synapses: "Synapses",
        model: CustomConnectivityUpdateModel(
          name: "Draws", preVars: [Variable("preUniform"), Variable("preNormal")],
          postVars: [Variable("postUniform"), Variable("postNormal")],
          rowUpdateCode: "preUniform = gennrand_uniform();\npreNormal = gennrand_normal();\n",
          hostUpdateCode: """
            for(int i = 0; i < num_pre; i++) {
                postUniform[i] = gennrand_uniform();
                postNormal[i] = gennrand_normal();
            }
            pushpostUniformToDevice();
            pushpostNormalToDevice();
            """),
        preVars: ["preUniform": 0, "preNormal": 0],
        postVars: ["postUniform": 0, "postNormal": 0]))
    let simulation = try await simulate(model)
    var draws: [String: [Double]] = [:]
    for _ in 0..<20 {
      try simulation.run(steps: 1)
      try simulation.customUpdate("Connectivity")
      for name in ["preUniform", "preNormal", "postUniform", "postNormal"] {
        draws[name, default: []] += try simulation.values(of: name, in: "CustomConnectivityUpdate")
      }
    }
    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
    func variance(_ values: [Double]) -> Double {
      let m = mean(values)
      return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
    }
    // 20000 draws each: the mean within 5 standard errors.
    for name in ["preUniform", "postUniform"] {
      let values = try #require(draws[name])
      #expect(values.allSatisfy { $0 >= 0 && $0 < 1 }, "\(name)")
      #expect(abs(mean(values) - 0.5) < 5 * (1 / 12.0).squareRoot() / 141.4, "\(name)")
      #expect(abs(variance(values) - 1 / 12.0) < 0.005, "\(name)")
      #expect(Set(values).count > 19_000, "\(name): new numbers each call")
    }
    for name in ["preNormal", "postNormal"] {
      let values = try #require(draws[name])
      #expect(abs(mean(values)) < 5 / 141.4, "\(name)")
      #expect(abs(variance(values) - 1) < 0.05, "\(name)")
    }
  }

  /// Spikes reach every synapse of rows a custom connectivity update left unsorted: each
  /// row `i` of the triangle onto 96 targets (three threads' ranges of 32) loses its first
  /// synapse (to `i`), its last (to 95) taking its place, before every presynaptic neuron
  /// fires once at step 1.
  static func propagationModel() -> ModelSpec {
    var model = ModelSpec(name: "ccu_propagation", precision: .double, dt: 1)
    model.addNeuronPopulation(
      "Pre", size: size, model: .spikeSourceArray,
      vars: [
        "startSpike": .values((0..<size).map(Double.init)),
        "endSpike": .values((1...size).map(Double.init)),
      ], extraGlobalParams: ["spikeTimes": Array(repeating: 1, count: size)])
    model.addNeuronPopulation(
      "Post", size: 96,
      model: NeuronModel(name: "Sum", vars: [Variable("V")], simCode: "V += Isyn;"),
      vars: ["V": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .snippet(triangle, params: [:]), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": .snippet(rowMajor, params: [:])], postsynaptic: .deltaCurr))
    model.addCustomConnectivityUpdate(
      CustomConnectivityUpdate(
        name: "RemoveFirst", updateGroup: "Remove", synapses: "Syn",
        model: CustomConnectivityUpdateModel(
          name: "RemoveFirst",
          rowUpdateCode: "for_each_synapse {\n    remove_synapse();\n    break;\n}\n")))
    return model
  }

  @Test(arguments: [1, 2, 3])
  func spikesReachEverySynapseOfUnsortedRows(threads: Int) async throws {
    let simulation = try await simulate(Self.propagationModel(), threads: threads)
    try simulation.customUpdate("Remove")
    let (pre, post) = try simulation.connectivity(of: "Syn")
    #expect(Array(zip(pre, post).prefix(2)).map { [$0.0, $0.1] } == [[0, 95], [0, 1]])
    try simulation.run(steps: 3)
    // Target j gets g = 64 i + j from each row i < j.
    let expected = (0..<96).map { j in
      (0..<min(j, Self.size)).reduce(0.0) { $0 + Double($1 * 64 + j) }
    }
    #expect(try simulation.values(of: "V", in: "Post") == expected)
  }
}
