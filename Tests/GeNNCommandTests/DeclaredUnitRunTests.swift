import Foundation
import Testing

/// A recorded variable of the file's own model, with the unit the file gives it: in
/// `summary.json` and on the axis of the traces.
@Suite struct DeclaredUnitRunTests {
  static let text = """
    name: own_units
    neurons:
      Leaky:
        size: 2
        model:
          params: {tau: {unit: ms}}
          vars: {V: {type: scalar, unit: mV}, drive: scalar}
          sim_code: V += dt * (drive - V) / tau;
        params: {tau: 10}
        vars: {V: 0, drive: [1, 2]}
    record:
      vars:
        - {population: Leaky, var: V}
        - {population: Leaky, var: drive, every: 5}
    run: {steps: 20}

    """

  @Test func theUnitTheFileGivesIsInTheSummaryAndOnTheAxis() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.text.write(
      to: folder.appendingPathComponent("own.yaml"), atomically: true, encoding: .utf8)
    let outcome = try Genn.run(["run", "own.yaml", "--out", "out", "-q"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let run = try RunFolder(folder.appendingPathComponent("out"))
    let units = Dictionary(
      uniqueKeysWithValues: run.variables.map {
        ($0["variable"] as? String ?? "", $0["value_unit"] as? String)
      })
    #expect(units == ["V": "mV", "drive": nil])
    let svg = String(decoding: try run.bytes("traces.svg"), as: UTF8.self)
    #expect(svg.contains(">Leaky: V (mV)<"))
    #expect(svg.contains(">Leaky: drive<"))
  }
}
