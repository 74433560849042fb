import Testing

@testable import GeNNTranspiler

/// Thousands of generated and mutated snippets: each must either check or throw a
/// `TranspilerError` with diagnostics, quickly, and never crash or hang.
@Suite struct FuzzTests {
  /// Builds random, mostly valid code strings from GeNN's grammar.
  struct SnippetGenerator {
    var random: SplitMix64
    let names = ["V", "RefracTime", "U", "Vthresh", "TauM", "Isyn", "t", "dt", "id", "x", "y", "i"]
    let assignable = ["V", "RefracTime", "U", "Isyn", "x", "y", "i"]
    let functions = [
      "exp", "sin", "fmax", "pow", "sqrt", "fabs", "min", "gennrand_uniform", "printf",
    ]
    let binaryOperators = [
      "+", "-", "*", "/", "%", "<<", ">>", "<", "<=", ">", ">=", "==", "!=", "&", "^", "|", "&&",
      "||", ",",
    ]
    let assignments = ["=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="]
    let types = [
      "scalar", "int", "unsigned int", "float", "double", "bool", "uint8_t", "const scalar",
    ]

    mutating func pick(_ items: [String]) -> String {
      items[Int.random(in: 0..<items.count, using: &random)]
    }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }

    mutating func literal() -> String {
      switch Int.random(in: 0..<6, using: &random) {
      case 0: String(Int.random(in: 0..<1000, using: &random))
      case 1:
        "\(Int.random(in: 0..<100, using: &random)).\(Int.random(in: 0..<100, using: &random))"
      case 2: "\(Int.random(in: 0..<10, using: &random)).5f"
      case 3: "1.0e-3d"
      case 4: "\(Int.random(in: 0..<50, using: &random))U"
      default: chance(0.5) ? "true" : "false"
      }
    }

    mutating func expression(depth: Int) -> String {
      if depth <= 0 || chance(0.25) { return chance(0.5) ? pick(names) : literal() }
      switch Int.random(in: 0..<9, using: &random) {
      case 0: return "(\(expression(depth: depth - 1)))"
      case 1: return "\(pick(["-", "+", "!", "~"]))\(expression(depth: depth - 1))"
      case 2: return "\(pick(assignable))\(pick(["++", "--"]))"
      case 3: return "\(pick(assignable)) \(pick(assignments)) \(expression(depth: depth - 1))"
      case 4:
        return
          "\(expression(depth: depth - 1)) ? \(expression(depth: depth - 1)) : \(expression(depth: depth - 1))"
      case 5: return "(\(pick(types)))\(expression(depth: depth - 1))"
      case 6:
        let function = pick(functions)
        let count = Int.random(in: 0..<3, using: &random)
        let arguments = (0..<count).map { _ in expression(depth: depth - 1) }
        return "\(function)(\(arguments.joined(separator: ", ")))"
      case 7: return "spikeTimes[\(pick(["i", "id", "y", "3"]))]"
      default:
        return
          "\(expression(depth: depth - 1)) \(pick(binaryOperators)) \(expression(depth: depth - 1))"
      }
    }

    mutating func statement(depth: Int) -> String {
      if depth <= 0 || chance(0.3) { return "\(expression(depth: 3));" }
      switch Int.random(in: 0..<10, using: &random) {
      case 0: return "{ \(pick(types)) \(pick(["x", "y", "i"])) = \(expression(depth: 2)); }"
      case 1: return "if (\(expression(depth: 2))) \(statement(depth: depth - 1))"
      case 2:
        return
          "if (\(expression(depth: 2))) { \(statement(depth: depth - 1)) } else { \(statement(depth: depth - 1)) }"
      case 3:
        return
          "for (int i = 0; i < \(expression(depth: 1)); i++) { \(statement(depth: depth - 1)) }"
      case 4: return "while (\(expression(depth: 2))) { \(statement(depth: depth - 1)) break; }"
      case 5: return "do { \(statement(depth: depth - 1)) } while (\(expression(depth: 2)));"
      case 6:
        return
          "switch (\(pick(["i", "id", "y % 4U", "(int)V"]))) { case \(Int.random(in: 0..<5, using: &random)): \(statement(depth: depth - 1)) break; default: break; }"
      case 7: return pick([";", ";", ";", "break;", "for_each_synapse { x = 1; }"])
      case 8: return "{ \(statement(depth: depth - 1)) \(statement(depth: depth - 1)) }"
      default: return "\(pick(assignable)) \(pick(assignments)) \(expression(depth: 3));"
      }
    }

