import Testing

@testable import GeNNTranspiler

/// "Did you mean" suggestions: which typos find the name meant.
@Suite struct NameSuggestionTests {
  @Test func aSwapOfNeighboursCountsAsOneEdit() {
    #expect(NameSuggestion.editDistance(Array("tua".utf8), Array("tau".utf8)) == 1)
    #expect(NameSuggestion.editDistance(Array("Vrset".utf8), Array("Vreset".utf8)) == 1)
    #expect(NameSuggestion.editDistance(Array("ab".utf8), Array("ba".utf8)) == 1)
    // Optimal string alignment: no substring is edited twice, so "ca" -> "abc" is 3.
    #expect(NameSuggestion.editDistance(Array("ca".utf8), Array("abc".utf8)) == 3)
    #expect(NameSuggestion.editDistance(Array("kitten".utf8), Array("sitting".utf8)) == 3)
    #expect(NameSuggestion.editDistance([], Array("abc".utf8)) == 3)
  }

  @Test func aTransposedNameIsSuggestedAsAnExtraLetterIs() {
    let names = ["tau", "V", "Isyn", "TauRefrac"]
    #expect(NameSuggestion.closest(to: "tua", among: names) == "tau")
    #expect(NameSuggestion.closest(to: "taux", among: names) == "tau")
    #expect(NameSuggestion.closest(to: "TauRefarc", among: names) == "TauRefrac")
    #expect(NameSuggestion.closest(to: "xyz", among: names) == nil)
  }

  @Test func theTypeCheckerSuggestsATransposedName() throws {
    var environment = Environment(context: "test", types: TypeContext())
    environment.define("tau", GeNNType.float.addingConst, role: "parameter")
    environment.define("V", .float, role: "state variable")
    let (_, diagnostics) = TypeChecker.check(
      Parser.parseStatements(Scanner.scan("V += V / tua;").tokens).statements, in: environment)
    #expect(
      diagnostics.map(\.problem) == [
        .unknownName("tua", suggestion: "tau", available: ["V", "tau"])
      ]
    )
  }
}
