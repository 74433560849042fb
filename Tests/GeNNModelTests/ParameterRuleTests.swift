import Testing

@testable import GeNNModel

/// Rules several snippet parameters follow together: a clipped normal distribution
/// whose interval holds next to none of it would redraw for ever at initialisation.
@Suite struct ParameterRuleTests {
  static let rule = ParameterRule.clippedNormal(mean: "mean", sd: "sd", min: "min", max: "max")

  static func violation(mean: Double, sd: Double, min: Double, max: Double) -> String? {
    rule.violation(["mean": mean, "sd": sd, "min": min, "max": max])
  }

  @Test func intervalsHoldingTheDistributionAreKept() {
    #expect(Self.violation(mean: -0.35, sd: 0.035, min: -1000, max: 0) == nil)
    #expect(Self.violation(mean: 1.5, sd: 0.75, min: 0.1, max: 3.75) == nil)
    // Three standard deviations into the tail still holds 0.13 % of it.
    #expect(Self.violation(mean: 0, sd: 1, min: 3, max: 100) == nil)
    #expect(Self.violation(mean: 0, sd: 0, min: -1, max: 1) == nil)
  }

  @Test func emptyOrNearlyEmptyIntervalsAreRefused() throws {
    let reversed = try #require(Self.violation(mean: 0, sd: 1, min: 2, max: 1))
    #expect(reversed.contains("'min' (2.0) must be below 'max' (1.0)"))
    // The mutant that hung a run: a mean 2e9 away from [0, 1000] with sd 0.00878.
    let far = try #require(Self.violation(mean: 2e9, sd: 0.00878, min: 0, max: 1000))
    #expect(far.contains("holds none of the normal distribution of mean 2000000000.0"))
    let tail = try #require(Self.violation(mean: 0, sd: 1, min: 5, max: 6))
    #expect(tail.contains("a share of 2.8"))
    #expect(Self.violation(mean: 5, sd: 0, min: -1, max: 1) != nil)
  }

  @Test func massIsAccurateInBothTails() {
    let upper = ParameterRule.normalMass(mean: 0, sd: 1, from: 5, to: 6)
    let lower = ParameterRule.normalMass(mean: 0, sd: 1, from: -6, to: -5)
    #expect(abs(upper - 2.8567e-7) < 1e-10 && abs(lower - upper) < 1e-15)
    #expect(abs(ParameterRule.normalMass(mean: 0, sd: 1, from: -1, to: 1) - 0.682689) < 1e-6)
  }

  @Test func validationReportsTheBuiltInSnippets() throws {
    for snippet in [InitSnippet.normalClipped, .normalClippedDelay] {
      var model = ModelSpec(name: "clipped")
      model.addNeuronPopulation(
        "P", size: 2, model: .lif, params: ValueDomainTests.lifParams,
        vars: [
          "V": .snippet(snippet, params: ["mean": 2e9, "sd": 0.00878, "min": 0, "max": 1000]),
          "RefracTime": 0,
        ])
      let problems = ValueDomainTests.problems(model)
      #expect(
        problems.contains {
          if case .parameterRuleBroken(let element, Self.rule, _) = $0 {
            element.contains("variable 'V' (init snippet '\(snippet.name)')")
          } else {
            false
          }
        }, "\(problems)")
    }
  }
}
