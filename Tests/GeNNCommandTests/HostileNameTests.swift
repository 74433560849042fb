import Foundation
import Testing

/// Model files written to make `genn` run code of their own through a name, or write
/// outside its folder: each is refused with a located error before anything is built,
/// or (for free text, which may be anything) runs with the text kept inside comments.
/// Nothing is left behind either way.
@Suite struct HostileNameTests {
  /// The payload of issue 17: code that creates `PWNED` when the library loads.
  static let payload = #""x\n#include <cstdlib>\nstatic int p = std::system(\"touch PWNED\");\n//""#

  /// A model file refused with `expected` in its error.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var replacing: [(String, String)]
    var expected: [String]
    var testDescription: String { name }
  }

  /// The replacement that adds a Poisson population `Pre` and synapses `S` from it to the
  /// tiny model's `Exc`, with `body` (their keys, indented as under `S`) as the rest.
  static func withSynapses(_ body: String) -> (String, String) {
    (
      "record_spikes: true",
      """
      record_spikes: true
        Pre: {size: 4, model: Poisson, params: {rate: 500}, vars: {timeStepToSpike: 0}}
      synapses:
        S:
          source: Pre
          target: Exc

      """ + body
    )
  }

  static let cases: [Case] = [
    Case(
      name: "model name with code", replacing: [("name: tiny", "name: \(payload)")],
      expected: ["tiny.yaml:1:", "model: 'x\\n#include <cstdlib>\\n", "is not a valid name"]),
    Case(
      name: "model name with a path", replacing: [("name: tiny", "name: ../../../escaped")],
      expected: ["tiny.yaml:1:", "'../../../escaped' is not a valid name"]),
    Case(
      name: "absolute model name", replacing: [("name: tiny", "name: /tmp/escaped")],
      expected: ["tiny.yaml:1:", "'/tmp/escaped' is not a valid name"]),
    Case(
      name: "model name too long",
      replacing: [("name: tiny", "name: " + String(repeating: "m", count: 215))],
      expected: ["tiny.yaml:1:", "it has 215 characters; at most 100 are allowed"]),
    Case(
      name: "population name too long",
      replacing: [
        ("  Exc:", "  " + String(repeating: "p", count: 246) + ":"),
        ("population: Exc", "population: " + String(repeating: "p", count: 246)),
      ],
      expected: ["tiny.yaml:3:", "it has 246 characters; at most 100 are allowed"]),
    Case(
      name: "population name with a dash",
      replacing: [("  Exc:", "  a-b:"), ("population: Exc", "population: a-b")],
      expected: [
        "tiny.yaml:3:",
        "neuron population 'a-b': 'a-b' is not a valid name; use letters, digits and '_'",
      ]),
    Case(
      name: "population name with a path",
      replacing: [("  Exc:", "  ../x:"), ("population: Exc", "population: ../x")],
      expected: ["tiny.yaml:3:", "'../x' is not a valid name; use letters, digits and '_'"]),
    Case(
      name: "empty population name",
      replacing: [("  Exc:", "  '':"), ("population: Exc", "population: ''")],
      expected: [
        "tiny.yaml:3:", "'' is not a valid name; it is empty; use letters, digits and '_'",
      ]),
    Case(
      name: "additional input variable with code",
      replacing: [
        (
          "model: LIF",
          """
          model:
                name: LIFPlus
                params: [C, TauM, Vrest, Vreset, Vthresh, Ioffset, TauRefrac]
                vars: [V, RefracTime]
                additional_input_vars: {'x = 0; system("touch PWNED"); float y': 0}
                sim_code: "V += Ioffset;"
                threshold_condition_code: "V > Vthresh"
                reset_code: "V = Vreset;"
          """
        )
      ],
      expected: ["tiny.yaml:9:", #"'x = 0; system("touch PWNED"); float y' is not a valid name"#]),
    Case(
      name: "init snippet parameter with code",
      replacing: [
        (
          "V: {snippet: Uniform, params: {min: -65, max: -50}}",
          #"V: {snippet: {code: "value = a;", params: ['a; system("touch PWNED")']}, params: {'a; system("touch PWNED")': 1}}"#
        )
      ],
      expected: ["tiny.yaml:", "init snippet", #"'a; system("touch PWNED")' is not a valid name"#]),
    Case(
      name: "connectivity snippet parameter with code",
      replacing: [
        withSynapses(
          """
              connectivity:
                snippet:
                  params: ['p; system("touch PWNED")']
                  derived_params: {'q) + system("touch PWNED"': '2.0'}
                  row_build_code: "addSynapse(id_pre % num_post);"
                params: {'p; system("touch PWNED")': 1}
              weight_update: {model: StaticPulse, vars: {g: 0.1}}
              postsynaptic: {model: DeltaCurr}
          """
        )
      ],
      expected: [
        "tiny.yaml:", "connectivity snippet",
        #"'p; system("touch PWNED")' is not a valid name"#,
        #"'q) + system("touch PWNED"' is not a valid name"#,
      ]),
    Case(
      name: "presynaptic neuron variable reference with code",
      replacing: [
        withSynapses(
          """
              weight_update:
                model:
                  vars: [g]
                  pre_neuron_var_refs: ['x;']
                  pre_spike_syn_code: "addToPost(g);"
                vars: {g: 0.1}
                pre_var_refs: {'x;': timeStepToSpike}
              postsynaptic: {model: DeltaCurr}
          """
        )
      ],
      expected: ["tiny.yaml:", "'x;' is not a valid name"]),
  ]

  @Test(arguments: cases)
  func isRefused(_ input: Case) throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let inner = folder.appendingPathComponent("a/b/c")
    try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
    try TinyModel.write(to: inner, replacing: input.replacing)
    let outcome = try Genn.run(["run", "tiny.yaml"], in: inner)
    #expect(outcome.status == 1)
    for text in input.expected {
      #expect(outcome.stderr.contains(text), "\(text) not in: \(outcome.stderr)")
    }
    #expect(!outcome.stderr.contains("\n#include"), "the message printed the payload's lines")
    #expect(Self.files(under: folder) == ["a/b/c/tiny.yaml"])
    #expect(!FileManager.default.fileExists(atPath: "/tmp/escaped"))
  }

  /// The name of an inline model is free text: any text runs, and none of it becomes code.
  @Test func inlineModelNameIsText() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(
      to: folder,
      replacing: [
        (
          "model: LIF",
          """
          model:
                name: \(Self.payload)
                params: [C, TauM, Vrest, Vreset, Vthresh, Ioffset, TauRefrac]
                vars: [V, RefracTime]
                sim_code: "V += Ioffset;"
                threshold_condition_code: "V > Vthresh"
                reset_code: "V = Vreset;"
          """
        )
      ])
    let outcome = try Genn.run(["run", "tiny.yaml", "-q"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("PWNED").path))
    #expect(Self.files(under: folder).contains("tiny-output/summary.json"))
    #expect(!Self.files(under: folder).contains("PWNED"))
  }

  /// An output folder whose name leaves no room for the folder it is written in first
  /// is refused before the model is built, not after the run.
  @Test func outputNameTooLongIsRefusedAtOnce() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    let outcome = try Genn.run(
      ["run", "tiny.yaml", "--out", String(repeating: "o", count: 240)], in: folder)
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("its name is 240 bytes long"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("give a name of at most 2"))
    #expect(!outcome.stderr.contains("compiled"))
    #expect(Self.files(under: folder) == ["tiny.yaml"])
  }

  /// The files under `folder`, relative to it, without the runner's capture files.
  static func files(under folder: URL) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
      let name = (path as NSString).lastPathComponent
      if exists && !isDirectory.boolValue && !name.hasPrefix(".stdout-")
        && !name.hasPrefix(".stderr-")
      {
        files.append(path)
      }
    }
    return files.sorted()
  }
}