    mutating func snippet() -> String {
      let count = Int.random(in: 1...6, using: &random)
      let declarations = "scalar x = 1.0;\nunsigned int y = 3U;\nint i = 2;\n"
      return declarations + (0..<count).map { _ in statement(depth: 3) }.joined(separator: "\n")
    }

    /// Damages a snippet: deletes, duplicates, swaps or inserts characters and tokens.
    mutating func mutate(_ code: String) -> String {
      var characters = Array(code)
      let edits = Int.random(in: 1...4, using: &random)
      let inserts: [String] = [
        "(", ")", "{", "}", "[", "]", ";", ",", "?", ":", "\"", "/*", "*/", "//", "\n", "0x",
        "09", "1e", ".", "@", "µ", "_x", "++", "=", "const", "for", "if", "else", "case",
        "for_each_synapse", "int", "*", "&&", "'",
      ]
      for _ in 0..<edits where !characters.isEmpty {
        let position = Int.random(in: 0..<characters.count, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
          let length = min(Int.random(in: 1...5, using: &random), characters.count - position)
          characters.removeSubrange(position..<(position + length))
        case 1:
          characters.insert(contentsOf: pick(inserts), at: position)
        case 2:
          let other = Int.random(in: 0..<characters.count, using: &random)
          characters.swapAt(position, other)
        default:
          let length = min(Int.random(in: 1...8, using: &random), characters.count - position)
          characters.insert(contentsOf: characters[position..<(position + length)], at: position)
        }
      }
      return String(characters)
    }
  }

  /// Checks one snippet and returns whether it was accepted; any outcome other than
  /// acceptance or a `TranspilerError` with diagnostics fails the test.
  static func outcome(of code: String, in environment: Environment) -> Bool {
    do {
      let checked = try Transpiler.checkStatements(code, in: environment)
      _ = checked.code()
      return true
    } catch {
      #expect(!error.diagnostics.isEmpty, "no diagnostics for: \(code)")
      #expect(!error.description.isEmpty)
      for diagnostic in error.diagnostics {
        #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "\(code)")
      }
      return false
    }
  }

  @Test(arguments: [UInt64(1), 2, 3, 4])
  func generatedAndMutatedSnippetsCheckOrThrow(seed: UInt64) {
    var generator = SnippetGenerator(random: SplitMix64(seed: seed))
    let environment = neuronEnvironment()
    var accepted = 0
    var rejected = 0
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      for _ in 0..<600 {
        let original = generator.snippet()
        if Self.outcome(of: original, in: environment) { accepted += 1 } else { rejected += 1 }
        let mutated = generator.mutate(original)
        if Self.outcome(of: mutated, in: environment) { accepted += 1 } else { rejected += 1 }
      }
    }
    // Both outcomes must occur often, or the generator is not exercising the checker.
    #expect(accepted > 100)
    #expect(rejected > 100)
    #expect(elapsed < .seconds(60), "1,200 snippets took \(elapsed)")
  }

  @Test func randomBytesNeverCrash() {
    var random = SplitMix64(seed: 42)
    let environment = neuronEnvironment()
    let alphabet = Array("abcxyzVt_0123456789.eEfFdDuUxX+-*/%<>=!&|^~?:;,()[]{}\"'\\ \n\t#@µ")
    for _ in 0..<2000 {
      let length = Int.random(in: 0..<60, using: &random)
      let code = String(
        (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
      _ = Self.outcome(of: code, in: environment)
      // Expressions take the same path as threshold conditions.
      do {
        _ = try Transpiler.checkExpression(code, in: environment)
      } catch {
        #expect(!error.diagnostics.isEmpty, "no diagnostics for expression: \(code)")
      }
    }
  }

  @Test(arguments: ["(", "-", "!", "++", "{", "if (x) ", "a[", "f("])
  func pathologicalNestingIsReportedNotCrashed(prefix: String) {
    let code = String(repeating: prefix, count: 5_000) + "x"
    #expect(!Self.outcome(of: code, in: neuronEnvironment()))
  }

  @Test func longFlatInputStaysLinear() {
    let environment = neuronEnvironment()
    let statements = String(repeating: "V += 1.0;\n", count: 20_000)
    let chain = "V = " + String(repeating: "V + ", count: 150) + "V;"
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      #expect(Self.outcome(of: statements, in: environment))
      #expect(Self.outcome(of: chain, in: environment))
    }
    #expect(elapsed < .seconds(20), "long input took \(elapsed)")
  }
}
