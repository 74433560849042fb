import Foundation
import GeNNModel
import Testing

@testable import GeNNRuntime

/// Connectivity built natively by GeNN's row-building snippets on our Philox generator,
/// checked statistically as GeNN's `tests/features/test_connect_init.py` checks its own.
@Suite struct ConnectivitySnippetTests {
  static let lif: [String: Double] = [
    "C": 0.2, "TauM": 20, "Vrest": -49, "Vreset": -60, "Vthresh": -50, "Ioffset": 0, "TauRefrac": 5,
  ]

  static func model(
    _ name: String, pre: Int, post: Int, _ snippet: ConnectivitySnippet, _ params: [String: Double]
  ) -> ModelSpec {
    var model = ModelSpec(name: name, precision: .float, seed: 99)
    model.addNeuronPopulation(
      "Pre", size: pre, model: .lif, params: lif, vars: ["V": -60, "RefracTime": 0])
    model.addNeuronPopulation(
      "Post", size: post, model: .lif, params: lif, vars: ["V": -60, "RefracTime": 0])
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Syn", source: "Pre", target: "Post", matrixType: .sparse,
        connectivity: .snippet(snippet, params: params), weightUpdate: .staticPulse,
        weightUpdateVars: ["g": 0.5], postsynaptic: .deltaCurr))
    return model
  }

  static func rows(_ connectivity: (pre: [Int], post: [Int]), count: Int) -> [[Int]] {
    var rows = Array(repeating: [Int](), count: count)
    for (i, j) in zip(connectivity.pre, connectivity.post) { rows[i].append(j) }
    return rows
  }

  @Test func fixedProbabilityRowLengthsAreBinomial() async throws {
    let simulation = try await simulate(
      Self.model("fixed_probability", pre: 1000, post: 1000, .fixedProbability, ["prob": 0.1]),
      threads: 2)
    let connectivity = try simulation.connectivity(of: "Syn")
    let rows = Self.rows(connectivity, count: 1000)
    let lengths = rows.map { Double($0.count) }
    let mean = lengths.reduce(0, +) / 1000
    let variance = lengths.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 999
    // Binomial(1000, 0.1): mean 100, variance 90.
    #expect(abs(mean - 100) < 4 * (90.0 / 1000).squareRoot())
    #expect(abs(variance - 90) / 90 < 0.15)
    for row in rows {
      #expect(
        row == row.sorted() && Set(row).count == row.count
          && row.allSatisfy { (0..<1000).contains($0) })
    }
    // Targets are uniform over the postsynaptic population.
    let targetMean = Double(connectivity.post.reduce(0, +)) / Double(connectivity.post.count)
    #expect(
      abs(targetMean - 499.5) < 4
        * (1000.0 * 1000 / 12 / Double(connectivity.post.count)).squareRoot())
    #expect(try simulation.values(of: "g", in: "Syn").count == connectivity.pre.count)
    #expect(try simulation.values(of: "g", in: "Syn").allSatisfy { $0 == 0.5 })
  }

  @Test func noAutapseLeavesTheDiagonalOut() async throws {
    let simulation = try await simulate(
      Self.model("no_autapse", pre: 300, post: 300, .fixedProbabilityNoAutapse, ["prob": 0.5]))
    let connectivity = try simulation.connectivity(of: "Syn")
    #expect(connectivity.pre.count > 40_000)
    #expect(!zip(connectivity.pre, connectivity.post).contains { $0 == $1 })
  }

  @Test func fixedNumberPostGivesEveryRowItsNumber() async throws {
    let simulation = try await simulate(
      Self.model(
        "fixed_number_post", pre: 200, post: 50, .fixedNumberPostWithReplacement, ["num": 7]))
    let rows = Self.rows(try simulation.connectivity(of: "Syn"), count: 200)
    #expect(rows.allSatisfy { $0.count == 7 && $0 == $0.sorted() })
  }

  @Test func fixedNumberPreGivesEveryColumnItsNumber() async throws {
    let model = Self.model(
      "fixed_number_pre", pre: 400, post: 300, .fixedNumberPreWithReplacement, ["num": 9])
    let simulation = try await simulate(model, threads: 2)
    let connectivity = try simulation.connectivity(of: "Syn")
    var columns = Array(repeating: 0, count: 300)
    for j in connectivity.post { columns[j] += 1 }
    #expect(columns.allSatisfy { $0 == 9 })
    let rows = Self.rows(connectivity, count: 400)
    #expect(rows.allSatisfy { $0 == $0.sorted() })
    // Sources are uniform over the presynaptic population: 2,700 draws from 400.
    let sourceMean = Double(connectivity.pre.reduce(0, +)) / Double(connectivity.pre.count)
    #expect(abs(sourceMean - 199.5) < 4 * (400.0 * 400 / 12 / 2700).squareRoot())
    let one = try await simulate(model, threads: 1).connectivity(of: "Syn")
    #expect(one.pre == connectivity.pre && one.post == connectivity.post)
  }

  @Test("addSynapse evaluates its target once: a draw in its argument is one draw")
  func addSynapseArgumentsAreEvaluatedOnce() async throws {
    for (hook, size) in [("row", "num_post"), ("column", "num_pre")] {
      func snippet(_ name: String, _ body: String) -> ConnectivitySnippet {
        let code = "for(unsigned int c = 0; c < 6; c++) {\n\(body)\n}\n"
        return ConnectivitySnippet(
          name: name, rowBuildCode: hook == "row" ? code : "",
          colBuildCode: hook == "column" ? code : "", maxRowLength: { _, numPost, _ in numPost })
      }
      let inline = snippet("Inline", "addSynapse(gennrand() % \(size));")
      let bound = snippet(
        "Bound", "const unsigned int target = gennrand() % \(size);\naddSynapse(target);")
      let inlined = try await simulate(Self.model("inline_\(hook)", pre: 50, post: 40, inline, [:]))
        .connectivity(of: "Syn")
      let expected = try await simulate(Self.model("bound_\(hook)", pre: 50, post: 40, bound, [:]))
        .connectivity(of: "Syn")
      #expect(inlined.pre.count == (hook == "row" ? 300 : 240), "\(hook)")
      #expect(inlined.pre == expected.pre && inlined.post == expected.post, "\(hook)")
    }
  }

  @Test func oneToOneIsTheIdentity() async throws {
    let simulation = try await simulate(Self.model("one_to_one", pre: 64, post: 64, .oneToOne, [:]))
    let connectivity = try simulation.connectivity(of: "Syn")
    #expect(connectivity.pre == Array(0..<64))
    #expect(connectivity.post == Array(0..<64))
  }

  @Test func connectivityIsTheSameOnEveryThreadCount() async throws {
    let model = Self.model(
      "fixed_probability_threads", pre: 700, post: 900, .fixedProbability, ["prob": 0.05])
    let one = try await simulate(model, threads: 1).connectivity(of: "Syn")
    let three = try await simulate(model, threads: 3).connectivity(of: "Syn")
    #expect(one.pre == three.pre && one.post == three.post)
  }

  @Test func rowsLongerThanTheirStorageAreAnError() async throws {
    let greedy = ConnectivitySnippet(
      name: "Greedy", rowBuildCode: "addSynapse(0); addSynapse(1); addSynapse(2);",
      maxRowLength: { _, _, _ in 2 })
    do {
      _ = try await simulate(Self.model("greedy", pre: 3, post: 3, greedy, [:]))
      Issue.record("overflowing rows must be reported")
    } catch {
      #expect(error as? RuntimeError == .connectivityOverflow(rows: 3))
    }
  }

  @Test func snippetConnectivityIsValidated() throws {
    var model = Self.model(
      "invalid_snippet", pre: 3, post: 3, .fixedProbability, ["probability": 0.1])
    model.synapsePopulations[0].weightUpdateVars["g"] = .values([1, 2, 3])
    let error = try #require(throws: ModelError.self) { try model.validate() }
    let messages = error.problems.map(\.description)
    #expect(
      messages.contains {
        $0.contains("connectivity snippet 'FixedProbability': unknown parameter 'probability'")
      })
    #expect(messages.contains { $0.contains("variable 'g' has one value per synapse") })
    model.synapsePopulations[0].matrixType = .dense
    #expect(throws: ModelError.self) { try model.validate() }
  }

  @Test func binomialQuantilesMatchTheDistribution() {
    #expect(binomialInverseCDF(0.5, 10, 0.5) == 5)
    #expect(binomialInverseCDF(0.0, 10, 0.5) == 0)
    #expect(binomialInverseCDF(1.0, 10, 0.5) == 10)
    #expect(binomialInverseCDF(0.3, 10, 0.0) == 0)
    // P(X <= 1) for Binomial(2, 0.5) is 0.75.
    #expect(binomialInverseCDF(0.75, 2, 0.5) == 1)
    #expect(binomialInverseCDF(0.76, 2, 0.5) == 2)
    // Both tails, as scipy.stats.binom.ppf gives them.
    #expect(binomialInverseCDF(0.1, 1000, 0.3) == 281)
    #expect(binomialInverseCDF(0.9, 1000, 0.3) == 319)
  }

  /// The row length of the full-scale microcircuit's L2/3E to L2/3E projection (46.9
  /// million synapses onto 20,683 neurons), which a plain sum of the mass from 0 never
  /// reaches in double precision: 2,546, as scipy.stats.binom.ppf and GeNN 5.4 give it.
  @Test func binomialQuantileOfMillionsOfTrials() {
    let neurons = 20_683
    #expect(
      binomialInverseCDF(pow(0.9999, 1.0 / Double(neurons)), 46_900_000, 1.0 / Double(neurons))
        == 2546)
  }

  @Test func bitmaskConnectivityFromSnippetsAndLists() async throws {
    var model = Self.model("bitmask_one_to_one", pre: 70, post: 70, .oneToOne, [:])
    model.synapsePopulations[0].matrixType = .bitmask
    model.synapsePopulations[0].weightUpdate = .staticPulseConstantWeight
    model.synapsePopulations[0].weightUpdateParams = ["g": 0.5]
    model.synapsePopulations[0].weightUpdateVars = [:]
    let identity = try await simulate(model, threads: 2).connectivity(of: "Syn")
    #expect(identity.pre == Array(0..<70) && identity.post == Array(0..<70))

    model.synapsePopulations[0].connectivity = .explicit(pre: [5, 0, 69, 5], post: [1, 3, 69, 0])
    let listed = try await simulate(model).connectivity(of: "Syn")
    #expect(listed.pre == [0, 5, 5, 69] && listed.post == [3, 0, 1, 69])

    model.synapsePopulations[0].weightUpdate = .staticPulse
    model.synapsePopulations[0].weightUpdateVars = ["g": 1]
    let error = try #require(throws: ModelError.self) { try model.validate() }
    #expect(
      error.problems.map(\.description).contains {
        $0.contains("BITMASK matrix stores only which synapses exist")
      })
  }
}
