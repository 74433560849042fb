import Foundation
import GeNNModelFile
import GeNNTranspiler
import Testing

/// Errors the transpiler finds in code strings are reported at their position in the
/// model file: block scalars line for line, with their indentation added to columns.
@Suite struct CodeErrorTests {
  static let path = Fixtures.path("code-errors.yaml")

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

  @Test func mergedPopulationContext() throws {
    let file = try ModelFile.load(path: Self.path)
    let diagnostic = Diagnostic(
      .unknownName("x", suggestion: nil, available: []), at: SourceLocation(line: 1, column: 1),
      token: "x")
    let error = TranspilerError(
      context: "neuron populations 'Pre', 'Post', sim code", code: "x;", diagnostics: [diagnostic])
    #expect(file.located(error).position == SourcePosition(file: Self.path, line: 15, column: 9))
  }

  @Test func mergedSynapsePopulationContext() throws {
    let file = try ModelFile.load(path: Self.path)
    let diagnostic = Diagnostic(
      .unknownName("undefinedRate", suggestion: nil, available: []),
      at: SourceLocation(line: 3, column: 6), token: "undefinedRate")
    let error = TranspilerError(
      context:
        "synapse populations 'PrePost', 'Other', weight update model 'PrePost_weight_update' "
        + "pre spike syn code",
      code: "addToPost(w);\n\nw += undefinedRate;\n", diagnostics: [diagnostic])
    #expect(file.located(error).position == SourcePosition(file: Self.path, line: 31, column: 16))
  }
}
