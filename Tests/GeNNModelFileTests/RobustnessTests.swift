import Foundation
import GeNNModelFile
import Testing

/// No input crashes the reader: every mutation of the full-featured fixture either loads
/// or throws an error that names the file and a position in it.
@Suite struct RobustnessTests {
  static let text = (try? String(contentsOfFile: Fixtures.path("full.yaml"), encoding: .utf8)) ?? ""
  static let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

  /// Parses `text`; an error must name the file and a line within it.
  static func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      _ = try ModelFile.parse(text, path: "mutated.yaml")
    } catch {
      let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
      #expect(error.description.hasPrefix("mutated.yaml"), sourceLocation: sourceLocation)
      #expect(error.position.line <= lineCount, sourceLocation: sourceLocation)
    }
  }

  @Test func deletingEachLine() {
    #expect(Self.lines.count > 150)
    for index in Self.lines.indices {
      var lines = Self.lines
      lines.remove(at: index)
      Self.check(lines.joined(separator: "\n"))
    }
  }

  @Test func replacingEachValue() {
    let replacements = [
      "x", "-1", "0", "1e30", "-1e30", ".nan", "[]", "{}", "~", "\"7\"", "[1, [2]]",
    ]
    // Three replacements per line, rotating through the list (every one of them for
    // every line takes ten seconds in a debug build).
    for (index, line) in Self.lines.enumerated() {
      guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("#") else { continue }
      for offset in 0..<3 {
        let replacement = replacements[(index * 3 + offset) % replacements.count]
        var lines = Self.lines
        lines[index] = line[...colon] + " " + replacement
        Self.check(lines.joined(separator: "\n"))
      }
    }
  }

  @Test func riskyNumbers() {
    let population =
      "neurons: {N: {size: 4, model: Izhikevich, params: {a: 1, b: 1, c: 1, d: 1}, vars: {V: 1, U: 1}}}\n"
    let connectivities = [
      "{snippet: FixedNumberPostWithReplacement, params: {num: 1e30}}",
      "{snippet: FixedNumberTotalWithReplacement, params: {num: -3}}",
      "{snippet: FixedNumberPreWithReplacement, params: {num: 2.5}}",
      "{snippet: FixedProbability, params: {prob: 1.5}}",
      "{snippet: Conv2D, params: {conv_kh: 1, conv_kw: 1, conv_sh: 0, conv_sw: 1, conv_padh: 0, conv_padw: 0, conv_ih: 2, conv_iw: 2, conv_ic: 1, conv_oh: 2, conv_ow: 2, conv_oc: 1}}",
      "{toeplitz: Conv2D, params: {conv_kh: 1e12, conv_kw: 1, conv_ih: 2, conv_iw: 2, conv_ic: 1, conv_oh: 2, conv_ow: 2, conv_oc: 1}}",
      "{pre: [0, -1], post: [1, 1]}", "{pre: [0, 1e20], post: [1, 1]}",
      "{snippet: {row_build_code: 'addSynapse(0);', max_row_length: 1e300}, params: {}}",
      "{snippet: {row_build_code: 'addSynapse(0);', max_row_length: 'num_post / 0'}}",
    ]
    for connectivity in connectivities {
      Self.check(
        population + """
          synapses:
            S:
              source: N
              target: N
              connectivity: \(connectivity)
              weight_update: {model: StaticPulseConstantWeight, params: {g: 1}}
          """)
    }
    Self.check("neurons: {N: {size: 3000000000, model: LIF}}")
    Self.check(
      population
        + "synapses: {S: {source: N, target: N, axonal_delay_steps: 1e9, weight_update: {model: StaticPulse}}}"
    )
  }
}
