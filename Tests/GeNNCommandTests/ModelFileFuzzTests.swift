import Foundation
import Testing
import Yams

/// Valid model files mutated thousands of times (``ModelFileMutator``): `genn check`
/// must find each mutant valid or refuse it with errors at their lines and columns, exit
/// with 0 or 1 and write nothing — never die of a signal or a Swift fatal error, and
/// never hang; and a sample of the valid mutants must run (`genn run`) or fail with exit
/// 1, writing nothing outside their output folders. `GENN_FUZZ_MUTANTS` sets the number
/// of mutants (default 2000), `GENN_FUZZ_SEED` the random seed and `GENN_FUZZ_RUNS` the
/// number of valid mutants run (default 6).
@Suite struct ModelFileFuzzTests {
  static let mutantCount =
    ProcessInfo.processInfo.environment["GENN_FUZZ_MUTANTS"].flatMap { Int($0) } ?? 2000
  static let seed =
    ProcessInfo.processInfo.environment["GENN_FUZZ_SEED"].flatMap { UInt64($0) } ?? 17
  /// Files per `genn check`.
  static let batchSize = 200
  /// Valid mutants that are also run.
  static let runCount =
    ProcessInfo.processInfo.environment["GENN_FUZZ_RUNS"].flatMap { Int($0) } ?? 6

  /// The valid files mutated: the examples (but the microcircuit, whose 54 projections
  /// the others' schema covers and would make each mutant slow to build), the full schema
  /// fixture and the tiny model.
  static func seeds() throws -> [YAMLTree] {
    let examples = try FileManager.default.contentsOfDirectory(
      atPath: Genn.package.appendingPathComponent("Examples/models").path
    ).filter { $0.hasSuffix(".yaml") && $0 != "potjans-diesmann.yaml" }.sorted().map {
      Genn.example($0)
    }
    let fixture = Genn.package.appendingPathComponent("Tests/Fixtures/model-files/full.yaml").path
    var texts = try (examples + [fixture]).map { try String(contentsOfFile: $0, encoding: .utf8) }
    texts.append(TinyModel.text)
    return try texts.map { YAMLTree(try #require(try Yams.compose(yaml: $0))) }
  }

  @Test func mutantsAreValidOrRefusedAtTheirPosition() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let seeds = try Self.seeds()
    var mutator = ModelFileMutator(seed: Self.seed)
    var names: [String] = []
    for index in 0..<Self.mutantCount {
      let name = String(format: "m%05d.yaml", index)
      try mutator.mutate(seeds[index % seeds.count]).write(
        to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
      names.append(name)
    }
    let started = Date()
    var valid: [String] = []
    var refused = 0
    var remaining = names[...]
    while !remaining.isEmpty {
      let batch = Array(remaining.prefix(Self.batchSize))
      let outcome = try Genn.run(["check"] + batch, in: folder, timeout: 300)
      let verdicts = Self.verdicts(outcome, files: batch)
      for (name, verdict) in zip(batch, verdicts) {
        switch verdict {
        case .valid: valid.append(name)
        case .refused(let located) where located: refused += 1
        case .refused:
          Issue.record("\(name): an error without a line and column:\n\(outcome.stderr)")
        case .none: break
        }
      }
      let checked = verdicts.prefix { $0 != nil }.count
      guard checked < batch.count else {
        let allValid = verdicts.allSatisfy { $0 == .valid }
        #expect(outcome.exited && outcome.status == (allValid ? 0 : 1), "\(outcome.ending)")
        remaining = remaining.dropFirst(batch.count)
        continue
      }
      // The process died or hung on the first file without a verdict.
      let culprit = batch[checked]
      let text = (try? String(contentsOf: folder.appendingPathComponent(culprit), encoding: .utf8))
      let errors = String(outcome.stderr.suffix(2000))
      Issue.record("genn check \(outcome.ending) on \(culprit):\n\(text ?? "")\n\(errors)")
      remaining = remaining.dropFirst(checked + 1)
    }
    print(
      "fuzz: \(names.count) mutants checked in \(Int(Date().timeIntervalSince(started))) s: "
        + "\(valid.count) valid, \(refused) refused at their positions")
    #expect(Genn.contents(of: folder) == names, "genn check wrote files")
    #expect(refused > names.count / 4 && valid.count > names.count / 20)

    // A sample of the valid mutants runs, or fails with exit 1, inside its output folder.
    let stride = max(1, valid.count / Self.runCount)
    for name in Swift.stride(from: 0, to: valid.count, by: stride).prefix(Self.runCount).map({
      valid[$0]
    }) {
      let out = "out-" + name
      let outcome = try Genn.run(
        ["run", name, "--steps", "20", "--out", out, "--backend", "cpu", "-q"], in: folder,
        timeout: 300)
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      #expect(
        outcome.exited && [0, 1].contains(outcome.status),
        "genn run \(name): \(outcome.ending)\n\(outcome.stderr)\n\(text)")
      if outcome.status == 1 { #expect(outcome.stderr.contains("error:"), "\(outcome.stderr)") }
      let extra = Set(Genn.contents(of: folder)).subtracting(names).subtracting([out])
      #expect(extra.isEmpty, "genn run \(name) wrote \(extra.sorted())")
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(out))
    }
  }

  /// What `genn check` said of each file of a batch, in order: `nil` from the first file
  /// it said nothing of (it died or hung there).
  enum Verdict: Equatable {
    case valid
    case refused(located: Bool)
  }

  static func verdicts(_ outcome: Genn.Outcome, files: [String]) -> [Verdict?] {
    var said: [String: Verdict] = [:]
    for line in outcome.stdout.split(separator: "\n") {
      if let end = line.range(of: ": ok: ") { said[String(line[..<end.lowerBound])] = .valid }
    }
    for line in outcome.stderr.split(separator: "\n") {
      guard let end = line.range(of: ".yaml") else { continue }
      let name = String(line[..<end.upperBound])
      guard files.contains(name) else { continue }
      let rest = line[end.upperBound...]
      let located = rest.wholeMatch(of: /:([1-9][0-9]*):([1-9][0-9]*): error: .+/) != nil
      if case .refused(false)? = said[name] { continue }
      said[name] = .refused(located: located)
    }
    var result: [Verdict?] = files.map { said[$0] }
    if let first = result.firstIndex(where: { $0 == nil }) {
      for index in first..<result.count { result[index] = nil }
    }
    return result
  }
}
