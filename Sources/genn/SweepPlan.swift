import GeNNModelFile

/// The runs of `genn sweep`: every combination of the values its `--set` lists give,
/// the first list varying slowest, with the single values in every run.
struct SweepPlan {
  /// One run: its number (from 1) and the value of every name set.
  struct Run {
    var number: Int
    /// The swept names' values, in the order of the plan's ``SweepPlan/swept``.
    var sweptValues: [Double]
    /// Every override of the run: the single values and this run's swept values.
    var overrides: ModelOverrides
  }

  /// The most runs a sweep may have.
  static let maximumRuns = 10_000

  /// The names given lists of values, in the order given.
  let swept: [String]
  /// The runs, in order.
  let runs: [Run]

  /// The plan of `assignments`; at least one must be a list, and the runs at most
  /// ``maximumRuns``.
  init(_ assignments: [SetAssignment]) throws(CommandError) {
    let lists = assignments.filter(\.isList)
    guard !lists.isEmpty else {
      throw .invalidOptions(
        "genn sweep needs at least one --set NAME=[V1,V2,...] to sweep over; "
          + "for one run, use genn run")
    }
    var count = 1
    for list in lists {
      guard !list.values.isEmpty else {
        throw .invalidOptions("'--set \(list.name)' gives an empty list; give one value or more")
      }
      count = count.multipliedReportingOverflow(by: list.values.count).partialValue
      guard count <= Self.maximumRuns, count > 0 else {
        throw .invalidOptions(
          "the lists given make more than \(Self.maximumRuns) runs; sweep fewer values")
      }
    }
    var fixed: [String: Double] = [:]
    for assignment in assignments where !assignment.isList {
      fixed[assignment.name] = assignment.values[0]
    }
    swept = lists.map(\.name)
    var runs: [Run] = []
    for index in 0..<count {
      var remainder = index
      var values = Array(repeating: 0.0, count: lists.count)
      for (position, list) in lists.enumerated().reversed() {
        values[position] = list.values[remainder % list.values.count]
        remainder /= list.values.count
      }
      var overrides = fixed
      for (name, value) in zip(swept, values) { overrides[name] = value }
      runs.append(
        Run(number: index + 1, sweptValues: values, overrides: ModelOverrides(overrides)))
    }
    self.runs = runs
  }

  /// The folder of run `number` inside the sweep's folder: `run-001` and on, the number
  /// as wide as the last one's (at least three digits).
  func folderName(of number: Int) -> String {
    let width = max(3, String(runs.count).count)
    let digits = String(number)
    return "run-" + String(repeating: "0", count: width - digits.count) + digits
  }

  /// The swept values of `run` in words: `g=0.5, seed=1`.
  func describe(_ run: Run) -> String {
    zip(swept, run.sweptValues).map { "\($0)=\(SweepTable.number($1))" }
      .joined(separator: ", ")
  }
}
