import Foundation
import GeNNModelFile
import Testing

/// YAML that costs far more than its size to read (alias bombs, deep nesting, keys that
/// are lists) is refused before it is composed, with an error at its place.
@Suite struct YAMLLimitTests {
  static let population =
    "neurons: {E: {size: 4, model: LIF, params: {C: 0.2, TauM: 20, Vrest: -49, Vreset: -60, "
    + "Vthresh: -50, Ioffset: 0.5, TauRefrac: 5}, vars: {V: -55, RefracTime: 0}}}\n"

  /// Nine levels of nine-element lists of aliases under an ignored `x-` key: 1.1 KB that
  /// expands to 387 million values.
  static let aliasBomb: String = {
    var lines = ["x-bomb:", "  a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in 1...9 {
      let aliases = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
      lines.append("  a\(level): &a\(level) [\(aliases)]")
    }
    return lines.joined(separator: "\n") + "\n" + population
  }()

  @Test func aliasBombIsRefusedAtOnce() throws {
    #expect(Self.aliasBomb.utf8.count < 1200)
    let clock = ContinuousClock()
    let start = clock.now
    let error = try #require(Fixtures.error(Self.aliasBomb))
    #expect(clock.now - start < .seconds(2))
    // The alias whose expansion passes the limit: the seventh level's.
    #expect(error.position.line == 8)
    #expect(
      error.description.contains(
        "holds more than 1000000 values, lists and mappings once its aliases are expanded"))
    #expect(error.description.contains("put large arrays in .npy files"))
  }

  @Test func aliasesWithinTheLimitStillWork() throws {
    let text =
      "x-params: &lif {C: 0.2, TauM: 20, Vrest: -49, Vreset: -60, Vthresh: -50, Ioffset: 0.5, "
      + "TauRefrac: 5}\nneurons:\n  E: {size: 4, model: LIF, params: *lif, vars: {V: -55, "
      + "RefracTime: 0}}\n  F: {size: 2, model: LIF, params: *lif, vars: {V: -55, RefracTime: 0}}\n"
    let file = try ModelFile.parse(text, path: "aliases.yaml")
    #expect(file.model.neuronPopulations.map(\.params["TauM"]) == [20, 20])
  }

  @Test func tooManyValuesWithoutAliases() throws {
    let values = Array(repeating: "0", count: 1_000_001).joined(separator: ",")
    let error = try #require(Fixtures.error("x-big: [\(values)]\n" + Self.population))
    #expect(error.position.line == 1)
    #expect(error.description.contains("holds more than 1000000 values"))
  }

  @Test func deepNestingIsLocatedWithoutLibYAMLInternals() throws {
    // Flow lists deeper than libYAML's own limit, and block mappings deeper than ours.
    let brackets =
      "neurons: " + String(repeating: "[", count: 20000)
      + String(repeating: "]", count: 20000) + "\n"
    var block = "neurons:\n"
    for depth in 1...100 { block += String(repeating: "  ", count: depth) + "a:\n" }
    block += String(repeating: "  ", count: 101) + "1\n"
    for text in [brackets, block] {
      let error = try #require(Fixtures.error(text))
      #expect(error.position.line >= 1)
      #expect(error.description.contains("nested more than 64 deep here"))
      #expect(!error.description.contains("yaml_set_max_nest_level"))
    }
    let block65 = try #require(Fixtures.error(block))
    #expect(block65.position.line == 65)
  }

  @Test func keysMustBeNames() throws {
    let alias = try #require(Fixtures.error("x-a: &a [1, 2]\nx-b: {*a : 1}\n" + Self.population))
    #expect(alias.position == SourcePosition(file: "test.yaml", line: 2, column: 7))
    #expect(alias.description.contains("a key is an alias of a list or mapping"))
    let mapping = try #require(Fixtures.error("x-b: {? {a: 1} : 1}\n" + Self.population))
    #expect(mapping.position.line == 1)
    #expect(mapping.description.contains("a key is a mapping; keys must be names"))
  }
}
