import Foundation
import GeNNModel
import Testing

@testable import genn

/// `genn models`: the list of built-in models, one model in full, `docs/models.md`, and
/// model-file errors that list a model's parameters with their units.
@Suite struct ModelsCommandTests {
  @Test func listsEveryBuiltinModelByKind() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["models"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    for kind in ModelKind.allCases {
      #expect(outcome.stdout.contains(kind.title), "\(kind)")
    }
    let names = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") }.map {
      String($0.split(separator: " ")[0])
    }
    #expect(names == ModelReference.all.map(\.name))
    for name in ["LIF", "StaticPulse", "ExpCond", "DC", "Transpose", "Uniform", "Conv2D"] {
      #expect(names.contains(name), "\(name)")
    }
  }

  @Test func showsLIFWithUnitsVariablesAndCode() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["models", "lif"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let text = outcome.stdout
    #expect(text.hasPrefix("LIF: neuron model"))
    for row in [
      "C          scalar  nF  membrane capacitance", "TauM       scalar  ms",
      "Vrest      scalar  mV", "Ioffset    scalar  nA", "TauRefrac  scalar  ms",
      "V           scalar  READ_WRITE  mV  membrane potential",
      "RefracTime  scalar  READ_WRITE  ms", "derived parameters: ExpTC, Rmembrane",
      "extra global parameters: none", "threshold_condition_code:",
      "    RefracTime <= 0.0 && V >= Vthresh", "reset_code:", "    V = Vreset;",
    ] {
      #expect(text.contains(row), "no '\(row)' in:\n\(text)")
    }
  }

  @Test func showsExtraGlobalParametersAndReferences() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let array = try Genn.run(["models", "SpikeSourceArray"], in: folder)
    #expect(array.stdout.contains("spikeTimes  scalar*  ms"))
    let cond = try Genn.run(["models", "ExpCond"], in: folder)
    #expect(cond.stdout.contains("references:\n  V  scalar  READ_ONLY  mV"))
  }

  @Test func anUnknownNameIsAnErrorWithASuggestion() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["models", "Izhikevic"], in: folder)
    #expect(outcome.status == 1)
    #expect(outcome.stdout.isEmpty)
    #expect(
      outcome.stderr
        == "error: no built-in model is named 'Izhikevic'; did you mean 'Izhikevich'? "
        + "`genn models` lists them all\n")
    let markdownAndName = try Genn.run(["models", "LIF", "--markdown"], in: folder)
    #expect(markdownAndName.status == 1)
    #expect(markdownAndName.stderr.contains("--markdown prints the whole reference"))
  }

  /// `docs/models.md` is what `genn models --markdown` prints; regenerate it with
  /// `swift run genn models --markdown > docs/models.md`.
  @Test func docsModelsIsUpToDate() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["models", "--markdown"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout == ModelReferenceText.markdown())
    let committed = try String(
      contentsOf: Genn.package.appendingPathComponent("docs/models.md"), encoding: .utf8)
    #expect(
      committed == outcome.stdout,
      "docs/models.md is stale: run `swift run genn models --markdown > docs/models.md`")
    for model in ModelReference.all {
      #expect(committed.contains("<a id=\"\(ModelReferenceText.anchor(model))\"></a>"))
    }
  }

  @Test func anUnknownParameterInAModelFileListsTheParametersWithUnits() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder, replacing: [("TauM: 10", "Taum: 10")])
    let outcome = try Genn.run(["check", "tiny.yaml"], in: folder)
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.contains(
        "tiny.yaml:6:23: error: unknown key 'Taum' in 'neurons.Exc.params'; did you mean "
          + "'TauM'? Allowed keys: C (nF), TauM (ms), Vrest (mV), Vreset (mV), Vthresh (mV), "
          + "Ioffset (nA), TauRefrac (ms)."), "\(outcome.stderr)")
  }

  @Test func aMissingParameterInAModelFileListsTheParametersWithUnits() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder, replacing: [("TauM: 10, ", "")])
    let outcome = try Genn.run(["check", "tiny.yaml"], in: folder)
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.contains(
        "parameter 'TauM' has no value; parameters are: C (nF), TauM (ms), Vrest (mV), "
          + "Vreset (mV), Vthresh (mV), Ioffset (nA), TauRefrac (ms)"), "\(outcome.stderr)")
  }
}
