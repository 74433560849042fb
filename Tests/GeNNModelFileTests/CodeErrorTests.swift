import Foundation
import GeNNCodeGen
import GeNNModelFile
import GeNNTranspiler
import Testing

/// Errors the transpiler finds in code strings are reported at their position in the
/// model file: block scalars line for line, with their indentation added to columns.
@Suite struct CodeErrorTests {
  static let path = Fixtures.path("code-errors.yaml")

  /// The located error of generating the fixture's code.
  static func generationError() throws -> ModelFileError? {
    let file = try ModelFile.load(path: path)
    do {
      _ = try CPUBackend().generate(file.model)
      Issue.record("the code generated without errors")
      return nil
    } catch {
      return file.located(error)
    }
  }

  @Test func blockScalarPositions() throws {
    let file = try ModelFile.load(path: Self.path)
    // `sim_code: |` is on line 14; its code starts on line 15, indented by 8.
    #expect(
      file.sourcePosition(
        element: .neuronPopulation("Post"), hook: "model.sim_code", line: 2, column: 18)
        == SourcePosition(file: Self.path, line: 16, column: 26))
    #expect(
      file.sourceMap.codeLocation(of: "synapses.PrePost.weight_update.model.pre_spike_syn_code")
        == CodeLocation(file: Self.path, firstLine: 29, indentation: 10, style: .block))
  }

  @Test func inlineCodePosition() throws {
    let file = try ModelFile.load(path: Self.path)
    // `threshold_condition_code: V >= thresh`: the code starts at column 33 of line 17.
    #expect(
      file.sourcePosition(
        element: .neuronPopulation("Post"), hook: "model.threshold_condition_code", line: 1,
        column: 6) == SourcePosition(file: Self.path, line: 17, column: 38))
    #expect(
      file.sourcePosition(
        element: .neuronPopulation("Pre"), hook: "model.sim_code", line: 1, column: 1)
        == nil)
  }

  @Test func generatedCodeErrorsAtFilePositions() throws {
    let error = try #require(try Self.generationError())
    let all = error.all
    // `tauu` on code line 2, column 18 of the sim code.
    #expect(
      all.contains {
        $0.position == SourcePosition(file: Self.path, line: 16, column: 26)
          && $0.problem.description.contains(
            "neuron population 'Post', sim code: unknown name 'tauu'; did you mean 'tau'?")
      })
    // `thresh` at column 6 of the threshold condition.
    #expect(
      all.contains {
        $0.position == SourcePosition(file: Self.path, line: 17, column: 38)
          && $0.problem.description.contains("unknown name 'thresh'")
      })
    // `undefinedRate` on code line 3, column 6 of the pre spike code.
    #expect(
      all.contains {
        $0.position == SourcePosition(file: Self.path, line: 31, column: 16)
          && $0.problem.description.contains("unknown name 'undefinedRate'")
      })
    #expect(
      error.description.contains(
        "code-errors.yaml:16:26: error: neuron population 'Post', sim code"))
  }

  /// The errors generating the model file `text` (named `path`) gives, at their file
  /// positions; records an issue if it generates.
  static func codeErrors(_ text: String, path: String) throws -> String {
    let file = try ModelFile.parse(text, path: path)
    do {
      _ = try CPUBackend().generate(file.model)
      Issue.record("the code generated without errors")
      return ""
    } catch {
      return file.located(error).description
    }
  }

  @Test func aTransposedNameGetsASuggestionAtItsFilePosition() throws {
    let text = """
      neurons:
        N:
          size: 2
          model:
            params: [tau]
            vars: {V: scalar}
            sim_code: "V -= V / tua;"
          params: {tau: 10}
          vars: {V: 0}
      """
    #expect(
      try Self.codeErrors(text, path: "tua.yaml").contains(
        "tua.yaml:7:27: error: neuron population 'N', sim code: unknown name 'tua'; "
          + "did you mean 'tau'?"))
  }

  @Test func anOverflowingLiteralIsRejectedAtItsFilePosition() throws {
    let text = """
      neurons:
        N:
          size: 2
          model:
            vars: {V: scalar}
            sim_code: "V += 1e400;"
          vars: {V: 0}
      """
    #expect(
      try Self.codeErrors(text, path: "huge.yaml").contains(
        "huge.yaml:6:23: error: neuron population 'N', sim code: floating-point literal "
          + "'1e400' is beyond the range of float"))
  }

  @Test func mergedPopulationContext() throws {
    let file = try ModelFile.load(path: Self.path)
    let diagnostic = Diagnostic(
      .unknownName("x", suggestion: nil, available: []), at: SourceLocation(line: 1, column: 1),
      token: "x")
    let error = TranspilerError(
      context: "neuron populations 'Pre', 'Post', sim code", code: "x;", diagnostics: [diagnostic])
    #expect(file.located(error).position == SourcePosition(file: Self.path, line: 15, column: 9))
  }
}
