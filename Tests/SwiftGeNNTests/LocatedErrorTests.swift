import Foundation
import GeNNCodeGen
import SwiftGeNN
import Testing

/// Errors of generating a model file's code are reported at their positions in the file:
/// code strings' block scalars line for line, with their indentation added to columns.
@Suite struct LocatedErrorTests {
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

  @Test func aCustomUpdateCodeErrorAtItsFilePosition() throws {
    let text = try String(
      contentsOfFile: Fixtures.path("custom-update-references.yaml"), encoding: .utf8
    ).replacing("r = value;", with: "r = valu;", maxReplacements: 1)
    let file = try ModelFile.parse(text, path: "code.yaml")
    let error = try #require(
      { () -> ModelFileError? in
        do {
          _ = try CPUBackend().generate(file.model)
          return nil
        } catch {
          return file.located(any: error)
        }
      }())
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = try #require(lines.firstIndex { $0.contains("r = valu;") }) + 1
    #expect(error.position.line == line)
    let column = try #require(lines[line - 1].firstRange(of: "valu"))
    #expect(
      error.position.column == lines[line - 1].distance(
        from: lines[line - 1].startIndex, to: column.lowerBound) + 1)
    #expect(error.description.contains("unknown name 'valu'; did you mean 'value'?"))
  }
}
