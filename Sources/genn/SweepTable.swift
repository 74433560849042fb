import Foundation

/// The table `genn sweep` writes as `sweep.csv`: one row per run with its folder, the
/// value of every parameter and setting, the mean rate of every population, and how
/// long each stage took.
struct SweepTable {
  /// The file's name in the sweep's folder.
  static let fileName = "sweep.csv"

  /// The column names.
  private(set) var header: [String] = []
  /// The rows so far, each as wide as the header.
  private(set) var rows: [[String]] = []

  /// Adds the row of a finished run: its `number`, `folder` and `values` (name, value)
  /// in the order of the columns, then its summary's rates and timings. The first row
  /// fixes the columns.
  mutating func append(
    number: Int, folder: String, values: [(String, Double)], summary: RunSummary
  ) {
    var names = ["run", "folder"] + values.map(\.0) + ["steps", "duration_ms"]
    var cells = [String(number), folder] + values.map { Self.number($0.1) }
    cells += [String(summary.steps), Self.number(summary.durationMs)]
    for population in summary.populations {
      names.append("rate_\(population.name)_hz")
      cells.append(population.meanRateHz.map(Self.number) ?? "")
    }
    let timing = summary.timing
    names += ["cache_hit", "generate_s", "compile_s", "load_s", "simulate_s"]
    cells += [
      timing.cacheHit ? "true" : "false", Self.number(timing.generateS),
      Self.number(timing.compileS), Self.number(timing.loadS), Self.number(timing.simulateS),
    ]
    if header.isEmpty { header = names }
    rows.append(cells)
  }

  /// The table as CSV text (RFC 4180: a field holding a comma, quote or line break is
  /// quoted), lines ending in `\n`.
  var csv: String {
    ([header] + rows).map { $0.map(Self.field).joined(separator: ",") + "\n" }.joined()
  }

  /// `value` as a CSV field.
  private static func field(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else {
      return value
    }
    return "\"" + value.replacing("\"", with: "\"\"") + "\""
  }

  /// `value` without a trailing `.0` for whole numbers: `2`, `0.5`, `1e-05`.
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
  }
}
